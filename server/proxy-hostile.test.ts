import { getEventListeners } from 'node:events'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createGzip } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiApp } from './api.ts'
import { redactStream, redactText } from './body-stream.ts'
import { loadConfig } from './config.ts'

/*
 * The proxy against an upstream that misbehaves on request (SPEC §9): bodies too large to
 * hold, endless or stalled bodies, a gzip bomb, path tricks in a redirect, a quoted secret.
 */

const MiB = 1024 * 1024
const CHUNK = Buffer.alloc(MiB, 'x')
const TOKEN = 'SRVtok-7f3c9a1e5b'

/** Writes `total` bytes (Infinity: for ever) as fast as the reader takes them. */
function pour(res: ServerResponse, total: number): void {
  let sent = 0
  const more = () => {
    while (sent < total) {
      sent += MiB
      if (!res.write(CHUNK)) return void res.once('drain', more)
    }
    res.end()
  }
  res.on('close', () => (sent = Infinity))
  more()
}

let gzipBomb: Buffer
/** 256 MiB of zeros, gzipped to well under a megabyte, made without holding the 256 MiB. */
async function makeGzipBomb(): Promise<Buffer> {
  const gzip = createGzip({ level: 9 })
  const parts: Buffer[] = []
  gzip.on('data', (part: Buffer) => parts.push(part))
  const done = new Promise((resolve) => gzip.on('end', resolve))
  const zeros = Buffer.alloc(MiB)
  for (let i = 0; i < 256; i++) if (!gzip.write(zeros)) await new Promise((resolve) => gzip.once('drain', resolve))
  gzip.end()
  await done
  return Buffer.concat(parts)
}

const upstreamClosed: string[] = []
function hostile(req: IncomingMessage, res: ServerResponse): void {
  const path = req.url ?? '/'
  res.on('close', () => upstreamClosed.push(path))
  if (path === '/v0/huge') {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(1024 * MiB) })
    return pour(res, 1024 * MiB)
  }
  if (path === '/v0/endless') {
    res.writeHead(200, { 'Content-Type': 'application/json' })
    return pour(res, Infinity)
  }
  if (path === '/v0/bomb') {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'Content-Length': String(gzipBomb.length) })
    return void res.end(gzipBomb)
  }
  if (path === '/v0/stall') {
    res.writeHead(200, { 'Content-Type': 'application/json' })
    return void res.write('{"success":true,"client":[')
  }
  if (path === '/v0/quote') {
    res.writeHead(401, { 'Content-Type': 'application/json' })
    // Split inside the token, so only a scrubber that looks across chunks catches it.
    res.write(`{"error":"Bad token: Bearer ${TOKEN.slice(0, 5)}`)
    return void setTimeout(() => res.end(`${TOKEN.slice(5)}"}`), 20)
  }
  if (path === '/v0/picture') {
    res.writeHead(200, { 'Content-Type': 'image/png' })
    return void res.end(Buffer.from(TOKEN))
  }
  if (path.startsWith('/v0/redirect?')) {
    res.writeHead(302, { Location: new URLSearchParams(path.slice(path.indexOf('?'))).get('to')! })
    return void res.end()
  }
  res.writeHead(200, { 'Content-Type': 'application/json' })
  res.end('{"reached":true}')
}

let server: Server
let base: string
beforeAll(async () => {
  gzipBomb = await makeGzipBomb()
  server = createServer(hostile)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v0`
}, 30_000)
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

function proxy(env: Record<string, string> = {}) {
  const lines: string[] = []
  const config = loadConfig({ CLIENTS_API_URL: base, CLIENTS_API_TOKEN: TOKEN, LOG_LEVEL: 'warn', ...env })
  return { app: createApiApp(config, { log: (line) => lines.push(line) }), lines }
}

/** Reads a body to its end, keeping only its length; reports how it ended. */
async function drain(response: Response): Promise<{ bytes: number; error: string | null; peakRss: number }> {
  const reader = response.body!.getReader()
  let bytes = 0
  let peakRss = process.memoryUsage().rss
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return { bytes, error: null, peakRss }
      bytes += value.byteLength
      if (bytes % (32 * MiB) < value.byteLength) peakRss = Math.max(peakRss, process.memoryUsage().rss)
    }
  } catch (error) {
    return { bytes, error: (error as Error).name, peakRss }
  }
}

describe('the proxy under a hostile upstream', () => {
  it('refuses at once an answer that declares more than PROXY_MAX_BODY', async () => {
    const { app, lines } = proxy({ PROXY_MAX_BODY: String(64 * MiB) })
    const response = await app.request('/api/clients/huge')
    expect(response.status).toBe(502)
    expect(await response.json()).toEqual({ error: `${new URL(base).host} sent an answer larger than ${64 * MiB} bytes` })
    expect(lines.join('\n')).toMatch(/refused: the answer .* over PROXY_MAX_BODY/)
  })

  it('passes 1 GiB through without holding it (the memory stays where it was)', async () => {
    const before = process.memoryUsage().rss
    const response = await proxy().app.request('/api/clients/huge')
    expect(response.status).toBe(200)
    const result = await drain(response)
    expect(result).toMatchObject({ bytes: 1024 * MiB, error: null })
    // Holding the body would be +1 GiB at least; streaming keeps a few chunks in flight.
    expect(result.peakRss - before).toBeLessThan(200 * MiB)
  }, 60_000)

  it('cuts an endless body off at PROXY_MAX_BODY, logs it, and hangs up on upstream', async () => {
    const { app, lines } = proxy({ PROXY_MAX_BODY: String(64 * MiB) })
    const response = await app.request('/api/clients/endless')
    const result = await drain(response)
    expect(result.error).toBe('BodyTooLarge')
    expect(result.bytes).toBeLessThanOrEqual(64 * MiB)
    expect(lines.join('\n')).toContain(`cut off: The answer was longer than ${64 * MiB} bytes`)
    await expect.poll(() => upstreamClosed.includes('/v0/endless')).toBe(true)
  }, 30_000)

  it('never inflates a gzip bomb past PROXY_MAX_BODY', async () => {
    const before = process.memoryUsage().rss
    const response = await proxy({ PROXY_MAX_BODY: String(64 * MiB) }).app.request('/api/clients/bomb')
    const result = await drain(response)
    expect(result.error).toBe('BodyTooLarge')
    expect(result.bytes).toBeLessThanOrEqual(64 * MiB)
    expect(result.peakRss - before).toBeLessThan(200 * MiB)
  }, 30_000)

  it('applies PROXY_TIMEOUT_MS to a pause in the body', async () => {
    const { app, lines } = proxy({ PROXY_TIMEOUT_MS: '200' })
    const response = await app.request('/api/clients/stall')
    expect(response.status).toBe(200)
    const result = await drain(response)
    expect(result.error).toBe('BodyStalled')
    expect(lines.join('\n')).toContain('cut off: The answer paused for more than 200 ms')
  })

  it('replaces a server-held secret that upstream quotes, even split across chunks', async () => {
    const response = await proxy().app.request('/api/clients/quote')
    expect(response.status).toBe(401)
    expect(await response.text()).toBe('{"error":"Bad token: Bearer [redacted]"}')
  })

  it('leaves pictures and browser-held tokens alone', async () => {
    const picture = await proxy().app.request('/api/clients/picture')
    expect(Buffer.from(await picture.arrayBuffer()).toString()).toBe(TOKEN)
    const { app } = proxy({ CLIENTS_API_TOKEN: '' })
    const quoted = await app.request('/api/clients/quote', { headers: { Authorization: 'Bearer mine' } })
    expect(await quoted.text()).toContain(TOKEN)
  })

  it.each(['/v0/..;/admin', '/v0/%2e%2e/admin', '/v0/x/..%20/y', '/v0/%EF%BC%8E%EF%BC%8E/admin', `//evil.example/v0/x`, 'http://evil.example/v0/x'])(
    'refuses a redirect to %s',
    async (location) => {
      const response = await proxy().app.request(`/api/clients/redirect?to=${encodeURIComponent(location)}`)
      expect(response.status).toBe(502)
    },
  )

  it('leaves no listener on the request when the answer is done (one would keep every request in memory)', async () => {
    const { app } = proxy()
    for (const path of ['/api/clients/picture', '/api/clients/quote', '/api/clients/huge']) {
      const request = new Request(`http://127.0.0.1${path}`)
      const before = getEventListeners(request.signal, 'abort').length
      const response = await app.request(request)
      if (path.endsWith('huge')) await response.body!.cancel()
      else await response.arrayBuffer()
      // A cancel reaches the guard through the redaction pipe a few ticks later.
      await expect.poll(() => getEventListeners(request.signal, 'abort').length, { message: path }).toBe(before)
    }
  })

  it('follows a plain redirect inside the target', async () => {
    const response = await proxy().app.request(`/api/clients/redirect?to=${encodeURIComponent('/v0/elsewhere')}`)
    expect(await response.json()).toEqual({ reached: true })
  })
})

describe('redaction', () => {
  it('catches every spelling of a secret, split at every position', async () => {
    const secret = 'a/b"c-9'
    const text = `x ${secret} y ${JSON.stringify(secret)} z ${JSON.stringify(secret).replaceAll('/', '\\/')} end`
    expect(redactText(text, [secret])).toBe('x [redacted] y "[redacted]" z "[redacted]" end')
    for (let cut = 1; cut < text.length; cut++) {
      const bytes = new TextEncoder().encode(text)
      const source = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(bytes.slice(0, cut))
          controller.enqueue(bytes.slice(cut))
          controller.close()
        },
      })
      const out = await new Response(source.pipeThrough(redactStream([secret]))).text()
      expect(out, `cut at ${cut}`).toBe('x [redacted] y "[redacted]" z "[redacted]" end')
    }
  })

  it('keeps multi-byte text intact across chunk edges', async () => {
    const text = 'Иванов 😀 Пётр'.repeat(50)
    const bytes = new TextEncoder().encode(text)
    const source = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 7) controller.enqueue(bytes.slice(i, i + 7))
        controller.close()
      },
    })
    expect(await new Response(source.pipeThrough(redactStream(['secret-token']))).text()).toBe(text)
  })
})
