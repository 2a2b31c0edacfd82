import { describe, expect, it } from 'vitest'
import { createApiApp } from '../api.ts'
import { loadConfig } from '../config.ts'
import { generateClients, type Client } from './data.ts'

function makeApp(env: Record<string, string> = {}, now?: () => number) {
  return createApiApp(loadConfig({ LOG_LEVEL: 'silent', DEMO_CLIENTS: '150', ...env }), { now })
}

function getClients(app: ReturnType<typeof makeApp>, token: string | null = 'demo-token') {
  return app.request('http://roster.test/api/clients/clients', {
    headers: token === null ? {} : { Authorization: `Bearer ${token}` },
  })
}

describe('demo Clients API', () => {
  it('answers 200 { success, client } with every client and absolute avatar URLs on the request origin', async () => {
    const response = await getClients(makeApp())
    expect(response.status).toBe(200)
    const body = (await response.json()) as { success: boolean; client: Client[] }
    expect(body.success).toBe(true)
    expect(body.client).toHaveLength(150)
    expect(body.client.map((client) => client.client_id)).toEqual(Array.from({ length: 150 }, (_, i) => i + 1))
    const picture = body.client.find((client) => /\/\d+\.png$/.test(client.profile_picture_url))!
    expect(picture.profile_picture_url).toBe(`http://roster.test/api/clients/demo-avatars/${picture.client_id}.png`)
  })

  it('is deterministic: the same seed gives the same data, another seed does not', () => {
    expect(generateClients(42, 300)).toEqual(generateClients(42, 300))
    expect(generateClients(43, 300)).not.toEqual(generateClients(42, 300))
    expect(generateClients(42, 300).slice(0, 10)).toEqual(generateClients(42, 10))
  })

  it('generates realistic Russian data with the documented imperfections', () => {
    const clients = generateClients(42, 2000)
    const names = clients.map((c) => `${c.last_name} ${c.first_name} ${c.patronymic}`).join('\n')
    expect(names).toMatch(/ё/)
    expect(clients.every((c) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(c.created_at))).toBe(true)
    expect(clients.every((c) => !Number.isNaN(Date.parse(c.created_at)))).toBe(true)
    const share = (test: (c: Client) => boolean) => clients.filter(test).length / clients.length
    expect(share((c) => /^79\d{9}$/.test(c.phone_number))).toBeGreaterThan(0.95)
    expect(share((c) => !/^7/.test(c.phone_number))).toBeGreaterThan(0)
    expect(share((c) => c.profile_picture_url === '')).toBeGreaterThan(0.03)
    expect(share((c) => c.profile_picture_url.includes('/missing-'))).toBeGreaterThan(0.03)
    // Gender agrees: a daughter's patronymic goes with the female form of the last name.
    const female = clients.filter((c) => /на$/.test(c.patronymic))
    const male = clients.filter((c) => /ич$/.test(c.patronymic))
    expect(female.length + male.length).toBe(clients.length)
    expect(female.some((c) => /(?:ов|ев|ёв|ин|ский|цкий)$/.test(c.last_name))).toBe(false)
    expect(male.some((c) => /(?:ова|ева|ёва|ина|ская|цкая)$/.test(c.last_name))).toBe(false)
  })

  // Speed is the benchmark's business, not a timed test's; this checks the large case works.
  it('generates 50,000 clients with ids 1..50000', () => {
    const clients = generateClients(1, 50_000)
    expect(clients).toHaveLength(50_000)
    expect(clients[49_999]!.client_id).toBe(50_000)
  })

  it.each([null, 'wrong', 'demo-token-but-not', 'Demo-token'])('answers 401 for token %s', async (token) => {
    const response = await getClients(makeApp(), token)
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual({ success: false, error: 'Unauthorized' })
  })

  it('sends RateLimit headers and answers 429 with Retry-After after the limit', async () => {
    let time = 1_000_000
    const app = makeApp({ DEMO_RATE_LIMIT: '3', DEMO_RATE_WINDOW_MS: '60000' }, () => time)
    for (const remaining of [2, 1, 0]) {
      const response = await getClients(app)
      expect(response.status).toBe(200)
      expect(response.headers.get('RateLimit-Policy')).toBe('3;w=60')
      expect(response.headers.get('RateLimit')).toBe(`limit=3, remaining=${remaining}, reset=60`)
    }
    time += 20_000
    const limited = await getClients(app)
    expect(limited.status).toBe(429)
    expect(await limited.json()).toEqual({ success: false, error: 'Too many requests, please try again later' })
    expect(limited.headers.get('Retry-After')).toBe('40')
    expect(limited.headers.get('RateLimit')).toBe('limit=3, remaining=0, reset=40')
    // Another token has its own bucket; after the window the first one works again.
    expect((await getClients(app, 'demo-token+other')).status).toBe(200)
    time += 40_000
    expect((await getClients(app)).status).toBe(200)
  })

  it('limit<N> sets the limit per token, and avatars do not count', async () => {
    const app = makeApp()
    for (let i = 0; i < 3; i++) expect((await getClients(app, 'demo-token+limit3')).status).toBe(200)
    expect((await app.request('/api/clients/demo-avatars/1.png')).status).toBe(200)
    const limited = await getClients(app, 'demo-token+limit3')
    expect(limited.status).toBe(429)
    expect(limited.headers.get('RateLimit-Policy')).toBe('3;w=900')
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0)
    expect((await getClients(app, 'demo-token+limit3+t2')).status).toBe(200)
  })

  it('serves demo avatars as PNG, the large hostile one as SVG, and broken bytes for the missing ones', async () => {
    const app = makeApp()
    const png = await app.request('/api/clients/demo-avatars/12.png')
    expect(png.status).toBe(200)
    expect(png.headers.get('Content-Type')).toBe('image/png')
    expect(png.headers.get('Cache-Control')).toBe('public, max-age=86400')
    const bytes = Buffer.from(await png.arrayBuffer())
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('\x89PNG\r\n\x1a\n')
    const large = await app.request('/api/clients/demo-avatars/large-1.svg')
    expect(large.headers.get('Content-Type')).toBe('image/svg+xml')
    const text = await large.text()
    expect(text).toMatch(/^<svg [^>]*width="10000" height="10000"/)
    expect(text).not.toMatch(/<text|<script/)
    // A broken picture: 200 with bytes that no browser can decode as an image.
    const broken = await app.request('/api/clients/demo-avatars/missing-12.png')
    expect(broken.status).toBe(200)
    expect(await broken.text()).not.toMatch(/^\x89PNG/)
    expect((await app.request('/api/clients/demo-avatars/12.svg')).status).toBe(404)
    expect((await app.request('/api/clients/demo-avatars/..%2f..%2fetc.png')).status).toBe(404)
  })

  it('waits DEMO_LATENCY_MS before answering', async () => {
    const started = Date.now()
    await getClients(makeApp({ DEMO_LATENCY_MS: '120' }))
    expect(Date.now() - started).toBeGreaterThanOrEqual(110)
  })
})
