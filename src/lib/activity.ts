import type { ApiName } from './http.ts'

/**
 * One request the app made, for the activity view. It holds no header, no query value and
 * no secret: `path` is the URL path only, `error` the ApiError's already-redacted message.
 */
export interface ActivityRecord {
  id: number
  /** Epoch ms when the request started. */
  at: number
  api: ApiName
  method: string
  path: string
  status?: number
  durationMs: number
  error?: string
}

// Enough to see the last few minutes of work; old records are of no use and would only grow.
const MAX_RECORDS = 200

let records: readonly ActivityRecord[] = []
let nextId = 1
const listeners = new Set<() => void>()

function publish(next: readonly ActivityRecord[]) {
  records = next
  for (const listener of listeners) listener()
}

export function recordActivity(entry: Omit<ActivityRecord, 'id'>): ActivityRecord {
  const record: ActivityRecord = { ...entry, id: nextId++ }
  publish([...records, record].slice(-MAX_RECORDS))
  return record
}

/** For useSyncExternalStore: returns the unsubscribe function. */
export function subscribeActivity(listener: () => void): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

/** Oldest first. The same array until something changes, as useSyncExternalStore requires. */
export function getActivity(): readonly ActivityRecord[] {
  return records
}

export function clearActivity(): void {
  if (records.length > 0) publish([])
}
