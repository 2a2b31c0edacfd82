import type { QueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import type { QueryPersistence } from './query-persister'
import { getSettings, useSettings } from './settings'

// The last clients list survives a reload (IndexedDB), so a warm start within the staleTime costs no
// request from the 100-per-15-minutes budget. Only with "Remember on this device": without it Roster
// keeps nothing of a person's data past the tab. `Forget credentials` removes it.
// The persister (query-persister.ts: IndexedDB, the TanStack persister) is its own chunk, downloaded only
// when Remember is on — at startup, or once it is turned on in Settings. Deleting needs no download.

// The IndexedDB database that holds the persisted cache, and nothing else.
const DATABASE = 'roster'

let persistence: Promise<QueryPersistence> | undefined
const loadPersister = () =>
  (persistence ??= import('./query-persister').then(
    (m) => m.createQueryPersistence(() => getSettings().settings.remember, DATABASE),
    (error: unknown) => {
      persistence = undefined // the next use tries the download again
      throw error
    },
  ))

/**
 * With Remember on, starts reading the persisted list now (call it before the first render, so it runs
 * while the first screen's code downloads). Resolves when the cache holds what was restored; null
 * without Remember. A failure (IndexedDB unavailable, the chunk not loaded) costs the warm start, nothing else.
 */
export function restorePersistedCache(queryClient: QueryClient): Promise<void> | null {
  if (!getSettings().settings.remember) return null
  return loadPersister()
    .then((m) => m.restore(queryClient))
    .catch(() => undefined)
}

/**
 * true until `restoring` (from restorePersistedCache) is done: give it to IsRestoringProvider, so queries
 * wait for the restored list instead of asking the API. After that, and while Remember is on, every change
 * of the cache is saved (throttled).
 */
export function usePersistedCache(queryClient: QueryClient, restoring: Promise<void> | null): boolean {
  const remember = useSettings().settings.remember
  const [restored, setRestored] = useState(restoring === null)
  useEffect(() => {
    void restoring?.then(() => setRestored(true))
  }, [restoring])
  useEffect(() => {
    if (!restored || !remember) return
    let stop: (() => void) | undefined
    let stopped = false
    loadPersister().then(
      (m) => {
        if (!stopped) stop = m.subscribe(queryClient)
      },
      () => undefined,
    )
    return () => {
      stopped = true
      stop?.()
    }
  }, [queryClient, restored, remember])
  return !restored
}

/**
 * Deletes the persisted cache (Forget, or Save with Remember off). A tab that has the persister (Remember was
 * on) deletes the entry through it; any other tab deletes the whole database, which needs no download and,
 * when there is none, creates nothing. Resolves false when it could not be deleted.
 */
export async function clearPersistedCache(): Promise<boolean> {
  try {
    if (persistence) await (await persistence).remove()
    else await deleteDatabase(DATABASE)
    return true
  } catch {
    return !('indexedDB' in globalThis) // no IndexedDB: nothing was ever stored
  }
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name)
    request.onsuccess = () => resolve()
    request.onerror = () => reject(request.error ?? new Error('IndexedDB refused to delete the cache'))
    // Another Roster tab (with Remember on) holds the database open: the browser deletes it once that
    // tab lets go; the request stays queued.
    request.onblocked = () => resolve()
  })
}
