import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { apiClientSchema } from './api'

const parse = (input: unknown) => v.safeParse(apiClientSchema, input)

describe('apiClientSchema', () => {
  it('reads null, undefined and a missing text field as an empty string, and drops unknown keys', () => {
    expect(parse({ client_id: 7, first_name: 'Анна', last_name: null, patronymic: undefined, extra: '<b>' })).toMatchObject({
      success: true,
      output: {
        client_id: 7,
        created_at: '',
        email_address: '',
        first_name: 'Анна',
        last_name: '',
        patronymic: '',
        phone_number: '',
        profile_picture_url: '',
      },
    })
    const result = parse({ client_id: 7, extra: 1 })
    expect(result.success && Object.keys(result.output)).not.toContain('extra')
  })

  it('reads a phone number sent as a number as its digits', () => {
    expect(parse({ client_id: 1, phone_number: 79171234567 })).toMatchObject({ success: true, output: { phone_number: '79171234567' } })
    expect(parse({ client_id: 1, phone_number: '+7 917 123-45-67' })).toMatchObject({ output: { phone_number: '+7 917 123-45-67' } })
  })

  it('refuses an id that is missing, not a number, not whole or beyond 2^53, and a phone of another type or Infinity', () => {
    for (const bad of [{}, { client_id: '1' }, { client_id: 1.5 }, { client_id: 2 ** 53 }, { client_id: 1, phone_number: true }, { client_id: 1, phone_number: JSON.parse('1e999') }]) {
      expect(parse(bad).success, JSON.stringify(bad)).toBe(false)
    }
    expect(parse({ client_id: 2 ** 53 - 1 }).success).toBe(true)
  })

  it('refuses a text field of another type', () => {
    expect(parse({ client_id: 1, email_address: 42 }).success).toBe(false)
    expect(parse({ client_id: 1, first_name: ['Анна'] }).success).toBe(false)
  })
})
