import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiApp } from './api.ts'
import { createApp } from './app.ts'
import { loadConfig } from './config.ts'
import { buildUpstreamUrl, pathProblem } from './proxy.ts'
import { listen, rawRequest, stubFetch, type UpstreamCall } from './test-helpers.ts'

const TARGET = new URL('http://63.141.232.244:25540/v0')

/** Paths after /api/clients that try to leave the target. */
const TRICKS = [
  '//evil.example/x',
  '/../../x',
  '/..',
  '/%2e%2e/x',
  '/%2E%2E/%2E%2E/x',
  '/.%2e/x',
  '/%2e/x',
  '/./x',
  '/..%2fx',
  '/a%2Fb',
  '/%5c..%5cx',
  '/\\evil.example',
  '/@evil.example',
  '/x@evil.example/y',
  '/http://evil.example/',
  '/http:%2f%2fevil.example',
  '/clients//x',
  '/a%00b',
  '/a%0d%0aHost:%20evil',
  '/%252e%252e/x',
  '/%25252e%25252e/x',
  '/%zz',
  'x',
  '/..;/x',
  '/..;jsessionid=1/x',
  '/..%20/x',
  '/%20..%20/x',
  '/%EF%BC%8E%EF%BC%8E/x',
  '/.%EF%BC%8E/x',
  '/%E2%80%A4%E2%80%A4/x',
]

describe('buildUpstreamUrl', () => {
  it.each(TRICKS)('refuses %s', (tail) => {
    expect(pathProblem(tail)).not.toBeNull()
    expect(buildUpstreamUrl(TARGET, tail, '')).toBeNull()
  })

  it.each([
    ['', '', 'http://63.141.232.244:25540/v0'],
    ['/clients', '', 'http://63.141.232.244:25540/v0/clients'],
    ['/clients/', '?a=1&b=%2F..', 'http://63.141.232.244:25540/v0/clients/?a=1&b=%2F..'],
    ['/users/%D0%98%D0%B2%D0%B0%D0%BD', '', 'http://63.141.232.244:25540/v0/users/%D0%98%D0%B2%D0%B0%D0%BD'],
    ['/file.v2.json', '', 'http://63.141.232.244:25540/v0/file.v2.json'],
  ])('builds %s%s on the target', (tail, search, expected) => {
    expect(buildUpstreamUrl(TARGET, tail, search)?.href).toBe(expected)
  })

  it('keeps a target without a path on its origin', () => {
    expect(buildUpstreamUrl(new URL('https://api.example'), '/users', '?take=1')?.href).toBe(
      'https://api.example/users?take=1',
    )
  })
})

describe('createApiApp in process (as under MSW), where URLs arrive already parsed', () => {
  it.each(TRICKS.filter((tail) => tail.startsWith('/')))('never leaves the target for /api/clients%s', async (tail) => {
    const upstream = stubFetch()
    const app = createApiApp(loadConfig({ LOG_LEVEL: 'silent', CLIENTS_API_URL: TARGET.href }), { fetch: upstream.fetch })
    const response = await app.request(`http://localhost/api/clients${tail}`)
    for (const call of upstream.calls) {
      expect(call.url.origin).toBe(TARGET.origin)
      expect(buildUpstreamUrl(TARGET, call.url.pathname.slice('/v0'.length), '')).not.toBeNull()
    }
    if (upstream.calls.length === 0) expect([400, 404]).toContain(response.status)
  })
})

describe('the server over real HTTP, with raw paths', () => {
  let port = 0
  let close: () => Promise<void> = async () => {}
  const upstream = stubFetch()
  const calls: UpstreamCall[] = upstream.calls

  beforeAll(async () => {
    const app = createApp(loadConfig({ LOG_LEVEL: 'silent', CLIENTS_API_URL: TARGET.href }), { fetch: upstream.fetch })
    ;({ port, close } = await listen(app))
  })
  afterAll(() => close())

  it.each(TRICKS.filter((tail) => tail.startsWith('/')))('never leaves the target for /api/clients%s', async (tail) => {
    const before = calls.length
    const response = await rawRequest(port, `/api/clients${tail}`)
    // 400 from our validation, or from the HTTP layer for what it cannot even parse.
    expect(response.status).toBe(400)
    expect(calls.length).toBe(before)
  })

  it('refuses a prefix spelt with percent-encoding', async () => {
    const response = await rawRequest(port, '/api/%63lients/clients')
    expect([400, 404]).toContain(response.status)
  })

  it('answers a Host it does not own with 421 and proxies nothing (DNS rebinding)', async () => {
    const before = calls.length
    const response = await rawRequest(port, '/api/clients/clients?x=1', { headers: { Host: `rebind.attacker.example:${port}` } })
    expect(response.status).toBe(421)
    expect(calls.length).toBe(before)
  })

  it('ignores X-Forwarded-Host and X-Forwarded-Proto pointing elsewhere', async () => {
    const response = await rawRequest(port, '/api/clients/clients?x=1', {
      headers: { 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'https' },
    })
    expect(response.status).toBe(200)
    expect(calls.at(-1)!.url.href).toBe('http://63.141.232.244:25540/v0/clients?x=1')
    expect(calls.at(-1)!.headers.has('host')).toBe(false)
  })

  it.each(['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])('answers %s with 405 JSON and no upstream call', async (method) => {
    const before = calls.length
    const response = await rawRequest(port, '/api/clients/clients', { method })
    expect(response.status).toBe(405)
    expect(JSON.parse(response.body)).toEqual({ error: 'Method not allowed' })
    expect(response.headers.allow).toBe('GET, HEAD')
    expect(calls.length).toBe(before)
  })

  it('sent every upstream request of this suite to the target', () => {
    expect(calls.length).toBeGreaterThan(0)
    for (const call of calls) {
      expect(call.url.origin).toBe(TARGET.origin)
      expect(call.url.pathname.startsWith('/v0/')).toBe(true)
    }
  })
})
