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
