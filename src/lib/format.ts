import { parsePhoneNumberFromString } from 'libphonenumber-js/min'

// Formatters are created once: building an Intl formatter per cell costs more than the formatting.
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' })

export function parseDate(iso: string): Date | null {
  if (!iso) return null
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? null : d
}

/** The locale form of an ISO date, or the raw text when it is not a date (never "Invalid Date"). */
export function formatDate(iso: string, withTime = false): string {
  const d = parseDate(iso)
  if (!d) return iso
  return (withTime ? dateTime : dateOnly).format(d)
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['week', 7 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
  ['second', 1000],
]

/** "2 years ago", "in 3 days", "now". */
export function formatRelative(date: Date | number, now = Date.now()): string {
  const diff = (typeof date === 'number' ? date : date.getTime()) - now
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms || unit === 'second') return relative.format(Math.round(diff / ms), unit)
  }
  return relative.format(0, 'second')
}

export interface Phone {
  display: string
  /** E.164 for a tel: link, or null when the value is not a phone number */
  e164: string | null
}

/** `79174236278` → `+7 917 423-62-78`; the raw value when it cannot be parsed. */
export function formatPhone(raw: string): Phone {
  const digits = raw.replace(/[^\d+]/g, '')
  if (!digits) return { display: raw, e164: null }
  const phone = parsePhoneNumberFromString(digits.startsWith('+') ? digits : `+${digits}`)
  if (!phone || !phone.isPossible()) return { display: raw, e164: null }
  // The metadata's international form for +7 is "+7 917 423 62 78"; people there write "+7 917 423-62-78",
  // which is the national grouping behind the country code.
  const display =
    phone.countryCallingCode === '7'
      ? `+7 ${phone.format('NATIONAL', { nationalPrefix: false }).replace(/[()]/g, '')}`
      : phone.formatInternational()
  return { display, e164: phone.number }
}
