import { clearPersistedCache } from '../lib/query-persist'
import { useLocale } from '../i18n/locale'
import { currentUser } from '../lib/session'
import { m } from '../paraglide/messages.js'

/** Who is signed in, and Sign out (a plain form POST: the server ends the session and clears the cookie). */
export function SignedInUser() {
  useLocale()
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
        {m.signed_in_as()} <strong>{user}</strong>
      </span>
      <button type="submit" className="btn">
        {m.sign_out()}
      </button>
    </form>
  )
}
