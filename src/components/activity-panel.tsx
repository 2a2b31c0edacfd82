import { useSyncExternalStore } from 'react'
import { clearActivity, getActivity, subscribeActivity } from '../lib/activity'

const time = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' })

/** The recent requests per API, newest first, so a person can see why something failed. Memory only. */
export function ActivityPanel() {
  const records = useSyncExternalStore(subscribeActivity, getActivity)
  const newest = [...records].reverse()
  return (
    <details className="mx-auto max-w-6xl px-4 pb-8 text-sm">
      <summary className="cursor-pointer font-medium">Activity ({records.length})</summary>
      <section aria-label="Activity" className="mt-3 space-y-2">
        {newest.length === 0 ? (
          <p className="muted">No requests yet.</p>
        ) : (
          <>
            <div className="max-h-72 overflow-auto rounded-lg border border-slate-200 dark:border-slate-800">
              <table className="w-full text-left text-xs">
                <thead className="sticky top-0 bg-slate-100 dark:bg-slate-800">
                  <tr>
                    {['Time', 'API', 'Request', 'Status', 'Duration', 'Message'].map((h) => (
                      <th key={h} scope="col" className="px-2 py-1">
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {newest.map((r) => (
                    <tr key={r.id} className="border-t border-slate-100 dark:border-slate-800">
                      <td className="px-2 py-1 whitespace-nowrap">{time.format(r.at)}</td>
                      <td className="px-2 py-1">{r.api}</td>
                      <td className="px-2 py-1 font-mono">
                        {r.method} {r.path}
                      </td>
                      <td className="px-2 py-1">{r.status ?? '—'}</td>
                      <td className="px-2 py-1 tabular-nums">{Math.round(r.durationMs)} ms</td>
                      <td className="px-2 py-1 text-red-800 dark:text-red-300">{r.error ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <button type="button" className="btn" onClick={clearActivity}>
              Clear activity
            </button>
          </>
        )}
      </section>
    </details>
  )
}
