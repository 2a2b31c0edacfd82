import { useQuery } from '@tanstack/react-query'
import { DEFAULT_CLIENTS_BASE, DEFAULT_USERS_BASE, DEMO_CREDENTIALS, useSettings, type SettingsSnapshot } from './settings'
import { healthQueryOptions, type ApiMode, type ServerHealth } from './server-health'

// How a request to each API is made right now: which base URL, which secret headers, and
// whether anything is missing. The single place that decides demo vs. saved vs. server-held.
export interface Access {
  base: string
  headers: Record<string, string>
  /** false while the server mode is unknown or a credential is missing */
  ready: boolean
  missing: string | null
  /** the request is answered by the built-in demo API */
  demo: boolean
  /** the Roster server adds the credentials; the browser holds none */
  serverHeld: boolean
  /** non-secret part of the query key: what makes two lists different */
  scope: string
}

function modeFor(base: string, defaultBase: string, mode: ApiMode | undefined) {
  const viaProxy = base === defaultBase
  return {
    demo: viaProxy && mode?.mode === 'demo',
    serverHeld: viaProxy && mode?.credentials === 'server',
  }
}

export function useAccess() {
  const snapshot = useSettings()
  const health = useQuery(healthQueryOptions())
  return resolveAccess(snapshot, health.data ?? null, !health.isPending)
}

/** The same decision outside React (first-request.ts starts the first request before any screen renders). */
export function resolveAccess({ settings, secrets, saved }: SettingsSnapshot, health: ServerHealth | null, known: boolean) {
  const h = health ?? undefined

  const c = modeFor(settings.clientsBase, DEFAULT_CLIENTS_BASE, h?.clients)
  const token = c.serverHeld ? '' : secrets.token || (c.demo && !saved ? DEMO_CREDENTIALS.token : '')
  const clientsMissing = !c.serverHeld && !token ? 'a bearer token' : null
  const clients: Access = {
    base: settings.clientsBase,
    headers: token ? { Authorization: `Bearer ${token}` } : {},
    ready: known && !clientsMissing,
    missing: clientsMissing,
    ...c,
    scope: settings.clientsBase,
  }

  const u = modeFor(settings.usersBase, DEFAULT_USERS_BASE, h?.bluedolphin)
  const implied = u.demo && !saved
  const apiKey = u.serverHeld ? '' : secrets.apiKey || (implied ? DEMO_CREDENTIALS.apiKey : '')
  const tenant = u.serverHeld ? '' : settings.tenant || (implied ? DEMO_CREDENTIALS.tenant : '')
  const usersMissing = u.serverHeld ? null : !apiKey ? 'an API key' : !tenant ? 'a tenant' : null
  const users: Access = {
    base: settings.usersBase,
    headers: u.serverHeld ? {} : { 'x-api-key': apiKey, tenant },
    ready: known && !usersMissing,
    missing: usersMissing,
    ...u,
    scope: `${settings.usersBase}|${u.serverHeld ? 'server' : tenant}`,
  }

  return { clients, users, health, healthKnown: known }
}
