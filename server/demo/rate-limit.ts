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

/**
 * A fixed window per key, as express-rate-limit counts by default. State lives
 * in the closure, so every demo app instance (every test) starts fresh.
 */
export function createRateLimiter(windowMs: number, now: () => number) {
  const buckets = new Map<string, Bucket>()

  function prune(time: number): void {
    for (const [key, bucket] of buckets) if (time - bucket.start >= windowMs) buckets.delete(key)
  }

  return function hit(key: string, limit: number): RateLimitResult {
    const time = now()
    // Unique test tokens each make a bucket; drop the expired ones before the map grows large.
    if (buckets.size > 10_000) prune(time)
    let bucket = buckets.get(key)
    if (!bucket || time - bucket.start >= windowMs) {
      bucket = { start: time, count: 0 }
      buckets.set(key, bucket)
    }
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
