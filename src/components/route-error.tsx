import { Component, type ReactNode } from 'react'
import { Link, useLocation } from 'react-router-dom'
import { useLocale } from '../i18n/locale'
import { m } from '../paraglide/messages.js'

/** Shown instead of a white screen when a screen throws while rendering (or its code fails to load). */
export function RouteError() {
  useLocale()
  return (
    <main className="mx-auto max-w-xl space-y-4 p-8" role="alert">
      <h1 className="text-2xl font-semibold">{m.error_title()}</h1>
      <p>{m.error_body()}</p>
      <div className="flex gap-4">
        <Link className="link" to="/clients">
          {m.back_to_clients()}
        </Link>
        <button type="button" className="btn" onClick={() => window.location.reload()}>
          {m.reload()}
        </button>
      </div>
    </main>
  )
}

/** Catches what the app under it throws while rendering; the next navigation (Back to clients, Back) tries again. */
export function RouteErrorBoundary({ children }: { children: ReactNode }) {
  const { key } = useLocation()
  return <ErrorBoundary location={key}>{children}</ErrorBoundary>
}

type BoundaryState = { failed: boolean; failedAt: string | null }

// React catches render errors only in a class component.
class ErrorBoundary extends Component<{ location: string; children: ReactNode }, BoundaryState> {
  state: BoundaryState = { failed: false, failedAt: null }

  static getDerivedStateFromError(): Partial<BoundaryState> {
    return { failed: true, failedAt: null }
  }

  static getDerivedStateFromProps(props: { location: string }, state: BoundaryState): Partial<BoundaryState> | null {
    if (!state.failed) return null
    // The location the error happened at (it may be the navigation that caused it), then a reset once it changes.
    if (state.failedAt === null) return { failedAt: props.location }
    return state.failedAt === props.location ? null : { failed: false, failedAt: null }
  }

  render() {
    return this.state.failed ? <RouteError /> : this.props.children
  }
}
