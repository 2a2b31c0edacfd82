import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as v from 'valibot'
import { clearActivity, getActivity } from './activity.ts'
import { fetchJson, isApiError, joinUrl, type ApiError, type RequestOptions } from './http.ts'

describe('joinUrl', () => {
  it('joins a path on this origin', () => {
    expect(joinUrl('/api/clients', '/clients')).toBe('/api/clients/clients')
    expect(joinUrl('/', 'clients')).toBe('/clients')
  })

  it('joins an absolute base and keeps its path', () => {
    expect(joinUrl('http://h/v0', '/clients')).toBe('http://h/v0/clients')
    expect(joinUrl('http://63.141.232.244:25540/v0', 'clients')).toBe('http://63.141.232.244:25540/v0/clients')
    expect(joinUrl('https://public-api.eu.bluedolphin.app', '/users')).toBe('https://public-api.eu.bluedolphin.app/users')
  })

  it('puts exactly one slash between base and path', () => {
    expect(joinUrl('/api/clients/', '/clients')).toBe('/api/clients/clients')
    expect(joinUrl('/api/clients//', '//clients')).toBe('/api/clients/clients')
    expect(joinUrl('https://x/v1/', 'users')).toBe('https://x/v1/users')
    expect(joinUrl('https://x//v1//', '//users//all')).toBe('https://x/v1/users/all')
    expect(joinUrl('https://x/v1/', '')).toBe('https://x/v1')
  })

  it('encodes query values, sends an empty string and omits undefined', () => {
    const query = { start_with: '', take: 100, include_guests: false, cursor: undefined, q: 'a b&c=д' }
    expect(joinUrl('/api/bluedolphin', '/users', query)).toBe(
      '/api/bluedolphin/users?start_with=&take=100&include_guests=false&q=a+b%26c%3D%D0%B4',
    )
    expect(joinUrl('https://x/v1', '/users', { take: 3 })).toBe('https://x/v1/users?take=3')
    expect(joinUrl('/api/clients', '/clients', { page: undefined })).toBe('/api/clients/clients')
  })

  it('cannot be tricked into a query by the path', () => {
    expect(joinUrl('/api', '/users?x=1#y')).toBe('/api/users%3Fx=1%23y')
  })

  it('rejects a base that is neither a path nor an http(s) URL', () => {
    for (const base of ['ftp://x', 'javascript:alert(1)', '//evil.example', 'api/clients', '', 'http://u:p@h/v0', 'http://h/v0?key=1']) {
      expect(() => joinUrl(base, '/clients'), base).toThrow(TypeError)
    }
  })
})

const SECRET = 'Bearer s3cr3t-t0ken-value'
const Clients = v.object({ success: v.literal(true), client: v.array(v.object({ client_id: v.number() })) })

function options(overrides: Partial<RequestOptions<v.InferOutput<typeof Clients>>> = {}): RequestOptions<v.InferOutput<typeof Clients>> {
  return { api: 'Clients', base: '/api/clients', path: '/clients', headers: { Authorization: SECRET }, schema: Clients, ...overrides }
}

function stubFetch(impl: (url: string, init: RequestInit) => Promise<Response>) {
  const fetch = vi.fn(impl)
  vi.stubGlobal('fetch', fetch)
  return fetch
}

/** A fetch that, like the real one, only ends when its signal aborts. */
const hangingFetch = (_url: string, init: RequestInit) =>
  new Promise<Response>((_, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason)))

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(() => undefined, (e: unknown) => e)
  if (!isApiError(error)) throw new Error(`expected an ApiError, got ${String(error)}`)
  return error
}

function expectNoSecret(error: ApiError) {
  for (const text of [error.message, error.detail ?? '', ...error.messages, JSON.stringify(getActivity())]) {
    expect(text).not.toContain('s3cr3t')
  }
}

describe('fetchJson', () => {
  beforeEach(() => clearActivity())
  afterEach(() => vi.unstubAllGlobals())

  it('resolves with validated data and sends the request the way it should', async () => {
    const fetch = stubFetch(async () => Response.json({ success: true, client: [{ client_id: 1 }] }, { headers: { RateLimit: 'limit=100, remaining=99, reset=900' } }))
    const result = await fetchJson(options({ query: { page: 2 } }))
    expect(result).toMatchObject({ data: { client: [{ client_id: 1 }] }, status: 200, rateLimit: { limit: 100, remaining: 99 } })
    const [url, init] = fetch.mock.calls[0]!
    expect(url).toBe('/api/clients/clients?page=2')
    expect(init).toMatchObject({ method: 'GET', credentials: 'same-origin', cache: 'no-store', referrerPolicy: 'no-referrer' })
    const headers = new Headers(init.headers)
    expect(headers.get('Accept')).toBe('application/json')
    expect(headers.get('Authorization')).toBe(SECRET)
    expect(getActivity()).toEqual([expect.objectContaining({ api: 'Clients', method: 'GET', path: '/api/clients/clients', status: 200 })])
  })

  it('turns a failed fetch into a network error that names the host and the proxy', async () => {
    stubFetch(async () => {
      throw new TypeError('Failed to fetch')
    })
    const error = await rejection(fetchJson(options({ base: 'http://63.141.232.244:25540/v0' })))
    expect(error).toMatchObject({ kind: 'network', api: 'Clients', host: '63.141.232.244:25540', status: undefined })
    expect(error.message).toBe('Could not reach 63.141.232.244:25540')
    expect(error.detail).toContain('use the built-in proxy')
    expectNoSecret(error)
  })

  it('says the Roster server is not answering when a same-origin call fails', async () => {
    stubFetch(async () => {
      throw new TypeError('Failed to fetch')
    })
    const error = await rejection(fetchJson(options()))
    expect(error).toMatchObject({ kind: 'network', host: location.host, message: `Could not reach ${location.host}` })
    expect(error.detail).toContain('Roster server')
  })

  it('times out with a timeout error and records it', async () => {
    stubFetch(hangingFetch)
    const error = await rejection(fetchJson(options({ base: 'https://slow.example/v0', timeoutMs: 20 })))
    expect(error).toMatchObject({ kind: 'timeout', host: 'slow.example', message: 'slow.example did not answer within 20 ms' })
    expect(getActivity()).toEqual([expect.objectContaining({ error: error.message, status: undefined })])
    expectNoSecret(error)
  })

  it("rethrows the caller's AbortError untouched and records nothing", async () => {
    stubFetch(hangingFetch)
    const controller = new AbortController()
    const pending = fetchJson(options({ signal: controller.signal })).catch((e: unknown) => e)
    controller.abort()
    const error = await pending
    expect(isApiError(error)).toBe(false)
    expect(error).toMatchObject({ name: 'AbortError' })
    expect(getActivity()).toEqual([])
  })

  it('reports a body of the wrong shape with the schema issues as detail', async () => {
    stubFetch(async () => Response.json({ success: true, clients: [] }))
    const error = await rejection(fetchJson(options()))
    expect(error).toMatchObject({ kind: 'shape', message: 'Unexpected response from the Clients API' })
    expect(error.detail).toMatch(/^client: /)
    expectNoSecret(error)
  })

  it('names the type of a wrong value in the detail without quoting its text', async () => {
    stubFetch(async () => Response.json({ success: true, client: [{ client_id: 'Jane Doe <jane@example.com>' }] }))
    const error = await rejection(fetchJson(options()))
    expect(error.detail).toBe('client.0.client_id: Invalid type: Expected number but received a string')
  })

  it('reports invalid JSON on a 2xx as a shape error that says what came back', async () => {
    stubFetch(async () => new Response('<!doctype html><title>Roster</title>', { headers: { 'Content-Type': 'text/html' } }))
    const error = await rejection(fetchJson(options({ api: 'BlueDolphin' })))
    expect(error).toMatchObject({ kind: 'shape', message: 'Unexpected response from the BlueDolphin API' })
    expect(error.detail).toContain('HTML page (status 200)')
  })

  it('reads a 2xx labelled JSON (also a +json type) without the text detour, and says so when it is not JSON after all', async () => {
    stubFetch(async () => new Response(JSON.stringify({ success: true, client: [{ client_id: 7 }] }), { headers: { 'Content-Type': 'application/vnd.api+json; charset=utf-8' } }))
    await expect(fetchJson(options())).resolves.toMatchObject({ data: { client: [{ client_id: 7 }] }, status: 200 })

    stubFetch(async () => new Response('<!doctype html><title>Proxy error</title>', { headers: { 'Content-Type': 'application/json' } }))
    const error = await rejection(fetchJson(options()))
    expect(error).toMatchObject({ kind: 'shape', message: 'Unexpected response from the Clients API' })
    expect(error.detail).toBe('The server said it sent JSON, but the answer is not valid JSON (status 200); it may have been cut off on the way')
  })

  it('says an empty answer is empty, even when it is labelled JSON, and reads other types that end in json as text', async () => {
    stubFetch(async () => new Response(null, { status: 204, headers: { 'Content-Type': 'application/json' } }))
    expect((await rejection(fetchJson(options()))).detail).toContain('empty body (status 204)')
    stubFetch(async () => new Response('', { headers: { 'Content-Type': 'application/json', 'Content-Length': '0' } }))
    expect((await rejection(fetchJson(options()))).detail).toContain('empty body (status 200)')
    stubFetch(async () => new Response('{"a":1}\n{"a":2}\n', { headers: { 'Content-Type': 'application/json-seq' } }))
    expect((await rejection(fetchJson(options()))).detail).toContain('check the base URL')
  })

  it('reports a JSON answer whose connection breaks mid-body as a network failure', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"success": true, "client": ['))
        controller.error(new TypeError('network error'))
      },
    })
    stubFetch(async () => new Response(body, { headers: { 'Content-Type': 'application/json' } }))
    const error = await rejection(fetchJson(options()))
    expect(error).toMatchObject({ kind: 'network' })
    expect(error.detail).toContain('The connection broke while reading the answer (status 200)')
  })

  it('records a 401 with its message', async () => {
    stubFetch(async () => Response.json({ success: false, error: 'Unauthorized' }, { status: 401 }))
    const error = await rejection(fetchJson(options()))
    expect(error).toMatchObject({ kind: 'http', status: 401, message: 'Unauthorized', messages: ['Unauthorized'] })
    expect(getActivity()).toEqual([
      expect.objectContaining({ api: 'Clients', method: 'GET', path: '/api/clients/clients', status: 401, error: 'Unauthorized' }),
    ])
  })

  it('never lets a header value into an error or the activity record, even when the API echoes it', async () => {
    stubFetch(async () => Response.json({ error: `Token ${SECRET} is invalid`, detail: 's3cr3t-t0ken-value' }, { status: 401 }))
    const error = await rejection(fetchJson(options()))
    expect(error.message).toBe('Token [redacted] is invalid')
    expectNoSecret(error)
  })

  it('refuses a header value that cannot be sent, without quoting it', async () => {
    const fetch = stubFetch(async () => Response.json({}))
    const error = await rejection(fetchJson(options({ headers: { Authorization: 'Bearer s3cr3t\nX-Evil: 1' } })))
    expect(fetch).not.toHaveBeenCalled()
    expect(error.kind).toBe('network')
    expect(error.detail).toContain('Authorization')
    expectNoSecret(error)
  })

  it('refuses a bad base URL without calling fetch', async () => {
    const fetch = stubFetch(async () => Response.json({}))
    const error = await rejection(fetchJson(options({ base: 'javascript:alert(1)' })))
    expect(fetch).not.toHaveBeenCalled()
    expect(error).toMatchObject({ kind: 'network', detail: expect.stringContaining('base URL') })
  })
})
