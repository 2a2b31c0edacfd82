import { PersistQueryClientProvider } from '@tanstack/react-query-persist-client'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { RouterProvider } from 'react-router-dom'
import './index.css'
import { createQueryClient } from './query-client'
import { createRouter } from './router'
import { persistOptions } from './lib/query-persist'
import { healthQueryOptions } from './lib/server-health'
import { applyTheme, watchSystemTheme } from './lib/theme'

applyTheme()
watchSystemTheme()

const queryClient = createQueryClient()
// Asked now, while the first screen's code is still downloading: every screen needs the server's mode.
void queryClient.prefetchQuery(healthQueryOptions())
const router = createRouter()

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PersistQueryClientProvider client={queryClient} persistOptions={persistOptions}>
      <RouterProvider router={router} />
    </PersistQueryClientProvider>
  </StrictMode>,
)
