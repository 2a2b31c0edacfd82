import type { HttpBindings } from '@hono/node-server'
import type { Context, Next } from 'hono'
import { isLoopbackName, type ServerConfig } from './config.ts'
import { pathProblem, splitRawUrl } from './proxy.ts'

/*
 * What a request must be before anything answers it (SPEC §9): addressed to one of this
 * server's own names, not sent by another site to /api, with its path and credential
 * headers exactly as a browser would send them. Every refusal is logged, with its reason.
 */

/** Probes use the instance's own address, whatever it is: these answer any Host. */
export const PROBE_PATHS = new Set(['/healthz', '/readyz'])

type Log = (line: string) => void

/** A Host header's name and port, or null when it is no host at all. */
function parseHost(value: string): { hostname: string; port: string } | null {
  try {
    const url = new URL(`http://${value}`)
    if (url.host === '' || url.username || url.password || url.pathname !== '/' || `${value}`.includes('/')) return null
    return { hostname: url.hostname, port: url.port }
  } catch {
    return null
  }
}

/** True for the names this server answers to: loopback, PUBLIC_URL's host name, ALLOWED_HOSTS. */
export function isAllowedHost(value: string, config: Pick<ServerConfig, 'publicUrl' | 'allowedHosts'>): boolean {
  const host = parseHost(value.trim())
  if (!host) return false
  if (isLoopbackName(host.hostname)) return true
  if (config.publicUrl !== null && host.hostname === config.publicUrl.hostname) return true
  const withPort = host.port ? `${host.hostname}:${host.port}` : host.hostname
  return config.allowedHosts.some((allowed) => allowed === host.hostname || allowed === withPort)
}

function refuse(c: Context, log: Log, status: 400 | 403 | 421, error: string, reason: string): Response {
  const { path } = splitRawUrl((c.env as Partial<HttpBindings> | undefined)?.incoming?.url ?? c.req.url)
  const shown = path.length > 200 ? `${path.slice(0, 200)}…` : path
  log(`${c.req.method} ${JSON.stringify(shown)} refused ${status}: ${reason}`)
  return c.json({ error }, status)
}

/** DNS rebinding: a page whose name now points here is same-origin with us, so refuse names we don't own. */
export function hostGuard(config: ServerConfig, log: Log) {
  return async (c: Context, next: Next): Promise<Response | void> => {
    if (PROBE_PATHS.has(c.req.path)) return next()
    // Both the header and the URL built from it (an absolute-form request line names its own host).
    const names = [c.req.header('host'), new URL(c.req.url).host].filter((name): name is string => name !== undefined)
    const unknown = names.find((name) => !isAllowedHost(name, config))
    if (unknown === undefined) return next()
    return refuse(c, log, 421, 'This server does not answer to that name', `Host ${JSON.stringify(unknown.slice(0, 100))} is not allowed`)
  }
}

/** Another site may not spend the Clients budget or read data through an <img>, a form or a fetch. */
export function crossSiteGuard(config: ServerConfig, log: Log) {
  return async (c: Context, next: Next): Promise<Response | void> => {
    if (!/^\/api(?:\/|$)/.test(c.req.path)) return next()
    const site = c.req.header('sec-fetch-site')
    if (site === 'cross-site') return refuse(c, log, 403, 'Cross-site requests are refused', 'Sec-Fetch-Site: cross-site')
    const origin = c.req.header('origin')
    if (origin === undefined) return next()
    const own = [new URL(c.req.url).origin, config.publicUrl?.origin]
    if (own.includes(origin)) return next()
    return refuse(c, log, 403, 'Cross-site requests are refused', `Origin ${JSON.stringify(origin.slice(0, 100))} is not this site`)
  }
}

const CREDENTIAL_HEADERS = ['authorization', 'x-api-key', 'tenant']

/**
 * Node's HTTP layer resolves `..` and `%2e%2e` before Hono sees the URL, and joins a repeated
 * header into one value: judge /api requests by the request exactly as sent.
 */
export function rawRequestGuard(log: Log) {
  return async (c: Context, next: Next): Promise<Response | void> => {
    const incoming = (c.env as Partial<HttpBindings> | undefined)?.incoming
    if (incoming?.url === undefined) return next()
    const { path } = splitRawUrl(incoming.url)
    const isApi = /^\/api(?:\/|$)/i.test(path) || /^\/api(?:\/|$)/.test(c.req.path)
    if (!isApi) return next()
    const problem = pathProblem(path)
    if (problem !== null) return refuse(c, log, 400, 'This path cannot be proxied', problem)
    const raw = incoming.rawHeaders
    for (const name of CREDENTIAL_HEADERS) {
      let count = 0
      for (let i = 0; i < raw.length; i += 2) if (raw[i]!.toLowerCase() === name) count++
      // Joined, `key-a, key-b` would reach upstream as one odd credential; which one was meant is unknowable.
      if (count > 1) return refuse(c, log, 400, `More than one ${name} header`, `repeated ${name} header`)
    }
    return next()
  }
}
