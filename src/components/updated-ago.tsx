import { formatRelative } from '../lib/format'
import { useNow } from '../lib/use-now'

/** "Updated 3 minutes ago", ticking on its own so the list around it does not re-render. */
export function UpdatedAgo({ at, now: given }: { at: number; now?: number }) {
  const ticking = useNow(15_000, given === undefined)
  return (
    <span className="muted" title={new Date(at).toLocaleString()}>
      Updated {formatRelative(at, given ?? ticking)}
    </span>
  )
}
