import { infiniteQueryOptions, keepPreviousData } from '@tanstack/react-query'
import * as v from 'valibot'
import type { Access } from '../../lib/access'
import { ApiError, fetchJson } from '../../lib/http'
import { parseRecords } from '../../lib/parse'
import { FIRST_PAGE, splitPage, takeFor, type PageParam } from './cursor'
import { toUser, type ApiUser, type User } from './user-model'

// null or a missing key reads as '' (valibot's object passes the default for a missing key).
const text = v.nullish(v.string(), '')

export const apiUserSchema: v.GenericSchema<unknown, ApiUser> = v.object({
  id: v.pipe(v.string(), v.minLength(1)),
  first_name: text,
  last_name: text,
  is_guest_user: v.boolean(),
})

// `total_items` counts this response only (not the tenant), so nothing relies on it.
const envelopeSchema = v.object({ users: v.array(v.unknown()) })

export const PAGE_SIZES = [25, 50, 100, 200] as const
export type PageSize = (typeof PAGE_SIZES)[number]
export const DEFAULT_PAGE_SIZE: PageSize = 100

export interface UsersParams {
  pageSize: PageSize
  includeGuests: boolean
}

export interface UsersPage {
  users: User[]
  skipped: number
  next: PageParam | null
}

export async function getUsersPage(access: Access, params: UsersParams, page: PageParam, signal?: AbortSignal): Promise<UsersPage> {
  const { data } = await fetchJson({
    api: 'BlueDolphin',
    base: access.base,
    path: '/users',
    // The first page is asked for without start_with: an empty start_with= is a 400.
    query: { start_with: page.cursor ?? undefined, take: takeFor(page, params.pageSize), include_guests: params.includeGuests },
    headers: access.headers,
    schema: envelopeSchema,
    signal,
  })
  const first = data.users[0] as { id?: unknown } | undefined
  if (page.cursor !== null && first !== undefined && first.id !== page.cursor) {
    // An inclusive cursor always comes back first; anything else would make gaps or repeats.
    throw new ApiError({
      kind: 'shape',
      api: 'BlueDolphin',
      host: new URL(access.base, window.location.origin).host,
      detail: 'The page did not start with the user it was asked to start with (start_with is inclusive).',
    })
  }
  const { shown, next } = splitPage(data.users, page, params.pageSize)
  const { records, skipped } = parseRecords(shown, apiUserSchema)
  return { users: records.map(toUser), skipped, next }
}

export const usersInfiniteQueryOptions = (access: Access, params: UsersParams) =>
  // eslint-disable-next-line @tanstack/query/exhaustive-deps -- the API key must stay out of the key
  infiniteQueryOptions({
    // The tenant and base URL are in `scope`; the API key never is (saving settings removes ['users']).
    queryKey: ['users', 'infinite', { scope: access.scope, pageSize: params.pageSize, includeGuests: params.includeGuests }],
    queryFn: ({ pageParam, signal }) => getUsersPage(access, params, pageParam, signal),
    initialPageParam: FIRST_PAGE,
    getNextPageParam: (last) => last.next ?? undefined,
    enabled: access.ready,
    staleTime: 10 * 60_000,
    // Changing guests or page size keeps the old list on screen, dimmed, until the new first page arrives.
    placeholderData: keepPreviousData,
  })

/** All loaded users once each, in server order: pages can overlap when the server caps silently. */
export function flattenPages(pages: UsersPage[] | undefined): { users: User[]; skipped: number } {
  const seen = new Set<string>()
  const users: User[] = []
  let skipped = 0
  for (const page of pages ?? []) {
    skipped += page.skipped
    for (const user of page.users) {
      if (seen.has(user.id)) continue
      seen.add(user.id)
      users.push(user)
    }
  }
  return { users, skipped }
}
