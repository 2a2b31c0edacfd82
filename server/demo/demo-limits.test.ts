import { describe, expect, it } from 'vitest'
import { createApiApp } from '../api.ts'
import { loadConfig } from '../config.ts'
import { createRateLimiter, MAX_BUCKETS } from './rate-limit.ts'

/* SPEC §9: the demo cannot be made to work hard — capped sizes, a cache keyed by parameters, sliced generation, bounded buckets. */

function demo(env: Record<string, string> = {}) {
  return createApiApp(loadConfig({ LOG_LEVEL: 'silent', ...env }))
}

const clients = (app: ReturnType<typeof demo>, token: string, origin = 'http://127.0.0.1:8080') =>
  app.request(`${origin}/api/clients/clients`, { headers: { Authorization: `Bearer ${token}` } })

const users = (app: ReturnType<typeof demo>, tenant: string, query = '') =>
  app.request(`/api/bluedolphin/users${query}`, { headers: { 'x-api-key': 'demo-key', tenant } })

describe('the demo under hostile requests', () => {
  it('caps n<N> at DEMO_MAX_RECORDS, for clients and users', async () => {
    const app = demo({ DEMO_MAX_RECORDS: '40' })
    const list = (await (await clients(app, 'demo-token+n1000000')).json()) as { client: unknown[] }
    expect(list.client).toHaveLength(40)
    const page = (await (await users(app, 'demo+n1000000', '?take=1000000&include_guests=true')).json()) as { users: unknown[] }
    expect(page.users).toHaveLength(40)
  })

  it('puts each request’s own origin in the avatar URLs of one cached list', async () => {
    const app = demo({ DEMO_CLIENTS: '50' })
    const [a, b] = (await Promise.all(
      ['http://127.0.0.1:8080', 'http://localhost:9999'].map(async (origin) => (await clients(app, 'demo-token', origin)).text()),
    )) as [string, string]
    expect(a).toContain('"http://127.0.0.1:8080/api/clients/demo-avatars/')
    expect(b).toContain('"http://localhost:9999/api/clients/demo-avatars/')
    expect(a).not.toContain('roster-demo-origin')
    expect(b.replaceAll('http://localhost:9999', 'http://127.0.0.1:8080')).toBe(a)
  })

  it('answers other requests while it makes a large list', async () => {
    const app = demo()
    const finished: string[] = []
    const large = Promise.resolve(clients(app, 'demo-token+n100000')).then(async (response) => {
      finished.push('list headers')
      await response.arrayBuffer()
    })
    // A macrotask later: made in one piece, the whole list would be done by now.
    await new Promise((resolve) => setImmediate(resolve))
    const health = Promise.resolve(app.request('/api/health')).then(() => finished.push('health'))
    const page = Promise.resolve(users(app, 'demo', '?take=5')).then(() => finished.push('users'))
    await Promise.all([large, health, page])
    expect(finished.at(-1)).toBe('list headers')
    expect(finished.slice(0, 2).sort()).toEqual(['health', 'users'])
  }, 30_000)

  it('streams a page of many users, and it parses whole', async () => {
    const response = await users(demo(), 'demo+n5000', '?take=5000&include_guests=true')
    const body = (await response.json()) as { total_items: number; users: { id: string }[] }
    expect(body.total_items).toBe(5000)
    expect(new Set(body.users.map((user) => user.id)).size).toBe(5000)
  })

  it('keeps at most MAX_BUCKETS rate-limit buckets, dropping the least recently used', () => {
    expect(MAX_BUCKETS).toBe(10_000)
    const hit = createRateLimiter(60_000, () => 0, 3)
    hit('a', 2)
    hit('b', 2)
    hit('c', 2)
    hit('a', 2) // a is now the most recent; b the least
    hit('d', 2) // drops b
    expect(hit('a', 2).allowed).toBe(false) // a kept its count: 2 of 2 used
    expect(hit('b', 2).remaining).toBe(1) // b started again
  })
})
