import { describe, expect, it } from 'vitest'
import { clientSearchKey, type ApiClient } from './client-model'
import { matchClients, searchIndexOf } from './client-search'

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
const all = [semyon, elena, hans]
const index = searchIndexOf(all.map(clientSearchKey))

const search = (q: string) => {
  const found = matchClients(index, q)
  if (!found) throw new Error(`"${q}" was read as an empty query`)
  return all.filter((_, i) => found[i] === 1)
}

describe('matchClients', () => {
  it('is null for an empty or blank query (no filtering)', () => {
    expect(matchClients(index, '')).toBeNull()
    expect(matchClients(index, '   ')).toBeNull()
  })

  it('marks every client whose key holds the word, however many there are and wherever they are', () => {
    const keys = ['ab', '', 'xabx', 'abab', 'b', 'a', 'ab']
    expect([...matchClients(searchIndexOf(keys), 'ab')!]).toEqual([1, 0, 1, 1, 0, 0, 1])
    expect([...matchClients(searchIndexOf(keys), 'ba')!]).toEqual([0, 0, 0, 1, 0, 0, 0])
    expect([...matchClients(searchIndexOf([]), 'ab')!]).toEqual([])
  })

  it('never matches across two clients', () => {
    // "ованна" is only where one key ends and the next begins.
    expect([...matchClients(searchIndexOf(['иванов', 'анна']), 'ованна')!]).toEqual([0, 0])
    expect([...matchClients(searchIndexOf(['иванов', 'анна']), 'ов')!]).toEqual([1, 0])
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
