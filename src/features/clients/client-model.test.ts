import { describe, expect, it } from 'vitest'
import { clientFullName, clientInitials, toClient, type ApiClient } from './client-model'

const api = (over: Partial<ApiClient> = {}): ApiClient => ({
  client_id: 1,
  created_at: '2022-11-05T08:55:16Z',
  email_address: 'semyonantonov249@example.org',
  first_name: 'Семён',
  last_name: 'Антонов',
  patronymic: 'Евгеньевич',
  phone_number: '79731566048',
  profile_picture_url: 'http://127.0.0.1:4317/api/clients/demo-avatars/1.svg',
  ...over,
})

describe('clientFullName', () => {
  it('is last first patronymic', () => {
    expect(clientFullName({ last_name: 'Иванов', first_name: 'Иван', patronymic: 'Иванович' })).toBe('Иванов Иван Иванович')
  })

  it('leaves out empty or blank parts without double spaces', () => {
    expect(clientFullName({ last_name: 'Петров', first_name: 'Алексей', patronymic: '' })).toBe('Петров Алексей')
    expect(clientFullName({ last_name: '', first_name: 'Алексей', patronymic: 'Петрович' })).toBe('Алексей Петрович')
    expect(clientFullName({ last_name: ' Петров ', first_name: '  ', patronymic: 'Петрович' })).toBe('Петров Петрович')
    expect(clientFullName({ last_name: '', first_name: '', patronymic: '' })).toBe('')
  })
})

describe('clientInitials', () => {
  it('is the first letter of the first name and of the last name, upper-cased', () => {
    expect(clientInitials({ first_name: 'Иван', last_name: 'Иванов' })).toBe('ИИ')
    expect(clientInitials({ first_name: 'Алексей', last_name: 'Петров' })).toBe('АП')
    expect(clientInitials({ first_name: 'ёжик', last_name: 'яблоков' })).toBe('ЁЯ')
  })

  it('has fewer letters when a part is empty, never "undefined"', () => {
    expect(clientInitials({ first_name: '', last_name: 'Петров' })).toBe('П')
    expect(clientInitials({ first_name: 'Алексей', last_name: '' })).toBe('А')
    expect(clientInitials({ first_name: '', last_name: '' })).toBe('')
  })
})

describe('toClient', () => {
  it('maps the API fields and derives the display values once', () => {
    expect(toClient(api())).toEqual({
      id: 1,
      firstName: 'Семён',
      lastName: 'Антонов',
      patronymic: 'Евгеньевич',
      email: 'semyonantonov249@example.org',
      phone: '79731566048',
      phoneDigits: '79731566048',
      pictureUrl: 'http://127.0.0.1:4317/api/clients/demo-avatars/1.svg',
      createdAt: '2022-11-05T08:55:16Z',
      createdMs: Date.UTC(2022, 10, 5, 8, 55, 16),
      fullName: 'Антонов Семён Евгеньевич',
      initials: 'СА',
      searchKey: 'антонов семен евгеньевич\u0000semyonantonov249@example.org',
    })
  })

  it('keeps only the digits of a formatted phone for search', () => {
    expect(toClient(api({ phone_number: '+7 (973) 156-60-48' })).phoneDigits).toBe('79731566048')
  })

  it('gives NaN for an unreadable date, so it can be sorted last', () => {
    expect(toClient(api({ created_at: 'not a date' })).createdMs).toBeNaN()
    expect(toClient(api({ created_at: '' })).createdMs).toBeNaN()
  })
})
