import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { act, renderHook, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useAccess } from './access'
import { forgetCredentials, resetSettingsForTests, saveSettings } from './settings'

const mode = (m: 'demo' | 'proxy') => ({ mode: m, target: m === 'demo' ? null : 'api.example.com', credentials: 'browser' })
let health: Response | Error

beforeEach(() => {
  resetSettingsForTests()
  health = new Response(JSON.stringify({ clients: mode('demo'), bluedolphin: mode('demo') }), { headers: { 'Content-Type': 'application/json' } })
  vi.stubGlobal(
    'fetch',
    vi.fn((input: RequestInfo | URL) => {
      if (String(input) !== '/api/health') throw new Error(`unexpected request ${String(input)}`)
      return health instanceof Error ? Promise.reject(health) : Promise.resolve(health)
    }),
  )
})

afterEach(() => {
  vi.unstubAllGlobals()
  resetSettingsForTests()
})

function renderAccess() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>
  return renderHook(() => useAccess(), { wrapper })
}

async function known() {
  const hook = renderAccess()
  await waitFor(() => expect(hook.result.current.healthKnown).toBe(true))
  return hook
}

const base = { clientsBase: '/api/clients', usersBase: '/api/bluedolphin', remember: false }

describe('useAccess', () => {
  it('is not ready while the server mode is unknown', () => {
    const { result } = renderAccess()
    expect(result.current.healthKnown).toBe(false)
    expect(result.current.clients.ready).toBe(false)
    expect(result.current.users.ready).toBe(false)
  })

  it('implies the demo credentials when the server is in demo mode and nothing is saved', async () => {
    const { result } = await known()
    const { clients, users } = result.current
    expect(clients).toMatchObject({ ready: true, demo: true, serverHeld: false, missing: null, headers: { Authorization: 'Bearer demo-token' } })
    expect(users).toMatchObject({ ready: true, demo: true, missing: null, headers: { 'x-api-key': 'demo-key', tenant: 'demo' } })
    // The query scope names no secret.
    expect(clients.scope).not.toContain('demo-token')
    expect(users.scope).not.toContain('demo-key')
  })

  it('uses the saved credentials and tenant instead, and the tenant is part of the users scope', async () => {
    saveSettings({ ...base, tenant: 'acme' }, { token: 'my-token', apiKey: 'my-key' })
    const { result } = await known()
    expect(result.current.clients.headers).toEqual({ Authorization: 'Bearer my-token' })
    expect(result.current.users.headers).toEqual({ 'x-api-key': 'my-key', tenant: 'acme' })
    const before = result.current.users.scope
    act(() => void saveSettings({ ...base, tenant: 'other' }, { token: 'my-token', apiKey: 'my-key' }))
    expect(result.current.users.scope).not.toBe(before)
    expect(result.current.users.scope).toContain('other')
  })

  it('never implies the demo credentials once something is saved, nor after Forget credentials', async () => {
    saveSettings({ ...base, tenant: '' }, { token: '', apiKey: '' })
    const { result } = await known()
    expect(result.current.clients).toMatchObject({ ready: false, missing: 'a bearer token', headers: {} })
    expect(result.current.users).toMatchObject({ ready: false, missing: 'an API key' })

    act(() => void saveSettings({ ...base, tenant: 'demo' }, { token: 'demo-token', apiKey: 'demo-key' }))
    expect(result.current.clients.ready).toBe(true)
    act(() => forgetCredentials())
    expect(result.current.clients).toMatchObject({ ready: false, missing: 'a bearer token' })
    expect(result.current.users).toMatchObject({ ready: false, missing: 'an API key' })
  })

  it('asks for a tenant when only the API key is saved', async () => {
    saveSettings({ ...base, tenant: '' }, { token: 't', apiKey: 'k' })
    const { result } = await known()
    expect(result.current.users).toMatchObject({ ready: false, missing: 'a tenant' })
  })

  it('a base URL other than the built-in proxy is not demo data, even when the server is in demo mode', async () => {
    saveSettings({ ...base, clientsBase: 'https://clients.example.com', tenant: 'acme' }, { token: 'real-token', apiKey: 'k' })
    const { result } = await known()
    expect(result.current.clients).toMatchObject({ demo: false, ready: true, base: 'https://clients.example.com', headers: { Authorization: 'Bearer real-token' } })
    expect(result.current.users.demo).toBe(true)
  })

  it('implies nothing when the server proxies a real API', async () => {
    health = new Response(JSON.stringify({ clients: mode('proxy'), bluedolphin: mode('proxy') }))
    const { result } = await known()
    expect(result.current.clients).toMatchObject({ demo: false, ready: false, missing: 'a bearer token' })
    expect(result.current.users).toMatchObject({ demo: false, ready: false, missing: 'an API key' })
  })

  it('implies nothing when there is no Roster server to ask (a static host)', async () => {
    health = new TypeError('Failed to fetch')
    const { result } = await known()
    expect(result.current.health).toBeNull()
    expect(result.current.clients).toMatchObject({ demo: false, ready: false, missing: 'a bearer token' })
  })
})
