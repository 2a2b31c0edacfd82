import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiApp } from './api.ts'
import { createApp } from './app.ts'
import { loadConfig } from './config.ts'
import { listen, stubFetch } from './test-helpers.ts'

// Issue 6.6: the tricks that proxy-paths.test.ts and proxy.test.ts do not already try — the request
// line itself (absolute-form targets, CONNECT, smuggling), headers some servers honour as a path
// (X-Original-URL), oversized requests, and redirect loops. Each goes over a raw socket, byte for byte.

const TARGET = new URL('http://63.141.232.244:25540/v0')

/** Sends `request` as is and returns the raw answer (until the server closes, or after `ms`). */
function rawHttp(port: number, request: string | Buffer, ms = 3000): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    let data = ''
    const done = () => {
      clearTimeout(timer)
      socket.destroy()
      resolve(data)
    }
    const timer = setTimeout(done, ms)
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => {
      data += chunk
      // One full response is enough (keep-alive would otherwise hold the socket open).
      const headEnd = data.indexOf('\r\n\r\n')
      const length = /\r\ncontent-length: (\d+)/i.exec(data)
      if (headEnd >= 0 && length && data.length >= headEnd + 4 + Number(length[1])) done()
    })
    socket.on('end', done)
    socket.on('error', done)
    socket.write(request)
  })
}

const statusOf = (raw: string) => Number(/^HTTP\/1\.[01] (\d{3})/.exec(raw)?.[1] ?? 0)
const bodyOf = (raw: string) => raw.slice(raw.indexOf('\r\n\r\n') + 4)
const get = (target: string, headers: Record<string, string> = {}) =>
  `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}Connection: close\r\n\r\n`

describe('the server over a raw socket: request-line and header tricks', () => {
  let port = 0
  let close: () => Promise<void> = async () => {}
  const stub = stubFetch((url) => Response.json({ path: url.pathname }))
  const upstreamBodies: unknown[] = []
  const upstream = {
    calls: stub.calls,
    fetch: ((input: string | URL | Request, init?: RequestInit) => {
      upstreamBodies.push(init?.body ?? undefined)
      return stub.fetch(input, init)
    }) as typeof fetch,
  }

  beforeAll(async () => {
    const app = createApp(loadConfig({ LOG_LEVEL: 'silent', CLIENTS_API_URL: TARGET.href }), { fetch: upstream.fetch })
    ;({ port, close } = await listen(app))
  })
  afterAll(() => close())

  const callsSince = (before: number) => upstream.calls.slice(before)
  const onTargetOnly = (before: number) => {
    for (const call of callsSince(before)) {
      expect(call.url.origin).toBe(TARGET.origin)
      expect(call.url.pathname.startsWith('/v0/')).toBe(true)
    }
  }

  it.each(['Authorization: Bearer a\r\nAuthorization: Bearer b', 'x-api-key: a\r\nX-API-Key: b', 'tenant: a\r\ntenant: b'])(
    'a repeated credential header (%s) is refused, not joined',
    async (pair) => {
      const before = upstream.calls.length
      const [first, second] = pair.split('\r\n') as [string, string]
      const [name, value] = first.split(': ') as [string, string]
      const raw = await rawHttp(port, get('/api/clients/clients', { [name]: `${value}\r\n${second}` }))
      expect(statusOf(raw)).toBe(400)
      expect(JSON.parse(bodyOf(raw))).toEqual({ error: `More than one ${name.toLowerCase()} header` })
      expect(callsSince(before)).toEqual([])
    },
  )

  it('an absolute-form request line for another host proxies nothing', async () => {
    const before = upstream.calls.length
    const raw = await rawHttp(port, get('http://evil.example/x', { Host: 'evil.example' }).replace('Host: 127.0.0.1\r\n', ''))
    expect([400, 404, 421]).toContain(statusOf(raw))
    expect(callsSince(before)).toEqual([])
  })

  it('an absolute-form request line naming another host still reaches only the configured target', async () => {
    const before = upstream.calls.length
    const raw = await rawHttp(port, get('http://evil.example/api/clients/clients?x=1'))
    expect(statusOf(raw)).toBeGreaterThan(0)
    onTargetOnly(before)
    if (statusOf(raw) === 200) expect(callsSince(before).map((c) => c.url.href)).toEqual([`${TARGET.href}/clients?x=1`])
  })

  it('a protocol-relative path (//evil.example/api/clients/…) reaches only the configured target', async () => {
    const before = upstream.calls.length
    const raw = await rawHttp(port, get('//evil.example/api/clients/clients'))
    expect(statusOf(raw)).toBeGreaterThan(0)
    onTargetOnly(before)
  })

  it('an absolute URL in the query is passed to the target as text, never followed', async () => {
    const before = upstream.calls.length
    const raw = await rawHttp(port, get('/api/clients/clients?url=http://evil.example/&next=//evil.example'))
    expect(statusOf(raw)).toBe(200)
    expect(callsSince(before).map((c) => c.url.host)).toEqual([TARGET.host])
  })

  it('CONNECT opens no tunnel', async () => {
    const before = upstream.calls.length
    const raw = await rawHttp(port, 'CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\n\r\n', 1500)
    expect(statusOf(raw)).not.toBe(200)
    expect(raw).not.toMatch(/Connection established/i)
    expect(callsSince(before)).toEqual([])
  })

  it.each(['TRACE', 'PROPFIND', 'PURGE'])('%s is refused with 405 and proxies nothing', async (method) => {
    const before = upstream.calls.length
    const raw = await rawHttp(port, get('/api/clients/clients').replace(/^GET/, method))
    expect(statusOf(raw)).toBe(405)
    expect(callsSince(before)).toEqual([])
  })

  it('X-Original-URL, X-Rewrite-URL, Forwarded and X-Forwarded-* neither re-route nor reach upstream', async () => {
    const before = upstream.calls.length
    const raw = await rawHttp(
      port,
      get('/api/clients/clients', {
        'X-Original-URL': 'http://evil.example/admin',
        'X-Rewrite-URL': '/../../admin',
        Forwarded: 'host=evil.example;proto=https',
        'X-Forwarded-Host': 'evil.example',
        'X-Forwarded-Prefix': '/evil',
        'X-HTTP-Method-Override': 'DELETE',
      }),
    )
    expect(statusOf(raw)).toBe(200)
    const [call] = callsSince(before)
    expect(call!.url.href).toBe(`${TARGET.href}/clients`)
    expect(call!.method).toBe('GET')
    expect([...call!.headers.keys()].filter((k) => k.startsWith('x-') || k === 'forwarded')).toEqual([])
  })

  it('Content-Length with Transfer-Encoding (request smuggling) is refused before routing', async () => {
    const before = upstream.calls.length
    const smuggle =
      'GET /api/clients/clients HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 44\r\nTransfer-Encoding: chunked\r\n\r\n' +
      '0\r\n\r\nGET /api/clients/../../x HTTP/1.1\r\nHost: evil\r\n\r\n'
    const raw = await rawHttp(port, smuggle)
    expect(statusOf(raw)).toBe(400)
    expect(callsSince(before)).toEqual([])
  })

  it('a declared body over 16 KB is refused with 413 at once, before any of it arrives', async () => {
    const before = upstream.calls.length
    // Only the headers are sent: a server that waited for the megabyte would hang here.
    const raw = await rawHttp(port, 'POST /api/clients/clients HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1048576\r\n\r\n{"a":')
    expect(statusOf(raw)).toBe(413)
    expect(JSON.parse(bodyOf(raw))).toEqual({ error: 'Request body too large' })
    expect(callsSince(before)).toEqual([])
  })

  it('a chunked body over 16 KB (no length) is refused with 413 on a POST, and never forwarded with a GET', async () => {
    const chunk = 'x'.repeat(8 * 1024)
    const chunks = `${Array.from({ length: 4 }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`).join('')}0\r\n\r\n`
    const chunked = (method: string) =>
      `${method} /api/clients/clients HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n${chunks}`
    const before = upstream.calls.length
    const post = await rawHttp(port, chunked('POST'))
    expect(statusOf(post)).toBe(413)
    expect(JSON.parse(bodyOf(post))).toEqual({ error: 'Request body too large' })
    expect(callsSince(before)).toEqual([])
    expect(statusOf(await rawHttp(port, chunked('GET')))).toBe(200)
    const [call] = callsSince(before)
    expect(call!.method).toBe('GET')
    expect(upstreamBodies.at(-1)).toBeUndefined()
    expect(call!.headers.has('transfer-encoding')).toBe(false)
    expect(call!.headers.has('content-length')).toBe(false)
  })

  it('an oversized request line or header block is refused, and the server keeps answering', async () => {
    const longPath = await rawHttp(port, get(`/api/clients/clients?${'a'.repeat(100_000)}`))
    expect([400, 414, 431]).toContain(statusOf(longPath))
    const bigHeader = await rawHttp(port, get('/api/clients/clients', { 'X-Big': 'b'.repeat(100_000) }))
    expect([400, 431]).toContain(statusOf(bigHeader))
    expect(statusOf(await rawHttp(port, get('/api/health')))).toBe(200)
  })

  it('an error answer never echoes a hostile path as markup', async () => {
    const raw = await rawHttp(port, get('/api/nope/%3Cscript%3Ealert(1)%3C/script%3E'))
    expect(statusOf(raw)).toBe(404)
    expect(raw).toMatch(/content-type: application\/json/i)
    expect(bodyOf(raw)).not.toContain('<script>')
  })
})

describe('upstream redirects', () => {
  it('a redirect loop on the target ends in 502 after a few hops, not a hang', async () => {
    const upstream = stubFetch((url) => new Response(null, { status: 302, headers: { Location: `${url.pathname}x` } }))
    const app = createApiApp(loadConfig({ LOG_LEVEL: 'silent', CLIENTS_API_URL: TARGET.href }), { fetch: upstream.fetch })
    const response = await app.request('/api/clients/clients')
    expect(response.status).toBe(502)
    expect(upstream.calls.length).toBeLessThanOrEqual(4)
    for (const call of upstream.calls) expect(call.url.origin).toBe(TARGET.origin)
  })

  it('a redirect to the same host but outside the target path is refused', async () => {
    const upstream = stubFetch(() => new Response(null, { status: 307, headers: { Location: '/admin' } }))
    const app = createApiApp(loadConfig({ LOG_LEVEL: 'silent', CLIENTS_API_URL: TARGET.href }), { fetch: upstream.fetch })
    const response = await app.request('/api/clients/clients')
    expect(response.status).toBe(502)
    expect(upstream.calls.map((c) => c.url.pathname)).toEqual(['/v0/clients'])
  })

  it('a redirect to a look-alike host (target host as user info) is refused', async () => {
    const upstream = stubFetch(() => new Response(null, { status: 301, headers: { Location: `http://${TARGET.host}@evil.example/v0/clients` } }))
    const app = createApiApp(loadConfig({ LOG_LEVEL: 'silent', CLIENTS_API_URL: TARGET.href }), { fetch: upstream.fetch })
    expect((await app.request('/api/clients/clients')).status).toBe(502)
    expect(upstream.calls).toHaveLength(1)
  })
})

describe('responses passed back', () => {
  it('hop-by-hop, cookie, CORS and caching headers from upstream never reach the browser', async () => {
    const upstream = stubFetch(
      () =>
        new Response('{"success":true,"client":[]}', {
          headers: {
            'Content-Type': 'application/json',
            'Set-Cookie': 'a=b',
            'Access-Control-Allow-Origin': '*',
            'Content-Security-Policy': "script-src 'unsafe-inline'",
            'Cache-Control': 'public, max-age=31536000',
            'Strict-Transport-Security': 'max-age=0',
            'X-Frame-Options': 'ALLOWALL',
            Refresh: '0; url=http://evil.example/',
            Link: '<http://evil.example/x.js>; rel=preload; as=script',
          },
        }),
    )
    const app = createApp(loadConfig({ LOG_LEVEL: 'silent', CLIENTS_API_URL: TARGET.href }), { fetch: upstream.fetch })
    const response = await app.request('/api/clients/clients')
    expect(response.status).toBe(200)
    for (const name of ['Set-Cookie', 'Access-Control-Allow-Origin', 'Strict-Transport-Security', 'X-Frame-Options', 'Refresh', 'Link']) {
      expect(response.headers.get(name), name).toBeNull()
    }
    // Not upstream's policy but Roster's own: nothing under /api may run as a page of this origin.
    expect(response.headers.get('Content-Security-Policy')).toBe("default-src 'none'; sandbox")
    expect(response.headers.get('Cache-Control')).toBe('no-store')
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
  })
})
