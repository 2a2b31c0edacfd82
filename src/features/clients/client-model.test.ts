import { describe, expect, it } from 'vitest'
import { clientCreatedMs, clientInitials, clientName, clientSearchKey, toClient, type ApiClient } from './client-model'

const api = (over: Partial<ApiClient> = {}): ApiClient => ({
  client_id: 1,
  created_at: '2022-11-05T08:55:16Z',
  email_address: 'semyonantonov249@example.org',
  first_name: 'Семён',
  last_name: 'Антонов',
  patronymic: 'Евгеньевич',
  phone_number: '79731566048',
  profile_picture_url: 'http://127.0.0.1:4317/api/clients/demo-avatars/1.png',
  ...over,
})

describe('clientName', () => {
  it('is last first patronymic', () => {
    expect(clientName({ lastName: 'Иванов', firstName: 'Иван', patronymic: 'Иванович' })).toBe('Иванов Иван Иванович')
  })

  it('leaves out empty or blank parts without double spaces', () => {
    expect(clientName({ lastName: 'Петров', firstName: 'Алексей', patronymic: '' })).toBe('Петров Алексей')
    expect(clientName({ lastName: '', firstName: 'Алексей', patronymic: 'Петрович' })).toBe('Алексей Петрович')
    expect(clientName({ lastName: ' Петров ', firstName: '  ', patronymic: 'Петрович' })).toBe('Петров Петрович')
    expect(clientName({ lastName: '', firstName: '', patronymic: '' })).toBe('')
  })
})

describe('clientInitials', () => {
  it('is the first letter of the first name and of the last name, upper-cased', () => {
    expect(clientInitials({ firstName: 'Иван', lastName: 'Иванов' })).toBe('ИИ')
    expect(clientInitials({ firstName: 'Алексей', lastName: 'Петров' })).toBe('АП')
    expect(clientInitials({ firstName: 'ёжик', lastName: 'яблоков' })).toBe('ЁЯ')
  })

  it('has fewer letters when a part is empty, never "undefined"', () => {
    expect(clientInitials({ firstName: '', lastName: 'Петров' })).toBe('П')
    expect(clientInitials({ firstName: 'Алексей', lastName: '' })).toBe('А')
    expect(clientInitials({ firstName: '', lastName: '' })).toBe('')
  })
})

describe('toClient', () => {
  it('maps the API fields and derives nothing', () => {
    expect(toClient(api())).toEqual({
      id: 1,
      firstName: 'Семён',
      lastName: 'Антонов',
      patronymic: 'Евгеньевич',
      email: 'semyonantonov249@example.org',
      phone: '79731566048',
      pictureUrl: 'http://127.0.0.1:4317/api/clients/demo-avatars/1.png',
      createdAt: '2022-11-05T08:55:16Z',
    })
  })
})

describe('clientSearchKey', () => {
  it('is the name, email and phone, case-folded with ё as е, NUL between the parts', () => {
    expect(clientSearchKey(toClient(api({ first_name: 'Семён' })))).toBe('антонов семен евгеньевич\u0000semyonantonov249@example.org\u000079731566048')
  })

  it('keeps only the digits of a formatted phone', () => {
    expect(clientSearchKey(toClient(api({ phone_number: '+7 (973) 156-60-48' }))).split('\u0000')[2]).toBe('79731566048')
  })
})

describe('clientCreatedMs', () => {
  it('is the time in ms, or NaN for an unreadable date (sorted last)', () => {
    expect(clientCreatedMs(toClient(api()))).toBe(Date.UTC(2022, 10, 5, 8, 55, 16))
    expect(clientCreatedMs(toClient(api({ created_at: 'not a date' })))).toBeNaN()
    expect(clientCreatedMs(toClient(api({ created_at: '' })))).toBeNaN()
  })
})
