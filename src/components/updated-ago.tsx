import { formatMoment, formatRelative } from '../lib/format'
import { useNow } from '../lib/use-now'
import { m } from '../paraglide/messages.js'

/** "Updated 3 minutes ago", ticking on its own so the list around it does not re-render. */
export function UpdatedAgo({ at, now: given }: { at: number; now?: number }) {
  const ticking = useNow(15_000, given === undefined)
  // The clock is read every 15 s: data that arrived after its last reading was updated "now", not "in 1 second".
  const now = Math.max(given ?? ticking, at)
  return (
    <span className="muted" title={formatMoment(at)}>
      {m.updated_ago({ ago: formatRelative(at, now) })}
    </span>
  )
}
