import { useQuery } from '@tanstack/react-query'
import { useTable, type SortingState, type Updater } from '@tanstack/react-table'
import { useDeferredValue, useMemo, useState } from 'react'
import { useSearchParams } from 'react-router-dom'
import { DataTable } from '../../components/data-table'
import { ErrorPanel, MissingCredentials } from '../../components/error-panel'
import { LoadingRows, SkippedNote } from '../../components/list-states'
import { PageHeading } from '../../components/page-title'
import { SearchBox } from '../../components/search-box'
import { sortFromParam, sortToParam, sortingFeatures } from '../../components/sorting'
import { useAccess } from '../../lib/access'
import { datedFileName, downloadCsv, toCsv } from '../../lib/csv'
import { formatRelative } from '../../lib/format'
import { BudgetExhausted, budgetState } from '../../lib/request-budget'
import { useNow } from '../../lib/use-now'
import { budgetIdFor, clientsQueryOptions, isRateLimited } from './api'
import type { Client } from './client-model'
import { clientMatcher } from './client-search'
import { CLIENT_SORT_IDS, clientsColumns, clientsWidths } from './clients-columns'

const NO_CLIENTS: Client[] = []

/** The current view (filtered and sorted), from the cached list: no request. */
function exportClients(clients: Client[]) {
  const header = ['Client ID', 'Last name', 'First name', 'Patronymic', 'Email', 'Phone', 'Created']
  const rows = clients.map((c) => [c.id, c.lastName, c.firstName, c.patronymic, c.email, c.phone, c.createdAt])
  downloadCsv(datedFileName('clients'), toCsv(header, rows))
}

export function ClientsPage() {
  const { clients: access } = useAccess()
  const query = useQuery(clientsQueryOptions(access))
  const [params, setParams] = useSearchParams()
  const [q, setQ] = useState(() => params.get('q') ?? '')
  const deferredQ = useDeferredValue(q)
  const sorting = useMemo(() => sortFromParam(params.get('sort'), CLIENT_SORT_IDS), [params])
  const now = useNow(1000)

  // Typing keeps its own state; a click (checkbox, select, sort) must show its new state at once,
  // not when React Router's transition commits, so those flush synchronously.
  const updateParams = (change: (p: URLSearchParams) => void, flushSync = true) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev)
        change(next)
        return next
      },
      { replace: true, flushSync },
    )
  const onSearch = (value: string) => {
    setQ(value)
    updateParams((p) => (value ? p.set('q', value) : p.delete('q')), false)
  }
  const onSortingChange = (updater: Updater<SortingState>) => {
    const next = typeof updater === 'function' ? updater(sorting) : updater
    const param = sortToParam(next)
    updateParams((p) => (param ? p.set('sort', param) : p.delete('sort')))
  }

  const data = query.data?.clients ?? NO_CLIENTS
  const table = useTable({ features: sortingFeatures, columns: clientsColumns, data, state: { sorting }, onSortingChange, getRowId: (c) => String(c.id) })
  const sortedRows = table.getRowModel().rows
  // Filter the already-sorted rows with precomputed keys: a keystroke never re-sorts or re-normalizes.
  const rows = useMemo(() => {
    const match = clientMatcher(deferredQ)
    return match ? sortedRows.filter((row) => match(row.original)) : sortedRows
  }, [sortedRows, deferredQ])

  const budget = budgetState(budgetIdFor(access), now)
  const rateLimited = isRateLimited(query.error)
  const retryAt = budget.blockedUntil
  const total = data.length
  const filtering = deferredQ.trim() !== ''

  return (
    <section className="space-y-4">
      <PageHeading title="Clients" />
      <div className="flex flex-wrap items-end justify-between gap-4">
        <SearchBox label="Search clients" value={q} onChange={onSearch} placeholder="Name, email or phone" />
        <div className="flex flex-wrap items-center gap-3">
          {query.isSuccess && (
            <span className="muted" title={new Date(query.dataUpdatedAt).toLocaleString()}>
              Updated {formatRelative(query.dataUpdatedAt, now)}
            </span>
          )}
          {access.ready && (
            <span className="muted" title={`Counted by ${budget.source === 'server' ? 'the API' : 'Roster'}; the limit is ${budget.limit} per 15 minutes.`}>
              {budget.remaining} of {budget.limit} requests left
            </span>
          )}
          <button type="button" className="btn" onClick={() => void query.refetch()} disabled={!access.ready || query.isFetching || retryAt !== null}>
            Refresh
          </button>
          <button type="button" className="btn" disabled={rows.length === 0} onClick={() => exportClients(rows.map((r) => r.original))}>
            Export CSV
          </button>
        </div>
      </div>

      {!access.ready && access.missing ? (
        <MissingCredentials api="Clients" what={access.missing} />
      ) : query.isPending ? (
        <LoadingRows label="Loading clients…" />
      ) : query.isError && !query.data ? (
        <ErrorPanel error={query.error} retryAt={rateLimited ? retryAt : null} onRetry={() => void query.refetch()} />
      ) : (
        <>
          {query.isError && <ErrorPanel error={query.error} retryAt={rateLimited ? retryAt : null} />}
          {/* Refresh is held back once the budget is used up: say why, and when it comes back. */}
          {!query.isError && retryAt !== null && <ErrorPanel error={new BudgetExhausted(retryAt)} retryAt={retryAt} />}
          <div className="flex flex-wrap items-baseline gap-4">
            <p aria-live="polite" className="text-sm font-medium">
              {filtering ? `${rows.length.toLocaleString()} of ${total.toLocaleString()} clients` : `${total.toLocaleString()} clients`}
            </p>
            <SkippedNote count={query.data?.skipped ?? 0} />
          </div>
          {rows.length === 0 ? (
            <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center dark:border-slate-700">
              {filtering ? `No clients match "${deferredQ.trim()}"` : 'No clients yet'}
            </p>
          ) : (
            <DataTable table={table} rows={rows} label="Clients" widths={clientsWidths} dimmed={deferredQ !== q} />
          )}
        </>
      )}
    </section>
  )
}
