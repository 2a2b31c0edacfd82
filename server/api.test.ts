import { describe, expect, it } from 'vitest'
import { createApiApp } from './api.ts'
import { loadConfig } from './config.ts'
import { stubFetch } from './test-helpers.ts'

const SECRETS = {
  CLIENTS_API_TOKEN: 'tok-SECRET-a1b2c3',
  BLUEDOLPHIN_API_KEY: 'key-SECRET-d4e5f6',
  BLUEDOLPHIN_TENANT: 'tenant-SECRET-789',
}

const PROXY_ENV = {
  CLIENTS_API_URL: 'http://63.141.232.244:25540/v0',
  BLUEDOLPHIN_API_URL: 'https://public-api.us.bluedolphin.app/v1',
}

async function healthOf(env: Record<string, string>) {
  const app = createApiApp(loadConfig({ LOG_LEVEL: 'silent', ...env }))
  const response = await app.request('/api/health')
  expect(response.status).toBe(200)
  return response.text()
}

describe('GET /api/health', () => {
  it('reports demo mode with browser credentials when no URL is set', async () => {
    expect(JSON.parse(await healthOf(SECRETS))).toEqual({
      clients: { mode: 'demo', target: null, credentials: 'browser' },
      bluedolphin: { mode: 'demo', target: null, credentials: 'browser' },
    })
  })

  it('reports proxy mode with browser credentials', async () => {
    expect(JSON.parse(await healthOf(PROXY_ENV))).toEqual({
      clients: { mode: 'proxy', target: '63.141.232.244:25540', credentials: 'browser' },
      bluedolphin: { mode: 'proxy', target: 'public-api.us.bluedolphin.app', credentials: 'browser' },
    })
  })

  it('reports server-held credentials without revealing them', async () => {
    const text = await healthOf({ ...PROXY_ENV, ...SECRETS })
    expect(JSON.parse(text)).toMatchObject({
      clients: { mode: 'proxy', credentials: 'server' },
      bluedolphin: { mode: 'proxy', credentials: 'server' },
    })
    expect(text).not.toContain('SECRET')
  })

  it('mixes modes per API', async () => {
    const text = await healthOf({ BLUEDOLPHIN_API_URL: PROXY_ENV.BLUEDOLPHIN_API_URL })
    expect(JSON.parse(text)).toMatchObject({ clients: { mode: 'demo' }, bluedolphin: { mode: 'proxy' } })
  })
})

describe('the /api app', () => {
  const app = createApiApp(loadConfig({ LOG_LEVEL: 'silent', DEMO_CLIENTS: '5' }))

  it('answers 404 JSON for an unknown /api path', async () => {
    for (const path of ['/api/nope', '/api', '/api/clients/nope', '/api/bluedolphin/groups']) {
      const response = await app.request(path)
      expect(response.status, path).toBe(404)
      expect(await response.json()).toEqual({ error: 'Not found' })
    }
  })

  it('answers 405 JSON to methods other than GET and HEAD', async () => {
    const response = await app.request('/api/clients/clients', { method: 'POST', body: '{}' })
    expect(response.status).toBe(405)
    expect(await response.json()).toEqual({ error: 'Method not allowed' })
    expect((await app.request('/api/health', { method: 'HEAD' })).status).toBe(200)
  })

  it('answers 413 JSON to a body over 16 KB', async () => {
    const response = await app.request('/api/clients/clients', { method: 'POST', body: 'x'.repeat(17 * 1024) })
    expect(response.status).toBe(413)
    expect(await response.json()).toEqual({ error: 'Request body too large' })
  })
})

describe('request log', () => {
  it('has method, path without query, status and duration, and never a secret', async () => {
    const lines: string[] = []
    const upstream = stubFetch(() => Response.json({ success: true, client: [] }))
    let clock = 1000
    const app = createApiApp(loadConfig({ ...PROXY_ENV, ...SECRETS }), {
      fetch: upstream.fetch,
      log: (line) => lines.push(line),
      now: () => (clock += 7),
    })
    await app.request('/api/clients/clients?token=query-SECRET-q1&start_with=abc', {
      headers: { Authorization: 'Bearer browser-SECRET-b1', Cookie: 'sid=cookie-SECRET-c1' },
    })
    await app.request('/api/bluedolphin/users?take=3', { headers: { 'x-api-key': 'browser-SECRET-k1', tenant: 'acme' } })
    await app.request('/api/clients/a%0aGET%20/forged%20200%201ms')
    expect(lines).toEqual([
      'GET /api/clients/clients 200 7ms',
      'GET /api/bluedolphin/users 200 7ms',
      'GET /api/clients/a%0aGET%20/forged%20200%201ms 400 7ms',
    ])
    expect(upstream.calls[0]!.headers.get('authorization')).toContain('SECRET')
    expect(lines.join('\n')).not.toMatch(/SECRET|acme|take=/)
  })

  it('is silent with LOG_LEVEL=silent', async () => {
    const lines: string[] = []
    const app = createApiApp(loadConfig({ LOG_LEVEL: 'silent' }), { log: (line) => lines.push(line) })
    await app.request('/api/health')
    expect(lines).toEqual([])
  })
})
