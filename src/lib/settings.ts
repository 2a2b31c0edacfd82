import { useSyncExternalStore } from 'react'
import * as v from 'valibot'
import { m } from '../paraglide/messages.js'

// Non-secret settings live in localStorage under a versioned key; the two secrets live in
// sessionStorage (this tab only) unless "Remember on this device" is on. See docs/decisions/002.
export const SETTINGS_KEY = 'roster.settings.v1'
export const SECRETS_KEY = 'roster.secrets.v1'
const OLDER_KEYS = ['roster.settings', 'roster.settings.v0']

export const DEFAULT_CLIENTS_BASE = '/api/clients'
export const DEFAULT_USERS_BASE = '/api/bluedolphin'
export const DEMO_CREDENTIALS = { token: 'demo-token', apiKey: 'demo-key', tenant: 'demo' } as const
export const BLUEDOLPHIN_REGIONS = {
  eu: 'https://public-api.eu.bluedolphin.app/v1',
  us: 'https://public-api.us.bluedolphin.app/v1',
} as const

// A stored base URL is checked like a typed one: an entry edited by hand or by an older build must not
// become a request to somewhere else.
const storedBase = v.pipe(v.string(), v.check((value) => isValidBase(value) === null))
const storedSettingsSchema = v.object({
  version: v.literal(1),
  clientsBase: storedBase,
  usersBase: storedBase,
  tenant: v.string(),
  remember: v.boolean(),
})
const storedSecretsSchema = v.object({ token: v.string(), apiKey: v.string() })

export type StoredSettings = v.InferOutput<typeof storedSettingsSchema>
export type Secrets = v.InferOutput<typeof storedSecretsSchema>

export interface SettingsSnapshot {
  settings: StoredSettings
  secrets: Secrets
  /** true once the person has saved anything: the demo credentials are then never implied */
  saved: boolean
  /** a sentence shown once when stored values had to be discarded or could not be written */
  notice: string | null
}

export const DEFAULT_SETTINGS: StoredSettings = {
  version: 1,
  clientsBase: DEFAULT_CLIENTS_BASE,
  usersBase: DEFAULT_USERS_BASE,
  tenant: '',
  remember: false,
}
const NO_SECRETS: Secrets = { token: '', apiKey: '' }

function storage(kind: 'local' | 'session'): Storage | null {
  try {
    return kind === 'local' ? window.localStorage : window.sessionStorage
  } catch {
    return null // storage disabled by the browser's privacy settings
  }
}

function readJson(store: Storage | null, key: string): { value: unknown; present: boolean; corrupt: boolean } {
  const raw = store?.getItem(key) ?? null
  if (raw === null) return { value: undefined, present: false, corrupt: false }
  try {
    return { value: JSON.parse(raw), present: true, corrupt: false }
  } catch {
    return { value: undefined, present: true, corrupt: true }
  }
}

export function loadSettings(): SettingsSnapshot {
  const local = storage('local')
  const notices: string[] = []
  if (!local) notices.push(m.notice_no_storage())

  const stored = readJson(local, SETTINGS_KEY)
  const parsed = v.safeParse(storedSettingsSchema, stored.value)
  let settings = DEFAULT_SETTINGS
  if (parsed.success) settings = parsed.output
  else if (stored.present) {
    notices.push(m.notice_settings_reset())
    local?.removeItem(SETTINGS_KEY)
  }
  const older = OLDER_KEYS.filter((key) => local?.getItem(key) !== null && local?.getItem(key) !== undefined)
  if (older.length > 0) {
    notices.push(m.notice_older_reset())
    for (const key of older) local?.removeItem(key)
  }

  // Secrets: session copy first (this tab), then the remembered copy.
  let secrets = NO_SECRETS
  let secretsPresent = false
  for (const kind of ['session', 'local'] as const) {
    const store = storage(kind)
    const raw = readJson(store, SECRETS_KEY)
    if (!raw.present) continue
    const ok = v.safeParse(storedSecretsSchema, raw.value)
    if (ok.success) {
      secrets = ok.output
      secretsPresent = true
      break
    }
    store?.removeItem(SECRETS_KEY)
    notices.push(m.notice_secrets_removed())
  }

  return {
    settings,
    secrets,
    saved: parsed.success || secretsPresent,
    notice: notices.length > 0 ? notices.join(' ') : null,
  }
}

let snapshot: SettingsSnapshot | null = null
const listeners = new Set<() => void>()

function current(): SettingsSnapshot {
  snapshot ??= loadSettings()
  return snapshot
}

function publish(next: SettingsSnapshot) {
  snapshot = next
  for (const listener of listeners) listener()
}

export function getSettings(): SettingsSnapshot {
  return current()
}

function subscribe(listener: () => void) {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

export function useSettings(): SettingsSnapshot {
  return useSyncExternalStore(subscribe, current, current)
}

function write(store: Storage | null, key: string, value: unknown): boolean {
  if (!store) return false
  try {
    store.setItem(key, JSON.stringify(value))
    return true
  } catch {
    return false // quota exceeded or storage disabled
  }
}

/** Saves settings and secrets; returns false when the browser refused to store them. */
export function saveSettings(settings: Omit<StoredSettings, 'version'>, secrets: Secrets): boolean {
  const next: StoredSettings = { ...settings, version: 1 }
  const local = storage('local')
  const session = storage('session')
  const settingsOk = write(local, SETTINGS_KEY, next)
  // Exactly one copy of the secrets: remove the other store's copy before writing.
  ;(settings.remember ? session : local)?.removeItem(SECRETS_KEY)
  const secretsOk = write(settings.remember ? local : session, SECRETS_KEY, secrets)
  const ok = settingsOk && secretsOk
  publish({
    settings: next,
    secrets,
    saved: true,
    notice: ok ? null : m.notice_store_refused(),
  })
  return ok
}

/** Removes every stored copy of the secrets (both storages) and forgets them in memory. */
export function forgetCredentials(): void {
  storage('local')?.removeItem(SECRETS_KEY)
  storage('session')?.removeItem(SECRETS_KEY)
  const { settings } = current()
  // Written even when nothing was saved before, so a reload does not bring the demo credentials back.
  write(storage('local'), SETTINGS_KEY, settings)
  publish({ settings, secrets: NO_SECRETS, saved: true, notice: null })
}

export function dismissSettingsNotice(): void {
  publish({ ...current(), notice: null })
}

/** Test seam: forget the in-memory snapshot so the next read goes to storage again. */
export function resetSettingsForTests(): void {
  snapshot = null
}

// Resolves a path the way the browser would, to see whether it stays on this origin.
const PLACEHOLDER_ORIGIN = 'http://roster.invalid'

/** null when `value` is a base URL that requests can use (the same rules as joinUrl in http.ts), else the reason. */
export function isValidBase(value: string): string | null {
  const v = value.trim()
  const USE_HTTP = m.base_use_http()
  if (v === '') return m.base_empty()
  const path = v.startsWith('/')
  if (!path && !/^https?:\/\//i.test(v)) return USE_HTTP
  let url: URL
  try {
    url = new URL(v, PLACEHOLDER_ORIGIN)
  } catch {
    return USE_HTTP
  }
  // `//host`, `/\host` or `/<tab>/host` would leave this origin: the browser reads them as another host.
  if (path && url.origin !== PLACEHOLDER_ORIGIN) return USE_HTTP
  if (url.username || url.password) return m.base_credentials()
  if (url.search || url.hash) return m.base_query()
  return null
}
