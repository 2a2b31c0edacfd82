import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query'
import { useTable, type SortingState, type Updater } from '@tanstack/react-table'
import { useDeferredValue, useEffect, useId, useMemo, useRef, useState } from 'react'
import { DataTable } from '../../components/data-table'
import { ErrorPanel, MissingCredentials } from '../../components/error-panel'
import { LoadingRows, SkippedNote } from '../../components/list-states'
import { PageHeading } from '../../components/page-title'
import { SearchBox } from '../../components/search-box'
import { UpdatedAgo } from '../../components/updated-ago'
import { sortFromParam, sortToParam, sortingFeatures } from '../../components/sorting'
import { useAccess } from '../../lib/access'
import { datedFileName, downloadCsv, toCsv } from '../../lib/csv'
import { isApiError } from '../../lib/http'
import { matchesWords, parseSearch } from '../../lib/text'
import { useUrlParams, useUrlText } from '../../lib/use-url-params'
import { DEFAULT_PAGE_SIZE, PAGE_SIZES, flattenPages, usersInfiniteQueryOptions, type PageSize } from './api'
import type { User } from './user-model'
import { USER_SORT_IDS, usersColumns, usersWidths } from './users-columns'
import { useLocale } from '../../i18n/locale'
import { m } from '../../paraglide/messages.js'

/** The loaded users as filtered and sorted on screen: no request. */
function exportUsers(users: User[]) {
  const rows = users.map((u) => [u.id, u.firstName, u.lastName, u.isGuest ? 'Guest' : 'Member'])
  downloadCsv(datedFileName('users'), toCsv(['ID', 'First name', 'Last name', 'Type'], rows))
}

const pageSizeFrom = (raw: string | null): PageSize => PAGE_SIZES.find((s) => String(s) === raw) ?? DEFAULT_PAGE_SIZE

export function UsersPage() {
  const { users: access } = useAccess()
  useLocale()
  const queryClient = useQueryClient()
  const [params, updateParams] = useUrlParams()
  const includeGuests = params.get('guests') === '1'
  const pageSize = pageSizeFrom(params.get('take'))
  const sortParam = params.get('sort')
  const sorting = useMemo(() => sortFromParam(sortParam, USER_SORT_IDS), [sortParam])
  const [q, setQ] = useUrlText('q', params, updateParams)
  const deferredQ = useDeferredValue(q)
  const options = usersInfiniteQueryOptions(access, { pageSize, includeGuests })
  const query = useInfiniteQuery(options)
  const [loadAll, setLoadAll] = useState<{ pages: number } | null>(null)
  const cancelled = useRef(false)
  // Leaving the page stops Load all: the query observer would otherwise keep fetching in the background.
  useEffect(() => () => void (cancelled.current = true), [])
  const pageSizeId = useId()

  // A new guests or page-size choice starts from the first page, also when that list was loaded before.
  const restartWith = (change: (p: URLSearchParams) => void) => {
    cancelled.current = true
    // Every list of this screen goes, the one on screen too: coming back to it later starts it afresh.
    // (The observer keeps its last data, so the old rows stay visible, dimmed, until page one arrives.)
    queryClient.removeQueries({ queryKey: ['users', 'infinite'] })
    updateParams(change)
  }
  const onSortingChange = (updater: Updater<SortingState>) => {
    const param = sortToParam(typeof updater === 'function' ? updater(sorting) : updater)
    updateParams((p) => (param ? p.set('sort', param) : p.delete('sort')))
  }

  const { users, skipped } = useMemo(() => flattenPages(query.data?.pages), [query.data])
  const table = useTable({ features: sortingFeatures, columns: usersColumns, data: users, state: { sorting }, onSortingChange, getRowId: (u) => u.id })
  const sortedRows = table.getRowModel().rows
  const rows = useMemo(() => {
    const search = parseSearch(deferredQ)
    return search.empty ? sortedRows : sortedRows.filter((row) => matchesWords(row.original.searchKey, search.words))
  }, [sortedRows, deferredQ])

  const busy = query.isFetching
  const loadMore = () => {
    if (!busy) void query.fetchNextPage({ cancelRefetch: false })
  }
  const startLoadAll = async () => {
    cancelled.current = false
    let pages = 0
    setLoadAll({ pages })
    let result = await query.fetchNextPage({ cancelRefetch: false })
    // Stops at the end, at the first error (loaded pages stay), or when cancelled.
    while (!cancelled.current && !result.isError) {
      pages += 1
      setLoadAll({ pages })
      if (!result.hasNextPage) break
      result = await result.fetchNextPage({ cancelRefetch: false })
    }
    setLoadAll(null)
  }
  const cancelLoadAll = () => {
    cancelled.current = true
    void queryClient.cancelQueries({ queryKey: options.queryKey })
  }
  const refresh = () => {
    // Refetching an infinite query refetches every loaded page; start again from the first one instead.
    queryClient.setQueryData(options.queryKey, (data) => data && { pages: data.pages.slice(0, 1), pageParams: data.pageParams.slice(0, 1) })
    void query.refetch()
  }

  const loaded = users.length
  const ended = query.isSuccess && !query.hasNextPage
  const nextPageFailed = query.isFetchNextPageError

  return (
    <section className="space-y-4">
      <PageHeading title={m.nav_users()} />
      <div className="flex flex-wrap items-end gap-x-6 gap-y-3">
        <SearchBox label={m.search_users()} value={q} onChange={setQ} placeholder={m.users_placeholder()} hint={m.users_searching({ count: loaded })} />
        <label className="flex items-center gap-2 text-sm font-medium">
          <input type="checkbox" className="size-4" checked={includeGuests} onChange={(e) => restartWith((p) => (e.target.checked ? p.set('guests', '1') : p.delete('guests')))} />
          {m.include_guests()}
        </label>
        <div className="space-y-1">
          <label htmlFor={pageSizeId} className="block text-sm font-medium">
            {m.page_size()}
          </label>
          <select id={pageSizeId} className="input w-24" value={pageSize} onChange={(e) => restartWith((p) => (Number(e.target.value) === DEFAULT_PAGE_SIZE ? p.delete('take') : p.set('take', e.target.value)))}>
            {PAGE_SIZES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div className="ml-auto flex flex-wrap items-center gap-3">
          {query.isSuccess && <UpdatedAgo at={query.dataUpdatedAt} />}
          <button type="button" className="btn" onClick={refresh} disabled={!access.ready || busy}>
            {m.refresh()}
          </button>
          <button type="button" className="btn whitespace-nowrap" disabled={rows.length === 0} onClick={() => exportUsers(rows.map((r) => r.original))}>
            {m.export_csv()}
          </button>
        </div>
      </div>

      {!access.ready && access.missing ? (
        <MissingCredentials api="BlueDolphin" what={access.missing} />
      ) : query.isPending ? (
        <LoadingRows label={m.users_loading()} />
      ) : query.isError && !query.data ? (
        <ErrorPanel error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <>
          {/* A failed Refresh keeps the list on screen, and says why it is not fresh. */}
          {query.isRefetchError && <ErrorPanel error={query.error} onRetry={refresh} />}
          <div className="flex flex-wrap items-baseline gap-4">
            <p aria-live="polite" className="text-sm font-medium">
              {m.users_loaded({ count: loaded })}
            </p>
            <SkippedNote count={skipped} />
          </div>
          {loaded > 0 && rows.length === 0 && <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center dark:border-slate-700">{m.users_none_match({ q: deferredQ.trim() })}</p>}
          {rows.length > 0 && <DataTable table={table} rows={rows} label={m.nav_users()} widths={usersWidths} dimmed={query.isPlaceholderData} />}
          {nextPageFailed &&
            // A 400 means the cursor itself is gone (its user was deleted): only starting over can help.
            (isApiError(query.error) && query.error.status === 400 ? (
              <ErrorPanel error={query.error} onRetry={refresh} retryLabel={m.start_again()} />
            ) : (
              <ErrorPanel error={query.error} onRetry={loadMore} retryLabel={m.retry()} />
            ))}
          <div className="flex flex-wrap items-center gap-3">
            {ended ? (
              <p className="font-medium">{loaded === 0 ? m.users_none() : m.users_all_loaded()}</p>
            ) : loadAll ? (
              <>
                <progress aria-label={m.users_loading_all()} className="h-2 w-48" />
                <span className="text-sm" role="status">
                  {m.users_loaded({ count: loaded })}, {m.pages_fetched({ count: loadAll.pages })}
                </span>
                <button type="button" className="btn" onClick={cancelLoadAll}>
                  {m.cancel()}
                </button>
              </>
            ) : (
              !nextPageFailed && (
                <>
                  <button type="button" className="btn btn-primary" onClick={loadMore} disabled={busy}>
                    {m.load_more()}
                  </button>
                  <button type="button" className="btn" onClick={() => void startLoadAll()} disabled={busy}>
                    {m.load_all()}
                  </button>
                </>
              )
            )}
          </div>
        </>
      )}
    </section>
  )
}
