import type { UseQueryResult } from '@tanstack/react-query'
import type { Access } from '../../lib/access'
import { UpdatedAgo } from '../../components/updated-ago'
import { budgetState } from '../../lib/request-budget'
import { useNow } from '../../lib/use-now'
import { budgetIdFor, type ClientsList } from './api'
import { useLocale } from '../../i18n/locale'
import { formatNumber } from '../../lib/format'
import { m } from '../../paraglide/messages.js'

interface Props {
  access: Access
  query: UseQueryResult<ClientsList>
  onExport: (() => void) | null
}

/** "Updated … ago", the requests left and Refresh: the only part of the page that ticks every second. */
export function ClientsToolbar({ access, query, onExport }: Props) {
  const now = useNow(1000)
  useLocale()
  const budget = budgetState(budgetIdFor(access), now)
  return (
    <div className="flex flex-wrap items-center gap-3">
      {query.isSuccess && <UpdatedAgo at={query.dataUpdatedAt} now={now} />}
      {access.ready && (
        <span className="muted" title={(budget.source === 'server' ? m.requests_counted_api : m.requests_counted_roster)({ limit: formatNumber(budget.limit) })}>
          {m.requests_left({ remaining: formatNumber(budget.remaining), limit: formatNumber(budget.limit) })}
        </span>
      )}
      <button type="button" className="btn" onClick={() => void query.refetch()} disabled={!access.ready || query.isFetching || budget.blockedUntil !== null}>
        {m.refresh()}
      </button>
      <button type="button" className="btn whitespace-nowrap" disabled={!onExport} onClick={onExport ?? undefined}>
        {m.export_csv()}
      </button>
    </div>
  )
}
