import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { apiUserSchema } from './api'

const parse = (input: unknown) => v.safeParse(apiUserSchema, input)

describe('apiUserSchema', () => {
  it('reads null and missing names as empty strings and drops unknown keys', () => {
    const result = parse({ id: '59e43775d51a8afb7d9433ab', first_name: null, is_guest_user: false, email: 'x@example.com' })
    expect(result).toMatchObject({ success: true })
    expect(result.output).toEqual({ id: '59e43775d51a8afb7d9433ab', first_name: '', last_name: '', is_guest_user: false })
  })

  it('refuses an empty or missing id and a guest flag that is not a boolean', () => {
    for (const bad of [{ id: '', is_guest_user: true }, { is_guest_user: true }, { id: 'a', is_guest_user: null }, { id: 'a' }, { id: 5, is_guest_user: false }]) {
      expect(parse(bad).success, JSON.stringify(bad)).toBe(false)
    }
  })
})
