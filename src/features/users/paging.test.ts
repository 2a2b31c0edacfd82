import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApiApp } from '../../../server/api.ts'
import { loadConfig } from '../../../server/config.ts'
import type { Access } from '../../lib/access'
import { ApiError } from '../../lib/http'
import { flattenPages, getUsersPage, type PageSize, type UsersPage } from './api'
import { FIRST_PAGE, type PageParam } from './cursor'
import type { ApiUser } from './user-model'

// Drives the real paging code (getUsersPage → splitPage → flattenPages) page by page, the way
// "Load all" does, against a server behind a stubbed `fetch`: a small fake written here, or the
// built-in demo API itself.

type Fetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>

const access: Access = {
  base: '/api/bluedolphin',
  headers: { 'x-api-key': 'demo-key', tenant: 'demo' },
  ready: true,
  missing: null,
  demo: true,
  serverHeld: false,
  scope: '/api/bluedolphin|demo',
}

afterEach(() => {
  vi.unstubAllGlobals()
})

interface Loaded {
  ids: string[]
  skipped: number
  pages: UsersPage[]
  /** the URLs asked for, in order */
  requests: URL[]
}

async function loadEverything(fetch: Fetch, pageSize: PageSize, includeGuests: boolean, tenant = 'demo'): Promise<Loaded> {
  const requests: URL[] = []
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
    requests.push(new URL(String(input), 'http://roster.test'))
    return fetch(input, init)
  })
  const pages: UsersPage[] = []
  let param: PageParam | null = FIRST_PAGE
  while (param) {
    // A loop that never ends is a failure of its own, not a hung test run.
    if (pages.length > 2_000) throw new Error('paging did not end')
    const page: UsersPage = await getUsersPage({ ...access, headers: { ...access.headers, tenant } }, { pageSize, includeGuests }, param)
    pages.push(page)
    param = page.next
  }
  const { users, skipped } = flattenPages(pages)
  return { ids: users.map((u) => u.id), skipped, pages, requests }
}

/** Every id once: the number of distinct ids equals the number shown. */
const expectNoDuplicates = (ids: string[]) => expect(new Set(ids).size).toBe(ids.length)

// ---- a fake BlueDolphin /users with the inclusive start_with cursor ----

function makeUsers(count: number, seed = 1): ApiUser[] {
  let state = seed
  const random = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31
    return state / 2 ** 31
  }
  return Array.from({ length: count }, (_, i) => ({
    // Random leading bytes: the list is not sorted by id.
    id: `${Math.floor(random() * 0xffffffff).toString(16).padStart(8, '0')}${i.toString(16).padStart(16, '0')}`,
    first_name: `First${i}`,
    last_name: `Last${i}`,
    is_guest_user: random() < 0.25,
  }))
}

function problem(status: number, errors: Record<string, string[]>) {
  return new Response(JSON.stringify({ title: 'One or more validation errors occurred', status, errors }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  })
}

interface FakeOptions {
  /** answers at most this many users whatever `take` says */
  cap?: number
}

function fakeUsersApi(all: readonly unknown[], { cap = Infinity }: FakeOptions = {}): Fetch {
  return async (input) => {
    const url = new URL(String(input), 'http://roster.test')
    expect(url.pathname).toBe('/api/bluedolphin/users')
    const take = Number(url.searchParams.get('take') ?? '100')
    const guests = url.searchParams.get('include_guests') === 'true'
    const startWith = url.searchParams.get('start_with')
    if (startWith === '') return problem(400, { start_with: ['start_with is empty or incorrect'] })
    const list = all.filter((u) => guests || (u as ApiUser).is_guest_user !== true)
    let start = 0
    if (startWith !== null) {
      start = list.findIndex((u) => (u as ApiUser).id === startWith)
      if (start < 0) return problem(400, { start_with: ['start_with value not found'] })
    }
    const page = list.slice(start, start + Math.min(take, cap))
    return new Response(JSON.stringify({ total_items: page.length, users: page }), {
      headers: { 'Content-Type': 'application/json' },
    })
  }
}

const serverOrder = (all: ApiUser[], includeGuests: boolean) =>
  all.filter((u) => includeGuests || !u.is_guest_user).map((u) => u.id)

describe('paging through a fake inclusive-cursor API', () => {
  it.each([
    { n: 0, pageSize: 25 },
    { n: 1, pageSize: 25 },
    { n: 7, pageSize: 25 },
    { n: 24, pageSize: 25 },
    { n: 25, pageSize: 25 },
    { n: 26, pageSize: 25 },
    { n: 75, pageSize: 25 },
    { n: 76, pageSize: 25 },
    { n: 200, pageSize: 100 },
    { n: 250, pageSize: 100 },
    { n: 400, pageSize: 200 },
  ] as { n: number; pageSize: PageSize }[])('loads all $n users at page size $pageSize once each, in order, within ceil(N/T)+1 requests', async ({ n, pageSize }) => {
    // Everyone a member, so N is exactly the number listed.
    const all = makeUsers(n, n + 3).map((u) => ({ ...u, is_guest_user: false }))
    const { ids, requests, pages } = await loadEverything(fakeUsersApi(all), pageSize, false)
    expect(ids).toEqual(all.map((u) => u.id))
    expectNoDuplicates(ids)
    expect(pages.at(-1)?.next).toBeNull()
    expect(requests.length).toBeLessThanOrEqual(Math.ceil(n / pageSize) + 1)
    // The first page is asked for without start_with (an empty start_with= is a 400).
    expect(requests[0]?.searchParams.has('start_with')).toBe(false)
  })

  it('keeps the server order of unsorted ids', async () => {
    const all = makeUsers(130, 99).map((u) => ({ ...u, is_guest_user: false }))
    const sorted = [...all.map((u) => u.id)].sort()
    expect(all.map((u) => u.id)).not.toEqual(sorted)
    const { ids } = await loadEverything(fakeUsersApi(all), 25, false)
    expect(ids).toEqual(all.map((u) => u.id))
  })

  it.each([false, true])('lists guests only when asked to (include_guests=%s)', async (includeGuests) => {
    const all = makeUsers(180, 5)
    const guests = all.filter((u) => u.is_guest_user).length
    expect(guests).toBeGreaterThan(0)
    const { ids, requests, pages } = await loadEverything(fakeUsersApi(all), 50, includeGuests)
    const expected = serverOrder(all, includeGuests)
    expect(ids).toEqual(expected)
    expect(pages.flatMap((p) => p.users).some((u) => u.isGuest)).toBe(includeGuests)
    expect(requests.every((r) => r.searchParams.get('include_guests') === String(includeGuests))).toBe(true)
    expect(requests.length).toBeLessThanOrEqual(Math.ceil(expected.length / 50) + 1)
  })

  it.each([
    { n: 60, cap: 7, pageSize: 25 },
    { n: 7, cap: 7, pageSize: 25 },
    { n: 14, cap: 7, pageSize: 25 },
    { n: 100, cap: 2, pageSize: 25 },
    { n: 300, cap: 100, pageSize: 200 },
  ] as { n: number; cap: number; pageSize: PageSize }[])('does not stop early under a silent cap of $cap ($n users, page size $pageSize)', async ({ n, cap, pageSize }) => {
    const all = makeUsers(n, 11).map((u) => ({ ...u, is_guest_user: false }))
    const { ids, pages } = await loadEverything(fakeUsersApi(all, { cap }), pageSize, false)
    expect(ids).toEqual(all.map((u) => u.id))
    expectNoDuplicates(ids)
    expect(pages.at(-1)?.next).toBeNull()
  })

  it('refuses a page that does not start with its cursor instead of showing repeats or gaps', async () => {
    const all = makeUsers(60, 2).map((u) => ({ ...u, is_guest_user: false }))
    const inclusive = fakeUsersApi(all)
    // A server that ignores start_with and always answers from the top.
    const ignoresCursor: Fetch = (input, init) => {
      const url = new URL(String(input), 'http://roster.test')
      url.searchParams.delete('start_with')
      return inclusive(url.pathname + url.search, init)
    }
    const error = await loadEverything(ignoresCursor, 25, false).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).kind).toBe('shape')
  })

  it('counts a record without an id once, even when it falls on the look-ahead position', async () => {
    const members = makeUsers(60, 8).map((u) => ({ ...u, is_guest_user: false }))
    const all: unknown[] = [...members.slice(0, 25), { first_name: 'No', last_name: 'Id', is_guest_user: false }, ...members.slice(25)]
    const { ids, skipped } = await loadEverything(fakeUsersApi(all), 25, false)
    expect(ids).toEqual(members.map((u) => u.id))
    expect(skipped).toBe(1)
  })

  it('counts unreadable records at the very end of the list once', async () => {
    const members = makeUsers(30, 10).map((u) => ({ ...u, is_guest_user: false }))
    const all: unknown[] = [...members, { id: 17 }, { first_name: 'No id either' }]
    const { ids, skipped, pages } = await loadEverything(fakeUsersApi(all), 25, false)
    expect(ids).toEqual(members.map((u) => u.id))
    expect(skipped).toBe(2)
    expect(pages.at(-1)?.next).toBeNull()
  })

  it('counts a record that fails validation once and still lists everyone else', async () => {
    const members = makeUsers(60, 9).map((u) => ({ ...u, is_guest_user: false }))
    const broken = { ...members[30]!, is_guest_user: 'maybe' }
    const all: unknown[] = [...members.slice(0, 30), broken, ...members.slice(31)]
    const { ids, skipped } = await loadEverything(fakeUsersApi(all), 25, false)
    expect(ids).toEqual(members.filter((_, i) => i !== 30).map((u) => u.id))
    expect(skipped).toBe(1)
  })
})

describe('flattenPages', () => {
  it('lists users of overlapping pages once, in order, and adds up the skipped records', () => {
    const u = (id: string) => ({ id, firstName: id, lastName: '', isGuest: false, fullName: id, initials: '', searchKey: id })
    const pages: UsersPage[] = [
      { users: [u('a'), u('b')], skipped: 1, next: { cursor: 'b', overlap: true } },
      { users: [u('b'), u('c')], skipped: 2, next: null },
    ]
    const { users, skipped } = flattenPages(pages)
    expect(users.map((x) => x.id)).toEqual(['a', 'b', 'c'])
    expect(skipped).toBe(3)
    expect(flattenPages(undefined)).toEqual({ users: [], skipped: 0 })
  })
})

// ---- the built-in demo API (server/demo/users.ts), the same app `npm start` serves ----

function demoApi(env: Record<string, string> = {}): Fetch {
  const app = createApiApp(loadConfig({ LOG_LEVEL: 'silent', DEMO_LATENCY_MS: '0', ...env }))
  return async (input, init) => {
    const headers: Record<string, string> = {}
    new Headers(init?.headers).forEach((value, name) => {
      headers[name] = value
    })
    return app.fetch(new Request(`http://roster.test${String(input)}`, { headers }))
  }
}

/** The server's whole list in its own order, in one request. */
async function demoFullList(fetch: Fetch, tenant: string, includeGuests: boolean): Promise<string[]> {
  const response = await fetch(`/api/bluedolphin/users?take=1000000&include_guests=${includeGuests}`, {
    headers: { 'x-api-key': 'demo-key', tenant },
  })
  expect(response.status).toBe(200)
  const body = (await response.json()) as { users: ApiUser[] }
  return body.users.map((u) => u.id)
}

describe('paging through the demo API', () => {
  const api = demoApi()

  it.each([
    { tenant: 'demo+empty', pageSize: 25, guests: false },
    { tenant: 'demo+n5', pageSize: 25, guests: true },
    { tenant: 'demo+n60', pageSize: 25, guests: false },
    { tenant: 'demo+n200', pageSize: 100, guests: true },
    { tenant: 'demo+n250', pageSize: 100, guests: true },
    { tenant: 'demo', pageSize: 200, guests: false },
    { tenant: 'demo', pageSize: 100, guests: true },
  ] as { tenant: string; pageSize: PageSize; guests: boolean }[])('$tenant, page size $pageSize, guests $guests: every user once, in order, and the end', async ({ tenant, pageSize, guests }) => {
    const expected = await demoFullList(api, tenant, guests)
    const { ids, requests, pages } = await loadEverything(api, pageSize, guests, tenant)
    expect(ids).toEqual(expected)
    expectNoDuplicates(ids)
    expect(pages.at(-1)?.next).toBeNull()
    expect(requests.length).toBeLessThanOrEqual(Math.ceil(expected.length / pageSize) + 1)
  })

  it('the default demo tenant has guests, and they are left out unless asked for', async () => {
    const members = await demoFullList(api, 'demo', false)
    const everyone = await demoFullList(api, 'demo', true)
    expect(everyone).toHaveLength(1250)
    expect(members.length).toBeLessThan(everyone.length)
    const { ids } = await loadEverything(api, 100, false)
    expect(ids).toEqual(members)
  })

  it('n200 at page size 100: an exactly full last page ends with one confirming request', async () => {
    const expected = await demoFullList(api, 'demo+n200', true)
    expect(expected).toHaveLength(200)
    const { ids, requests } = await loadEverything(api, 100, true, 'demo+n200')
    expect(ids).toEqual(expected)
    expect(requests).toHaveLength(3)
  })

  it.each([
    { tenant: 'demo+cap7+n60', guests: true },
    { tenant: 'demo+cap7', guests: false },
  ])('$tenant at page size 25: a silent cap of 7 still reaches every user', async ({ tenant, guests }) => {
    const expected = await demoFullList(api, tenant.replace('+cap7', ''), guests)
    const capped = await demoFullList(api, tenant, guests)
    expect(capped).toHaveLength(7)
    const { ids, pages } = await loadEverything(api, 25, guests, tenant)
    expect(ids).toEqual(expected)
    expectNoDuplicates(ids)
    expect(pages.at(-1)?.next).toBeNull()
  })
})
