import { createAsyncStoragePersister } from '@tanstack/query-async-storage-persister'
import type { PersistedClient, Persister } from '@tanstack/react-query-persist-client'
import { createStore, del, get, set, type UseStore } from 'idb-keyval'
import { getSettings } from './settings'

// The last clients list survives a reload (IndexedDB), so a warm start within the staleTime costs no
// request from the 100-per-15-minutes budget. Only with "Remember on this device": without it Roster
// keeps nothing of a person's data past the tab. `Forget credentials` removes it.
const KEY = 'roster.query-cache.v1'
let idb: UseStore | null = null
const store = () => (idb ??= createStore('roster', 'query-cache'))

const remembered = () => getSettings().settings.remember

const inner = createAsyncStoragePersister({
  storage: {
    getItem: (key) => get<string>(key, store()),
    // Writes are throttled, so one may run after Forget or after Remember was turned off: an empty cache, or
    // one that is no longer to be remembered, deletes the entry instead of writing it.
    setItem: (key, value: string) =>
      remembered() && (value as unknown as PersistedClient).clientState.queries.length > 0 ? set(key, value, store()) : del(key, store()),
    removeItem: (key) => del(key, store()),
  },
  key: KEY,
  throttleTime: 1000,
  // IndexedDB stores objects by structured clone: no JSON round trip for 50,000 records.
  serialize: (client) => client as unknown as string,
  deserialize: (stored) => stored as unknown as PersistedClient,
})

// Without Remember nothing is written (and no database is created): Save and Forget delete what a
// remembered session left. Failures (IndexedDB unavailable) cost the warm start, nothing else.
const quietly = (p: Promise<unknown> | unknown) => Promise.resolve(p).then(() => undefined, () => undefined)

export const persister: Persister = {
  persistClient: (client) => (remembered() ? quietly(inner.persistClient(client)) : Promise.resolve()),
  restoreClient: async () => (remembered() ? inner.restoreClient() : undefined),
  removeClient: () => inner.removeClient(),
}

export const persistOptions = {
  persister,
  maxAge: 24 * 3600_000,
  buster: 'clients-v1',
  dehydrateOptions: {
    shouldDehydrateQuery: (query: { queryKey: readonly unknown[]; state: { status: string } }) =>
      query.queryKey[0] === 'clients' && query.state.status === 'success',
  },
}

export async function clearPersistedCache() {
  try {
    await inner.removeClient()
  } catch {
    // IndexedDB unavailable: nothing was stored
  }
}
