import fc from 'fast-check'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as v from 'valibot'
import { fetchJson, isApiError } from './http.ts'
import { extractMessages, parseRecords } from './parse.ts'
import { parseRateLimitHeaders } from './rate-limit-headers.ts'

const RUNS = { numRuns: 10_000 }
// 10,000 runs take a second or three; a busy CI machine needs headroom over vitest's 5 s.
const SLOW = { timeout: 20_000 }

function expectMessageList(messages: unknown) {
  expect(Array.isArray(messages)).toBe(true)
  const list = messages as unknown[]
  for (const m of list) expect(typeof m === 'string' && m.trim() === m && m !== '').toBe(true)
  expect(new Set(list).size).toBe(list.length)
}

// Bodies shaped like the ones SPEC §1 lists, with garbage mixed into every field.
const small = fc.anything({ maxDepth: 1 })
const messageLike = fc.oneof(fc.string(), fc.record({ message: small, path: fc.oneof(fc.array(fc.oneof(fc.string(), fc.integer())), small) }), small)
const errorBody = fc.record(
  {
    errors: fc.oneof(fc.dictionary(fc.string(), fc.oneof(fc.array(messageLike), messageLike)), fc.array(messageLike)),
    error: fc.oneof(fc.string(), fc.array(messageLike), fc.record({ issues: fc.array(messageLike) })),
    title: fc.anything(),
    detail: fc.anything(),
    message: fc.anything(),
  },
  { requiredKeys: [] },
)

describe('extractMessages (property)', () => {
  it('never throws and returns clean strings for anything', SLOW, () => {
    fc.assert(fc.property(fc.anything(), (body) => expectMessageList(extractMessages(body))), RUNS)
  })

  it('never throws and returns clean strings for any JSON value', SLOW, () => {
    fc.assert(fc.property(fc.jsonValue(), (body) => expectMessageList(extractMessages(body))), RUNS)
  })

  it('never throws for error-shaped bodies full of garbage', SLOW, () => {
    fc.assert(fc.property(errorBody, (body) => expectMessageList(extractMessages(body))), RUNS)
  })
})

describe('parseRecords (property)', () => {
  const Item = v.object({ id: v.string(), n: v.pipe(v.number(), v.safeInteger()) })

  it('never throws, and every item is either kept or counted', SLOW, () => {
    const items = fc.oneof(fc.anything(), fc.array(fc.oneof(fc.record({ id: fc.string(), n: fc.integer() }), fc.anything())))
    fc.assert(
      fc.property(items, (value) => {
        const { records, skipped } = parseRecords(value, Item)
        for (const record of records) expect(v.is(Item, record)).toBe(true)
        expect(records.length + skipped).toBe(Array.isArray(value) ? value.length : 0)
      }),
      RUNS,
    )
  })
})

describe('parseRateLimitHeaders (property)', () => {
  const names = ['Retry-After', 'RateLimit', 'RateLimit-Policy', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset']
  const value = fc.oneof(
    fc.string({ unit: fc.constantFrom(...'0123456789;=,". -:+eExrtqwlimitsngGMTWed'.split('')) }),
    fc.string({ unit: 'binary-ascii' }).filter((s) => !/[\0\r\n]/.test(s)),
    fc.double().map(String),
    fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()),
  )

  it('never throws and never yields NaN, Infinity or a negative number', SLOW, () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...names), value), fc.integer({ min: 0, max: 4e12 }), (init, now) => {
        const info = parseRateLimitHeaders(new Headers(init), now)
        for (const n of Object.values(info ?? {})) expect(Number.isFinite(n) && n >= 0).toBe(true)
      }),
      RUNS,
    )
  })
})

describe('fetchJson (property)', () => {
  afterEach(() => vi.unstubAllGlobals())

  const SECRET = 'k3y-0f-the-tenant'
  const Schema = v.object({ ok: v.boolean() })
  const body = fc.oneof(
    fc.string(),
    fc.uint8Array({ maxLength: 64 }),
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.record({ ok: fc.boolean() }).map((v) => JSON.stringify(v)),
    errorBody.map((v) => JSON.stringify(v) ?? ''),
    fc.constantFrom(`{"error":"bad key ${SECRET}"}`, '<html><body>Forbidden</body></html>', ''),
  )
  const status = fc.oneof(fc.constantFrom(200, 204, 400, 401, 403, 429, 502, 504), fc.integer({ min: 200, max: 599 }))
  const contentType = fc.constantFrom('application/json', 'text/html; charset=utf-8', 'text/plain', 'application/problem+json')

  it('resolves with valid data or rejects with an ApiError, nothing else', SLOW, async () => {
    await fc.assert(
      fc.asyncProperty(body, status, contentType, async (payload, code, type) => {
        // Statuses such as 204 may not carry a body at all.
        const nullBody = [204, 205, 304].includes(code)
        vi.stubGlobal('fetch', async () => new Response(nullBody ? null : payload, { status: code, headers: { 'Content-Type': type } }))
        const outcome = await fetchJson({ api: 'BlueDolphin', base: '/api/bluedolphin', path: '/users', headers: { 'x-api-key': SECRET }, schema: Schema }).then(
          (response) => ({ response }),
          (error: unknown) => ({ error }),
        )
        if ('response' in outcome) {
          expect(code).toBeLessThan(300)
          expect(v.is(Schema, outcome.response.data)).toBe(true)
          return
        }
        const { error } = outcome
        if (!isApiError(error)) throw new Error(`not an ApiError: ${String(error)}`)
        expect(error.kind).toBe(code >= 200 && code < 300 ? 'shape' : 'http')
        expect(error.message).not.toBe('')
        expect(error.message).not.toMatch(/<[a-z!/]/i)
        for (const text of [error.message, error.detail ?? '', ...error.messages]) expect(text).not.toContain(SECRET)
      }),
      RUNS,
    )
  })
})
