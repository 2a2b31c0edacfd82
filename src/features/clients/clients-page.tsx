import { useQuery, type UseQueryResult } from '@tanstack/react-query'
import { useTable, type ReactTable, type Row, type SortingState, type Updater } from '@tanstack/react-table'
import { useEffect, useMemo } from 'react'
import { DataTable } from '../../components/data-table'
import { ErrorPanel, MissingCredentials } from '../../components/error-panel'
import { LoadingRows, SkippedNote } from '../../components/list-states'
import { PageHeading } from '../../components/page-title'
import { useRowLinkClick } from '../../components/row-link'
import { SearchBox } from '../../components/search-box'
import { sortFromParam, sortToParam, sortingFeatures } from '../../components/sorting'
import { useAccess, type Access } from '../../lib/access'
import { datedFileName, downloadCsv, toCsv } from '../../lib/csv'
import { BudgetExhausted, budgetState } from '../../lib/request-budget'
import { useUrlParams, useUrlText } from '../../lib/use-url-params'
import { budgetIdFor, clientsQueryOptions, isRateLimited, type ClientsList } from './api'
import type { Client } from './client-model'
import { matchClients, prepareSearch } from './client-search'
import { ClientsToolbar } from './clients-toolbar'
import { setListSearch } from './list-return'
import { CLIENT_SORT_IDS, clientsColumns, clientsWidths } from './clients-columns'
import { useLocale } from '../../i18n/locale'
import { m } from '../../paraglide/messages.js'

const NO_CLIENTS: Client[] = []

const listSearchOf = (q: string, sort: string | null) => {
  const p = new URLSearchParams()
  if (q) p.set('q', q)
  if (sort) p.set('sort', sort)
  const search = p.toString()
  return search ? `?${search}` : ''
}

/** The current view (filtered and sorted), from the cached list: no request. */
function exportClients(clients: Client[]) {
  const header = ['Client ID', 'Last name', 'First name', 'Patronymic', 'Email', 'Phone', 'Created']
  const rows = clients.map((c) => [c.id, c.lastName, c.firstName, c.patronymic, c.email, c.phone, c.createdAt])
  downloadCsv(datedFileName('clients'), toCsv(header, rows))
}

export function ClientsPage() {
  const { clients: access } = useAccess()
  useLocale()
  const query = useQuery(clientsQueryOptions(access))
  const [params, updateParams] = useUrlParams()
  const sortParam = params.get('sort')
  const sorting = useMemo(() => sortFromParam(sortParam, CLIENT_SORT_IDS), [sortParam])

  const onSortingChange = (updater: Updater<SortingState>) => {
    const param = sortToParam(typeof updater === 'function' ? updater(sorting) : updater)
    updateParams((p) => (param ? p.set('sort', param) : p.delete('sort')))
  }

  const data = query.data?.clients ?? NO_CLIENTS
  const table = useTable({ features: sortingFeatures, columns: clientsColumns, data, state: { sorting }, onSortingChange, getRowId: (c) => String(c.id) })
  const sortedRows = table.getRowModel().rows
  // Each sorted row's place in the list as it arrived (and in its search index), gathered once per sort.
  const order = useMemo(() => Int32Array.from(sortedRows, (row) => row.index), [sortedRows])
  // The search index is built after the first rows are painted, not before them.
  useEffect(() => prepareSearch(data), [data])

  return (
    <section className="space-y-4">
      <PageHeading title={m.nav_clients()} />
      <ClientsView access={access} query={query} params={params} updateParams={updateParams} table={table} sortedRows={sortedRows} order={order} />
    </section>
  )
}

interface ViewProps {
  access: Access
  query: UseQueryResult<ClientsList>
  params: URLSearchParams
  updateParams: ReturnType<typeof useUrlParams>[1]
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any selected-state shape, as DataTable takes it
  table: ReactTable<typeof sortingFeatures, Client, any>
  sortedRows: Row<typeof sortingFeatures, Client>[]
  order: Int32Array
}

/**
 * The search and what it finds. The search text is this component's state, so a keystroke renders it
 * and not the page around it (the query, the table and its sort are the page's).
 */
function ClientsView({ access, query, params, updateParams, table, sortedRows, order }: ViewProps) {
  const [q, setQ] = useUrlText('q', params, updateParams)
  const openRowLink = useRowLinkClick()
  const sortParam = params.get('sort')
  useEffect(() => setListSearch(listSearchOf(q, sortParam)), [q, sortParam])

  const data = query.data?.clients ?? NO_CLIENTS
  // Filter the already-sorted rows with the list's search index (client-search.ts): a keystroke never
  // re-sorts or re-normalizes. It is a scan of one string and one pass over `order` (a millisecond or two
  // at 50,000), done in the keystroke's own render, so the rows change in the same frame as the text in
  // the box; only the rows that come into view render.
  const rows = useMemo(() => {
    const found = matchClients(data, q)
    if (!found) return sortedRows
    const matching = []
    for (let i = 0; i < order.length; i++) if (found[order[i]!]) matching.push(sortedRows[i]!)
    return matching
  }, [data, sortedRows, order, q])

  const retryAt = budgetState(budgetIdFor(access)).blockedUntil
  const rateLimited = isRateLimited(query.error)
  const total = data.length
  const filtering = q.trim() !== ''

  return (
    <>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <SearchBox label={m.search_clients()} value={q} onChange={setQ} placeholder={m.clients_placeholder()} />
        <ClientsToolbar access={access} query={query} onExport={rows.length > 0 ? () => exportClients(rows.map((r) => r.original)) : null} />
      </div>

      {!access.ready && access.missing ? (
        <MissingCredentials api="Clients" what={access.missing} />
      ) : query.isPending ? (
        <LoadingRows label={m.clients_loading()} />
      ) : query.isError && !query.data ? (
        <ErrorPanel error={query.error} retryAt={rateLimited ? retryAt : null} onRetry={() => void query.refetch()} />
      ) : (
        <>
          {query.isError && <ErrorPanel error={query.error} retryAt={rateLimited ? retryAt : null} />}
          {/* Refresh is held back once the budget is used up: say why, and when it comes back. */}
          {!query.isError && retryAt !== null && <ErrorPanel error={new BudgetExhausted(retryAt)} retryAt={retryAt} />}
          <div className="flex flex-wrap items-baseline gap-4">
            <p aria-live="polite" className="text-sm font-medium">
              {filtering ? m.clients_filtered({ shown: rows.length, count: total }) : m.clients_count({ count: total })}
            </p>
            <SkippedNote count={query.data?.skipped ?? 0} />
          </div>
          {rows.length === 0 ? (
            <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center dark:border-slate-700">
              {filtering ? m.clients_none_match({ q: q.trim() }) : m.clients_none()}
            </p>
          ) : (
            // The row links are plain anchors; this follows them in the app (components/row-link.ts).
            <div onClick={openRowLink}>
              <DataTable table={table} rows={rows} label={m.nav_clients()} widths={clientsWidths} />
            </div>
          )}
        </>
      )}
    </>
  )
}
