import { Hono } from 'hono'
import type { ServerConfig } from '../config.ts'
import { avatarPng } from './avatar-png.ts'
import { createClientMaker, generateClients } from './data.ts'
import { generateHostileClients } from './hostile.ts'
import { createRateLimiter, rateLimitHeaders } from './rate-limit.ts'
import { parseScenario, scenarioDelay, sleep, type Scenario } from './scenarios.ts'
import {
  buildSlices,
  createQueue,
  createSizedCache,
  joinSlices,
  ORIGIN_MARK,
  sizeOfSlices,
  storeSlice,
  streamSlices,
  type StoredSlice,
} from './slices.ts'

// Generating and serialising 200,000 clients takes a second or more: keep the bytes (without the
// request's origin, so another Host name costs nothing), and make one list at a time.
const bodies = createSizedCache<StoredSlice[]>(8, 256 * 1024 * 1024, sizeOfSlices)
const generate = createQueue()
const HEAD = '{"success":true,"client":['
const TAIL = ']}'

const HTML_ERROR =
  '<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head><body>' +
  '<center><h1>500 Internal Server Error</h1></center><hr><center>nginx</center>' +
  '<script>alert(1)</script></body></html>'

const TRACE = {
  success: false,
  error: 'Internal error',
  stack:
    'Error: boom\n    at getClients (/srv/app/routes/clients.js:42:11)\n' +
    '    at Layer.handle [as handle_request] (/srv/app/node_modules/express/lib/router/layer.js:95:5)',
}

const ZOD_ERRORS = {
  success: false,
  error: [{ code: 'invalid_type', expected: 'number', received: 'undefined', message: 'Required', path: ['client_id'] }],
}

/** The list for a scenario, made once per set of parameters (never per Host). */
function listSlices(config: ServerConfig, scenario: Scenario): Promise<StoredSlice[]> {
  const seed = config.demo.seed
  if (scenario.has('empty')) return Promise.resolve([storeSlice(HEAD + TAIL)])
  if (scenario.has('hostile')) {
    return bodies('hostile', () => generate(() => buildSlices(1, () => generateHostileClients(ORIGIN_MARK), HEAD, TAIL)))
  }
  const count = Math.min(scenario.number('n') ?? config.demo.clients, config.demo.maxRecords)
  if (scenario.has('malformed')) {
    return bodies(`malformed:${seed}:${count}`, () =>
      generate(() => {
        const make = createClientMaker(seed, ORIGIN_MARK)
        let first = true
        return buildSlices(count + 2, (size) => {
          if (!first) return make(size)
          first = false
          const list: unknown[] = make(size - 2)
          const { email_address: _dropped, ...missingEmail } = generateClients(seed + 1, 1, ORIGIN_MARK)[0]!
          const badId = { ...generateClients(seed + 2, 1, ORIGIN_MARK)[0]!, client_id: 'abc' }
          // Among good records, not at an edge, so that "skip and count" is what gets tested.
          list.splice(Math.min(1, list.length), 0, { ...missingEmail, client_id: count + 1 })
          list.splice(Math.min(3, list.length), 0, badId)
          return list
        }, HEAD, TAIL)
      }),
    )
  }
  return bodies(`${seed}:${count}`, () => generate(() => buildSlices(count, createClientMaker(seed, ORIGIN_MARK), HEAD, TAIL)))
}

function jsonResponse(body: string | ReadableStream<Uint8Array>, status: number, headers: Record<string, string>): Response {
  return new Response(body, { status, headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8' } })
}

async function faultResponse(
  scenario: Scenario,
  headers: Record<string, string>,
  list: () => Promise<string>,
): Promise<Response | null> {
  if (scenario.has('html')) {
    return new Response(HTML_ERROR, { status: 500, headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' } })
  }
  if (scenario.has('trace')) return jsonResponse(JSON.stringify(TRACE), 500, headers)
  if (scenario.has('errors')) return jsonResponse(JSON.stringify(ZOD_ERRORS), 422, headers)
  if (scenario.has('shape')) return jsonResponse('{"success":true,"clients":{}}', 200, headers)
  if (scenario.has('truncated')) {
    const full = await list()
    return jsonResponse(full.slice(0, Math.max(12, Math.floor(full.length / 2))), 200, headers)
  }
  return null
}

/** A 10,000 × 10,000 picture: a circle on a light ground, in the demo PNGs' colours (server/demo/avatar-png.ts). */
function largeAvatarSvg(id: number): string {
  const hue = Math.round((id * 137.508) % 360)
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" width="10000" height="10000" viewBox="0 0 128 128">' +
    `<rect width="128" height="128" fill="hsl(${hue} 70% 88%)"/><circle cx="64" cy="64" r="38" fill="hsl(${hue} 55% 42%)"/></svg>`
  )
}

/** The demo Clients API, mounted at /api/clients when CLIENTS_API_URL is unset. */
export function createDemoClientsApp(config: ServerConfig, now: () => number): Hono {
  const app = new Hono()
  const hit = createRateLimiter(config.demo.rateWindowMs, now)

  app.use(async (_c, next) => {
    await sleep(config.demo.latencyMs)
    await next()
  })

  app.get('/clients', async (c) => {
    const token = /^Bearer\s+(\S+)$/i.exec(c.req.header('Authorization') ?? '')?.[1]
    const scenario = parseScenario(token, 'demo-token')
    const policy = `${config.demo.rateLimit};w=${Math.ceil(config.demo.rateWindowMs / 1000)}`
    if (!scenario) return c.json({ success: false, error: 'Unauthorized' }, 401, { 'RateLimit-Policy': policy })

    // Keyed by the full token, so `demo-token+t123` is a bucket of its own.
    const limit = scenario.number('limit') ?? config.demo.rateLimit
    const result = hit(scenario.raw, limit)
    const headers = rateLimitHeaders(result)
    if (!result.allowed) {
      return jsonResponse('{"success":false,"error":"Too many requests, please try again later"}', 429, headers)
    }
    await sleep(scenarioDelay(scenario))
    const origin = new URL(c.req.url).origin
    const fault = await faultResponse(scenario, headers, async () => joinSlices(await listSlices(config, scenario), origin))
    return fault ?? jsonResponse(streamSlices(await listSlices(config, scenario), origin), 200, headers)
  })

  // No credentials here: an <img> cannot send a bearer token.
  app.get('/demo-avatars/:file', async (c) => {
    const file = c.req.param('file')
    // A picture that is gone in the way real storage often fails: 200 with bytes that are no image.
    // (A 404 would do for the app too, but the browser logs every 404 as a console error.)
    if (/^missing-\d{1,9}\.png$/.test(file)) return c.body('not an image', 200, { 'Content-Type': 'image/png', 'Cache-Control': 'no-store' })
    const picture = /^(\d{1,9})\.png$/.exec(file)
    if (picture) {
      return c.body(await avatarPng(Number(picture[1])), 200, { 'Content-Type': 'image/png', 'Cache-Control': 'public, max-age=86400' })
    }
    // The hostile set's very large picture (server/demo/hostile.ts): 10,000 × 10,000 pixels in a few bytes of SVG.
    const large = /^large-(\d{1,9})\.svg$/.exec(file)
    if (!large) return c.json({ error: 'Not found' }, 404)
    return c.body(largeAvatarSvg(Number(large[1])), 200, {
      'Content-Type': 'image/svg+xml',
      'Cache-Control': 'public, max-age=86400',
      // Opened directly, an SVG is a document; it has no scripts, and this keeps it so.
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    })
  })

  return app
}
