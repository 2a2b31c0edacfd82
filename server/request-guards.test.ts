import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from './app.ts'
import { loadConfig } from './config.ts'
import { isAllowedHost } from './request-guards.ts'
import { listen, rawRequest, stubFetch } from './test-helpers.ts'

const TARGET = 'http://63.141.232.244:25540/v0'

describe('isAllowedHost', () => {
  const config = loadConfig({ PUBLIC_URL: 'https://roster.example.com', ALLOWED_HOSTS: 'roster.lan,10.0.0.5:8080' })
  it.each(['localhost', 'localhost:8080', 'app.localhost:1', '127.0.0.1', '127.8.9.10:4000', '[::1]:8080', 'roster.example.com', 'Roster.Example.com:443', 'roster.lan:9', '10.0.0.5:8080'])(
    'answers to %s',
    (host) => expect(isAllowedHost(host, config)).toBe(true),
  )
  it.each(['rebind.attacker.example:8080', 'roster.example.com.evil.example', 'localhost.evil.example', '10.0.0.5:9090', '10.0.0.5', '128.0.0.1', '[::2]', '', 'a b', 'user@localhost', 'localhost/x'])(
    'refuses %s',
    (host) => expect(isAllowedHost(host, config)).toBe(false),
  )
})

describe('the request guards over real HTTP', () => {
  let port = 0
  let close: () => Promise<void> = async () => {}
  let ready = true
  const lines: string[] = []
  const upstream = stubFetch(() => Response.json({ success: true, client: [] }))

  beforeAll(async () => {
    const config = loadConfig({ LOG_LEVEL: 'info', CLIENTS_API_URL: TARGET, CLIENTS_API_TOKEN: 'srv-token-x1', PUBLIC_URL: 'https://roster.example.com' })
    const app = createApp(config, { fetch: upstream.fetch, log: (line) => lines.push(line), ready: () => ready })
    ;({ port, close } = await listen(app))
  })
  afterAll(() => close())

  it('answers 421 to a name it does not own, proxies nothing, and logs why', async () => {
    const before = upstream.calls.length
    const response = await rawRequest(port, '/api/clients/clients', { headers: { Host: `rebind.attacker.example:${port}` } })
    expect(response.status).toBe(421)
    expect(JSON.parse(response.body)).toEqual({ error: 'This server does not answer to that name' })
    expect(upstream.calls.length).toBe(before)
    expect(lines.at(-1)).toBe(`GET "/api/clients/clients" refused 421: Host "rebind.attacker.example:${port}" is not allowed`)
    expect((await rawRequest(port, '/', { headers: { Host: 'rebind.attacker.example' } })).status).toBe(421)
  })

  it('answers its public name and loopback names', async () => {
    for (const host of ['roster.example.com', `localhost:${port}`, `127.0.0.1:${port}`]) {
      expect((await rawRequest(port, '/api/clients/clients', { headers: { Host: host } })).status, host).toBe(200)
    }
  })

  it('answers /healthz and /readyz under any name, and /readyz says when it is not ready', async () => {
    const health = await rawRequest(port, '/healthz', { headers: { Host: '10.1.2.3:8080' } })
    expect([health.status, JSON.parse(health.body)]).toEqual([200, { status: 'ok' }])
    expect((await rawRequest(port, '/readyz', { headers: { Host: '10.1.2.3:8080' } })).status).toBe(200)
    ready = false
    const draining = await rawRequest(port, '/readyz')
    ready = true
    expect([draining.status, JSON.parse(draining.body)]).toEqual([503, { status: 'not ready' }])
  })

  it('refuses a cross-site request to /api with 403, proxying nothing', async () => {
    const before = upstream.calls.length
    for (const headers of [{ 'Sec-Fetch-Site': 'cross-site' }, { Origin: 'https://evil.example' }, { Origin: 'null' }] as Record<string, string>[]) {
      const response = await rawRequest(port, '/api/clients/clients', { headers })
      expect(response.status, JSON.stringify(headers)).toBe(403)
      expect(JSON.parse(response.body)).toEqual({ error: 'Cross-site requests are refused' })
    }
    expect(upstream.calls.length).toBe(before)
    expect(lines.at(-1)).toMatch(/refused 403: Origin "null" is not this site$/)
  })

  it('lets same-origin, same-site and typed-in requests through', async () => {
    for (const headers of [
      { 'Sec-Fetch-Site': 'same-origin' },
      { 'Sec-Fetch-Site': 'none' },
      { Origin: `http://127.0.0.1:${port}` },
      { Origin: 'https://roster.example.com', Host: 'roster.example.com' },
    ] as Record<string, string>[]) {
      expect((await rawRequest(port, '/api/clients/clients', { headers })).status, JSON.stringify(headers)).toBe(200)
    }
  })

  it('sends Permissions-Policy, and HSTS when PUBLIC_URL is https', async () => {
    const response = await rawRequest(port, '/api/health')
    expect(response.headers['permissions-policy']).toMatch(/camera=\(\)/)
    expect(response.headers['strict-transport-security']).toBe('max-age=31536000')
    const plain = createApp(loadConfig({ LOG_LEVEL: 'silent', PUBLIC_URL: 'http://roster.lan' }))
    const answer = await plain.request('/api/health')
    expect(answer.headers.get('strict-transport-security')).toBeNull()
    expect(answer.headers.get('permissions-policy')).not.toBeNull()
  })

  it('never logs a secret or a query', () => {
    expect(lines.join('\n')).not.toMatch(/srv-token|\?/)
  })
})
