import type { RateLimitInfo } from './rate-limit-headers'

// The Clients API allows 100 requests per 15 minutes per token. Roster counts its own requests
// in a sliding window per token (persisted, keyed by a hash — the token is never stored here) so
// that it never sends a request it knows will be refused, and prefers the server's own figures.
export const CLIENTS_LIMIT = 100
export const CLIENTS_WINDOW_MS = 15 * 60_000
const STORAGE_KEY = 'roster.requests.v1'

interface Bucket {
  sent: number[]
  /** from the server's headers, when it sent any */
  server?: { limit?: number; remaining?: number; resetAt?: number; at: number }
  blockedUntil?: number
}

export interface BudgetState {
  limit: number
  remaining: number
  /** when the next request may be sent; null when one may be sent now */
  blockedUntil: number | null
  source: 'server' | 'own count'
}

/** Not a secret-grade hash, on purpose: it must work on plain-http origins where crypto.subtle is absent. It only
 *  separates buckets; 32 bits of a token reveal nothing usable. */
export function bucketId(identity: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < identity.length; i++) {
    h ^= identity.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return (h >>> 0).toString(16).padStart(8, '0')
}

/** The bucket of whoever makes a Clients request: the token's hash, or the server's when it holds the token. */
export function clientsBudgetId(base: string, authorization: string | null): string {
  return bucketId(`${base}|${authorization ?? 'server'}`)
}

export function pruneWindow(sent: number[], now: number, windowMs = CLIENTS_WINDOW_MS): number[] {
  return sent.filter((t) => t > now - windowMs && t <= now)
}

/** Own-count arithmetic: requests left in the window and when the oldest one leaves it. */
export function ownBudget(sent: number[], now: number, limit = CLIENTS_LIMIT, windowMs = CLIENTS_WINDOW_MS) {
  const inWindow = pruneWindow(sent, now, windowMs).sort((a, b) => a - b)
  const remaining = Math.max(0, limit - inWindow.length)
  const oldestThatMustLeave = inWindow[inWindow.length - limit]
  const freeAt = remaining > 0 || oldestThatMustLeave === undefined ? null : oldestThatMustLeave + windowMs
  return { remaining, freeAt }
}

// When storage is full or disabled the count still holds for this page's lifetime, in memory.
let memory: Record<string, Bucket> = {}
let storageWorks = true

// Screens read the budget on every render (a keystroke in the search is one): the stored text is parsed
// again only when it changed (another tab's requests change it too). Readers never mutate what they get.
let lastRaw: string | null = null
let lastParsed: Record<string, Bucket> = {}

function load(): Record<string, Bucket> {
  if (!storageWorks) return memory
  try {
    const raw = localStorage.getItem(STORAGE_KEY) ?? '{}'
    if (raw !== lastRaw) {
      lastRaw = raw
      lastParsed = parseAll(raw)
    }
    return { ...lastParsed }
  } catch {
    return {} // storage unreadable: a fresh count
  }
}

function parseAll(raw: string): Record<string, Bucket> {
  try {
    const parsed: unknown = JSON.parse(raw)
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, Bucket>) : {}
  } catch {
    return {} // a corrupt entry starts a fresh count
  }
}

function writeAll(all: Record<string, Bucket>) {
  memory = all
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(all))
  } catch {
    storageWorks = false
  }
}

function bucket(all: Record<string, Bucket>, id: string): Bucket {
  const b = all[id]
  return b && Array.isArray(b.sent) ? b : { sent: [] }
}

export function budgetState(id: string, now = Date.now()): BudgetState {
  const b = bucket(load(), id)
  const own = ownBudget(b.sent, now)
  const server = b.server && (b.server.resetAt ?? 0) > now ? b.server : undefined
  // Requests sent since the server's figure was read are subtracted from it.
  const sinceServer = server ? b.sent.filter((t) => t > server.at).length : 0
  const remaining = server?.remaining !== undefined ? Math.max(0, server.remaining - sinceServer) : own.remaining
  const limit = server?.limit ?? CLIENTS_LIMIT
  const candidates = [b.blockedUntil, remaining === 0 ? (server?.resetAt ?? own.freeAt) : null]
  const until = Math.max(0, ...candidates.filter((t): t is number => typeof t === 'number' && t > now))
  return { limit, remaining, blockedUntil: until > now ? until : null, source: server?.remaining !== undefined ? 'server' : 'own count' }
}

export function recordSent(id: string, now = Date.now()) {
  const all = load()
  const b = bucket(all, id)
  all[id] = { ...b, sent: [...pruneWindow(b.sent, now), now] }
  writeAll(all)
}

/** Remembers what the server said: its figures, and on a 429 when to try again. */
export function recordServerFacts(id: string, info: RateLimitInfo | null, status: number, now = Date.now()) {
  const all = load()
  const b = bucket(all, id)
  const next: Bucket = { ...b }
  if (info && (info.remaining !== undefined || info.limit !== undefined)) {
    next.server = { limit: info.limit, remaining: info.remaining, resetAt: info.resetAt ?? now + (info.windowMs ?? CLIENTS_WINDOW_MS), at: now }
  }
  if (status === 429) {
    const oldest = Math.min(...pruneWindow(b.sent, now))
    const ownReset = Number.isFinite(oldest) ? oldest + CLIENTS_WINDOW_MS : now + CLIENTS_WINDOW_MS
    next.blockedUntil = info?.retryAt ?? info?.resetAt ?? ownReset
  }
  all[id] = next
  writeAll(all)
}

export function forgetBudgets() {
  try {
    localStorage.removeItem(STORAGE_KEY)
  } catch {
    // nothing stored
  }
  memory = {}
  storageWorks = true
}

/** Thrown instead of sending a request that the rate limit would refuse. */
export class BudgetExhausted extends Error {
  readonly until: number
  constructor(until: number) {
    super('The rate limit was reached.')
    this.name = 'BudgetExhausted'
    this.until = until
  }
}
