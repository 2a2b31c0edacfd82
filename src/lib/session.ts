/*
 * Sign-in as the app sees it (SPEC §5): the server names who is signed in in index.html (a meta tag,
 * no request), and a 401 from its gate, unlike an API's own 401, means "sign in again" (the words
 * are messages: signed_in_as, sign_out, session_ended, sign_in_again).
 */

/** Set by the server's gate on a 401 that means "no session", never by an upstream API. */
export const SIGN_IN_REQUIRED_HEADER = 'X-Roster-Sign-In'

export function currentUser(): string | null {
  return document.querySelector('meta[name="roster-user"]')?.getAttribute('content') || null
}

/** /sign-in, coming back to where the person is now. */
export function signInUrl(): string {
  const { pathname, search } = window.location
  return `/sign-in?next=${encodeURIComponent(`${pathname}${search}`)}`
}

let leaving = false

/** Leaves for the sign-in page once, however many requests found the session gone. */
export function goToSignIn(): void {
  if (leaving) return
  leaving = true
  window.location.assign(signInUrl())
}
