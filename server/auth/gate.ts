import type { Context, MiddlewareHandler, Next } from 'hono'
import type { AuthConfig } from './auth-config.ts'
import { pickLang } from './messages.ts'
import { IdpUnavailable, SsoRefused } from './oidc.ts'
import { renderSignIn, SIGN_IN_CSS, type Notice } from './page.ts'
import { clearCookie, newId, PENDING_COOKIE, readCookie, writeCookie } from './session-cookie.ts'
import {
  checkPassword,
  clientAddress,
  createSignIn,
  currentSession,
  endSession,
  isSameSite,
  safeNext,
  startSession,
  type SignIn,
  type SignInDeps,
} from './sign-in.ts'

/*
 * The gate (SPEC §5), one middleware for server/app.ts: it answers /sign-in and /auth/*, and
 * lets any other request through only with a live session. Signed out, an app route is
 * redirected to /sign-in?next=<path>, and /api/* (but /api/health) is a 401 that proxies nothing.
 * /healthz and /readyz are answered before it runs.
 */

const OPEN_PATHS = new Set(['/api/health', '/favicon.svg'])
const PENDING_TTL = 600
const MAX_FORM_BYTES = 16 * 1024

/** Told apart from an API's own 401 (a wrong token) by this header and the body's words. */
export const SIGN_IN_REQUIRED_HEADER = 'X-Roster-Sign-In'

const htmlHeaders = { 'Cache-Control': 'no-store' }

function page(c: Context, s: SignIn, next: string, notice?: Notice, status: 200 | 400 | 401 | 403 | 429 | 503 = 200, username?: string) {
  const html = renderSignIn({
    lang: pickLang(c.req.header('accept-language')),
    next,
    local: s.users !== null,
    sso: s.sso === null ? undefined : (s.config.oidc?.name ?? null),
    notice,
    username,
  })
  return c.html(html, status, htmlHeaders)
}

/** A small urlencoded form, read no further than MAX_FORM_BYTES; null for anything else. */
async function readForm(c: Context): Promise<Record<string, string> | null> {
  if (Number(c.req.header('content-length') ?? 0) > MAX_FORM_BYTES) return null
  if (!/^application\/x-www-form-urlencoded\b/i.test(c.req.header('content-type') ?? '')) return null
  const reader = c.req.raw.body?.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const chunk = await reader?.read()
    if (chunk === undefined || chunk.done) break
    size += chunk.value.byteLength
    if (size > MAX_FORM_BYTES) {
      await reader?.cancel()
      return null
    }
    chunks.push(chunk.value)
  }
  const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
  return Object.fromEntries(form)
}

const SSO_NOTICES: Record<string, Notice> = {
  'sso-unavailable': { kind: 'sso-unavailable' },
  'sso-not-allowed': { kind: 'sso-not-allowed' },
  'sso-failed': { kind: 'sso-failed' },
}

async function routes(c: Context, s: SignIn): Promise<Response> {
  const path = c.req.path
  const method = c.req.method
  if (path === '/auth/sign-in.css' && method === 'GET') return c.body(SIGN_IN_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'no-cache' })
  if (path === '/sign-in' && method === 'GET') {
    const next = safeNext(c.req.query('next'))
    if (await currentSession(c, s)) return c.redirect(next, 302)
    const error = c.req.query('error')
    const notice = error !== undefined ? SSO_NOTICES[error] : c.req.query('signed-out') !== undefined ? { kind: 'signed-out' as const } : undefined
    return page(c, s, next, notice)
  }
  if (path === '/auth/me' && method === 'GET') {
    const current = await currentSession(c, s)
    if (!current) return c.json({ error: 'Sign-in required' }, 401, { [SIGN_IN_REQUIRED_HEADER]: 'required', 'Cache-Control': 'no-store' })
    return c.json({ username: current.session.username, via: current.session.via }, 200, { 'Cache-Control': 'no-store' })
  }
  if ((path === '/auth/sign-in' || path === '/auth/sign-out') && method === 'POST') {
    if (!isSameSite(c, s.config.publicUrl)) {
      s.log(`POST ${path} refused 403: not sent from this site`)
      return page(c, s, '/', { kind: 'cross-site' }, 403)
    }
    if (path === '/auth/sign-out') {
      await endSession(c, s)
      return c.redirect('/sign-in?signed-out', 303)
    }
    const form = await readForm(c)
    if (form === null || s.users === null) return page(c, s, '/', { kind: 'wrong' }, 400)
    const next = safeNext(form.next)
    const username = (form.username ?? '').trim()
    const result = await checkPassword(s, username, form.password ?? '', clientAddress(c))
    if (result.ok) {
      await startSession(c, s, result.username, 'password')
      return c.redirect(next, 303)
    }
    if (result.retryAt !== undefined) return page(c, s, next, { kind: 'throttled', retryAt: result.retryAt }, 429, username.slice(0, 64))
    return page(c, s, next, { kind: 'wrong' }, 401, username.slice(0, 64))
  }
  if (path === '/auth/sso' && method === 'GET' && s.sso !== null) {
    const next = safeNext(c.req.query('next'))
    try {
      const { url, pending } = await s.sso.start(next)
      const id = newId()
      await s.pending.set(id, pending, PENDING_TTL)
      await writeCookie(c, s.jar, PENDING_COOKIE, id, PENDING_TTL)
      return c.redirect(url.href, 303)
    } catch (error) {
      if (!(error instanceof IdpUnavailable)) throw error
      s.log(`sso unavailable: ${s.config.oidc?.issuer.host} did not answer`)
      return c.redirect(`/sign-in?error=sso-unavailable&next=${encodeURIComponent(next)}`, 303)
    }
  }
  if (path === '/auth/callback' && method === 'GET' && s.sso !== null) {
    const id = await readCookie(c, s.jar, PENDING_COOKIE)
    const pending = id === undefined ? undefined : await s.pending.get(id)
    if (id !== undefined) await s.pending.delete(id)
    clearCookie(c, s.jar, PENDING_COOKIE)
    if (pending === undefined) return c.redirect('/sign-in?error=sso-failed', 303)
    // The URL the IdP sent the browser to, on the public origin (the request may have come through a proxy).
    const callback = new URL(`/auth/callback${new URL(c.req.url).search}`, s.sso.redirectUri)
    try {
      const username = await s.sso.finish(callback, pending)
      await startSession(c, s, username, 'oidc')
      return c.redirect(pending.next, 303)
    } catch (error) {
      const back = `&next=${encodeURIComponent(pending.next)}`
      if (error instanceof IdpUnavailable) return c.redirect(`/sign-in?error=sso-unavailable${back}`, 303)
      if (!(error instanceof SsoRefused)) throw error
      s.log(`sign-in refused: single sign-on ${error.reason === 'not-allowed' ? 'account not in OIDC_ALLOWED' : `failed (${error.message})`}`)
      return c.redirect(`/sign-in?error=sso-${error.reason}${back}`, 303)
    }
  }
  return c.text('Not found', 404)
}

function escapeAttribute(text: string): string {
  return text.replace(/[&"<>]/g, (ch) => `&#${ch.charCodeAt(0)};`)
}

/** The one middleware server/app.ts mounts when sign-in is on. */
export function signInGate(config: AuthConfig, deps: SignInDeps = {}): MiddlewareHandler {
  const s = createSignIn(config, deps)
  return async (c: Context, next: Next): Promise<Response | void> => {
    const path = c.req.path
    if (path === '/sign-in' || path.startsWith('/auth/')) return routes(c, s)
    // The built code holds no data: a screen's chunk still loads after the session ended, and its request
    // then meets the 401 below and leads to /sign-in.
    if (OPEN_PATHS.has(path) || path.startsWith('/assets/')) return next()
    const current = await currentSession(c, s)
    if (current) {
      await next()
      // The shell shows who is signed in: named in index.html, like the server's mode, so it costs no request.
      if (c.res.headers.get('Content-Type')?.startsWith('text/html') && !c.res.headers.has('Content-Encoding')) {
        const html = await c.res.text()
        const meta = `  <meta name="roster-user" content="${escapeAttribute(current.session.username)}" />\n  </head>`
        c.res = new Response(html.replace('</head>', meta), c.res)
        c.res.headers.delete('Content-Length')
      }
      return
    }
    if (/^\/api(?:\/|$)/.test(path)) return c.json({ error: 'Sign-in required' }, 401, { [SIGN_IN_REQUIRED_HEADER]: 'required', 'Cache-Control': 'no-store' })
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return c.text('Sign-in required', 401)
    const url = new URL(c.req.url)
    return c.redirect(`/sign-in?next=${encodeURIComponent(safeNext(`${url.pathname}${url.search}`))}`, 302)
  }
}
