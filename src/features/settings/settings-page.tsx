import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useId, useState, type FormEvent } from 'react'
import { PageHeading } from '../../components/page-title'
import { SecretInput } from '../../components/secret-input'
import { TextField } from '../../components/text-field'
import { clearPersistedCache } from '../../lib/query-persist'
import { healthQueryOptions } from '../../lib/server-health'
import {
  BLUEDOLPHIN_REGIONS,
  DEFAULT_CLIENTS_BASE,
  DEFAULT_USERS_BASE,
  DEMO_CREDENTIALS,
  forgetCredentials,
  isValidBase,
  saveSettings,
  useSettings,
} from '../../lib/settings'
import { testClientsApi, testUsersApi } from './connection-tests'
import { useLocale } from '../../i18n/locale'
import { m } from '../../paraglide/messages.js'

type Form = { clientsBase: string; usersBase: string; tenant: string; token: string; apiKey: string; remember: boolean }
type Errors = Partial<Record<keyof Form, string>>

// Header values must be visible ASCII: fetch refuses anything else, and a pasted newline is a common slip.
const headerSafe = (v: string) => (/^[\x21-\x7e]*$/.test(v) ? null : m.settings_header_safe())

function regionOf(base: string): string {
  if (base === DEFAULT_USERS_BASE) return 'proxy'
  return Object.entries(BLUEDOLPHIN_REGIONS).find(([, url]) => url === base)?.[0] ?? 'custom'
}

export function SettingsPage() {
  const { settings, secrets } = useSettings()
  useLocale()
  const queryClient = useQueryClient()
  const health = useQuery(healthQueryOptions()).data
  const [form, setForm] = useState<Form>(() => ({ ...settings, ...secrets }))
  const [errors, setErrors] = useState<Errors>({})
  const [status, setStatus] = useState('')
  const [testing, setTesting] = useState<'clients' | 'users' | null>(null)
  const regionId = useId()
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }))

  const clientsServerHeld = health?.clients.credentials === 'server' && form.clientsBase === DEFAULT_CLIENTS_BASE
  const usersServerHeld = health?.bluedolphin.credentials === 'server' && form.usersBase === DEFAULT_USERS_BASE

  const validate = (f: Form): Errors => {
    const e: Errors = {}
    const put = (key: keyof Form, message: string | null) => {
      if (message) e[key] = message
    }
    put('clientsBase', isValidBase(f.clientsBase))
    put('usersBase', isValidBase(f.usersBase))
    put('token', headerSafe(f.token))
    put('apiKey', headerSafe(f.apiKey))
    put('tenant', /^[^\s]*$/.test(f.tenant.trim()) ? null : m.settings_tenant_spaces())
    if (!usersServerHeld && f.apiKey && !f.tenant.trim()) e.tenant = m.settings_tenant_needed()
    return e
  }

  const onSave = (event: FormEvent) => {
    event.preventDefault()
    const found = validate(form)
    setErrors(found)
    if (Object.keys(found).length > 0) {
      setStatus(m.settings_not_saved())
      return
    }
    const next = { ...form, clientsBase: form.clientsBase.trim(), usersBase: form.usersBase.trim(), tenant: form.tenant.trim() }
    const clientsChanged = next.clientsBase !== settings.clientsBase || next.token !== secrets.token
    const usersChanged = next.usersBase !== settings.usersBase || next.apiKey !== secrets.apiKey || next.tenant !== settings.tenant
    const stored = saveSettings(
      { clientsBase: next.clientsBase, usersBase: next.usersBase, tenant: next.tenant, remember: next.remember },
      { token: next.token, apiKey: next.apiKey },
    )
    // A new token or tenant must never show the previous one's data.
    if (clientsChanged) queryClient.removeQueries({ queryKey: ['clients'] })
    if (usersChanged) queryClient.removeQueries({ queryKey: ['users'] })
    if (!next.remember) void clearPersistedCache()
    setStatus(stored ? m.settings_saved() : m.settings_saved_tab())
  }

  const onForget = () => {
    forgetCredentials()
    setForm((f) => ({ ...f, token: '', apiKey: '' }))
    queryClient.removeQueries({ queryKey: ['clients'] })
    queryClient.removeQueries({ queryKey: ['users'] })
    setStatus(m.settings_forgotten())
    void clearPersistedCache().then((deleted) => {
      if (!deleted) setStatus(m.settings_forgotten_cache())
    })
  }

  const runTest = async (which: 'clients' | 'users') => {
    const found = validate(form)
    const relevant = which === 'clients' ? (['clientsBase', 'token'] as const) : (['usersBase', 'apiKey', 'tenant'] as const)
    const blocking = relevant.filter((key) => found[key])
    setErrors((e) => ({ ...e, ...Object.fromEntries(relevant.map((key) => [key, found[key]])) }))
    if (blocking.length > 0) {
      setStatus(m.settings_fix_first())
      return
    }
    setTesting(which)
    setStatus(m.settings_testing({ api: which === 'clients' ? 'Clients' : 'BlueDolphin' }))
    const outcome =
      which === 'clients'
        ? await testClientsApi(form.clientsBase.trim(), clientsServerHeld ? null : form.token)
        : await testUsersApi(form.usersBase.trim(), usersServerHeld ? null : { apiKey: form.apiKey, tenant: form.tenant.trim() })
    setTesting(null)
    setStatus(outcome.message)
  }

  return (
    <section className="max-w-2xl space-y-6">
      <PageHeading title={m.nav_settings()} />
      <form className="space-y-8" onSubmit={onSave} noValidate>
        <fieldset className="space-y-4">
          <legend className="mb-2 text-lg font-semibold">{m.settings_clients_api()}</legend>
          <TextField label={m.settings_clients_base()} value={form.clientsBase} onChange={(v) => set('clientsBase', v)} error={errors.clientsBase} hint={m.settings_clients_base_hint()} />
          {clientsServerHeld ? (
            <p className="muted">{m.settings_token_on_server()}</p>
          ) : (
            <SecretInput label={m.settings_token()} value={form.token} onChange={(v) => set('token', v)} error={errors.token} />
          )}
        </fieldset>

        <fieldset className="space-y-4">
          <legend className="mb-2 text-lg font-semibold">{m.settings_users_api()}</legend>
          <div className="space-y-1">
            <label htmlFor={regionId} className="block text-sm font-medium">
              {m.settings_region()}
            </label>
            <select id={regionId} className="input" value={regionOf(form.usersBase)} onChange={(e) => set('usersBase', e.target.value === 'proxy' ? DEFAULT_USERS_BASE : e.target.value === 'custom' ? '' : BLUEDOLPHIN_REGIONS[e.target.value as keyof typeof BLUEDOLPHIN_REGIONS])}>
              <option value="proxy">{m.settings_region_proxy({ url: DEFAULT_USERS_BASE })}</option>
              <option value="eu">{m.settings_region_eu({ url: BLUEDOLPHIN_REGIONS.eu })}</option>
              <option value="us">{m.settings_region_us({ url: BLUEDOLPHIN_REGIONS.us })}</option>
              <option value="custom">{m.settings_region_custom()}</option>
            </select>
          </div>
          <TextField label={m.settings_users_base()} value={form.usersBase} onChange={(v) => set('usersBase', v)} error={errors.usersBase} />
          {usersServerHeld ? (
            <p className="muted">{m.settings_key_on_server()}</p>
          ) : (
            <>
              <SecretInput label={m.settings_api_key()} value={form.apiKey} onChange={(v) => set('apiKey', v)} error={errors.apiKey} />
              <TextField label={m.settings_tenant()} value={form.tenant} onChange={(v) => set('tenant', v)} error={errors.tenant} autoComplete="off" />
            </>
          )}
        </fieldset>

        <label className="flex items-start gap-2">
          <input type="checkbox" className="mt-1 size-4" checked={form.remember} onChange={(e) => set('remember', e.target.checked)} />
          <span>
            <span className="font-medium">{m.settings_remember()}</span>
            <span className="muted block">{m.settings_remember_hint()}</span>
          </span>
        </label>

        <div className="flex flex-wrap gap-3">
          <button type="submit" className="btn btn-primary">
            {m.save()}
          </button>
          <button type="button" className="btn" disabled={testing !== null} onClick={() => void runTest('clients')}>
            {m.test_clients()}
          </button>
          <button type="button" className="btn" disabled={testing !== null} onClick={() => void runTest('users')}>
            {m.test_users()}
          </button>
          <button type="button" className="btn" onClick={() => setForm((f) => ({ ...f, clientsBase: DEFAULT_CLIENTS_BASE, usersBase: DEFAULT_USERS_BASE, ...DEMO_CREDENTIALS }))}>
            {m.use_demo()}
          </button>
          <button type="button" className="btn" onClick={onForget}>
            {m.forget()}
          </button>
        </div>
        <p role="status" aria-live="polite" className="min-h-6 font-medium">
          {status}
        </p>
      </form>
    </section>
  )
}
