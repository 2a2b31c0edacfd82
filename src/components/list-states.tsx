import { m } from '../paraglide/messages.js'

/** Loading state of a list: a status region with skeleton rows, so the layout doesn't jump when data arrives. */
export function LoadingRows({ label, rows = 8 }: { label: string; rows?: number }) {
  return (
    <div role="status" aria-live="polite" className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
      <span className="sr-only">{label}</span>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="flex animate-pulse items-center gap-3" aria-hidden="true">
          <div className="size-8 rounded-full bg-slate-200 dark:bg-slate-700" />
          <div className="h-3 w-1/3 rounded bg-slate-200 dark:bg-slate-700" />
          <div className="h-3 w-1/4 rounded bg-slate-200 dark:bg-slate-700" />
        </div>
      ))}
    </div>
  )
}

export function SkippedNote({ count }: { count: number }) {
  if (count === 0) return null
  return (
    <p className="text-sm text-amber-800 dark:text-amber-300">
      {m.skipped_records({ count })}
    </p>
  )
}
