import { getLocale } from '../paraglide/runtime.js'

// Formatters are created once per UI language: building an Intl formatter per cell costs more than the formatting.
const cache = new Map<string, Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.NumberFormat>()
function cached<T extends Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.NumberFormat>(key: string, make: (locale: string) => T): T {
  const locale = getLocale()
  const id = `${locale}|${key}`
  let f = cache.get(id) as T | undefined
  if (!f) {
    f = make(locale)
    cache.set(id, f)
  }
  return f
}

const dateTime = () => cached('dt', (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeStyle: 'short' }))
const dateOnly = () => cached('d', (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium' }))
const relative = () => cached('r', (l) => new Intl.RelativeTimeFormat(l, { numeric: 'auto' }))
const timeOnly = () => cached('t', (l) => new Intl.DateTimeFormat(l, { timeStyle: 'medium' }))
const whole = () => cached('n', (l) => new Intl.NumberFormat(l))
const dateAndTime = () => cached('dts', (l) => new Intl.DateTimeFormat(l, { dateStyle: 'short', timeStyle: 'medium' }))

export function parseDate(iso: string): Date | null {
  if (!iso) return null
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? null : d
}

/** The locale form of an ISO date, or the raw text when it is not a date (never "Invalid Date"). */
export function formatDate(iso: string, withTime = false): string {
  const d = parseDate(iso)
  if (!d) return iso
  return (withTime ? dateTime() : dateOnly()).format(d)
}

/** A time of day in the UI language ("14:05:09"). */
export const formatTime = (at: Date | number): string => timeOnly().format(at)
/** A moment, date and time, in the UI language (tooltips). */
export const formatMoment = (at: Date | number): string => dateAndTime().format(at)
/** A number in the UI language ("2,000", "2 000"). */
export const formatNumber = (n: number): string => whole().format(n)

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
    if (Math.abs(diff) >= ms || unit === 'second') return relative().format(Math.round(diff / ms), unit)
  }
  return relative().format(0, 'second')
}
