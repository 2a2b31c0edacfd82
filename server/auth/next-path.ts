/*
 * Where to go after signing in: only ever a path on this origin (no open redirect).
 * `//evil.example`, `/\evil.example`, `https://…`, `javascript:…`, control characters and
 * the sign-in routes themselves all fall back to `/`.
 */
const PLACEHOLDER = 'http://roster.invalid'

export function safeNext(value: string | null | undefined): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2000) return '/'
  // Browsers treat a backslash like a slash, and drop tabs and line breaks, in URLs.
  // eslint-disable-next-line no-control-regex
  if (!value.startsWith('/') || /^\/[/\\]/.test(value) || /[\\\x00-\x1f\x7f]/.test(value)) return '/'
  let url: URL
  try {
    url = new URL(value, PLACEHOLDER)
  } catch {
    return '/'
  }
  if (url.origin !== PLACEHOLDER) return '/'
  if (url.pathname === '/sign-in' || url.pathname.startsWith('/auth/')) return '/'
  return `${url.pathname}${url.search}${url.hash}`
}
