/*
 * Where sessions live, behind one small interface: in memory here; the next step (several
 * instances) puts the same interface in front of Redis. Async on purpose, so that move
 * changes no caller.
 */

export interface Session {
  username: string
  /** How this person signed in. */
  via: 'password' | 'oidc'
  createdAt: number
}

export interface SessionStore<T = Session> {
  get(id: string): Promise<T | undefined>
  /** Stores (or renews) for ttlSeconds from now. */
  set(id: string, value: T, ttlSeconds: number): Promise<void>
  delete(id: string): Promise<void>
}

/** One process's memory: expired entries are dropped when read and swept once a minute. */
export class MemorySessionStore<T = Session> implements SessionStore<T> {
  private readonly entries = new Map<string, { value: T; expiresAt: number }>()
  private lastSweep: number

  constructor(private readonly now: () => number = Date.now) {
    this.lastSweep = now()
  }

  private sweep(): void {
    const now = this.now()
    if (now - this.lastSweep < 60_000) return
    this.lastSweep = now
    for (const [id, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(id)
  }

  async get(id: string): Promise<T | undefined> {
    this.sweep()
    const entry = this.entries.get(id)
    if (entry === undefined) return undefined
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(id)
      return undefined
    }
    return entry.value
  }

  async set(id: string, value: T, ttlSeconds: number): Promise<void> {
    this.sweep()
    this.entries.set(id, { value, expiresAt: this.now() + ttlSeconds * 1000 })
  }

  async delete(id: string): Promise<void> {
    this.entries.delete(id)
  }

  get size(): number {
    return this.entries.size
  }
}
