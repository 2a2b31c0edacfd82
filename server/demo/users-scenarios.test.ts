import { describe, expect, it } from 'vitest'
import { createApiApp } from '../api.ts'
import { loadConfig } from '../config.ts'
import { generateUsers } from './data.ts'

interface UsersPage {
  total_items: number
  users: { id: unknown; first_name: unknown; is_guest_user: unknown }[]
}

function makeApp() {
  return createApiApp(loadConfig({ LOG_LEVEL: 'silent', DEMO_USERS: '300' }))
}

function getUsers(app: ReturnType<typeof makeApp>, tenant: string, query = '') {
  return app.request(`/api/bluedolphin/users${query}`, { headers: { 'x-api-key': 'demo-key', tenant } })
}

describe('demo Users API scenario flags (tenant demo+flag)', () => {
  it('n<N> gives N users (guests included) and ignores unknown flags', async () => {
    const response = await getUsers(makeApp(), 'demo+n12+whatever', '?include_guests=true&take=100')
    const body = (await response.json()) as UsersPage
    expect(body.users.map((user) => user.id)).toEqual(generateUsers(42, 12).map((user) => user.id))
  })

  it('empty gives a tenant with no users', async () => {
    const response = await getUsers(makeApp(), 'demo+empty', '?include_guests=true')
    expect(await response.json()).toEqual({ total_items: 0, users: [] })
  })

  it('cap<N> silently returns at most N users', async () => {
    const body = (await (await getUsers(makeApp(), 'demo+cap7', '?take=50')).json()) as UsersPage
    expect(body.users).toHaveLength(7)
    expect(body.total_items).toBe(7)
  })

  it('lostcursor answers 400 "start_with value not found" to any cursor', async () => {
    const app = makeApp()
    const first = (await (await getUsers(app, 'demo+lostcursor', '?take=3')).json()) as UsersPage
    const response = await getUsers(app, 'demo+lostcursor', `?take=3&start_with=${String(first.users[2]!.id)}`)
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ errors: { start_with: ['start_with value not found'] } })
  })

  it('fail<P> fails the P-th cursor request once, counted per tenant string', async () => {
    const app = makeApp()
    const tenant = 'demo+fail2+t1'
    const first = (await (await getUsers(app, tenant, '?take=3')).json()) as UsersPage
    const cursor = `?take=3&start_with=${String(first.users[2]!.id)}`
    expect((await getUsers(app, tenant, cursor)).status).toBe(200)
    const failed = await getUsers(app, tenant, cursor)
    expect(failed.status).toBe(500)
    expect(failed.headers.get('Content-Type')).toContain('application/problem+json')
    expect((await getUsers(app, tenant, cursor)).status).toBe(200)
    // Another test's tenant string has its own count.
    expect((await getUsers(app, 'demo+fail2+t2', cursor)).status).toBe(200)
  })

  it('html403 answers 403 with an HTML page', async () => {
    const response = await getUsers(makeApp(), 'demo+html403')
    expect(response.status).toBe(403)
    expect(response.headers.get('Content-Type')).toContain('text/html')
    expect(await response.text()).toContain('<html>')
  })

  it('shape answers 200 with a body that is not the documented shape', async () => {
    const response = await getUsers(makeApp(), 'demo+shape')
    expect(response.status).toBe(200)
    expect(await response.json()).not.toHaveProperty('users')
  })

  it('hostile gives at least 30 records, mostly valid, some deliberately not', async () => {
    const body = (await (await getUsers(makeApp(), 'demo+hostile', '?include_guests=true')).json()) as UsersPage
    expect(body.users.length).toBeGreaterThanOrEqual(30)
    const valid = body.users.filter(
      (user) => typeof user.id === 'string' && /^[0-9a-f]{24}$/i.test(user.id) && typeof user.is_guest_user === 'boolean',
    )
    expect(valid.length).toBeGreaterThan(body.users.length / 2)
    expect(valid.length).toBeLessThan(body.users.length)
    expect(body.users.some((user) => String(user.first_name).includes('<img'))).toBe(true)
  })

  it('slow<ms> delays the answer', async () => {
    const started = Date.now()
    await getUsers(makeApp(), 'demo+slow150', '?take=1')
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
  })
})
