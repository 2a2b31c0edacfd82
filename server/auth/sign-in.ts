import type { HttpBindings } from '@hono/node-server'
import type { Context } from 'hono'
import type { AuthConfig } from './auth-config.ts'
import { safeNext } from './next-path.ts'
import { Sso, type PendingLogin } from './oidc.ts'
import { verifyPassword, hashPassword } from './password.ts'
import { clearCookie, newId, readCookie, SESSION_COOKIE, writeCookie, type CookieJar } from './session-cookie.ts'
import { MemorySessionStore, type Session, type SessionStore } from './session-store.ts'
import { SignInThrottle } from './throttle.ts'
import { Users, USERNAME } from './users-file.ts'

/* The state the sign-in routes and the gate share, and the checks they both use. */

export type Log = (line: string) => void

export interface StoredSession extends Session {
  renewedAt: number
}

export interface SignInDeps {
  log?: Log
  store?: SessionStore<StoredSession>
  now?: () => number
}

export interface SignIn {
  config: AuthConfig
  jar: CookieJar
  log: Log
  now: () => number
  users: Users | null
  sso: Sso | null
  sessions: SessionStore<StoredSession>
  pending: SessionStore<PendingLogin>
  throttle: SignInThrottle
  /** Checked for unknown users, so that they take about as long as known ones. */
  dummyHash: Promise<string>
}

export function createSignIn(config: AuthConfig, deps: SignInDeps = {}): SignIn {
  const log = deps.log ?? ((line: string) => console.log(line))
  const now = deps.now ?? Date.now
  return {
    config,
    jar: { secret: config.sessionSecret, secure: config.publicUrl?.protocol === 'https:' },
    log,
    now,
    users: config.usersFile === null ? null : new Users(config.usersFile, log),
    sso: config.oidc === null || config.publicUrl === null ? null : new Sso(config.oidc, config.publicUrl),
    sessions: deps.store ?? new MemorySessionStore<StoredSession>(now),
    pending: new MemorySessionStore<PendingLogin>(now),
    throttle: new SignInThrottle(),
    dummyHash: hashPassword(newId()),
  }
}

/** A username fit for a log line (what was typed may be anything, even a password). */
export const shownName = (name: string) => (USERNAME.test(name) ? name : '(not a username)')

export function clientAddress(c: Context): string {
  return (c.env as Partial<HttpBindings> | undefined)?.incoming?.socket?.remoteAddress ?? 'unknown'
}

/**
 * A form POST from this site. Its Origin must be ours; under Referrer-Policy: no-referrer (ours) a browser
 * sends `Origin: null` even from the same origin, and then Sec-Fetch-Site (which no page can set) decides.
 */
export function isSameSite(c: Context, publicUrl: URL | null): boolean {
  const origin = c.req.header('origin')
  const site = c.req.header('sec-fetch-site')
  if (site !== undefined && site !== 'same-origin') return false
  if (origin !== undefined && origin !== 'null') return origin === new URL(c.req.url).origin || origin === publicUrl?.origin
  return site === 'same-origin'
}

/** The session this request carries, renewed (in the store and the cookie) at most once a minute. */
export async function currentSession(c: Context, s: SignIn): Promise<{ id: string; session: StoredSession } | undefined> {
  const id = await readCookie(c, s.jar, SESSION_COOKIE)
  if (id === undefined) return undefined
  const session = await s.sessions.get(id)
  if (session === undefined) return undefined
  const now = s.now()
  if (now - session.renewedAt >= 60_000) {
    const renewed = { ...session, renewedAt: now }
    await s.sessions.set(id, renewed, s.config.sessionTtl)
    await writeCookie(c, s.jar, SESSION_COOKIE, id, s.config.sessionTtl)
    return { id, session: renewed }
  }
  return { id, session }
}

/** A new id for every sign-in (no session fixation); an old session of this browser ends. */
export async function startSession(c: Context, s: SignIn, username: string, via: Session['via']): Promise<void> {
  const old = await readCookie(c, s.jar, SESSION_COOKIE)
  if (old !== undefined) await s.sessions.delete(old)
  const id = newId()
  const now = s.now()
  await s.sessions.set(id, { username, via, createdAt: now, renewedAt: now }, s.config.sessionTtl)
  await writeCookie(c, s.jar, SESSION_COOKIE, id, s.config.sessionTtl)
  s.log(`sign-in: ${username} (${via})`)
}

export async function endSession(c: Context, s: SignIn): Promise<void> {
  const id = await readCookie(c, s.jar, SESSION_COOKIE)
  if (id !== undefined) {
    const session = await s.sessions.get(id)
    await s.sessions.delete(id)
    if (session !== undefined) s.log(`sign-out: ${session.username}`)
  }
  clearCookie(c, s.jar, SESSION_COOKIE)
}

export type PasswordResult = { ok: true; username: string } | { ok: false; retryAt?: number }

/** Throttle first (no password check while blocked), then the file, then the hash. */
export async function checkPassword(s: SignIn, username: string, password: string, address: string): Promise<PasswordResult> {
  const blocked = await s.throttle.blockedFor(username, address)
  if (blocked > 0) {
    s.log(`sign-in refused: ${shownName(username)} (too many attempts)`)
    return { ok: false, retryAt: s.now() + blocked }
  }
  const entry = USERNAME.test(username) ? s.users?.find(username) : undefined
  const good = await verifyPassword(password, entry?.hash ?? (await s.dummyHash))
  if (entry !== undefined && good) {
    await s.throttle.succeed(username)
    return { ok: true, username: entry.name }
  }
  await s.throttle.fail(username, address)
  s.log(`sign-in failed: ${shownName(username)} (${entry === undefined ? 'unknown user' : 'wrong password'})`)
  return { ok: false }
}

export { safeNext }
