import { afterEach, describe, expect, it, vi } from 'vitest'
import * as v from 'valibot'
import { fetchJson, isApiError, type ApiError } from './http.ts'
import { extractMessages, parseRecords, PARSE_CONFIG, summarizeIssues } from './parse.ts'

describe('extractMessages', () => {
  it('reads an RFC 7807 errors map and leaves out the generic title', () => {
    const body = {
      type: 'https://tools.ietf.org/html/rfc7235#section-3.1',
      title: 'One or more validation errors occurred',
      status: 401,
      errors: { tenant: ['Tenant header missing or empty'], 'x-api-key': 'API key missing' },
    }
    expect(extractMessages(body)).toEqual(['Tenant header missing or empty', 'API key missing'])
  })

  it('reads errors as an array of strings and of { message } objects', () => {
    expect(extractMessages({ errors: ['take is empty or incorrect', 'start_with value not found'] })).toEqual([
      'take is empty or incorrect',
      'start_with value not found',
    ])
    expect(extractMessages({ errors: [{ message: 'take is not 0 or greater' }, { code: 7 }] })).toEqual([
      'take is not 0 or greater',
    ])
  })

  it('reads a zod-issue array under error, prefixed by its path', () => {
    const body = {
      success: false,
      error: [
        { code: 'invalid_type', message: 'Required', path: ['client_id'] },
        { code: 'custom', message: 'Invalid date', path: ['clients', 0, 'created_at'] },
        { code: 'custom', message: 'Bad request', path: [] },
      ],
    }
    expect(extractMessages(body)).toEqual(['client_id: Required', 'clients.0.created_at: Invalid date', 'Bad request'])
  })

  it('reads error as a string, as the Clients API sends it', () => {
    expect(extractMessages({ success: false, error: 'Unauthorized' })).toEqual(['Unauthorized'])
  })

  it('reads message', () => {
    expect(extractMessages({ statusCode: 500, message: 'Internal error' })).toEqual(['Internal error'])
  })

  it('prefers detail over title when both exist', () => {
    expect(extractMessages({ title: 'Bad Request', detail: 'start_with is empty or incorrect' })).toEqual([
      'start_with is empty or incorrect',
    ])
  })

  it('falls back to title when nothing more specific exists', () => {
    expect(extractMessages({ title: 'Forbidden', status: 403 })).toEqual(['Forbidden'])
  })

  it('deduplicates and trims', () => {
    expect(extractMessages({ error: ' Unauthorized ', message: 'Unauthorized' })).toEqual(['Unauthorized'])
  })

  it('returns nothing for nested garbage, null, numbers and other JSON', () => {
    expect(extractMessages({ errors: { a: [[{ m: 1 }], null, 3] }, error: { code: 9 }, detail: 42 })).toEqual([])
    expect(extractMessages(null)).toEqual([])
    expect(extractMessages(404)).toEqual([])
    expect(extractMessages('Unauthorized')).toEqual([])
    expect(extractMessages([{ message: 'top-level arrays are not an error shape' }])).toEqual([])
  })

  it('never throws, even for an object whose getters throw', () => {
    const hostile = new Proxy({}, { get: () => { throw new Error('boom') } })
    expect(extractMessages(hostile)).toEqual([])
  })
})

describe('error bodies through fetchJson', () => {
  afterEach(() => vi.unstubAllGlobals())

  async function failWith(body: string | null, init: ResponseInit): Promise<ApiError> {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(body, init)))
    const error: unknown = await fetchJson({ api: 'BlueDolphin', base: '/api/bluedolphin', path: '/users', schema: v.unknown() })
      .then(() => 'resolved')
      .catch((e: unknown) => e)
    if (!isApiError(error)) throw new Error(`expected an ApiError, got ${String(error)}`)
    return error
  }

  it('describes an HTML page without quoting any of its markup', async () => {
    const html = '<!DOCTYPE html><html><head><title>403 Forbidden</title></head><body><h1>Forbidden</h1></body></html>'
    const error = await failWith(html, { status: 403, headers: { 'Content-Type': 'text/html' } })
    expect(error).toMatchObject({ kind: 'http', status: 403, messages: [] })
    expect(error.message).toBe('BlueDolphin API answered 403')
    expect(error.detail).toBe('The server answered with an HTML page (status 403)')
    expect(`${error.message} ${error.detail}`).not.toMatch(/<|>|Forbidden<\/|title/)
  })

  it('uses short plain text verbatim', async () => {
    const error = await failWith('Service temporarily unavailable', { status: 503 })
    expect(error.messages).toEqual(['Service temporarily unavailable'])
    expect(error.message).toBe('Service temporarily unavailable')
  })

  it('does not use long text or text with markup as a message', async () => {
    expect((await failWith('x'.repeat(201), { status: 500 })).messages).toEqual([])
    expect((await failWith('oops <b>bold</b>', { status: 500 })).message).toBe('BlueDolphin API answered 500')
  })

  it('explains an empty body', async () => {
    const error = await failWith(null, { status: 502 })
    expect(error.message).toBe('BlueDolphin API answered 502')
    expect(error.detail).toBe('The server answered with an empty body (status 502)')
  })

  it('keeps the message of a 401 problem details body', async () => {
    const body = { title: 'One or more validation errors occurred', status: 401, errors: { tenant: ['Tenant header missing or empty'] } }
    const error = await failWith(JSON.stringify(body), { status: 401, headers: { 'Content-Type': 'application/problem+json' } })
    expect(error).toMatchObject({ kind: 'http', status: 401, messages: ['Tenant header missing or empty'] })
    expect(error.message).toBe('Tenant header missing or empty')
  })

  it('keeps the title of a bare 403 problem details body', async () => {
    const error = await failWith(JSON.stringify({ title: 'Forbidden', status: 403 }), { status: 403 })
    expect(error).toMatchObject({ status: 403, message: 'Forbidden', messages: ['Forbidden'] })
  })

  it('keeps the message of a 429 and its rate-limit headers', async () => {
    const error = await failWith(JSON.stringify({ success: false, error: 'Too many requests, please try again later' }), {
      status: 429,
      headers: { 'Retry-After': '60', 'RateLimit-Limit': '100', 'RateLimit-Remaining': '0' },
    })
    expect(error).toMatchObject({ status: 429, message: 'Too many requests, please try again later' })
    expect(error.rateLimit).toMatchObject({ limit: 100, remaining: 0, retryAt: expect.any(Number) })
  })

  it('keeps the message of our own proxy when upstream is unreachable', async () => {
    const error = await failWith(JSON.stringify({ error: 'Could not reach host' }), { status: 502 })
    expect(error).toMatchObject({ kind: 'http', status: 502, message: 'Could not reach host' })
  })
})

describe('parseRecords', () => {
  const User = v.object({ id: v.pipe(v.string(), v.regex(/^[0-9a-f]{24}$/)), first_name: v.string() })
  const good = { id: '59e43775d51a8afb7d9433ab', first_name: 'Jane' }

  it('keeps the good records and counts the bad ones', () => {
    const result = parseRecords([good, { id: 'nope', first_name: 'X' }, good, null], User)
    expect(result.records).toEqual([good, good])
    expect(result.skipped).toBe(2)
    expect(result.firstIssue).toMatch(/^record 2: id: /)
  })

  it('has no issue when every record is good', () => {
    expect(parseRecords([good], User)).toEqual({ records: [good], skipped: 0 })
  })

  it('counts a hole in a sparse array as a bad record', () => {
    // eslint-disable-next-line no-sparse-arrays
    expect(parseRecords([good, , good], User).skipped).toBe(1)
  })

  it('reads nothing from a value that is not a list', () => {
    expect(parseRecords({ users: [] }, User)).toEqual({ records: [], skipped: 0, firstIssue: 'Expected a list, got object' })
  })

  it('skips a record whose schema throws instead of throwing', () => {
    const Throwing = v.pipe(
      v.string(),
      v.transform(() => {
        throw new Error('bug')
      }),
    )
    expect(parseRecords(['a'], Throwing)).toMatchObject({ records: [], skipped: 1 })
  })

  it('says where and what was wrong in the first bad record, naming what it got by its kind, never its value', () => {
    expect(parseRecords([good, { ...good, first_name: 7 }], User).firstIssue).toBe('record 2: first_name: Invalid type: Expected string but received a number')
    const phone = parseRecords([{ ...good, first_name: 79171234567 }], User).firstIssue
    expect(phone).toBe('record 1: first_name: Invalid type: Expected string but received a number')
    expect(parseRecords([{ ...good, first_name: true }], User).firstIssue).toBe('record 1: first_name: Invalid type: Expected string but received a boolean')
    expect(parseRecords([{ ...good, first_name: null }], User).firstIssue).toBe('record 1: first_name: Invalid type: Expected string but received null')
    expect(parseRecords([{ ...good, id: 'Private Name' }], User).firstIssue).toBe(
      'record 1: id: Invalid format: Expected /^[0-9a-f]{24}$/ but received a string',
    )
  })
})

describe('summarizeIssues', () => {
  const List = v.object({ clients: v.array(v.object({ email: v.string() })) })

  it('writes each valibot issue as path: message and counts the ones left out', () => {
    const result = v.safeParse(List, { clients: [{ email: 1 }, { email: 'a' }, {}, { email: null }, { email: [] }] }, PARSE_CONFIG)
    if (result.success) throw new Error('expected issues')
    expect(summarizeIssues(result.issues)).toBe(
      'clients.0.email: Invalid type: Expected string but received a number; ' +
        'clients.2.email: Invalid key: Expected "email" but received undefined; ' +
        'clients.3.email: Invalid type: Expected string but received null; and 1 more',
    )
  })

  it('gives the message alone for an issue without a path', () => {
    const result = v.safeParse(List, 'Secret text', PARSE_CONFIG)
    if (result.success) throw new Error('expected issues')
    expect(summarizeIssues(result.issues)).toBe('Invalid type: Expected Object but received a string')
  })
})
