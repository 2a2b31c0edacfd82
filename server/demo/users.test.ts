import { describe, expect, it } from 'vitest'
import { createApiApp } from '../api.ts'
import { loadConfig } from '../config.ts'
import { generateUsers } from './data.ts'

interface UsersPage {
  total_items: number
  users: { id: string; is_guest_user: boolean }[]
}

const SEED = 7
const COUNT = 237

function makeApp(env: Record<string, string> = {}) {
  const config = loadConfig({ LOG_LEVEL: 'silent', DEMO_SEED: String(SEED), DEMO_USERS: String(COUNT), ...env })
  return createApiApp(config)
}

function getUsers(app: ReturnType<typeof makeApp>, query: string, tenant = 'demo', key = 'demo-key') {
  return app.request(`/api/bluedolphin/users${query}`, { headers: { 'x-api-key': key, tenant } })
}

/** The app's strategy: ask for take+1 and keep the extra user as the next (inclusive) cursor. */
async function readAll(app: ReturnType<typeof makeApp>, take: number, guests: boolean, tenant = 'demo') {
  const ids: string[] = []
  let cursor: string | undefined
  let requests = 0
  for (;;) {
    const params = new URLSearchParams({ take: String(take + 1), include_guests: String(guests) })
    if (cursor) params.set('start_with', cursor)
    const response = await getUsers(app, `?${params}`, tenant)
    expect(response.status).toBe(200)
    const body = (await response.json()) as UsersPage
    expect(body.total_items).toBe(body.users.length)
    requests++
    ids.push(...body.users.slice(0, take).map((user) => user.id))
    if (body.users.length <= take) return { ids, requests }
    cursor = body.users[take]!.id
  }
}

describe('demo Users API', () => {
  it.each([
    [10, false],
    [10, true],
    [1, true],
    [100, false],
    [COUNT, true],
  ])('pages through every user exactly once (take %i, guests %s)', async (take, guests) => {
    const expected = generateUsers(SEED, COUNT)
      .filter((user) => guests || !user.is_guest_user)
      .map((user) => user.id)
    const { ids, requests } = await readAll(makeApp(), take, guests)
    expect(ids).toEqual(expected)
    expect(new Set(ids).size).toBe(ids.length)
    expect(requests).toBeLessThanOrEqual(Math.ceil(expected.length / take) + 1)
  })

  it('generates unique, unsorted 24-hex ids with about a fifth guests', () => {
    const users = generateUsers(42, 1250)
    const ids = users.map((user) => user.id)
    expect(ids.every((id) => /^[0-9a-f]{24}$/.test(id))).toBe(true)
    expect(new Set(ids).size).toBe(1250)
    expect(ids).not.toEqual([...ids].sort())
    const guests = users.filter((user) => user.is_guest_user).length
    expect(guests).toBeGreaterThan(1250 * 0.15)
    expect(guests).toBeLessThan(1250 * 0.25)
    expect(generateUsers(42, 1250)).toEqual(users)
  })

  it('defaults to 100 users without guests and starts with the cursor user', async () => {
    const app = makeApp()
    const first = (await (await getUsers(app, '')).json()) as UsersPage
    expect(first.users).toHaveLength(100)
    expect(first.users.some((user) => user.is_guest_user)).toBe(false)
    const third = first.users[2]!.id
    const page = (await (await getUsers(app, `?start_with=${third}&take=2`)).json()) as UsersPage
    expect(page.users.map((user) => user.id)).toEqual([third, first.users[3]!.id])
    const none = (await (await getUsers(app, '?take=0')).json()) as UsersPage
    expect(none).toEqual({ total_items: 0, users: [] })
  })

  it.each([
    ['?take=', 'take', 'take is empty or incorrect'],
    ['?take=abc', 'take', 'take is empty or incorrect'],
    ['?take=1.5', 'take', 'take is empty or incorrect'],
    ['?take=-1', 'take', 'take is not 0 or greater'],
    ['?include_guests=yes', 'include_guests', 'include_guests is empty or incorrect'],
    ['?include_guests=', 'include_guests', 'include_guests is empty or incorrect'],
    ['?start_with=', 'start_with', 'start_with is empty or incorrect'],
    ['?start_with=xyz', 'start_with', 'start_with is empty or incorrect'],
    ['?start_with=ffffffffffffffffffffffff', 'start_with', 'start_with value not found'],
  ])('answers 400 for %s', async (query, field, message) => {
    const response = await getUsers(makeApp(), query)
    expect(response.status).toBe(400)
    expect(response.headers.get('Content-Type')).toContain('application/problem+json')
    const body = (await response.json()) as { status: number; errors: Record<string, string[]> }
    expect(body.status).toBe(400)
    expect(body.errors[field]).toEqual([message])
  })

  it('accepts include_guests in any case', async () => {
    expect((await getUsers(makeApp(), '?include_guests=TRUE')).status).toBe(200)
  })

  it('does not find a guest as cursor when guests are excluded', async () => {
    const guest = generateUsers(SEED, COUNT).find((user) => user.is_guest_user)!
    expect((await getUsers(makeApp(), `?start_with=${guest.id}&include_guests=true`)).status).toBe(200)
    expect((await getUsers(makeApp(), `?start_with=${guest.id}`)).status).toBe(400)
  })

  it.each([
    ['no key', undefined, 'demo', 'x-api-key', 'API key header missing or empty'],
    ['no tenant', 'demo-key', undefined, 'tenant', 'Tenant header missing or empty'],
    ['a wrong key', 'nope', 'demo', 'x-api-key', 'Invalid API key'],
    ['a wrong tenant', 'demo-key', 'other', 'tenant', 'Invalid tenant'],
  ])('answers 401 problem details for %s', async (_case, key, tenant, field, message) => {
    const headers: Record<string, string> = {}
    if (key) headers['x-api-key'] = key
    if (tenant) headers.tenant = tenant
    const response = await makeApp().request('/api/bluedolphin/users', { headers })
    expect(response.status).toBe(401)
    expect(await response.json()).toMatchObject({
      type: 'https://tools.ietf.org/html/rfc7235#section-3.1',
      title: 'One or more validation errors occurred',
      status: 401,
      errors: { [field]: [message] },
    })
  })

  it('answers 403 for the viewer key, naming both causes', async () => {
    const response = await getUsers(makeApp(), '', 'demo', 'demo-viewer-key')
    expect(response.status).toBe(403)
    const body = (await response.json()) as { title: string; detail: string }
    expect(body.title).toBe('Forbidden')
    expect(body.detail).toMatch(/administrator/)
    expect(body.detail).toMatch(/Public API add-on/)
  })
})
