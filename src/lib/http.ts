import { safeParse, type GenericSchema, type SafeParseResult } from 'valibot'
import { recordActivity } from './activity.ts'
import { PARSE_CONFIG, readBody, summarizeIssues, type BodyReading } from './parse.ts'
import { parseRateLimitHeaders, type RateLimitInfo } from './rate-limit-headers.ts'
import { goToSignIn, SIGN_IN_REQUIRED_HEADER } from './session.ts'

export type ApiName = 'Clients' | 'BlueDolphin'
/** `sign-in`: Roster's own gate answered 401 (no session), not the API. */
export type ApiErrorKind = 'http' | 'network' | 'timeout' | 'shape' | 'sign-in'

type ApiErrorInit = Pick<ApiError, 'kind' | 'api' | 'host'> &
  Partial<Pick<ApiError, 'status' | 'messages' | 'detail' | 'rateLimit' | 'message'>>

// An API message that is markup or a wall of text makes a bad headline; it stays in `messages`.
const usableAsHeadline = (m: string) => m.length <= 300 && !/<[a-z!/]/i.test(m)

function headline({ kind, api, host, status, messages = [] }: ApiErrorInit): string {
  // In English here (the error's message, logs); the error panel shows them in the UI language (error-panel.tsx).
  if (kind === 'network') return `Could not reach ${host}`
  if (kind === 'timeout') return `${host} did not answer in time`
  if (kind === 'shape') return `Unexpected response from the ${api} API`
  if (kind === 'sign-in') return 'Sign-in required'
  return messages.find(usableAsHeadline) ?? `${api} API answered ${status}`
}

/** A failed API call, with a message fit to show as is: no HTML, no secret, no stack. */
export class ApiError extends Error {
  readonly kind: ApiErrorKind
  readonly api: ApiName
  readonly status: number | undefined
  /** The API's own messages, verbatim and deduplicated. */
  readonly messages: string[]
  readonly host: string
  readonly detail: string | undefined
  readonly rateLimit: RateLimitInfo | null

  constructor(init: ApiErrorInit) {
    super(init.message ?? headline(init))
    this.name = 'ApiError'
    this.kind = init.kind
    this.api = init.api
    this.status = init.status
    this.messages = init.messages ?? []
    this.host = init.host
    this.detail = init.detail
    this.rateLimit = init.rateLimit ?? null
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError
}

type Query = Record<string, string | number | boolean | undefined>

// Only used to resolve a path on this origin the way the browser would.
const PLACEHOLDER_ORIGIN = 'http://relative.invalid'
const isAbsolute = (url: string) => /^https?:\/\//i.test(url)

/**
 * `base` + `path` with exactly one slash between them, the base's own path kept.
 * A base is a path on this origin (`/api/clients`) or an absolute http(s) URL; anything else
 * (`ftp:`, `javascript:`, `//host`) is a TypeError, so a bad setting never becomes a request.
 */
export function joinUrl(base: string, path: string, query?: Query): string {
  const trimmed = base.trim()
  // The URL parser drops tabs and line breaks, so `/\t/host` would become `//host`: refuse them first.
  if (/[\t\n\r]/.test(trimmed)) throw new TypeError('A base URL must not contain tabs or line breaks')
  const relative = /^\/(?![/\\])/.test(trimmed)
  if (!relative && !isAbsolute(trimmed)) {
    throw new TypeError('A base URL must be a path such as /api/clients or an http(s) URL')
  }
  const url = new URL(trimmed, PLACEHOLDER_ORIGIN)
  if (url.username || url.password) throw new TypeError('A base URL must not contain a user name or password')
  if (url.search || url.hash) throw new TypeError('A base URL must not contain a query or a fragment')
  // The pathname setter also percent-encodes a stray '?' or '#' in `path`.
  const joined = path.replace(/^\/+/, '') === '' ? url.pathname.replace(/(.)\/+$/, '$1') : `${url.pathname}/${path}`
  url.pathname = joined.replace(/\/{2,}/g, '/')
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query ?? {})) {
    // An empty string is a value the caller chose (the API may reject it); undefined is "not set".
    if (value !== undefined) params.append(key, String(value))
  }
  url.search = params.toString()
  return relative ? `${url.pathname}${url.search}` : url.href
}

export interface RequestOptions<T> {
  api: ApiName
  base: string
  path: string
  query?: Query
  /** Credentials live here; they never go into an error, a log or the activity record. */
  headers?: Record<string, string>
  schema: GenericSchema<unknown, T>
  /** TanStack Query's signal: its abort is rethrown as the native AbortError. */
  signal?: AbortSignal
  timeoutMs?: number
}

export interface ApiResponse<T> {
  data: T
  status: number
  rateLimit: RateLimitInfo | null
  receivedAt: number
}

const DEFAULT_TIMEOUT_MS = 15_000
const PROXY_HINT =
  'If the API does not allow cross-origin requests, or it is plain http while Roster is served over https, ' +
  'use the built-in proxy: leave the base URL at /api/clients or /api/bluedolphin and set ' +
  'CLIENTS_API_URL / BLUEDOLPHIN_API_URL on the server.'

function hostOf(url: string): string {
  try {
    return new URL(url, globalThis.location?.href ?? 'http://localhost').host
  } catch {
    return url.slice(0, 100)
  }
}

/** The URL path only: query values (a cursor, a search) stay out of the activity record. */
function pathOf(url: string): string {
  try {
    return new URL(url, PLACEHOLDER_ORIGIN).pathname
  } catch {
    return ''
  }
}

const formatDuration = (ms: number) => (ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`)

/** Removes header values (and a bearer token on its own) from text an API may have echoed. */
function redactor(headers: Record<string, string> = {}): (text: string) => string {
  const secrets = Object.values(headers)
    .flatMap((value) => [value.trim(), value.trim().split(/\s+/).pop() ?? ''])
    .filter((secret) => secret.length >= 4)
    .sort((a, b) => b.length - a.length)
  return (text) => secrets.reduce((out, secret) => out.split(secret).join('[redacted]'), text)
}

// Header values must be Latin-1 without line breaks. Checked here because the platform's
// own TypeError may quote the value — the secret — in its message.
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/

function requestHeaders(extra: Record<string, string> = {}): Headers {
  const headers = new Headers({ Accept: 'application/json' })
  for (const [name, value] of Object.entries(extra)) {
    if (!HEADER_VALUE.test(value)) {
      throw new TypeError(`The ${name} value contains characters that cannot be sent; check it in Settings`)
    }
    headers.set(name, value)
  }
  return headers
}

const isJsonType = (contentType: string | null) => contentType !== null && /^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(contentType.trim())

/** A 2xx answer labelled JSON; only a body that is not JSON after all is reported here, any other failure is thrown. */
async function readJson(response: Response): Promise<BodyReading> {
  try {
    return { json: { value: (await response.json()) as unknown }, messages: [] }
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error
    return { messages: [], detail: `The server said it sent JSON, but the answer is not valid JSON (status ${response.status}); it may have been cut off on the way` }
  }
}

/**
 * GETs JSON and validates it. Resolves with the parsed data, or rejects with an ApiError
 * (http, network, timeout, shape) — or with the caller's own AbortError when it cancelled.
 * Every request that ends (not a cancelled one) goes into the activity record.
 */
export async function fetchJson<T>(options: RequestOptions<T>): Promise<ApiResponse<T>> {
  const { api, schema, signal, timeoutMs = DEFAULT_TIMEOUT_MS } = options
  const redact = redactor(options.headers)
  const at = Date.now()
  const started = performance.now()
  let url = options.base
  let status: number | undefined

  const record = (error?: string) =>
    recordActivity({
      at,
      api,
      method: 'GET',
      path: pathOf(url),
      status,
      durationMs: Math.round(performance.now() - started),
      error,
    })
  const fail = (init: Omit<ApiErrorInit, 'api' | 'host'>) => {
    const error = new ApiError({
      ...init,
      api,
      host: hostOf(url),
      messages: [...new Set(init.messages?.map(redact))],
      detail: init.detail === undefined ? undefined : redact(init.detail),
      message: init.message === undefined ? undefined : redact(init.message),
    })
    record(error.message)
    return error
  }

  let headers: Headers
  try {
    url = joinUrl(options.base, options.path, options.query)
    headers = requestHeaders(options.headers)
  } catch (error) {
    // A bad base URL or header never leaves the browser; say what to fix.
    throw fail({ kind: 'network', detail: error instanceof TypeError ? error.message : undefined })
  }

  const timeout = AbortSignal.timeout(timeoutMs)
  let response: Response
  let body: BodyReading
  let labelledJson: boolean
  try {
    response = await fetch(url, {
      method: 'GET',
      headers,
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      // The Roster server's session cookie goes to this origin only; never to an API called directly.
      credentials: 'same-origin',
      // TanStack Query is the cache. An HTTP-cache copy would defeat "Refresh", hide fresh
      // rate-limit headers, and put personal data on the disk cache.
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    })
    status = response.status
    const contentType = response.headers.get('Content-Type')
    labelledJson = isJsonType(contentType)
    // A successful JSON answer is decoded straight from its bytes: a list of 50,000 never also exists as
    // one long string. Anything else is read as text, to say what came back.
    const empty = response.status === 204 || response.headers.get('Content-Length') === '0'
    body = response.ok && !empty && labelledJson ? await readJson(response) : readBody(await response.text(), contentType, response.status)
  } catch (error) {
    // A cancelled query is no failure: TanStack Query expects its own AbortError back.
    if (signal?.aborted) throw error
    if (timeout.aborted) {
      throw fail({ kind: 'timeout', message: `${hostOf(url)} did not answer within ${formatDuration(timeoutMs)}` })
    }
    if (status !== undefined) {
      throw fail({ kind: 'network', detail: `The connection broke while reading the answer (status ${status})` })
    }
    const detail = isAbsolute(url)
      ? PROXY_HINT
      : `The Roster server at ${hostOf(url)} is not answering; check that it is still running.`
    throw fail({ kind: 'network', detail })
  }

  const receivedAt = Date.now()
  const rateLimit = parseRateLimitHeaders(response.headers, receivedAt)
  if (response.status === 401 && !isAbsolute(url) && response.headers.get(SIGN_IN_REQUIRED_HEADER) === 'required') {
    // The session ended (expired, or signed out in another tab): sign in and come back here.
    goToSignIn()
    throw fail({ kind: 'sign-in', status: 401 })
  }
  if (!response.ok) {
    throw fail({ kind: 'http', status: response.status, messages: body.messages, detail: body.detail, rateLimit })
  }
  if (!body.json) {
    // An answer labelled JSON came from a JSON API, only broken. Anything else is typically a wrong base
    // URL that lands on a web page (or the app's own index.html).
    const detail = labelledJson ? body.detail : `${body.detail ?? 'The answer is not JSON'}; expected JSON, check the base URL`
    throw fail({ kind: 'shape', detail, rateLimit })
  }
  let parsed: SafeParseResult<GenericSchema<unknown, T>>
  try {
    parsed = safeParse(schema, body.json.value, PARSE_CONFIG)
  } catch {
    throw fail({ kind: 'shape', detail: 'The answer could not be validated', rateLimit })
  }
  if (!parsed.success) throw fail({ kind: 'shape', detail: summarizeIssues(parsed.issues), rateLimit })
  record()
  return { data: parsed.output, status: response.status, rateLimit, receivedAt }
}
