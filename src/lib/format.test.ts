import { describe, expect, it } from 'vitest'
import { formatDate, formatRelative, parseDate } from './format'
import { formatPhone } from './phone'

describe('formatPhone', () => {
  it('formats a Russian number as +7 XXX XXX-XX-XX with an E.164 link target', () => {
    expect(formatPhone('79174236278')).toEqual({ display: '+7 917 423-62-78', e164: '+79174236278' })
  })

  it('accepts a Russian number that already has formatting', () => {
    expect(formatPhone('+7 (917) 423-62-78')).toEqual({ display: '+7 917 423-62-78', e164: '+79174236278' })
  })

  it('formats a non-Russian number in its international form', () => {
    expect(formatPhone('4915112345678')).toEqual({ display: '+49 1511 2345678', e164: '+4915112345678' })
    expect(formatPhone('12025550123')).toEqual({ display: '+1 202 555 0123', e164: '+12025550123' })
  })

  it('gives back garbage and too-short numbers as they are, with no link', () => {
    for (const raw of ['abc', '12', '7917', '000', 'call me']) expect(formatPhone(raw)).toEqual({ display: raw, e164: null })
  })

  it('gives an empty value back empty', () => {
    expect(formatPhone('')).toEqual({ display: '', e164: null })
  })
})

describe('parseDate', () => {
  it('reads an ISO date-time, and null for anything else', () => {
    expect(parseDate('2022-11-05T08:55:16Z')?.getTime()).toBe(Date.UTC(2022, 10, 5, 8, 55, 16))
    expect(parseDate('')).toBeNull()
    expect(parseDate('not a date')).toBeNull()
    expect(parseDate('2023-13-45T00:00:00Z')).toBeNull()
  })
})

describe('formatDate', () => {
  // Midday UTC, so the calendar day is the same in every time zone the tests may run in.
  const iso = '2023-05-17T12:00:00Z'
  const locale = new Intl.DateTimeFormat().resolvedOptions().locale

  it('formats a valid date in the locale, as a date', () => {
    const text = formatDate(iso)
    expect(text).not.toBe(iso)
    expect(text).toBe(new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso)))
    expect(text).toContain('2023')
  })

  it('adds the time when asked', () => {
    const text = formatDate(iso, true)
    expect(text).toBe(new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)))
    expect(text.length).toBeGreaterThan(formatDate(iso).length)
  })

  it('shows an invalid date as its raw text, never "Invalid Date"', () => {
    for (const raw of ['not a date', '2023-13-45T00:00:00Z', 'yesterday', '']) {
      expect(formatDate(raw)).toBe(raw)
      expect(formatDate(raw, true)).toBe(raw)
      expect(formatDate(raw, true)).not.toMatch(/invalid/i)
    }
  })
})

describe('formatRelative', () => {
  const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' })
  const now = Date.UTC(2025, 0, 1)

  it('picks the largest whole unit', () => {
    expect(formatRelative(now - 3 * 3600_000, now)).toBe(relative.format(-3, 'hour'))
    expect(formatRelative(now - 2 * 365 * 24 * 3600_000, now)).toBe(relative.format(-2, 'year'))
    expect(formatRelative(new Date(now + 5 * 60_000), now)).toBe(relative.format(5, 'minute'))
  })

  it('says now for the same instant', () => {
    expect(formatRelative(now, now)).toBe(relative.format(0, 'second'))
  })
})
