import { IsRestoringProvider, QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query'
import { act, render, screen, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { clearPersistedCache, restorePersistedCache, usePersistedCache } from './query-persist'
import { resetSettingsForTests, saveSettings } from './settings'

// The persister chunk, replaced: what is checked is when query-persist.ts loads and uses it.
const persister = vi.hoisted(() => ({
  loads: 0,
  restore: vi.fn<(client: QueryClient) => Promise<void>>(),
  subscribe: vi.fn<(client: QueryClient) => () => void>(),
  unsubscribe: vi.fn(),
  remove: vi.fn<() => Promise<void>>(),
}))

vi.mock('./query-persister', () => {
  persister.loads++
  return {
    createQueryPersistence: () => ({ restore: persister.restore, subscribe: persister.subscribe, remove: persister.remove }),
  }
})

const remember = (on: boolean) =>
  saveSettings({ clientsBase: '/api/clients', usersBase: '/api/bluedolphin', tenant: '', remember: on }, { token: 'demo-token', apiKey: '' })

function Providers({ client, restoring, children }: { client: QueryClient; restoring: Promise<void> | null; children: ReactNode }) {
  const isRestoring = usePersistedCache(client, restoring)
  return (
    <QueryClientProvider client={client}>
      <IsRestoringProvider value={isRestoring}>{children}</IsRestoringProvider>
    </QueryClientProvider>
  )
}

const fetchList = vi.fn(async () => ['fetched'])

function List() {
  const { data } = useQuery({ queryKey: ['clients', 'list'], queryFn: fetchList, staleTime: 60_000 })
  return <p>{data ? data.join(', ') : 'no list yet'}</p>
}

const renderList = (client: QueryClient, restoring: Promise<void> | null) =>
  render(
    <Providers client={client} restoring={restoring}>
      <List />
    </Providers>,
  )

beforeEach(() => {
  resetSettingsForTests()
  fetchList.mockClear()
  persister.restore.mockReset()
  persister.subscribe.mockReset().mockReturnValue(persister.unsubscribe)
  persister.unsubscribe.mockReset()
  persister.remove.mockReset().mockResolvedValue(undefined)
})

afterEach(() => resetSettingsForTests())

// In this order: the first two tests see the chunk before anything has loaded it.
describe('query persistence', () => {
  it('with Remember off: no persister download, and queries run at once', async () => {
    const client = new QueryClient()
    const restoring = restorePersistedCache(client)
    expect(restoring).toBeNull()
    renderList(client, restoring)
    expect(await screen.findByText('fetched')).toBeInTheDocument()
    await new Promise((r) => setTimeout(r, 20))
    expect(persister.loads).toBe(0)
  })

  it('clearPersistedCache in a tab without the persister deletes the database: no download, and it says whether it could', async () => {
    const outcomes = ['success', 'error', 'blocked'] as const
    const deleteDatabase = vi.fn((_name: string) => {
      const request: { error: DOMException | null; onsuccess?: () => void; onerror?: () => void; onblocked?: () => void } = { error: null }
      const outcome = outcomes[deleteDatabase.mock.calls.length - 1] ?? 'success'
      setTimeout(() => {
        if (outcome === 'error') request.error = new DOMException('IndexedDB is disabled.', 'InvalidStateError')
        request[`on${outcome}`]?.()
      })
      return request
    })
    vi.stubGlobal('indexedDB', { deleteDatabase })
    try {
      await expect(clearPersistedCache()).resolves.toBe(true)
      await expect(clearPersistedCache()).resolves.toBe(false)
      await expect(clearPersistedCache()).resolves.toBe(true) // another tab holds it: deleted once it lets go
      expect(deleteDatabase.mock.calls.map(([name]) => name)).toEqual(['roster', 'roster', 'roster'])
      expect(persister.loads).toBe(0)
      expect(persister.remove).not.toHaveBeenCalled()
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('turning Remember on starts saving the cache (nothing to restore), turning it off stops', async () => {
    const client = new QueryClient()
    renderList(client, restorePersistedCache(client))
    expect(await screen.findByText('fetched')).toBeInTheDocument()
    expect(persister.subscribe).not.toHaveBeenCalled()
    act(() => void remember(true))
    await waitFor(() => expect(persister.subscribe).toHaveBeenCalledWith(client))
    expect(persister.restore).not.toHaveBeenCalled()
    act(() => void remember(false))
    expect(persister.unsubscribe).toHaveBeenCalledTimes(1)
  })

  it('with Remember on: queries wait for the restore and use what it restored (no request), then changes are saved', async () => {
    remember(true)
    resetSettingsForTests() // as after a reload
    let finish: () => void = () => undefined
    persister.restore.mockImplementation(
      (client) =>
        new Promise<void>((resolve) => {
          finish = () => {
            client.setQueryData(['clients', 'list'], ['restored'])
            resolve()
          }
        }),
    )
    const client = new QueryClient()
    const restoring = restorePersistedCache(client)
    expect(restoring).not.toBeNull()
    renderList(client, restoring)
    await waitFor(() => expect(persister.restore).toHaveBeenCalledWith(client))
    expect(screen.getByText('no list yet')).toBeInTheDocument()
    expect(fetchList).not.toHaveBeenCalled()
    expect(persister.subscribe).not.toHaveBeenCalled()

    await act(async () => finish())
    expect(await screen.findByText('restored')).toBeInTheDocument()
    await waitFor(() => expect(persister.subscribe).toHaveBeenCalledWith(client))
    expect(fetchList).not.toHaveBeenCalled()
  })

  it('a restore that fails lets the queries ask the API', async () => {
    remember(true)
    resetSettingsForTests()
    persister.restore.mockRejectedValue(new DOMException('IndexedDB is disabled.', 'InvalidStateError'))
    const client = new QueryClient()
    renderList(client, restorePersistedCache(client))
    expect(await screen.findByText('fetched')).toBeInTheDocument()
  })

  it('clearPersistedCache in a tab that has the persister deletes through it, and says when it could not', async () => {
    expect(persister.loads).toBe(1) // loaded by the tests above (Remember on)
    await expect(clearPersistedCache()).resolves.toBe(true)
    expect(persister.remove).toHaveBeenCalledTimes(1)
    persister.remove.mockRejectedValue(new DOMException('IndexedDB is disabled.', 'InvalidStateError'))
    vi.stubGlobal('indexedDB', {})
    try {
      await expect(clearPersistedCache()).resolves.toBe(false)
    } finally {
      vi.unstubAllGlobals()
    }
  })
})
