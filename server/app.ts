import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono, type Context, type Next } from 'hono'
import { compress } from 'hono/compress'
import { createApiApp, health } from './api.ts'
import { signInGate } from './auth/gate.ts'
import type { ServerConfig } from './config.ts'
import { crossSiteGuard, hostGuard, rawRequestGuard } from './request-guards.ts'

// Images may come from any http(s) host (clients' profile pictures), and the browser may
// call an API directly when Settings holds an absolute URL; everything else is this origin.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' http: https: data:",
  "connect-src 'self' http: https:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

const IMMUTABLE = 'public, max-age=31536000, immutable'

export interface AppOptions {
  /** The Vite build (`dist/`); without it only /api is served (as under `vite dev`). */
  staticRoot?: string
  log?: (line: string) => void
  fetch?: typeof fetch
  /** False while starting or shutting down: /readyz then answers 503. */
  ready?: () => boolean
}

// Nothing in Roster uses these: a script that got in could not either.
const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=()'

const securityHeaders = (config: ServerConfig) => async (c: Context, next: Next): Promise<void> => {
  await next()
  const set = (name: string, value: string) => {
    try {
      c.res.headers.set(name, value)
    } catch {
      // A Response straight from fetch() has immutable headers: copy it once, then set.
      c.res = new Response(c.res.body, c.res)
      c.res.headers.set(name, value)
    }
  }
  set('X-Content-Type-Options', 'nosniff')
  set('Referrer-Policy', 'no-referrer')
  set('Permissions-Policy', PERMISSIONS_POLICY)
  // Only where people reach Roster over https: HSTS on a plain-http name would lock them out.
  if (config.publicUrl?.protocol === 'https:') set('Strict-Transport-Security', 'max-age=31536000')
  if (/^\/api(\/|$)/.test(c.req.path)) {
    // Whatever an upstream sends back (an SVG, an HTML error page) must never run as this origin's page.
    set('Content-Security-Policy', "default-src 'none'; sandbox")
  } else if (c.res.headers.get('Content-Type')?.startsWith('text/html')) set('Content-Security-Policy', CONTENT_SECURITY_POLICY)
}

function cacheControl(value: string) {
  return (_path: string, c: Context) => {
    c.header('Cache-Control', value)
  }
}

/**
 * index.html with the server's mode (the /api/health answer, which holds no secret) in a meta tag:
 * the app reads it at start instead of asking, so opening a screen costs only that screen's request.
 * Read per request, so a rebuild of dist/ is served without a restart.
 */
export async function indexWithHealth(root: string, config: ServerConfig): Promise<string> {
  const html = await readFile(join(root, 'index.html'), 'utf8')
  return injectHealth(html, config)
}

export function injectHealth(html: string, config: ServerConfig): string {
  const json = JSON.stringify(health(config)).replace(/[&"<>]/g, (ch) => `&#${ch.charCodeAt(0)};`)
  return html.replace('</head>', `  <meta name="roster-health" content="${json}" />\n  </head>`)
}

function mountStatic(app: Hono, root: string, config: ServerConfig): void {
  const index = async (c: Context) => c.html(await indexWithHealth(root, config), 200, { 'Cache-Control': 'no-cache' })
  app.get('/', index)
  app.get('/index.html', index)
  // Hashed file names never change content: cache them for a year. The build writes a gzipped copy of
  // each (precompress.ts): sent as is to browsers that accept gzip.
  app.use('/assets/*', serveStatic({ root, precompressed: true, onFound: cacheControl(IMMUTABLE) }))
  // A missing hashed asset must be a 404, not index.html parsed as a script.
  app.get('/assets/*', (c) => c.text('Not found', 404))
  app.use('*', serveStatic({ root, onFound: cacheControl('no-cache') }))
  // History fallback: a deep link such as /clients/42 loads the app, which routes it.
  // A path that names a file (has an extension) and was not found stays a 404.
  app.get('*', (c, next) => (/\.[a-z0-9]+$/i.test(c.req.path) ? next() : index(c)))
}

/** The whole server for `npm start` and `npm run dev`: /api/*, then the built app. */
export function createApp(config: ServerConfig, options: AppOptions = {}): Hono {
  const app = new Hono()
  const api = createApiApp(config, { log: options.log, fetch: options.fetch })
  const log = config.logLevel === 'silent' ? () => {} : (options.log ?? ((line: string) => console.log(line)))
  const ready = options.ready ?? (() => true)

  app.use(securityHeaders(config))
  app.use(hostGuard(config, log))
  app.use(rawRequestGuard(log))
  app.use(crossSiteGuard(config, log))
  // Probes for a load balancer or an orchestrator: no session, no secret, no upstream request.
  app.get('/healthz', (c) => c.json({ status: 'ok' }, 200, { 'Cache-Control': 'no-store' }))
  app.get('/readyz', (c) =>
    ready()
      ? c.json({ status: 'ready' }, 200, { 'Cache-Control': 'no-store' })
      : c.json({ status: 'not ready' }, 503, { 'Cache-Control': 'no-store' }),
  )
  app.use(compress())
  // Sign-in (server/auth/): answers /sign-in and /auth/*, and lets nothing else through without a session.
  if (config.auth) app.use(signInGate(config.auth, { log }))
  // The API app has its own middleware (log, limits, compression); hand it the request whole.
  app.all('/api', (c) => api.fetch(c.req.raw))
  app.all('/api/*', (c) => api.fetch(c.req.raw))

  const root = options.staticRoot
  if (root !== undefined && existsSync(join(root, 'index.html'))) mountStatic(app, root, config)
  else if (root !== undefined) (options.log ?? console.warn)(`No index.html in ${root}: serving /api only`)

  app.notFound((c) => c.text('Not found', 404))
  return app
}
