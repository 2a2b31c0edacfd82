import { describe, expect, it } from 'vitest'
import { parseRateLimitHeaders } from './rate-limit-headers.ts'

const NOW = Date.UTC(2025, 0, 15, 12, 0, 0)
const parse = (init: Record<string, string>) => parseRateLimitHeaders(new Headers(init), NOW)

describe('parseRateLimitHeaders', () => {
  it('returns null when no rate-limit header is present', () => {
    expect(parse({ 'Content-Type': 'application/json' })).toBeNull()
  })

  it('reads Retry-After as delta-seconds', () => {
    expect(parse({ 'Retry-After': '120' })).toEqual({ retryAt: NOW + 120_000 })
  })

  it('reads Retry-After as an HTTP-date', () => {
    expect(parse({ 'Retry-After': 'Wed, 15 Jan 2025 12:05:00 GMT' })).toEqual({ retryAt: NOW + 300_000 })
  })

  it('treats a Retry-After date in the past as now', () => {
    expect(parse({ 'Retry-After': 'Wed, 15 Jan 2025 11:00:00 GMT' })).toEqual({ retryAt: NOW })
  })

  it('reads the draft-6 RateLimit-Limit/-Remaining/-Reset trio with its policy', () => {
    expect(
      parse({
        'RateLimit-Limit': '100',
        'RateLimit-Remaining': '37',
        'RateLimit-Reset': '512',
        'RateLimit-Policy': '100;w=900',
      }),
    ).toEqual({ limit: 100, remaining: 37, resetAt: NOW + 512_000, windowMs: 900_000 })
  })

  it('reads the draft-7 combined RateLimit header and its policy', () => {
    expect(parse({ RateLimit: 'limit=100, remaining=37, reset=512', 'RateLimit-Policy': '100;w=900' })).toEqual({
      limit: 100,
      remaining: 37,
      resetAt: NOW + 512_000,
      windowMs: 900_000,
    })
  })

  it('reads the draft-8 structured RateLimit header with its named policy', () => {
    expect(
      parse({
        RateLimit: '"default";r=37;t=512',
        'RateLimit-Policy': '"burst";q=10;w=1, "default";q=100;w=900',
      }),
    ).toEqual({ limit: 100, remaining: 37, resetAt: NOW + 512_000, windowMs: 900_000 })
  })

  it('picks the draft-8 policy with the fewest requests left', () => {
    expect(parse({ RateLimit: '"day";r=900;t=3600, "minute";r=2;t=30' })).toEqual({
      remaining: 2,
      resetAt: NOW + 30_000,
    })
  })

  it('reads X-RateLimit-Reset as epoch seconds, as express-rate-limit sends it', () => {
    const resetSeconds = NOW / 1000 + 600
    expect(
      parse({ 'X-RateLimit-Limit': '100', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(resetSeconds) }),
    ).toEqual({ limit: 100, remaining: 0, resetAt: NOW + 600_000 })
  })

  it('reads a small X-RateLimit-Reset as seconds from now', () => {
    expect(parse({ 'X-RateLimit-Reset': '60' })).toEqual({ resetAt: NOW + 60_000 })
  })

  it('prefers the IETF fields over the legacy X- ones and combines families', () => {
    expect(
      parse({ 'Retry-After': '30', 'RateLimit-Remaining': '0', 'X-RateLimit-Remaining': '5', 'X-RateLimit-Limit': '100' }),
    ).toEqual({ retryAt: NOW + 30_000, remaining: 0, limit: 100 })
  })

  it('ignores garbage values and never yields NaN', () => {
    const info = parse({
      'Retry-After': 'soon',
      'RateLimit-Limit': 'lots',
      'RateLimit-Remaining': '-3',
      'RateLimit-Reset': '0x10',
      'X-RateLimit-Reset': '1e3',
      'X-RateLimit-Limit': '100',
    })
    expect(info).toEqual({ limit: 100 })
  })

  it('returns null when every value is garbage', () => {
    expect(parse({ 'Retry-After': 'tomorrow-ish', RateLimit: 'limit=abc', 'RateLimit-Policy': ';;;' })).toBeNull()
  })
})
