import { MESSAGES, type Lang } from './messages.ts'

/*
 * The /sign-in screen, rendered on the server: no script (nothing for the SPA's JS budget, and
 * it works under the app's strict CSP), a stylesheet at /auth/sign-in.css that follows the
 * system's light or dark theme.
 */

export type Notice =
  | { kind: 'wrong' }
  | { kind: 'throttled'; retryAt: number }
  | { kind: 'sso-unavailable' }
  | { kind: 'sso-not-allowed' }
  | { kind: 'sso-failed' }
  | { kind: 'cross-site' }
  | { kind: 'signed-out' }

export interface PageOptions {
  lang: Lang
  next: string
  local: boolean
  /** The SSO button's label name (OIDC_NAME); undefined when there is no SSO. */
  sso?: string | null
  notice?: Notice
  username?: string
}

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!)

function noticeText(lang: Lang, notice: Notice, ssoName: string | null): string {
  const m = MESSAGES[lang]
  switch (notice.kind) {
    case 'wrong':
      return m.wrong
    case 'throttled': {
      const minutes = Math.max(1, Math.ceil((notice.retryAt - Date.now()) / 60_000))
      const at = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' }).format(notice.retryAt)
      return m.tooMany(minutes, at)
    }
    case 'sso-unavailable':
      return m.ssoUnavailable(ssoName)
    case 'sso-not-allowed':
      return m.ssoNotAllowed
    case 'sso-failed':
      return m.ssoFailed
    case 'cross-site':
      return m.crossSite
    case 'signed-out':
      return m.signedOut
  }
}

export function renderSignIn(options: PageOptions): string {
  const m = MESSAGES[options.lang]
  const { notice } = options
  const next = escape(options.next)
  const ssoName = options.sso ?? null
  const status =
    notice === undefined
      ? ''
      : `<p class="${notice.kind === 'signed-out' ? 'info' : 'error'}" role="${notice.kind === 'signed-out' ? 'status' : 'alert'}">${escape(noticeText(options.lang, notice, ssoName))}</p>`
  const form = options.local
    ? `<form method="post" action="/auth/sign-in">
      <input type="hidden" name="next" value="${next}">
      <label for="username">${escape(m.username)}</label>
      <input id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required maxlength="64" value="${escape(options.username ?? '')}"${options.username ? '' : ' autofocus'}>
      <label for="password">${escape(m.password)}</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="1024"${options.username ? ' autofocus' : ''}>
      <button type="submit">${escape(m.signIn)}</button>
    </form>`
    : ''
  // A link, not a form: the form-action CSP would stop a form's redirect to the IdP. role=button for its name.
  const sso =
    options.sso !== undefined
      ? `${options.local ? `<p class="or">${escape(m.or)}</p>` : ''}<a class="button" role="button" href="/auth/sso?next=${encodeURIComponent(options.next)}">${escape(m.signInWith(ssoName))}</a>`
      : ''
  return `<!doctype html>
<html lang="${options.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${escape(m.title)} · Roster</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/auth/sign-in.css">
</head>
<body>
<main>
  <p class="brand">Roster</p>
  <h1>${escape(m.title)}</h1>
  ${status}
  ${form}
  ${sso}
</main>
</body>
</html>
`
}

export const SIGN_IN_CSS = `
:root { color-scheme: light dark; --bg: #f8fafc; --fg: #0f172a; --muted: #475569; --card: #ffffff; --line: #cbd5e1; --accent: #0f172a; --accent-fg: #ffffff; --error-bg: #fef2f2; --error-fg: #7f1d1d; --error-line: #fca5a5; }
@media (prefers-color-scheme: dark) { :root { --bg: #020617; --fg: #f1f5f9; --muted: #cbd5e1; --card: #0f172a; --line: #475569; --accent: #f1f5f9; --accent-fg: #0f172a; --error-bg: #450a0a; --error-fg: #fef2f2; --error-line: #991b1b; } }
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: var(--bg); color: var(--fg); font: 16px/1.5 system-ui, sans-serif; }
main { width: min(24rem, calc(100% - 2rem)); padding: 2rem; background: var(--card); border: 1px solid var(--line); border-radius: 0.75rem; }
.brand { margin: 0; font-weight: 700; color: var(--muted); }
h1 { margin: 0.25rem 0 1rem; font-size: 1.5rem; }
form { display: grid; gap: 0.5rem; }
label { font-weight: 600; font-size: 0.875rem; }
input { font: inherit; padding: 0.5rem 0.75rem; border: 1px solid var(--muted); border-radius: 0.375rem; background: var(--card); color: var(--fg); }
button, .button { display: block; margin-top: 0.75rem; padding: 0.5rem 1rem; font: inherit; font-weight: 600; text-align: center; text-decoration: none; border: 1px solid var(--accent); border-radius: 0.375rem; background: var(--accent); color: var(--accent-fg); cursor: pointer; }
.button { background: transparent; color: var(--fg); }
:focus-visible { outline: 3px solid #2563eb; outline-offset: 2px; }
.or { margin: 1rem 0 0; text-align: center; color: var(--muted); }
.error, .info { margin: 0 0 1rem; padding: 0.5rem 0.75rem; border-radius: 0.375rem; border: 1px solid var(--error-line); background: var(--error-bg); color: var(--error-fg); }
.info { border-color: var(--line); background: transparent; color: var(--fg); }
`
