import { afterEach, describe, expect, it, vi } from 'vitest'
import { parseSearch } from '../../lib/text'
import { toClient, type ApiClient, type Client } from './client-model'
import { findInIndex, matchClients, prepareSearch, searchIndexFor, searchIndexOf } from './client-search'

let nextId = 1
const client = (over: Partial<ApiClient>): ApiClient => ({
  client_id: nextId++,
  created_at: '2023-01-01T00:00:00Z',
  email_address: '',
  first_name: '',
  last_name: '',
  patronymic: '',
  phone_number: '',
  profile_picture_url: '',
  ...over,
})

const semyon = client({ first_name: 'Семён', last_name: 'Антонов', patronymic: 'Евгеньевич', email_address: 'Semyon.Antonov@Example.org', phone_number: '79174236278' })
const elena = client({ first_name: 'Елена', last_name: 'Фёдорова', patronymic: 'Петровна', email_address: 'k0EYt@example.net', phone_number: '79005526237' })
const hans = client({ first_name: 'Ганс', last_name: 'Мюллер', patronymic: '', email_address: 'hans@example.com', phone_number: '4915112345678' })
const all = [semyon, elena, hans].map(toClient)

const search = (q: string) => {
  const found = matchClients(all, q)
  if (!found) throw new Error(`"${q}" was read as an empty query`)
  return [semyon, elena, hans].filter((_, i) => found[i] === 1)
}

describe('matchClients', () => {
  it('is null for an empty or blank query (no filtering)', () => {
    expect(matchClients(all, '')).toBeNull()
    expect(matchClients(all, '   ')).toBeNull()
  })

  it('marks every client whose key holds the word, however many there are and wherever they are', () => {
    const keys = ['ab', '', 'xabx', 'abab', 'b', 'a', 'ab']
    expect([...findInIndex(searchIndexOf(keys), parseSearch('ab'))]).toEqual([1, 0, 1, 1, 0, 0, 1])
    expect([...findInIndex(searchIndexOf(keys), parseSearch('ba'))]).toEqual([0, 0, 0, 1, 0, 0, 0])
    expect([...findInIndex(searchIndexOf([]), parseSearch('ab'))]).toEqual([])
  })

  it('never matches across two clients', () => {
    // "ованна" is only where one key ends and the next begins.
    expect([...findInIndex(searchIndexOf(['иванов', 'анна']), parseSearch('ованна'))]).toEqual([0, 0])
    expect([...findInIndex(searchIndexOf(['иванов', 'анна']), parseSearch('ов'))]).toEqual([1, 0])
  })

  it('matches any part of the full name, case-insensitively', () => {
    expect(search('антонов')).toEqual([semyon])
    expect(search('АНТОН')).toEqual([semyon])
    expect(search('евгеньевич')).toEqual([semyon])
  })

  it('matches the name words in any order', () => {
    expect(search('Семён Антонов')).toEqual([semyon])
    expect(search('евгеньевич семён антонов')).toEqual([semyon])
    expect(search('Петровна  Елена')).toEqual([elena])
  })

  it('needs every word to match', () => {
    expect(search('Семён Фёдорова')).toEqual([])
  })

  it('treats ё and е as the same letter, both ways', () => {
    expect(search('Семен')).toEqual([semyon])
    expect(search('федорова')).toEqual([elena])
    expect(search('Ёлена')).toEqual([elena])
    expect(search('ЕВГЁНЬЕВИЧ')).toEqual([semyon])
  })

  it('matches the email, case-insensitively', () => {
    expect(search('semyon.antonov@example')).toEqual([semyon])
    expect(search('K0EYT')).toEqual([elena])
    expect(search('example.com')).toEqual([hans])
  })

  it('matches phone digits typed with formatting', () => {
    expect(search('+7 (917) 423-62-78')).toEqual([semyon])
    expect(search('917 423-62')).toEqual([semyon])
    expect(search('(900) 552')).toEqual([elena])
    expect(search('+49 1511')).toEqual([hans])
    expect(search('7917.423.62.78')).toEqual([semyon])
  })

  it('finds nothing for digits that are in no phone number', () => {
    expect(search('+7 (999) 000-00-00')).toEqual([])
  })
})

describe('searchIndexFor and prepareSearch', () => {
  afterEach(() => vi.useRealTimers())

  // A list whose `map` is counted: the index is built with one `map` over the list.
  const countedList = () => {
    const list: Client[] = [...all]
    const map = vi.spyOn(list, 'map')
    return { list, map }
  }

  it('builds a list\'s index once, and another for another list', () => {
    const { list, map } = countedList()
    expect(searchIndexFor(list)).toBe(searchIndexFor(list))
    expect(matchClients(list, 'антонов')).not.toBeNull()
    expect(map).toHaveBeenCalledTimes(1)
    expect(searchIndexFor([...all])).not.toBe(searchIndexFor(list))
  })

  it('builds nothing for an empty query', () => {
    const { list, map } = countedList()
    expect(matchClients(list, '  ')).toBeNull()
    expect(map).not.toHaveBeenCalled()
  })

  it('prepareSearch builds the index in an idle moment, not at once, and can be cancelled', () => {
    vi.useFakeTimers()
    const first = countedList()
    prepareSearch(first.list)
    expect(first.map).not.toHaveBeenCalled()
    vi.runAllTimers()
    expect(first.map).toHaveBeenCalledTimes(1)
    expect(matchClients(first.list, 'антонов')).not.toBeNull()
    expect(first.map).toHaveBeenCalledTimes(1)

    const second = countedList()
    prepareSearch(second.list)()
    vi.runAllTimers()
    expect(second.map).not.toHaveBeenCalled()
  })
})
