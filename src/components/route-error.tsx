import { Link, isRouteErrorResponse, useRouteError } from 'react-router-dom'

/** Shown instead of a white screen when a screen throws while rendering. */
export function RouteError() {
  const error = useRouteError()
  const status = isRouteErrorResponse(error) ? error.status : null
  return (
    <main className="mx-auto max-w-xl space-y-4 p-8" role="alert">
      <h1 className="text-2xl font-semibold">{status === 404 ? 'Page not found' : 'Something went wrong'}</h1>
      <p>
        {status === 404
          ? 'There is nothing at this address.'
          : 'This screen stopped working. Your settings are safe; reload the page or go back to the list.'}
      </p>
      <div className="flex gap-4">
        <Link className="link" to="/clients">
          Back to clients
        </Link>
        <button type="button" className="btn" onClick={() => window.location.reload()}>
          Reload
        </button>
      </div>
    </main>
  )
}
