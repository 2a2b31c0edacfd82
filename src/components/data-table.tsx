import { FlexRender, type ReactTable, type Row, type RowData } from '@tanstack/react-table'
import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useCallback, useRef } from 'react'
import type { sortingFeatures } from './sorting'
import { useLocale } from '../i18n/locale'

type Features = typeof sortingFeatures

interface Props<TData extends RowData> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any selected-state shape
  table: ReactTable<Features, TData, any>
  /** the rows to show: the table's sorted rows, filtered by the screen's search */
  rows: Row<Features, TData>[]
  label: string
  /** Tailwind width classes per column id; the layout is fixed so columns don't jump while scrolling */
  widths: Record<string, string>
  rowHeight?: number
  dimmed?: boolean
}

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const
// Pinned only below md, where the table (min 44rem) can be wider than its box: a sticky cell per row costs
// compositing work on every scroll and filter, for nothing where the whole table fits.
const PINNED_HEAD = 'max-md:sticky max-md:left-0 max-md:z-10 bg-slate-100 dark:bg-slate-800'

/**
 * One row. Memoized on the row object (TanStack keeps it across sorts and filters): when a keystroke
 * narrows the list, the rows that stay on screen are not rendered again, only the new ones.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any row data: the cells render it
const DataRow = memo(function DataRow({ row, rowIndex, height }: { row: Row<Features, any>; rowIndex: number; height: number }) {
  useLocale() // a language change renders the cells again (dates, badges)
  return (
    <tr aria-rowindex={rowIndex} className="data-row" style={{ height }}>
      {row.getAllCells().map((cell) => (
        <td key={cell.id}>
          <FlexRender cell={cell} />
        </td>
      ))}
    </tr>
  )
})

interface HeadProps<TData extends RowData> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any selected-state shape
  table: ReactTable<Features, TData, any>
  headerGroups: ReturnType<ReactTable<Features, TData>['getHeaderGroups']>
  widths: Record<string, string>
  /** each column's sort direction: the head renders again when it changes */
  sortKey: string
}

function DataTableHeadImpl<TData extends RowData>({ table, headerGroups, widths }: HeadProps<TData>) {
  useLocale()
  return (
    <thead className="sticky top-0 z-10 bg-slate-100 dark:bg-slate-800">
      {headerGroups.map((group) => (
        <tr key={group.id} aria-rowindex={1}>
          {group.headers.map((header, index) => {
            const sorted = header.column.getIsSorted()
            return (
              <th
                key={header.id}
                scope="col"
                className={`px-3 py-2 text-left font-semibold ${widths[header.column.id] ?? ''} ${index === 0 ? PINNED_HEAD : ''}`}
                aria-sort={sorted ? ARIA_SORT[sorted] : 'none'}
              >
                {header.column.getCanSort() ? (
                  <button type="button" className="inline-flex items-center gap-1 rounded hover:underline" onClick={header.column.getToggleSortingHandler()}>
                    <table.FlexRender header={header} />
                    <span aria-hidden="true" className="w-3 text-xs">
                      {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
                    </span>
                  </button>
                ) : (
                  <table.FlexRender header={header} />
                )}
              </th>
            )
          })}
        </tr>
      ))}
    </thead>
  )
}

/** The column heads: memoized like the rows, so a keystroke that filters the list leaves them alone. */
const DataTableHead = memo(
  DataTableHeadImpl,
  (a, b) => a.headerGroups === b.headerGroups && a.widths === b.widths && a.sortKey === b.sortKey,
) as typeof DataTableHeadImpl

/**
 * A semantic, virtualized table: only the rows in view (plus a few) are in the DOM, between two
 * spacer rows, so 50,000 rows scroll and filter as fast as 50. Headers are sort buttons with aria-sort.
 */
function DataTableImpl<TData extends RowData>({ table, rows, label, widths, rowHeight = 56, dimmed }: Props<TData>) {
  const scrollRef = useRef<HTMLDivElement>(null)
  // A new function per render would make the virtualizer re-measure every row (50,000 of them). Rows have
  // one fixed height and are never measured, so the virtualizer's own keys (positions) serve: a key per
  // row would only be one more call per row at every keystroke. React's keys are the rows' ids (below).
  const estimateSize = useCallback(() => rowHeight, [rowHeight])
  // TanStack Virtual hands back fresh functions each render by design; the React Compiler lint can't see that.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    overscan: 8,
  })
  const items = virtualizer.getVirtualItems()
  const top = items[0]?.start ?? 0
  const bottom = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0)
  const headerGroups = table.getHeaderGroups()
  const columnCount = headerGroups[0]?.headers.length ?? 1
  const sortKey = headerGroups.flatMap((group) => group.headers.map((header) => header.column.getIsSorted() || '')).join()

  return (
    <div
      ref={scrollRef}
      className={`max-h-[70vh] min-h-48 overflow-auto contain-content rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900 ${dimmed ? 'opacity-50' : ''}`}
      tabIndex={-1}
    >
      {/* Narrow screens scroll the table sideways; the first (name) column stays pinned. */}
      <table className="w-full min-w-[44rem] table-fixed border-collapse text-sm" aria-label={label} aria-rowcount={rows.length + 1}>
        <DataTableHead table={table} headerGroups={headerGroups} widths={widths} sortKey={sortKey} />
        <tbody>
          {top > 0 && (
            <tr aria-hidden="true">
              <td colSpan={columnCount} style={{ height: top, padding: 0 }} />
            </tr>
          )}
          {items.map((item) => {
            const row = rows[item.index]
            return row ? <DataRow key={row.id} row={row} rowIndex={item.index + 2} height={rowHeight} /> : null
          })}
          {bottom > 0 && (
            <tr aria-hidden="true">
              <td colSpan={columnCount} style={{ height: bottom, padding: 0 }} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  )
}

/**
 * Memoized: a render of the page that leaves the rows as they were (a tick of the clock, a toolbar change,
 * the Users search's urgent render) skips the table. `useTable` hands back a new wrapper object each
 * render, so it is left out of the comparison; everything it shows here (rows, sort state) arrives
 * through `rows`.
 */
export const DataTable = memo(
  DataTableImpl,
  (a, b) => a.rows === b.rows && a.label === b.label && a.widths === b.widths && a.rowHeight === b.rowHeight && a.dimmed === b.dimmed,
) as typeof DataTableImpl
