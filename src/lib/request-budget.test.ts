import { afterEach, describe, expect, it } from 'vitest'
import {
  BudgetExhausted,
  CLIENTS_LIMIT,
  CLIENTS_WINDOW_MS,
  bucketId,
  budgetState,
  clientsBudgetId,
  forgetBudgets,
  ownBudget,
  pruneWindow,
  recordSent,
  recordServerFacts,
} from './request-budget'

const T0 = Date.UTC(2025, 0, 1, 12)
const MIN = 60_000

afterEach(() => forgetBudgets())

describe('pruneWindow', () => {
  it('keeps the times inside the window that ends now', () => {
    const sent = [T0 - CLIENTS_WINDOW_MS - 1, T0 - CLIENTS_WINDOW_MS, T0 - CLIENTS_WINDOW_MS + 1, T0 - MIN, T0]
    expect(pruneWindow(sent, T0)).toEqual([T0 - CLIENTS_WINDOW_MS + 1, T0 - MIN, T0])
  })

  it('drops times in the future (a clock that went back)', () => {
    expect(pruneWindow([T0 - 1, T0 + 1], T0)).toEqual([T0 - 1])
  })

  it('takes its own window length', () => {
    expect(pruneWindow([T0 - 2000, T0 - 500], T0, 1000)).toEqual([T0 - 500])
  })
})

describe('ownBudget', () => {
  it('has the whole limit when nothing was sent', () => {
    expect(ownBudget([], T0)).toEqual({ remaining: CLIENTS_LIMIT, freeAt: null })
  })

  it('counts only the requests inside the window', () => {
    const sent = [T0 - CLIENTS_WINDOW_MS - MIN, T0 - 10 * MIN, T0 - MIN]
    expect(ownBudget(sent, T0)).toEqual({ remaining: CLIENTS_LIMIT - 2, freeAt: null })
  })

  it('is free again when the oldest request of a full window leaves it', () => {
    const sent = [T0 - 3 * MIN, T0 - 2 * MIN, T0 - MIN]
    expect(ownBudget(sent, T0, 3)).toEqual({ remaining: 0, freeAt: T0 - 3 * MIN + CLIENTS_WINDOW_MS })
    // one millisecond after that the oldest is out and one request is allowed
    expect(ownBudget(sent, T0 - 3 * MIN + CLIENTS_WINDOW_MS, 3)).toEqual({ remaining: 1, freeAt: null })
  })

  it('does not depend on the order of the stored times', () => {
    const sent = [T0 - MIN, T0 - 3 * MIN, T0 - 2 * MIN]
    expect(ownBudget(sent, T0, 3).freeAt).toBe(T0 - 3 * MIN + CLIENTS_WINDOW_MS)
  })

  it('waits for enough requests to leave when more than the limit were sent', () => {
    const sent = [T0 - 4 * MIN, T0 - 3 * MIN, T0 - 2 * MIN, T0 - MIN]
    // 4 in the window, limit 3: two must leave, the second oldest decides
    expect(ownBudget(sent, T0, 3)).toEqual({ remaining: 0, freeAt: T0 - 3 * MIN + CLIENTS_WINDOW_MS })
  })

  it('uses the window length given', () => {
    expect(ownBudget([T0 - 500, T0 - 100], T0, 2, 1000)).toEqual({ remaining: 0, freeAt: T0 + 500 })
  })
})

describe('bucketId', () => {
  it('is stable, 8 hex digits, different per identity and free of the token', () => {
    const id = clientsBudgetId('/api/clients', 'Bearer secret-token')
    expect(id).toMatch(/^[0-9a-f]{8}$/)
    expect(id).toBe(clientsBudgetId('/api/clients', 'Bearer secret-token'))
    expect(id).not.toBe(clientsBudgetId('/api/clients', 'Bearer other-token'))
    expect(clientsBudgetId('/api/clients', null)).toBe(bucketId('/api/clients|server'))
  })

  it('never stores the token', () => {
    const id = clientsBudgetId('/api/clients', 'Bearer secret-token')
    recordSent(id, T0)
    expect(JSON.stringify({ ...localStorage })).not.toContain('secret-token')
  })
})

describe('budgetState', () => {
  it('counts own requests when the server sent no figures', () => {
    const id = bucketId('own')
    expect(budgetState(id, T0)).toEqual({ limit: CLIENTS_LIMIT, remaining: CLIENTS_LIMIT, blockedUntil: null, source: 'own count' })
    recordSent(id, T0 - 2 * MIN)
    recordSent(id, T0 - MIN)
    expect(budgetState(id, T0)).toMatchObject({ remaining: CLIENTS_LIMIT - 2, blockedUntil: null, source: 'own count' })
  })

  it('blocks when its own count reaches the limit, until the oldest request leaves the window', () => {
    const id = bucketId('full')
    for (let i = 0; i < CLIENTS_LIMIT; i++) recordSent(id, T0 - CLIENTS_LIMIT + i)
    const state = budgetState(id, T0)
    expect(state.remaining).toBe(0)
    expect(state.blockedUntil).toBe(T0 - CLIENTS_LIMIT + CLIENTS_WINDOW_MS)
    expect(budgetState(id, T0 - CLIENTS_LIMIT + CLIENTS_WINDOW_MS)).toMatchObject({ remaining: 1, blockedUntil: null })
  })

  it("prefers the server's figures and subtracts the requests sent since", () => {
    const id = bucketId('server')
    recordSent(id, T0)
    recordServerFacts(id, { limit: 50, remaining: 5, resetAt: T0 + 10 * MIN }, 200, T0 + 100)
    expect(budgetState(id, T0 + 200)).toEqual({ limit: 50, remaining: 5, blockedUntil: null, source: 'server' })
    recordSent(id, T0 + 300)
    recordSent(id, T0 + 400)
    expect(budgetState(id, T0 + 500)).toMatchObject({ limit: 50, remaining: 3, source: 'server' })
  })

  it("blocks until the server's reset when the server says none are left", () => {
    const id = bucketId('server-empty')
    recordSent(id, T0)
    recordServerFacts(id, { limit: 100, remaining: 0, resetAt: T0 + 7 * MIN }, 200, T0 + 100)
    expect(budgetState(id, T0 + 200)).toMatchObject({ remaining: 0, blockedUntil: T0 + 7 * MIN, source: 'server' })
  })

  it("forgets the server's figures once its window has reset", () => {
    const id = bucketId('server-reset')
    recordSent(id, T0)
    recordServerFacts(id, { limit: 100, remaining: 0, resetAt: T0 + MIN }, 200, T0 + 100)
    expect(budgetState(id, T0 + MIN + 1)).toEqual({ limit: CLIENTS_LIMIT, remaining: CLIENTS_LIMIT - 1, blockedUntil: null, source: 'own count' })
  })

  it("takes the server's window when no reset time was sent", () => {
    const id = bucketId('server-window')
    recordServerFacts(id, { limit: 10, remaining: 0, windowMs: 2 * MIN }, 200, T0)
    expect(budgetState(id, T0 + 1).blockedUntil).toBe(T0 + 2 * MIN)
    expect(budgetState(id, T0 + 2 * MIN).blockedUntil).toBeNull()
  })

  it('keeps buckets apart', () => {
    const a = bucketId('a')
    recordServerFacts(a, { remaining: 0, resetAt: T0 + MIN }, 200, T0)
    expect(budgetState(bucketId('b'), T0)).toMatchObject({ remaining: CLIENTS_LIMIT, blockedUntil: null })
  })
})

describe('recordServerFacts on a 429', () => {
  it('blocks until Retry-After, then lets a request through', () => {
    const id = bucketId('429-retry-after')
    recordSent(id, T0)
    recordServerFacts(id, { retryAt: T0 + 90_000 }, 429, T0 + 50)
    expect(budgetState(id, T0 + 100).blockedUntil).toBe(T0 + 90_000)
    expect(budgetState(id, T0 + 89_999).blockedUntil).toBe(T0 + 90_000)
    expect(budgetState(id, T0 + 90_000).blockedUntil).toBeNull()
  })

  it('blocks even when the server figures claim requests are left', () => {
    const id = bucketId('429-remaining')
    recordServerFacts(id, { limit: 100, remaining: 40, resetAt: T0 + 10 * MIN, retryAt: T0 + 30_000 }, 429, T0)
    expect(budgetState(id, T0 + 1).blockedUntil).toBe(T0 + 30_000)
  })

  it("blocks until the server's reset when there is no Retry-After", () => {
    const id = bucketId('429-reset')
    recordServerFacts(id, { limit: 100, remaining: 0, resetAt: T0 + 4 * MIN }, 429, T0)
    expect(budgetState(id, T0 + 1).blockedUntil).toBe(T0 + 4 * MIN)
  })

  it('blocks until its own oldest request leaves the window when the server sent no headers', () => {
    const id = bucketId('429-bare')
    recordSent(id, T0 - 5 * MIN)
    recordSent(id, T0 - MIN)
    recordServerFacts(id, null, 429, T0)
    expect(budgetState(id, T0 + 1).blockedUntil).toBe(T0 - 5 * MIN + CLIENTS_WINDOW_MS)
  })

  it('blocks for a whole window when nothing was counted and no headers came', () => {
    const id = bucketId('429-nothing')
    recordServerFacts(id, null, 429, T0)
    expect(budgetState(id, T0 + 1).blockedUntil).toBe(T0 + CLIENTS_WINDOW_MS)
  })

  it('does not block on other statuses', () => {
    const id = bucketId('401')
    recordServerFacts(id, null, 401, T0)
    expect(budgetState(id, T0 + 1).blockedUntil).toBeNull()
  })
})

describe('storage', () => {
  it('survives a corrupt stored entry with a fresh count', () => {
    localStorage.setItem('roster.requests.v1', '{not json')
    const id = bucketId('corrupt')
    expect(budgetState(id, T0).remaining).toBe(CLIENTS_LIMIT)
    recordSent(id, T0)
    expect(budgetState(id, T0).remaining).toBe(CLIENTS_LIMIT - 1)
  })

  it('forgetBudgets starts every count again', () => {
    const id = bucketId('forget')
    recordServerFacts(id, null, 429, T0)
    forgetBudgets()
    expect(budgetState(id, T0 + 1).blockedUntil).toBeNull()
  })
})

describe('BudgetExhausted', () => {
  it('carries when the next request may be sent', () => {
    const error = new BudgetExhausted(T0)
    expect(error).toBeInstanceOf(Error)
    expect(error.until).toBe(T0)
    expect(error.message).toMatch(/rate limit/i)
  })
})
