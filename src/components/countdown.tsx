import { useNow } from '../lib/use-now'
import { m as msg } from '../paraglide/messages.js'

export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000))
  const min = Math.floor(total / 60)
  const s = total % 60
  return min > 0 ? msg.duration_min_s({ m: min, s: String(s).padStart(2, '0') }) : msg.duration_s({ s })
}

/** "Try again in 4 min 05 s", ticking; `onDone` is not needed: the parent re-renders from the same clock. */
export function Countdown({ until }: { until: number }) {
  const now = useNow(1000, true)
  const left = until - now
  return left > 0 ? (
    <span className="tabular-nums">{msg.try_again_in({ time: formatDuration(left) })}</span>
  ) : (
    <span>{msg.can_try_again()}</span>
  )
}
