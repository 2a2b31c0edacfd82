import { clientsQueryOptions } from './features/clients/api'
import { resolveAccess } from './lib/access'
import { healthFromPage } from './lib/server-health'
import { getSettings } from './lib/settings'
import { createQueryClient } from './query-client'

// The first module main.tsx imports, so it runs before react-dom, the router and the app's modules are
// evaluated: a list opened directly starts its request here, tens of ms before the app could render
// anything, and the screen finds it in flight (one request per open, SPEC §4).
export const queryClient = createQueryClient()

/** The address whose screen opens first (`/` redirects to the list). */
export const firstPath = window.location.pathname === '/' ? '/clients' : window.location.pathname

startFirstRequest()

function startFirstRequest() {
  const settings = getSettings()
  // With Remember on, the list may come from IndexedDB: only the restored cache may decide to fetch.
  if (settings.settings.remember || !firstPath.startsWith('/clients')) return
  const health = healthFromPage()
  const { clients } = resolveAccess(settings, health ?? null, health !== undefined)
  if (clients.ready) void queryClient.prefetchQuery(clientsQueryOptions(clients))
}
