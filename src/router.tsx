import { Suspense, lazy, useState, type ComponentType } from 'react'
import { BrowserRouter, Navigate, Route, Routes, matchPath } from 'react-router-dom'
import { AppLayout } from './components/app-layout'
import { NotFoundPage } from './components/not-found'
import { RouteErrorBoundary } from './components/route-error'
import { useLocale } from './i18n/locale'
import { m } from './paraglide/messages.js'

// Declarative routing (BrowserRouter, not createBrowserRouter): the data router's loaders, actions and
// fetchers cost about 16 kB gzip on the first route, and Roster uses none of them.

// Each screen is its own chunk: the first route downloads only what it renders. A download that failed
// (offline, a redeploy) is not kept: the next visit to the screen downloads it again.
function screen(path: string, load: () => Promise<ComponentType>) {
  let download: Promise<{ default: ComponentType }> | undefined
  let failed = false
  let Screen = lazy(preload)
  function preload() {
    download ??= load().then(
      (Screen) => ({ default: Screen }),
      (error: unknown) => {
        download = undefined
        failed = true
        throw error
      },
    )
    return download
  }
  /** The component for a new visit: React.lazy keeps a failure for good, so after one a fresh lazy. */
  function forVisit() {
    if (failed) {
      failed = false
      Screen = lazy(preload)
    }
    return Screen
  }
  return { path, preload, forVisit }
}

/**
 * One visit to a screen. The component is chosen when the visit starts, above the Suspense boundary (so
 * it survives the suspension) and kept for the visit: a failed download shows RouteError, once, and the
 * next visit, after the error boundary has reset, downloads again.
 */
function ScreenVisit({ entry }: { entry: (typeof screens)[number] }) {
  const [Screen] = useState(entry.forVisit)
  return (
    <Suspense fallback={loading}>
      <Screen />
    </Suspense>
  )
}

const screens = [
  screen('clients', () => import('./features/clients/clients-page').then((m) => m.ClientsPage)),
  screen('clients/:id', () => import('./features/clients/client-page').then((m) => m.ClientPage)),
  screen('users', () => import('./features/users/users-page').then((m) => m.UsersPage)),
  screen('settings', () => import('./features/settings/settings-page').then((m) => m.SettingsPage)),
]

/** Starts downloading the screen at `pathname` before React renders it (the first screen's code is on the critical path). */
export function preloadScreen(pathname: string) {
  const match = screens.find(({ path }) => matchPath(`/${path}`, pathname))
  // A failure shows when the screen renders (RouteError).
  match?.preload().catch(() => undefined)
}

function Loading() {
  useLocale()
  return (
    <p role="status" className="p-8">
      {m.loading_roster()}
    </p>
  )
}
const loading = <Loading />

export function AppRouter() {
  return (
    // Location changes render at the priority of what caused them, not as transitions: a click on a sort
    // header shows its new order at once (see use-url-params.ts), and a link click replaces the screen
    // (clearing its timers) before anything else runs. Only a screen's first visit shows `loading`.
    <BrowserRouter useTransitions={false}>
      <RouteErrorBoundary>
        <Routes>
          <Route path="/" element={<AppLayout />}>
            <Route index element={<Navigate to="/clients" replace />} />
            {screens.map((entry) => (
              <Route
                key={entry.path}
                path={entry.path}
                // Keyed: a screen never inherits another's boundary, so leaving one unmounts it at once.
                element={<ScreenVisit key={entry.path} entry={entry} />}
              />
            ))}
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </RouteErrorBoundary>
    </BrowserRouter>
  )
}
