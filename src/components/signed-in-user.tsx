import { clearPersistedCache } from '../lib/query-persist'
import { currentUser, SESSION_TEXT } from '../lib/session'

/** Who is signed in, and Sign out (a plain form POST: the server ends the session and clears the cookie). */
export function SignedInUser() {
  const user = currentUser()
  if (user === null) return null
  return (
    <form
      method="post"
      action="/auth/sign-out"
      className="flex items-center gap-2 text-sm"
      onSubmit={(event) => {
        // Data persisted in this browser (Remember) goes with the session: delete it, then send the form.
        event.preventDefault()
        const form = event.currentTarget
        void clearPersistedCache().finally(() => form.submit())
      }}
    >
      <span className="text-slate-700 dark:text-slate-200">
        {SESSION_TEXT.signedInAs} <strong>{user}</strong>
      </span>
      <button type="submit" className="btn">
        {SESSION_TEXT.signOut}
      </button>
    </form>
  )
}
