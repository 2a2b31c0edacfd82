export interface RateLimitResult {
  allowed: boolean
  limit: number
  remaining: number
  /** Seconds until the window restarts. */
  resetSeconds: number
  windowSeconds: number
}

interface Bucket {
  start: number
  count: number
}

/** Past this many keys the least recently used bucket is dropped (SPEC §9). */
export const MAX_BUCKETS = 10_000

/**
 * A fixed window per key, as express-rate-limit counts by default. State lives
 * in the closure, so every demo app instance (every test) starts fresh. A Map keeps
 * insertion order, so re-inserting on every hit makes its first key the least recently used.
 */
export function createRateLimiter(windowMs: number, now: () => number, maxBuckets = MAX_BUCKETS) {
  const buckets = new Map<string, Bucket>()

  return function hit(key: string, limit: number): RateLimitResult {
    const time = now()
    let bucket = buckets.get(key)
    buckets.delete(key)
    if (!bucket || time - bucket.start >= windowMs) bucket = { start: time, count: 0 }
    buckets.set(key, bucket)
    // Each unique token makes a bucket: a flood of them must not grow the map without end.
    if (buckets.size > maxBuckets) buckets.delete(buckets.keys().next().value as string)
    const allowed = bucket.count < limit
    if (allowed) bucket.count++
    return {
      allowed,
      limit,
      remaining: Math.max(0, limit - bucket.count),
      resetSeconds: Math.max(1, Math.ceil((bucket.start + windowMs - time) / 1000)),
      windowSeconds: Math.ceil(windowMs / 1000),
    }
  }
}

/** IETF draft-7 style headers, plus Retry-After once the limit is reached. */
export function rateLimitHeaders(result: RateLimitResult): Record<string, string> {
  const headers: Record<string, string> = {
    'RateLimit-Policy': `${result.limit};w=${result.windowSeconds}`,
    RateLimit: `limit=${result.limit}, remaining=${result.remaining}, reset=${result.resetSeconds}`,
  }
  if (!result.allowed) headers['Retry-After'] = String(result.resetSeconds)
  return headers
}
