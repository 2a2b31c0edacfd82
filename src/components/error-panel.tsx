import type { ReactNode } from 'react'
import { Link } from 'react-router-dom'
import { isApiError, type ApiError } from '../lib/http'
import { BudgetExhausted } from '../lib/request-budget'
import { SESSION_TEXT, signInUrl } from '../lib/session'
import { useNow } from '../lib/use-now'
import { Countdown } from './countdown'

interface Props {
  error: unknown
  /** when the rate limit lets the next request through (clients) */
  retryAt?: number | null
  onRetry?: () => void
  retryLabel?: string
}

/** The API's own messages, verbatim; `all` when the headline is Roster's words rather than the API's first message. */
function Messages({ error, all = false }: { error: ApiError; all?: boolean }) {
  const extra = all ? error.messages : error.messages.filter((m) => m !== error.message)
  if (extra.length === 0) return null
  return (
    <ul className="list-disc pl-5">
      {extra.map((m) => (
        <li key={m}>{m}</li>
      ))}
    </ul>
  )
}

function explain(error: ApiError, retryAt: number | null | undefined): { title: string; body?: ReactNode; settings?: boolean } {
  const api = `${error.api} API`
  if (error.kind === 'sign-in')
    return {
      title: SESSION_TEXT.ended,
      // A full page load: /sign-in is the server's page, not a route of the app.
      body: <a href={signInUrl()} className="btn inline-block">{SESSION_TEXT.signInAgain}</a>,
    }
  if (error.kind === 'network') return { title: error.message, body: <p>{error.detail}</p> }
  if (error.kind === 'timeout') return { title: error.message, body: <p>The {api} may be overloaded; try again in a moment.</p> }
  if (error.kind === 'shape')
    return {
      title: error.message,
      body: (
        <details>
          <summary className="cursor-pointer">Details</summary>
          <pre className="mt-2 max-h-48 overflow-auto whitespace-pre-wrap text-xs">{error.detail}</pre>
        </details>
      ),
    }
  switch (error.status) {
    case 401:
      return { title: `The ${api} rejected the credentials.`, body: <Messages error={error} all />, settings: true }
    case 403:
      return {
        title: 'Only BlueDolphin administrators can list users.',
        body: (
          <>
            <p>
              The API key must belong to a user with the Administrator role, and the tenant must have the Public API
              add-on.
            </p>
            <Messages error={error} all />
          </>
        ),
        settings: true,
      }
    case 429:
      return {
        title: `The ${api} rate limit was reached.`,
        body: <p>{retryAt ? <Countdown until={retryAt} /> : 'Wait a few minutes before trying again.'}</p>,
      }
    default:
      return {
        title: error.messages[0] ?? error.message,
        body: (
          <>
            <Messages error={error} />
            {error.detail && <p className="muted">{error.detail}</p>}
          </>
        ),
      }
  }
}

/** The designed state for every failure: what happened, in words, and the way forward. */
export function ErrorPanel({ error, retryAt, onRetry, retryLabel = 'Try again' }: Props) {
  const info =
    error instanceof BudgetExhausted
      ? {
          title: 'The Clients API rate limit was reached.',
          body: (
            <p>
              <Countdown until={retryAt ?? error.until} /> Roster holds requests back until the limit resets.
            </p>
          ),
          settings: false,
        }
      : isApiError(error)
        ? explain(error, retryAt)
        : { title: 'Something went wrong.', body: <p>Reload the page; if it happens again, check the Activity panel.</p> }
  const now = useNow(1000, retryAt != null)
  const blocked = retryAt != null && retryAt > now
  return (
    <div role="alert" className="space-y-3 rounded-lg border border-red-300 bg-red-50 p-4 text-red-950 dark:border-red-800 dark:bg-red-950 dark:text-red-50">
      <p className="font-semibold">{info.title}</p>
      <div className="space-y-2 text-sm">{info.body}</div>
      <div className="flex flex-wrap gap-3">
        {info.settings && (
          <Link to="/settings" className="btn">
            Open settings
          </Link>
        )}
        {onRetry && !blocked && (
          <button type="button" className="btn" onClick={onRetry}>
            {retryLabel}
          </button>
        )}
      </div>
    </div>
  )
}

export function MissingCredentials({ api, what }: { api: string; what: string }) {
  return (
    <div role="alert" className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-50">
      <p className="font-semibold">
        Roster needs {what} for the {api} API.
      </p>
      <Link to="/settings" className="btn">
        Open settings
      </Link>
    </div>
  )
}
