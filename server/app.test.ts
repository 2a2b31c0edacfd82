import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { get, type IncomingHttpHeaders } from 'node:http'
import { tmpdir } from 'node:os'
import { gzipSync } from 'node:zlib'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY, createApp } from './app.ts'
import { loadConfig } from './config.ts'
import { listen, rawRequest } from './test-helpers.ts'

const INDEX = '<!doctype html><html><head><title>Roster</title></head><body><div id="root"></div></body></html>'
const SCRIPT = `console.log(${JSON.stringify('x'.repeat(4000))})`
const PRECOMPRESSED = gzipSync(SCRIPT, { level: 9 })

/** The body as sent (fetch would decompress it). */
function getBytes(url: string, headers: Record<string, string>): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }))
    }).on('error', reject)
  })
}

describe('createApp (served over HTTP)', () => {
  let root = ''
  let base = ''
  let close: () => Promise<void> = async () => {}

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'roster-static-'))
    mkdirSync(join(root, 'assets'))
    writeFileSync(join(root, 'index.html'), INDEX)
    writeFileSync(join(root, 'assets', 'index-abc123.js'), SCRIPT)
    writeFileSync(join(root, 'assets', 'pre-abc123.js'), SCRIPT)
    writeFileSync(join(root, 'assets', 'pre-abc123.js.gz'), PRECOMPRESSED)
    writeFileSync(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
    const app = createApp(loadConfig({ LOG_LEVEL: 'silent', DEMO_CLIENTS: '3' }), { staticRoot: root })
    const server = await listen(app)
    base = `http://127.0.0.1:${server.port}`
    close = async () => {
      await server.close()
      rmSync(root, { recursive: true, force: true })
    }
  })
  afterAll(() => close())

  it('puts no secret in the page, and escapes the meta tag', async () => {
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      CLIENTS_API_URL: 'http://127.0.0.1:9/v0',
      CLIENTS_API_TOKEN: 'tok-"<secret>"',
      BLUEDOLPHIN_API_URL: 'https://public-api.eu.bluedolphin.app/v1',
      BLUEDOLPHIN_API_KEY: 'key-secret-123',
      BLUEDOLPHIN_TENANT: 'tenant-secret',
    })
    const { injectHealth } = await import('./app.ts')
    const html = injectHealth(INDEX, config)
    for (const secret of ['tok-', 'secret', 'key-secret-123', 'tenant-secret']) expect(html).not.toContain(secret)
    expect(html).toContain('&#34;credentials&#34;:&#34;server&#34;')
    expect(html.match(/</g)?.length).toBe(INDEX.match(/</g)!.length + 1)
  })

  it.each(['/', '/clients/42', '/users?guests=1', '/settings/'])('serves index.html for %s with the security headers', async (path) => {
    const response = await fetch(base + path)
    expect(response.status).toBe(200)
    const html = await response.text()
    // index.html as built, with the server's mode in a meta tag (so the app need not ask /api/health).
    expect(html.replace(/\s*<meta name="roster-health" content="[^"]*" \/>\s*/, '')).toBe(INDEX)
    const meta = /<meta name="roster-health" content="([^"]*)"/.exec(html)?.[1] ?? ''
    const decoded = meta.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    expect(JSON.parse(decoded)).toEqual({
      clients: { mode: 'demo', target: null, credentials: 'browser' },
      bluedolphin: { mode: 'demo', target: null, credentials: 'browser' },
    })
    expect(response.headers.get('Content-Type')).toMatch(/^text\/html/)
    expect(response.headers.get('Cache-Control')).toBe('no-cache')
    expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(response.headers.get('Referrer-Policy')).toBe('no-referrer')
  })

  it('sends the CSP the spec asks for', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' http: https: data:; " +
        "connect-src 'self' http: https:; font-src 'self'; object-src 'none'; base-uri 'none'; " +
        "form-action 'self'; frame-ancestors 'none'",
    )
  })

  it('serves hashed assets for a year, compressed', async () => {
    const response = await fetch(`${base}/assets/index-abc123.js`, { headers: { 'Accept-Encoding': 'gzip' } })
    expect(response.status).toBe(200)
    expect(await response.text()).toBe(SCRIPT)
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable')
    expect(response.headers.get('Content-Type')).toMatch(/javascript/)
    expect(response.headers.get('Content-Encoding')).toBe('gzip')
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(response.headers.get('Content-Security-Policy')).toBeNull()
  })

  it("sends the build's gzipped copy of an asset as it is, and the plain file to a browser without gzip", async () => {
    const gzipped = await getBytes(`${base}/assets/pre-abc123.js`, { 'Accept-Encoding': 'gzip, deflate' })
    expect(gzipped.headers['content-encoding']).toBe('gzip')
    expect(gzipped.headers['content-type']).toMatch(/javascript/)
    expect(gzipped.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(gzipped.headers.vary).toMatch(/Accept-Encoding/i)
    expect(Buffer.compare(gzipped.body, PRECOMPRESSED)).toBe(0)

    const plain = await getBytes(`${base}/assets/pre-abc123.js`, { 'Accept-Encoding': 'identity' })
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.toString()).toBe(SCRIPT)
  })

  it('answers 404, not index.html, for a missing asset or file', async () => {
    for (const path of ['/assets/missing-123.js', '/missing.png']) {
      const response = await fetch(base + path)
      expect(response.status, path).toBe(404)
      expect(await response.text()).not.toContain('<html')
    }
  })

  it('serves other files from the build', async () => {
    const response = await fetch(`${base}/favicon.svg`)
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toMatch(/^image\/svg\+xml/)
    expect(response.headers.get('Cache-Control')).toBe('no-cache')
  })

  it('answers /api/health and the demo API, with nosniff and no CSP on JSON', async () => {
    const health = await fetch(`${base}/api/health`)
    expect(await health.json()).toMatchObject({ clients: { mode: 'demo' }, bluedolphin: { mode: 'demo' } })
    expect(health.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(health.headers.get('Referrer-Policy')).toBe('no-referrer')
    const clients = await fetch(`${base}/api/clients/clients`, { headers: { Authorization: 'Bearer demo-token' } })
    const body = (await clients.json()) as { client: { profile_picture_url: string }[] }
    expect(body.client).toHaveLength(3)
    expect(body.client.some((c) => c.profile_picture_url.startsWith(`${base}/api/clients/demo-avatars/`))).toBe(true)
  })

  it('answers unknown /api paths with JSON 404, never index.html', async () => {
    const response = await fetch(`${base}/api/clients/nope/42`)
    expect(response.status).toBe(404)
    expect(await response.json()).toEqual({ error: 'Not found' })
  })

  it('refuses a raw path that climbs out of /api', async () => {
    const response = await rawRequest(Number(new URL(base).port), '/api/clients/../../index.html')
    expect(response.status).toBe(400)
    expect(JSON.parse(response.body)).toEqual({ error: 'This path cannot be proxied' })
  })

  it('answers HEAD for a deep link', async () => {
    const response = await fetch(`${base}/clients/42`, { method: 'HEAD' })
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toMatch(/^text\/html/)
  })
})

describe('createApp without a build', () => {
  it('serves only /api', async () => {
    const app = createApp(loadConfig({ LOG_LEVEL: 'silent' }))
    expect((await app.request('/api/health')).status).toBe(200)
    expect((await app.request('/clients/42')).status).toBe(404)
  })
})
