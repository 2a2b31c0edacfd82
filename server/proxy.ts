import type { Context } from 'hono'
import { BodyStalled, BodyTooLarge, guardBody, isTextual, redactStream } from './body-stream.ts'

/** Request headers that may reach upstream; everything else (Cookie, Host, X-Forwarded-*) stays here. */
const FORWARDED_REQUEST_HEADERS = ['authorization', 'x-api-key', 'tenant', 'accept', 'content-type']

/**
 * Response headers passed back. Content-Encoding and Content-Length are not: fetch
 * decompresses the body as it streams, and our compress middleware encodes it again.
 */
const RETURNED_RESPONSE_HEADERS = [
  'content-type',
  'retry-after',
  'ratelimit',
  'ratelimit-policy',
  'ratelimit-limit',
  'ratelimit-remaining',
  'ratelimit-reset',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
]

const MAX_REDIRECTS = 3

export interface ProxyOptions {
  /** The local prefix, e.g. `/api/clients`. */
  prefix: string
  /** The configured base URL, e.g. `http://63.141.232.244:25540/v0`. */
  target: URL
  /** Server-held credentials; they replace whatever the browser sent under the same names. */
  credentials: Record<string, string>
  /** The secret parts of those credentials, scrubbed from every text body passed back. */
  secrets: string[]
  /** Bounds the wait for upstream's headers and every pause in its body. */
  timeoutMs: number
  /** The most bytes (decoded) passed on from one answer (`PROXY_MAX_BODY`). */
  maxBody: number
  fetch: typeof fetch
  /** Where cut-off answers are reported (never with a header value or a query). */
  log?: (line: string) => void
}

function targetPath(target: URL): string {
  return target.pathname.replace(/\/+$/, '')
}

/** True when `url` is on the target's origin and under its path. */
export function isInsideTarget(url: URL, target: URL): boolean {
  const base = targetPath(target)
  return url.origin === target.origin && (url.pathname === base || url.pathname.startsWith(`${base}/`))
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x1f\x7f]/

function segmentProblem(segment: string, depth: number): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(segment)
  } catch {
    return 'malformed percent-encoding'
  }
  if (decoded === '.' || decoded === '..') return 'dot segment'
  // What some servers read as `..`: `..;jsessionid`, `..%20`, full-width or other look-alike dots.
  const core = decoded.split(';')[0]!.normalize('NFKC').trim()
  if (core === '.' || core === '..') return 'dot segment look-alike'
  if (/[/\\]/.test(decoded)) return 'encoded slash or backslash'
  if (decoded.includes('@') || decoded.includes(':')) return 'encoded @ or colon'
  if (CONTROL.test(decoded)) return 'control character'
  // Double encoding (`%252e%252e`) would become `..` at a server that decodes twice.
  if (decoded !== segment && decoded.includes('%')) return depth < 3 ? segmentProblem(decoded, depth + 1) : 'encoded too deeply'
  return null
}

/** Why a path after the prefix is refused, or null when it is safe to append to the target path. */
export function pathProblem(tail: string): string | null {
  if (tail !== '' && !tail.startsWith('/')) return 'path must start with /'
  if (CONTROL.test(tail)) return 'control character'
  if (tail.includes('\\')) return 'backslash'
  if (tail.includes('//')) return 'doubled slash'
  if (tail.includes('@')) return '@ in path'
  if (tail.includes(':')) return 'colon in path'
  for (const segment of tail.split('/')) {
    const problem = segmentProblem(segment, 0)
    if (problem) return problem
  }
  return null
}

/**
 * The upstream URL from the configured base and a validated path, or null. Built from the
 * configured origin only, and checked again after parsing, so no request can leave the target.
 */
export function buildUpstreamUrl(target: URL, tail: string, search: string): URL | null {
  if (pathProblem(tail) !== null) return null
  if (search !== '' && (!search.startsWith('?') || CONTROL.test(search) || search.includes('#'))) return null
  let url: URL
  try {
    url = new URL(`${target.origin}${targetPath(target)}${tail}${search}`)
  } catch {
    return null
  }
  return isInsideTarget(url, target) ? url : null
}

/** Path and query exactly as the client sent them (no decoding, no normalisation by us). */
export function splitRawUrl(url: string): { path: string; search: string } {
  // An origin-form target (`/api/x?y`) starts with its path; an absolute URL has a scheme first.
  const pathStart = url.startsWith('/') ? 0 : url.indexOf('/', url.indexOf('://') + 3)
  if (pathStart < 0) return { path: '/', search: '' }
  const hash = url.indexOf('#', pathStart)
  const end = hash < 0 ? url.length : hash
  const query = url.indexOf('?', pathStart)
  if (query < 0 || query > end) return { path: url.slice(pathStart, end), search: '' }
  return { path: url.slice(pathStart, query), search: url.slice(query, end) }
}

class UpstreamTimeout extends Error {}
class OffsiteRedirect extends Error {}

/** Why a redirect's target is refused, or null: the same rules as a browser's path, on the raw Location. */
function redirectProblem(location: string, next: URL, target: URL): string | null {
  if (!isInsideTarget(next, target)) return 'outside the target'
  const raw = /^[a-z][a-z0-9+.-]*:/i.test(location) || location.startsWith('/') ? splitRawUrl(location).path : null
  if (raw !== null && pathProblem(raw) !== null) return 'path trick'
  return pathProblem(next.pathname.slice(targetPath(target).length))
}

/** Headers only: the body is read later, as the browser takes it. */
async function exchange(options: ProxyOptions, first: URL, init: RequestInit): Promise<Response> {
  let url = first
  for (let hop = 0; ; hop++) {
    const response = await options.fetch(url, { ...init, redirect: 'manual' })
    const location = response.headers.get('location')
    // Same-host redirects are followed (the vendor's docs use curl -L); others are refused.
    if (response.status >= 300 && response.status < 400 && location !== null) {
      await response.body?.cancel()
      let next: URL
      try {
        next = new URL(location, url)
      } catch {
        throw new OffsiteRedirect()
      }
      if (hop >= MAX_REDIRECTS || redirectProblem(location, next, options.target) !== null) throw new OffsiteRedirect()
      url = next
      continue
    }
    return response
  }
}

async function withTimeout<T>(ms: number, controller: AbortController, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort()
      reject(new UpstreamTimeout())
    }, ms)
  })
  try {
    return await Promise.race([work, timeout])
  } finally {
    clearTimeout(timer)
  }
}

function returnedHeaders(upstream: Headers): Headers {
  const headers = new Headers({ 'Cache-Control': 'no-store' })
  for (const name of RETURNED_RESPONSE_HEADERS) {
    const value = upstream.get(name)
    if (value !== null) headers.set(name, value)
  }
  return headers
}

/**
 * Aborts `controller` when `signal` does, until the returned function is called. The listener
 * must go when the answer is done: the request's signal can outlive the request (undici keeps
 * it until its Request is collected), and a listener left on it would keep every request alive.
 */
function followAbort(signal: AbortSignal | undefined, controller: AbortController): () => void {
  if (!signal) return () => {}
  const abort = () => controller.abort()
  signal.addEventListener('abort', abort, { once: true })
  return () => signal.removeEventListener('abort', abort)
}

/** A Hono handler that forwards `<prefix>/*` to the target, and nowhere else. */
export function createProxyHandler(options: ProxyOptions) {
  const host = options.target.host
  const seconds = `${options.timeoutMs / 1000} s`
  const secrets = options.secrets.filter((secret) => secret !== '')
  const log = options.log ?? (() => {})
  return async (c: Context): Promise<Response> => {
    const { path, search } = splitRawUrl(c.req.url)
    const tail = path.slice(options.prefix.length)
    const url = path.startsWith(options.prefix) ? buildUpstreamUrl(options.target, tail, search) : null
    if (!url) return c.json({ error: 'This path cannot be proxied' }, 400)

    const headers = new Headers()
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = c.req.header(name)
      if (value !== undefined) headers.set(name, value)
    }
    for (const [name, value] of Object.entries(options.credentials)) headers.set(name, value)

    const controller = new AbortController()
    // A browser that hangs up (a cancelled query) frees the upstream connection too.
    const detach = followAbort(c.req.raw.signal, controller)
    const method = c.req.method
    let upstream: Response
    try {
      upstream = await withTimeout(options.timeoutMs, controller, exchange(options, url, { method, headers, signal: controller.signal }))
    } catch (error) {
      detach()
      if (error instanceof UpstreamTimeout) return c.json({ error: `${host} did not answer within ${seconds}` }, 504)
      if (error instanceof OffsiteRedirect) return c.json({ error: `${host} redirected to another location` }, 502)
      return c.json({ error: `Could not reach ${host}` }, 502)
    }

    const returned = returnedHeaders(upstream.headers)
    const nullBody = [204, 205, 304].includes(upstream.status) || method === 'HEAD' || upstream.body === null
    if (nullBody) {
      detach()
      await upstream.body?.cancel()
      return new Response(null, { status: upstream.status, headers: returned })
    }
    // fetch decodes gzip/br itself, so a declared length says only what is on the wire; the guard counts decoded bytes.
    const declared = Number(upstream.headers.get('content-length'))
    if (!upstream.headers.has('content-encoding') && declared > options.maxBody) {
      detach()
      await upstream.body?.cancel()
      controller.abort()
      log(`${c.req.method} ${options.prefix} refused: the answer from ${host} is ${declared} bytes, over PROXY_MAX_BODY`)
      return c.json({ error: `${host} sent an answer larger than ${options.maxBody} bytes` }, 502)
    }
    let body = guardBody(upstream.body!, {
      maxBytes: options.maxBody,
      pauseMs: options.timeoutMs,
      onEnd: detach,
      onCutOff(reason) {
        controller.abort()
        if (reason instanceof BodyTooLarge || reason instanceof BodyStalled) log(`${c.req.method} ${options.prefix} cut off: ${reason.message}`)
      },
    })
    if (secrets.length > 0 && isTextual(upstream.headers.get('content-type'))) body = body.pipeThrough(redactStream(secrets))
    return new Response(body, { status: upstream.status, headers: returned })
  }
}
