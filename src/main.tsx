// The UI language (stored choice or navigator.languages) and <html lang>, before any message is made.
import './i18n/current'
// Then: it starts the list's request before react-dom and the app's modules are evaluated.
import { firstPath, queryClient } from './first-request'
import { IsRestoringProvider, QueryClientProvider } from '@tanstack/react-query'
import { StrictMode, type ReactNode } from 'react'
import { createRoot } from 'react-dom/client'
import './index.css'
import { AppRouter, preloadScreen } from './router'
import { restorePersistedCache, usePersistedCache } from './lib/query-persist'
import { healthQueryOptions } from './lib/server-health'
import { applyTheme, watchSystemTheme } from './lib/theme'

applyTheme()
watchSystemTheme()

// Started now, while React has not rendered yet: the first screen's code, the persisted list (Remember on)
// and the server's mode (every screen needs it; usually already in the page). A list's data: first-request.ts.
preloadScreen(firstPath)
const restoring = restorePersistedCache(queryClient)
void queryClient.prefetchQuery(healthQueryOptions())

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
