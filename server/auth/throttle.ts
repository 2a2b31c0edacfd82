import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'

/*
 * Sign-in throttle (SPEC §5): after 5 failures for one username, or from one address, within
 * 15 minutes, further attempts are refused without checking a password until the window ends.
 * Memory here; rate-limiter-flexible's Redis limiter has the same API for several instances.
 */

export const MAX_FAILURES = 5
export const WINDOW_SECONDS = 15 * 60

export class SignInThrottle {
  private readonly failures = new RateLimiterMemory({ keyPrefix: 'sign-in-failures', points: MAX_FAILURES, duration: WINDOW_SECONDS })

  private keys(username: string, address: string): string[] {
    return [`user:${username.toLowerCase()}`, `ip:${address}`]
  }

  /** Milliseconds until an attempt is allowed again, or 0 when it is allowed now. */
  async blockedFor(username: string, address: string): Promise<number> {
    let wait = 0
    for (const key of this.keys(username, address)) {
      const state = await this.failures.get(key)
      if (state !== null && state.consumedPoints >= MAX_FAILURES) wait = Math.max(wait, state.msBeforeNext)
    }
    return wait
  }

  async fail(username: string, address: string): Promise<void> {
    for (const key of this.keys(username, address)) {
      try {
        await this.failures.consume(key)
      } catch (error) {
        // Already at the limit: the window stands, nothing more to count.
        if (!(error instanceof RateLimiterRes)) throw error
      }
    }
  }

  /** A good password clears that username's count (not the address's). */
  async succeed(username: string): Promise<void> {
    await this.failures.delete(`user:${username.toLowerCase()}`)
  }
}
