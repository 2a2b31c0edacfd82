/** What an API told us about its rate limit. Times are epoch milliseconds. */
export interface RateLimitInfo {
  limit?: number
  remaining?: number
  /** When the current window ends (the quota is refilled). */
  resetAt?: number
  /** When `Retry-After` says the next request may be made. */
  retryAt?: number
  windowMs?: number
}

type Field = keyof RateLimitInfo

// Integers or decimals only: `Number('')`, `Number('0x10')` or `Number(' 1e3')` would
// turn garbage into plausible numbers. 15 digits keep the value exact and finite.
const NUMBER = /^\d{1,15}(?:\.\d{1,6})?$/

function toNumber(raw: string | null | undefined): number | undefined {
  if (raw == null) return undefined
  const text = raw.trim().replace(/^"(.*)"$/, '$1')
  return NUMBER.test(text) ? Number(text) : undefined
}

/** The leading number of a list value such as draft-6's `RateLimit-Limit: 100, 100;w=900`. */
function leadingNumber(raw: string | null): number | undefined {
  return toNumber(raw?.split(/[,;]/)[0])
}

/** `Retry-After` is either delta-seconds or an HTTP-date (RFC 9110 §10.2.3). */
function parseRetryAfter(raw: string | null, now: number): number | undefined {
  if (raw == null) return undefined
  const seconds = toNumber(raw)
  if (seconds !== undefined) return now + seconds * 1000
  // Date.parse accepts loose input such as '1' (year 2001): demand a month or day name.
  if (!/[a-z]{3}/i.test(raw)) return undefined
  const date = Date.parse(raw)
  // A date already past means "now", not a countdown into the past.
  return Number.isFinite(date) ? Math.max(date, now) : undefined
}

/** Structured-field params of one list member: `"default";r=37;t=512` → { r: '37', t: '512' }. */
interface Member {
  name: string
  params: Record<string, string>
}

function parseMembers(raw: string): Member[] {
  return raw.split(',').map((part) => {
    const [head = '', ...rest] = part.split(';')
    const params: Record<string, string> = {}
    for (const param of rest) {
      const eq = param.indexOf('=')
      if (eq > 0) params[param.slice(0, eq).trim().toLowerCase()] = param.slice(eq + 1).trim()
    }
    return { name: head.trim().replace(/^"(.*)"$/, '$1'), params }
  })
}

/** draft-7 `RateLimit: limit=100, remaining=37, reset=512` or draft-8 `"default";r=37;t=512`. */
function parseRateLimit(raw: string | null, now: number): { info: RateLimitInfo; policy?: string } {
  if (raw == null) return { info: {} }
  const dictionary = [...raw.matchAll(/\b(limit|remaining|reset)\s*=\s*([^,;\s]+)/gi)]
  if (dictionary.length > 0) {
    const value = (key: string) => dictionary.find((m) => m[1]?.toLowerCase() === key)?.[2]
    const reset = toNumber(value('reset'))
    return {
      info: {
        limit: toNumber(value('limit')),
        remaining: toNumber(value('remaining')),
        resetAt: reset === undefined ? undefined : now + reset * 1000,
      },
    }
  }
  // Several policies may apply at once; the one with the fewest requests left binds.
  let best: Member | undefined
  let bestRemaining = Infinity
  for (const member of parseMembers(raw)) {
    const remaining = toNumber(member.params.r)
    if (remaining !== undefined && remaining < bestRemaining) {
      best = member
      bestRemaining = remaining
    }
  }
  if (!best) return { info: {} }
  const reset = toNumber(best.params.t)
  return {
    info: { remaining: bestRemaining, resetAt: reset === undefined ? undefined : now + reset * 1000 },
    policy: best.name,
  }
}

/** draft-7 `RateLimit-Policy: 100;w=900` or draft-8 `"default";q=100;w=900`. */
function parsePolicy(raw: string | null, name: string | undefined): RateLimitInfo {
  if (raw == null) return {}
  const members = parseMembers(raw)
  const member = members.find((m) => name !== undefined && m.name === name) ?? members[0]
  if (!member) return {}
  const window = toNumber(member.params.w)
  return {
    limit: toNumber(member.params.q) ?? toNumber(member.name),
    windowMs: window === undefined ? undefined : window * 1000,
  }
}

/** express-rate-limit's legacy `X-RateLimit-Reset` is epoch seconds; small values are a delta. */
function parseLegacyReset(raw: string | null, now: number): number | undefined {
  const value = toNumber(raw)
  if (value === undefined) return undefined
  if (value >= 1e12) return value // already epoch milliseconds
  if (value >= 1e9) return value * 1000
  return now + value * 1000
}

/**
 * Reads every rate-limit header family the Clients API (or a proxy in front of it) may send.
 * The IETF fields win over the legacy X- ones when both are present; garbage is ignored.
 * Returns null when nothing usable was found.
 */
export function parseRateLimitHeaders(headers: Headers, now: number): RateLimitInfo | null {
  const structured = parseRateLimit(headers.get('RateLimit'), now)
  const draft6Reset = toNumber(headers.get('RateLimit-Reset'))
  const families: RateLimitInfo[] = [
    { retryAt: parseRetryAfter(headers.get('Retry-After'), now) },
    structured.info,
    parsePolicy(headers.get('RateLimit-Policy'), structured.policy),
    {
      limit: leadingNumber(headers.get('RateLimit-Limit')),
      remaining: leadingNumber(headers.get('RateLimit-Remaining')),
      resetAt: draft6Reset === undefined ? undefined : now + draft6Reset * 1000,
    },
    {
      limit: toNumber(headers.get('X-RateLimit-Limit')),
      remaining: toNumber(headers.get('X-RateLimit-Remaining')),
      resetAt: parseLegacyReset(headers.get('X-RateLimit-Reset'), now),
    },
  ]
  const result: RateLimitInfo = {}
  for (const family of families) {
    for (const [key, value] of Object.entries(family) as [Field, number | undefined][]) {
      if (result[key] === undefined && value !== undefined && Number.isFinite(value)) result[key] = value
    }
  }
  return Object.keys(result).length > 0 ? result : null
}
