import type { ReactNode } from 'react'
import { Link } from 'react-router-dom'
import { isApiError, type ApiError } from '../lib/http'
import { BudgetExhausted } from '../lib/request-budget'
import { signInUrl } from '../lib/session'
import { useNow } from '../lib/use-now'
import { Countdown } from './countdown'
import { useLocale } from '../i18n/locale'
import { m } from '../paraglide/messages.js'

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

/** Roster's own headline in the UI language; one the code gave explicitly (or an API's) stays as written. */
function headlineOf(error: ApiError): string {
  const words = error.kind === 'network' ? m.err_network : error.kind === 'timeout' ? m.err_timeout_host : error.kind === 'shape' ? m.err_shape : null
  const params = { host: error.host, api: error.api }
  return words && error.message === words(params, { locale: 'en' }) ? words(params) : error.message
}

function explain(error: ApiError, retryAt: number | null | undefined): { title: string; body?: ReactNode; settings?: boolean } {
  const api = error.api
  if (error.kind === 'sign-in')
    return {
      title: m.session_ended(),
      // A full page load: /sign-in is the server's page, not a route of the app.
      body: <a href={signInUrl()} className="btn inline-block">{m.sign_in_again()}</a>,
    }
  if (error.kind === 'network') return { title: headlineOf(error), body: <p>{error.detail}</p> }
  if (error.kind === 'timeout') return { title: headlineOf(error), body: <p>{m.err_timeout({ api })}</p> }
  if (error.kind === 'shape')
    return {
      title: headlineOf(error),
      body: (
        <details>
          <summary className="cursor-pointer">{m.details()}</summary>
          <pre className="mt-2 max-h-48 overflow-auto whitespace-pre-wrap text-xs">{error.detail}</pre>
        </details>
      ),
    }
  switch (error.status) {
    case 401:
      return { title: m.err_401({ api }), body: <Messages error={error} all />, settings: true }
    case 403:
      return {
        title: m.err_403(),
        body: (
          <>
            <p>{m.err_403_body()}</p>
            <Messages error={error} all />
          </>
        ),
        settings: true,
      }
    case 429:
      return {
        title: m.err_429({ api }),
        body: <p>{retryAt ? <Countdown until={retryAt} /> : m.err_429_wait()}</p>,
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
export function ErrorPanel({ error, retryAt, onRetry, retryLabel }: Props) {
  useLocale()
  const info =
    error instanceof BudgetExhausted
      ? {
          title: m.err_429({ api: 'Clients' }),
          body: (
            <p>
              <Countdown until={retryAt ?? error.until} /> {m.err_budget_body()}
            </p>
          ),
          settings: false,
        }
      : isApiError(error)
        ? explain(error, retryAt)
        : { title: m.err_unknown(), body: <p>{m.err_unknown_body()}</p> }
  const now = useNow(1000, retryAt != null)
  const blocked = retryAt != null && retryAt > now
  return (
    <div role="alert" className="space-y-3 rounded-lg border border-red-300 bg-red-50 p-4 text-red-950 dark:border-red-800 dark:bg-red-950 dark:text-red-50">
      <p className="font-semibold">{info.title}</p>
      <div className="space-y-2 text-sm">{info.body}</div>
      <div className="flex flex-wrap gap-3">
        {info.settings && (
          <Link to="/settings" className="btn">
            {m.open_settings()}
          </Link>
        )}
        {onRetry && !blocked && (
          <button type="button" className="btn" onClick={onRetry}>
            {retryLabel ?? m.try_again()}
          </button>
        )}
      </div>
    </div>
  )
}

// access.ts names what is missing in English words; shown in the UI language.
const MISSING: Record<string, () => string> = { 'a bearer token': m.missing_token, 'an API key': m.missing_key, 'a tenant': m.missing_tenant }

export function MissingCredentials({ api, what }: { api: string; what: string }) {
  useLocale()
  return (
    <div role="alert" className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-50">
      <p className="font-semibold">
        {m.missing_credentials({ what: MISSING[what]?.() ?? what, api })}
      </p>
      <Link to="/settings" className="btn">
        {m.open_settings()}
      </Link>
    </div>
  )
}
