import type { UseQueryResult } from '@tanstack/react-query'
import type { Access } from '../../lib/access'
import { UpdatedAgo } from '../../components/updated-ago'
import { budgetState } from '../../lib/request-budget'
import { useNow } from '../../lib/use-now'
import { budgetIdFor, type ClientsList } from './api'

interface Props {
  access: Access
  query: UseQueryResult<ClientsList>
  onExport: (() => void) | null
}

/** "Updated … ago", the requests left and Refresh: the only part of the page that ticks every second. */
export function ClientsToolbar({ access, query, onExport }: Props) {
  const now = useNow(1000)
  const budget = budgetState(budgetIdFor(access), now)
  return (
    <div className="flex flex-wrap items-center gap-3">
      {query.isSuccess && <UpdatedAgo at={query.dataUpdatedAt} now={now} />}
      {access.ready && (
        <span className="muted" title={`Counted by ${budget.source === 'server' ? 'the API' : 'Roster'}; the limit is ${budget.limit} per 15 minutes.`}>
          {budget.remaining} of {budget.limit} requests left
        </span>
      )}
      <button type="button" className="btn" onClick={() => void query.refetch()} disabled={!access.ready || query.isFetching || budget.blockedUntil !== null}>
        Refresh
      </button>
      <button type="button" className="btn" disabled={!onExport} onClick={onExport ?? undefined}>
        Export CSV
      </button>
    </div>
  )
}
