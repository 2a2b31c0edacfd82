import { randomBytes } from 'node:crypto'
import type { Context } from 'hono'
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie'
import type { CookieOptions } from 'hono/utils/cookie'

/*
 * The session cookie holds only a random id, signed with SESSION_SECRET (HMAC-SHA256, Hono's
 * signed cookies): the session itself is in the store, so deleting it there ends it even for a
 * copied cookie. HttpOnly, SameSite=Lax, Secure when PUBLIC_URL is https (then also __Host-).
 */

export const SESSION_COOKIE = 'roster_session'
export const PENDING_COOKIE = 'roster_sso'

export interface CookieJar {
  secret: string
  secure: boolean
}

export function cookieName(jar: CookieJar, name: string): string {
  // __Host-: only this host, path /, Secure: a sibling subdomain cannot plant it.
  return jar.secure ? `__Host-${name}` : name
}

function options(jar: CookieJar, maxAge: number | undefined): CookieOptions {
  return { httpOnly: true, sameSite: 'Lax', secure: jar.secure, path: '/', ...(maxAge === undefined ? {} : { maxAge }) }
}

export const newId = () => randomBytes(32).toString('base64url')

/** The signed id, or undefined when missing or tampered with. */
export async function readCookie(c: Context, jar: CookieJar, name: string): Promise<string | undefined> {
  const value = await getSignedCookie(c, jar.secret, cookieName(jar, name))
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined
}

export async function writeCookie(c: Context, jar: CookieJar, name: string, id: string, maxAge: number): Promise<void> {
  await setSignedCookie(c, cookieName(jar, name), id, jar.secret, options(jar, maxAge))
}

export function clearCookie(c: Context, jar: CookieJar, name: string): void {
  deleteCookie(c, cookieName(jar, name), options(jar, undefined))
}
