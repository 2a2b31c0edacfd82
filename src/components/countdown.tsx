import { useNow } from '../lib/use-now'

export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000))
  const m = Math.floor(total / 60)
  const s = total % 60
  return m > 0 ? `${m} min ${String(s).padStart(2, '0')} s` : `${s} s`
}

/** "Try again in 4 min 05 s", ticking; `onDone` is not needed: the parent re-renders from the same clock. */
export function Countdown({ until }: { until: number }) {
  const now = useNow(1000, true)
  const left = until - now
  return left > 0 ? (
    <span>
      Try again in <span className="font-mono tabular-nums">{formatDuration(left)}</span>.
    </span>
  ) : (
    <span>You can try again now.</span>
  )
}
