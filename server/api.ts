import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { compress } from 'hono/compress'
import type { ServerConfig } from './config.ts'
import { createDemoClientsApp } from './demo/clients.ts'
import { createDemoUsersApp } from './demo/users.ts'
import { createProxyHandler, splitRawUrl } from './proxy.ts'

/*
 * Everything under /api. Platform-neutral on purpose (no node: imports here, in
 * proxy.ts or in demo/): the React app's unit tests run this same app in jsdom.
 */

export interface ApiDeps {
  fetch?: typeof fetch
  log?: (line: string) => void
  now?: () => number
}

export interface ApiHealth {
  mode: 'demo' | 'proxy'
  target: string | null
  credentials: 'browser' | 'server'
}

export function health(config: ServerConfig): { clients: ApiHealth; bluedolphin: ApiHealth } {
  const { clients, bluedolphin } = config
  return {
    clients: {
      mode: clients.url ? 'proxy' : 'demo',
      target: clients.url?.host ?? null,
      credentials: clients.token ? 'server' : 'browser',
    },
    bluedolphin: {
      mode: bluedolphin.url ? 'proxy' : 'demo',
      target: bluedolphin.url?.host ?? null,
      credentials: bluedolphin.apiKey && bluedolphin.tenant ? 'server' : 'browser',
    },
  }
}

function logPath(url: string): string {
  // The raw path keeps %0a as text, so a request cannot forge a second log line.
  const { path } = splitRawUrl(url)
  return path.length > 200 ? `${path.slice(0, 200)}…` : path
}

export function createApiApp(config: ServerConfig, deps: ApiDeps = {}): Hono {
  const now = deps.now ?? (() => Date.now())
  const log = deps.log ?? ((line: string) => console.log(line))
  // Looked up per call, so that a fetch patched after start-up (MSW in tests) is used.
  const upstreamFetch: typeof fetch = deps.fetch ?? ((input, init) => globalThis.fetch(input, init))
  const proxyLog = config.logLevel === 'silent' ? undefined : log
  const app = new Hono()

  app.use(async (c, next) => {
    const started = now()
    await next()
    // Method, path without the query, status and time: never a header or a query value.
    if (config.logLevel === 'info') log(`${c.req.method} ${logPath(c.req.url)} ${c.res.status} ${Math.round(now() - started)}ms`)
  })
  app.use(compress({ encoding: 'gzip' }))
  app.use(
    bodyLimit({ maxSize: 16 * 1024, onError: (c) => c.json({ error: 'Request body too large' }, 413) }),
  )
  app.use(async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next()
    return c.json({ error: 'Method not allowed' }, 405, { Allow: 'GET, HEAD' })
  })

  app.get('/api/health', (c) => c.json(health(config), 200, { 'Cache-Control': 'no-store' }))

  const { clients, bluedolphin } = config
  if (clients.url) {
    const handler = createProxyHandler({
      prefix: '/api/clients',
      target: clients.url,
      credentials: clients.token ? { authorization: `Bearer ${clients.token}` } : {},
      secrets: clients.token ? [clients.token] : [],
      timeoutMs: config.proxyTimeoutMs,
      maxBody: config.proxyMaxBody,
      fetch: upstreamFetch,
      log: proxyLog,
    })
    app.get('/api/clients', handler)
    app.get('/api/clients/*', handler)
  } else {
    app.route('/api/clients', createDemoClientsApp(config, now))
  }

  if (bluedolphin.url) {
    const handler = createProxyHandler({
      prefix: '/api/bluedolphin',
      target: bluedolphin.url,
      credentials:
        bluedolphin.apiKey && bluedolphin.tenant ? { 'x-api-key': bluedolphin.apiKey, tenant: bluedolphin.tenant } : {},
      // The tenant is a name, not a secret: an error that names it stays readable.
      secrets: bluedolphin.apiKey && bluedolphin.tenant ? [bluedolphin.apiKey] : [],
      timeoutMs: config.proxyTimeoutMs,
      maxBody: config.proxyMaxBody,
      fetch: upstreamFetch,
      log: proxyLog,
    })
    app.get('/api/bluedolphin', handler)
    app.get('/api/bluedolphin/*', handler)
  } else {
    app.route('/api/bluedolphin', createDemoUsersApp(config))
  }

  app.notFound((c) => c.json({ error: 'Not found' }, 404))
  // A stack trace helps no one in a browser; and an error message may quote a header value,
  // so only the error's name is logged.
  app.onError((error, c) => {
    if (config.logLevel !== 'silent') log(`${c.req.method} ${logPath(c.req.url)} failed: ${error.name}`)
    return c.json({ error: 'Internal server error' }, 500)
  })

  return app
}
