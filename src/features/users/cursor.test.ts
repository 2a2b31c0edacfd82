import { describe, expect, it } from 'vitest'
import { FIRST_PAGE, splitPage, takeFor, type PageParam } from './cursor'

// Ids as the API sends them: 24 hex chars, in no particular order.
const id = (n: number) => `${(0x5f000000 - n * 7919).toString(16)}${n.toString(16).padStart(16, '0')}`
const users = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ id: id(from + i) }))
const ids = (list: { id?: unknown }[]) => list.map((u) => u.id)

describe('takeFor', () => {
  it('asks for one user more than a page: the look-ahead that becomes the next cursor', () => {
    expect(takeFor(FIRST_PAGE, 25)).toBe(26)
    expect(takeFor({ cursor: id(1), overlap: false }, 100)).toBe(101)
  })

  it('asks for one more again when the cursor user is already on screen', () => {
    expect(takeFor({ cursor: id(1), overlap: true }, 25)).toBe(27)
  })
})

describe('splitPage', () => {
  it('shows a full page and keeps the extra user as the next, inclusive cursor', () => {
    const raw = users(0, 26)
    const { shown, next } = splitPage(raw, FIRST_PAGE, 25)
    expect(ids(shown)).toEqual(ids(raw.slice(0, 25)))
    expect(next).toEqual({ cursor: id(25), overlap: false })
  })

  it('ends on an empty first page (a tenant with no users)', () => {
    expect(splitPage([], FIRST_PAGE, 25)).toEqual({ shown: [], next: null })
  })

  it('keeps a short page whole and confirms the end with one overlap request on its last user', () => {
    const raw = users(0, 7)
    const { shown, next } = splitPage(raw, FIRST_PAGE, 25)
    expect(ids(shown)).toEqual(ids(raw))
    expect(next).toEqual({ cursor: id(6), overlap: true })
  })

  it('treats an exactly full page without a look-ahead as possibly the end, and asks once more', () => {
    const raw = users(0, 25)
    const { shown, next } = splitPage(raw, FIRST_PAGE, 25)
    expect(ids(shown)).toEqual(ids(raw))
    expect(next).toEqual({ cursor: id(24), overlap: true })
  })

  it('ends when an overlap request brings back only the cursor user', () => {
    const param: PageParam = { cursor: id(24), overlap: true }
    expect(splitPage(users(24, 1), param, 25)).toEqual({ shown: [], next: null })
  })

  it('drops the repeated cursor user of an overlap request and carries on', () => {
    const param: PageParam = { cursor: id(6), overlap: true }
    const raw = users(6, 27)
    const { shown, next } = splitPage(raw, param, 25)
    expect(ids(shown)).toEqual(ids(users(7, 25)))
    expect(next).toEqual({ cursor: id(32), overlap: false })
  })

  it('keeps a non-overlap page whole even when its first user is the cursor (inclusive start)', () => {
    const param: PageParam = { cursor: id(25), overlap: false }
    const raw = users(25, 26)
    const { shown, next } = splitPage(raw, param, 25)
    expect(shown[0]).toEqual({ id: id(25) })
    expect(shown).toHaveLength(25)
    expect(next).toEqual({ cursor: id(50), overlap: false })
  })

  it('continues from the last readable user when the look-ahead has no id, leaving that record to the next page', () => {
    const raw: Record<string, unknown>[] = [...users(0, 25), { first_name: 'no id' }]
    const { shown, next } = splitPage(raw, FIRST_PAGE, 25)
    expect(ids(shown)).toEqual(ids(users(0, 25)))
    expect(next).toEqual({ cursor: id(24), overlap: true })
  })

  it('leaves unreadable records after the last readable user to the confirming request', () => {
    const raw: Record<string, unknown>[] = [...users(0, 5), { id: 7 }, {}]
    const { shown, next } = splitPage(raw, FIRST_PAGE, 25)
    expect(ids(shown)).toEqual(ids(users(0, 5)))
    expect(next).toEqual({ cursor: id(4), overlap: true })
    // That request repeats the cursor user, then brings those records once, and ends.
    const confirm = splitPage([{ id: id(4) }, { id: 7 }, {}], next!, 25)
    expect(confirm).toEqual({ shown: [{ id: 7 }, {}], next: null })
  })

  it('ends when no record of a short page has an id to continue from', () => {
    const raw = [{ id: 42 }, { id: '' }, {}]
    const { shown, next } = splitPage(raw, FIRST_PAGE, 25)
    expect(shown).toEqual(raw)
    expect(next).toBeNull()
  })
})
