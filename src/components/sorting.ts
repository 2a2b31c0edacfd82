/* eslint-disable @typescript-eslint/no-explicit-any -- comparators serve every table */
import { createSortedRowModel, rowSortingFeature, tableFeatures, type SortFn, type SortingState } from '@tanstack/react-table'
import { collator } from '../lib/text'

// One collator for every comparison: Cyrillic and Latin names sort as people expect.
const byText: SortFn<any, any> = (a, b, id) => collator.compare(String(a.getValue(id) ?? ''), String(b.getValue(id) ?? ''))
// Unreadable numbers (NaN dates) sort after every real one, in both directions of the column.
const byNumber: SortFn<any, any> = (a, b, id) => {
  const x = Number(a.getValue(id))
  const y = Number(b.getValue(id))
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? 0 : 1) : -1
  return x - y
}

export const sortingFeatures = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { byText, byNumber },
})

/** `?sort=name` / `?sort=-created` ⇄ TanStack's SortingState (one column at a time). */
export function sortFromParam(param: string | null, allowed: readonly string[]): SortingState {
  if (!param) return []
  const desc = param.startsWith('-')
  const id = desc ? param.slice(1) : param
  return allowed.includes(id) ? [{ id, desc }] : []
}

export function sortToParam(sorting: SortingState): string | null {
  const first = sorting[0]
  return first ? `${first.desc ? '-' : ''}${first.id}` : null
}
