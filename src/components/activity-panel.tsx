import { useSyncExternalStore } from 'react'
import { clearActivity, getActivity, subscribeActivity } from '../lib/activity'
import { useLocale } from '../i18n/locale'
import { formatNumber, formatTime } from '../lib/format'
import { m } from '../paraglide/messages.js'

/** The recent requests per API, newest first, so a person can see why something failed. Memory only. */
export function ActivityPanel() {
  const records = useSyncExternalStore(subscribeActivity, getActivity)
  useLocale()
  const newest = [...records].reverse()
  return (
    <details className="mx-auto max-w-6xl px-4 pb-8 text-sm">
      <summary className="cursor-pointer font-medium">{m.activity_summary({ count: formatNumber(records.length) })}</summary>
      <section aria-label={m.activity()} className="mt-3 space-y-2">
        {newest.length === 0 ? (
          <p className="muted">{m.activity_none()}</p>
        ) : (
          <>
            <div className="max-h-72 overflow-auto rounded-lg border border-slate-200 dark:border-slate-800">
              <table className="w-full text-left text-xs">
                <thead className="sticky top-0 bg-slate-100 dark:bg-slate-800">
                  <tr>
                    {[m.activity_time(), m.activity_api(), m.activity_request(), m.activity_status(), m.activity_duration(), m.activity_message()].map((h) => (
                      <th key={h} scope="col" className="px-2 py-1">
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {newest.map((r) => (
                    <tr key={r.id} className="border-t border-slate-100 dark:border-slate-800">
                      <td className="px-2 py-1 whitespace-nowrap">{formatTime(r.at)}</td>
                      <td className="px-2 py-1">{r.api}</td>
                      <td className="px-2 py-1 font-mono">
                        {r.method} {r.path}
                      </td>
                      <td className="px-2 py-1">{r.status ?? '—'}</td>
                      <td className="px-2 py-1 tabular-nums">{m.activity_ms({ ms: formatNumber(Math.round(r.durationMs)) })}</td>
                      <td className="px-2 py-1 text-red-800 dark:text-red-300">{r.error ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <button type="button" className="btn" onClick={clearActivity}>
              {m.activity_clear()}
            </button>
          </>
        )}
      </section>
    </details>
  )
}
