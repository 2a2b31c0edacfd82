// Paging over BlueDolphin's inclusive `start_with` cursor (docs/api-contract.md, docs/decisions/004-inclusive-cursor.md).
//
// Each request asks for one user more than a page: that extra user is the next page's first
// user, so the next request starts *with* it and nothing is fetched twice. A response shorter
// than asked is either the end or a silent server cap — it cannot tell which — so the page is
// kept whole and one more request, starting with its last user ("overlap"), settles it: that
// user comes back first (and is dropped) followed by more, or alone, which is the end.

export interface PageParam {
  /** the id the request starts with; null for the first page (no start_with at all) */
  cursor: string | null
  /** the cursor user is already on screen: the response's first user is a repeat */
  overlap: boolean
}

export const FIRST_PAGE: PageParam = { cursor: null, overlap: false }

/** How many users to ask for: a page, the look-ahead user, and the repeated cursor user. */
export const takeFor = (param: PageParam, pageSize: number) => pageSize + 1 + (param.overlap ? 1 : 0)

function idOf(item: unknown): string | null {
  const id = item && typeof item === 'object' ? (item as { id?: unknown }).id : undefined
  return typeof id === 'string' && id !== '' ? id : null
}

export interface PageSplit<T> {
  /** the raw records to show (not yet parsed) */
  shown: T[]
  /** the next page to ask for, or null at the end */
  next: PageParam | null
}

export function splitPage<T>(raw: T[], param: PageParam, pageSize: number): PageSplit<T> {
  const body = param.overlap && raw.length > 0 && idOf(raw[0]) === param.cursor ? raw.slice(1) : raw
  const lookahead = body[pageSize]
  if (body.length > pageSize && idOf(lookahead) !== null) {
    return { shown: body.slice(0, pageSize), next: { cursor: idOf(lookahead), overlap: false } }
  }
  if (body.length === 0) return { shown: body, next: null }
  // Short (or its look-ahead unreadable): confirm the end by starting again with the last readable user.
  // Whatever follows that user comes back in that request, so it is shown (and counted) there, not twice.
  for (let i = Math.min(body.length, pageSize) - 1; i >= 0; i--) {
    const id = idOf(body[i])
    if (id !== null) return { shown: body.slice(0, i + 1), next: { cursor: id, overlap: true } }
  }
  return { shown: body, next: null }
}
