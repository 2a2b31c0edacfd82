import { createAsyncStoragePersister } from '@tanstack/query-async-storage-persister'
import { persistQueryClientRestore, persistQueryClientSubscribe, type PersistedClient, type Persister } from '@tanstack/query-persist-client-core'
import type { QueryClient } from '@tanstack/react-query'
import { createStore, del, get, set, type UseStore } from 'idb-keyval'

// Its own chunk, loaded only with Remember on (query-persist.ts); a tab without it deletes the whole database.
// `remembered` is passed in rather than read from settings.ts: a module this chunk shared with the entry
// would be split out of the entry into a chunk of its own, one more request before the first screen.
const KEY = 'roster.query-cache.v1'
let idb: UseStore | null = null

export function createQueryPersistence(remembered: () => boolean, database: string) {
  const store = () => (idb ??= createStore(database, 'query-cache'))
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

  const persister: Persister = {
    persistClient: (client) => (remembered() ? quietly(inner.persistClient(client)) : Promise.resolve()),
    restoreClient: async () => (remembered() ? inner.restoreClient() : undefined),
    removeClient: () => inner.removeClient(),
  }

  const options = {
    persister,
    maxAge: 24 * 3600_000,
    // Bumped whenever the persisted list's shape changes (v2: records without a search key of their own).
    buster: 'clients-v2',
    dehydrateOptions: {
      shouldDehydrateQuery: (query: { queryKey: readonly unknown[]; state: { status: string } }) =>
        query.queryKey[0] === 'clients' && query.state.status === 'success',
    },
  }

  return {
    /** Puts the persisted clients list (if any, not expired, of this buster) into the cache. */
    restore: (queryClient: QueryClient) => persistQueryClientRestore({ queryClient, ...options }),
    /** Saves the cache after each change (throttled); returns the function that stops it. */
    subscribe: (queryClient: QueryClient) => persistQueryClientSubscribe({ queryClient, ...options }),
    /** Deletes the persisted cache. */
    remove: () => inner.removeClient(),
  }
}

export type QueryPersistence = ReturnType<typeof createQueryPersistence>
