import { beforeEach, describe, expect, it, vi } from 'vitest'
import { clearActivity, getActivity, recordActivity, subscribeActivity } from './activity.ts'

const entry = { at: 1, api: 'Clients' as const, method: 'GET', path: '/api/clients/clients', status: 200, durationMs: 12 }

describe('activity', () => {
  beforeEach(() => clearActivity())

  it('records entries oldest first with increasing ids', () => {
    const first = recordActivity(entry)
    const second = recordActivity({ ...entry, status: 401, error: 'Unauthorized' })
    expect(getActivity()).toEqual([first, second])
    expect(second.id).toBeGreaterThan(first.id)
  })

  it('keeps the same snapshot until something changes', () => {
    recordActivity(entry)
    const snapshot = getActivity()
    expect(getActivity()).toBe(snapshot)
    recordActivity(entry)
    expect(getActivity()).not.toBe(snapshot)
    expect(snapshot).toHaveLength(1)
  })

  it('keeps only the last 200 records', () => {
    for (let i = 0; i < 205; i++) recordActivity({ ...entry, at: i })
    const records = getActivity()
    expect(records).toHaveLength(200)
    expect(records[0]?.at).toBe(5)
    expect(records.at(-1)?.at).toBe(204)
  })

  it('notifies subscribers until they unsubscribe', () => {
    const listener = vi.fn()
    const unsubscribe = subscribeActivity(listener)
    recordActivity(entry)
    clearActivity()
    expect(listener).toHaveBeenCalledTimes(2)
    unsubscribe()
    recordActivity(entry)
    expect(listener).toHaveBeenCalledTimes(2)
  })

  it('does not notify when clearing an empty list', () => {
    const listener = vi.fn()
    subscribeActivity(listener)
    const snapshot = getActivity()
    clearActivity()
    expect(listener).not.toHaveBeenCalled()
    expect(getActivity()).toBe(snapshot)
  })
})
