import { IsRestoringProvider, QueryClientProvider } from '@tanstack/react-query'
import { StrictMode, type ReactNode } from 'react'
import { createRoot } from 'react-dom/client'
import './index.css'
import { createQueryClient } from './query-client'
import { AppRouter, preloadScreen } from './router'
import { restorePersistedCache, usePersistedCache } from './lib/query-persist'
import { resolveAccess } from './lib/access'
import { healthFromPage, healthQueryOptions } from './lib/server-health'
import { getSettings } from './lib/settings'
import { applyTheme, watchSystemTheme } from './lib/theme'

applyTheme()
watchSystemTheme()

const queryClient = createQueryClient()
// Started now, while React has not rendered yet: the first screen's code, the persisted list (Remember on),
// the server's mode (every screen needs it; usually already in the page), and a list opened directly needs its data.
preloadScreen(window.location.pathname)
const restoring = restorePersistedCache(queryClient)
void queryClient.prefetchQuery(healthQueryOptions())
startFirstRequest()

function startFirstRequest() {
  const settings = getSettings()
  // With Remember on, the list may come from IndexedDB: only the restored cache may decide to fetch.
  if (settings.settings.remember || !window.location.pathname.startsWith('/clients')) return
  const health = healthFromPage()
  const { clients } = resolveAccess(settings, health ?? null, health !== undefined)
  // A failure here only means the screen makes the request itself.
  if (clients.ready) import('./features/clients/api').then((m) => queryClient.prefetchQuery(m.clientsQueryOptions(clients))).catch(() => undefined)
}

function QueryProviders({ children }: { children: ReactNode }) {
  const isRestoring = usePersistedCache(queryClient, restoring)
  return (
    <QueryClientProvider client={queryClient}>
      <IsRestoringProvider value={isRestoring}>{children}</IsRestoringProvider>
    </QueryClientProvider>
  )
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryProviders>
      <AppRouter />
    </QueryProviders>
  </StrictMode>,
)
