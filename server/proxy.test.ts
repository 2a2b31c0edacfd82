import { Hono } from 'hono'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApiApp } from './api.ts'
import { loadConfig } from './config.ts'
import { closedPort, listen, stubFetch } from './test-helpers.ts'

const CLIENTS = 'http://63.141.232.244:25540/v0'
const BLUEDOLPHIN = 'https://public-api.eu.bluedolphin.app/v1'

function proxyApp(fetch: typeof globalThis.fetch, env: Record<string, string> = {}) {
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    CLIENTS_API_URL: CLIENTS,
    BLUEDOLPHIN_API_URL: BLUEDOLPHIN,
    ...env,
  })
  return createApiApp(config, { fetch })
}

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

describe('proxy', () => {
  it('appends the path after the prefix to the target path and passes the query as is', async () => {
    const upstream = stubFetch()
    const app = proxyApp(upstream.fetch)
    await app.request('/api/clients/clients?page=2&q=%D0%B0+b')
    await app.request('/api/bluedolphin/users?take=3&start_with=59e43775d51a8afb7d9433ab')
    expect(upstream.calls.map((call) => call.url.href)).toEqual([
      `${CLIENTS}/clients?page=2&q=%D0%B0+b`,
      `${BLUEDOLPHIN}/users?take=3&start_with=59e43775d51a8afb7d9433ab`,
    ])
  })

  it('forwards only Authorization, x-api-key, tenant, Accept and Content-Type', async () => {
    const upstream = stubFetch()
    await proxyApp(upstream.fetch).request('/api/bluedolphin/users', {
      headers: {
        Authorization: 'Bearer browser',
        'x-api-key': 'browser-key',
        tenant: 'acme',
        Accept: 'application/json',
        'Content-Type': 'application/json',
        Cookie: 'session=abc',
        'X-Forwarded-For': '10.0.0.1',
        'X-Forwarded-Host': 'evil.example',
        Origin: 'https://evil.example',
        Referer: 'https://roster.example/users',
        'X-Custom': '1',
      },
    })
    const sent = upstream.calls[0]!.headers
    expect([...sent.keys()].sort()).toEqual(['accept', 'authorization', 'content-type', 'tenant', 'x-api-key'])
    expect(sent.get('x-api-key')).toBe('browser-key')
  })

  it('passes back status, body, Content-Type and rate-limit headers only', async () => {
    const headers = {
      'Content-Type': 'application/json',
      'Retry-After': '30',
      RateLimit: 'limit=100, remaining=0, reset=30',
      'RateLimit-Policy': '100;w=900',
      'RateLimit-Limit': '100',
      'RateLimit-Remaining': '0',
      'RateLimit-Reset': '30',
      'X-RateLimit-Limit': '100',
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': '1767225600',
      'Set-Cookie': 'session=upstream',
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Credentials': 'true',
      'X-Powered-By': 'Express',
      'Content-Encoding': 'identity',
      Location: 'https://evil.example/',
    }
    const body = '{"success":false,"error":"Too many requests, please try again later"}'
    const upstream = stubFetch(() => new Response(body, { status: 429, headers }))
    const response = await proxyApp(upstream.fetch).request('/api/clients/clients')
    expect(response.status).toBe(429)
    expect(await response.text()).toBe(body)
    for (const name of Object.keys(headers).slice(0, 10)) {
      expect(response.headers.get(name), name).toBe(headers[name as keyof typeof headers])
    }
    for (const name of ['Set-Cookie', 'Access-Control-Allow-Origin', 'Access-Control-Allow-Credentials', 'X-Powered-By', 'Location']) {
      expect(response.headers.get(name), name).toBeNull()
    }
    expect(response.headers.get('Content-Encoding')).toBeNull()
  })

  it('injects server-held credentials, which win over the browser and never come back', async () => {
    const upstream = stubFetch((url) => Response.json({ echoed: url.pathname }))
    const app = proxyApp(upstream.fetch, {
      CLIENTS_API_TOKEN: 'srv-token-6f2a',
      BLUEDOLPHIN_API_KEY: 'srv-key-91c3',
      BLUEDOLPHIN_TENANT: 'srv-tenant',
    })
    const clients = await app.request('/api/clients/clients', { headers: { Authorization: 'Bearer browser-token' } })
    const users = await app.request('/api/bluedolphin/users', {
      headers: { 'x-api-key': 'browser-key', tenant: 'browser-tenant' },
    })
    expect(upstream.calls[0]!.headers.get('authorization')).toBe('Bearer srv-token-6f2a')
    expect(upstream.calls[1]!.headers.get('x-api-key')).toBe('srv-key-91c3')
    expect(upstream.calls[1]!.headers.get('tenant')).toBe('srv-tenant')
    for (const response of [clients, users]) {
      const all = JSON.stringify([...response.headers]) + (await response.text())
      expect(all).not.toMatch(/srv-/)
    }
  })

  it('answers 502 JSON when upstream cannot be reached', async () => {
    const port = await closedPort()
    const app = createApiApp(loadConfig({ LOG_LEVEL: 'silent', CLIENTS_API_URL: `http://127.0.0.1:${port}/v0` }))
    const response = await app.request('/api/clients/clients')
    expect(response.status).toBe(502)
    expect(await response.json()).toEqual({ error: `Could not reach 127.0.0.1:${port}` })
  })

  it('answers 504 JSON when upstream is slower than the timeout', async () => {
    const slow = new Hono().get('/v0/clients', async (c) => {
      await new Promise((resolve) => setTimeout(resolve, 3000))
      return c.json({ success: true, client: [] })
    })
    const { port, close } = await listen(slow)
    cleanups.push(close)
    const app = createApiApp(
      loadConfig({ LOG_LEVEL: 'silent', CLIENTS_API_URL: `http://127.0.0.1:${port}/v0`, PROXY_TIMEOUT_MS: '100' }),
    )
    const started = Date.now()
    const response = await app.request('/api/clients/clients')
    expect(response.status).toBe(504)
    expect(await response.json()).toEqual({ error: `127.0.0.1:${port} did not answer within 0.1 s` })
    expect(Date.now() - started).toBeLessThan(2500)
  })

  it('waits 15 s by default, even for a fetch that ignores the abort signal', async () => {
    vi.useFakeTimers()
    try {
      const never = stubFetch(() => new Promise<Response>(() => {}))
      const pending = proxyApp(never.fetch).request('/api/clients/clients')
      await vi.advanceTimersByTimeAsync(14_999)
      let settled = false
      void Promise.resolve(pending).then(() => (settled = true))
      await vi.advanceTimersByTimeAsync(0)
      expect(settled).toBe(false)
      await vi.advanceTimersByTimeAsync(1)
      const response = await pending
      expect(response.status).toBe(504)
      expect(await response.json()).toEqual({ error: '63.141.232.244:25540 did not answer within 15 s' })
    } finally {
      vi.useRealTimers()
    }
  })

  it('follows a redirect on the target but refuses one to another host', async () => {
    const inside = stubFetch((url) =>
      url.pathname === '/v1/users'
        ? new Response(null, { status: 301, headers: { Location: '/v1/users/' } })
        : Response.json({ total_items: 0, users: [] }),
    )
    expect((await proxyApp(inside.fetch).request('/api/bluedolphin/users')).status).toBe(200)
    expect(inside.calls.map((call) => call.url.href)).toEqual([`${BLUEDOLPHIN}/users`, `${BLUEDOLPHIN}/users/`])

    const outside = stubFetch(() => new Response(null, { status: 302, headers: { Location: 'https://evil.example/x' } }))
    const response = await proxyApp(outside.fetch).request('/api/bluedolphin/users')
    expect(response.status).toBe(502)
    expect(outside.calls.map((call) => call.url.host)).toEqual(['public-api.eu.bluedolphin.app'])
  })

  it('forwards HEAD as HEAD and gzips large JSON for clients that accept it', async () => {
    const big = JSON.stringify({ success: true, client: Array.from({ length: 2000 }, (_, id) => ({ id, name: 'Иван' })) })
    const upstream = stubFetch(() => new Response(big, { headers: { 'Content-Type': 'application/json' } }))
    const app = proxyApp(upstream.fetch)
    expect((await app.request('/api/clients/clients', { method: 'HEAD' })).status).toBe(200)
    expect(upstream.calls[0]!.method).toBe('HEAD')
    const response = await app.request('/api/clients/clients', { headers: { 'Accept-Encoding': 'gzip' } })
    expect(response.headers.get('Content-Encoding')).toBe('gzip')
    const compressed = await response.arrayBuffer()
    expect(compressed.byteLength).toBeLessThan(big.length / 4)
    const unzipped = new Response(new Blob([compressed]).stream().pipeThrough(new DecompressionStream('gzip')))
    expect(await unzipped.text()).toBe(big)
  })
})
