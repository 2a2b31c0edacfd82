import { describe, expect, it } from 'vitest'
import { hashPassword, isPasswordHash, verifyPassword } from './password.ts'
import { safeNext } from './next-path.ts'

describe('password hashes', () => {
  it('verifies the right password only, with a fresh salt each time', async () => {
    const a = await hashPassword('correct horse battery')
    const b = await hashPassword('correct horse battery')
    expect(a).toMatch(/^\$scrypt\$N=16384,r=8,p=1\$[\w-]{22}\$[\w-]{43}$/)
    expect(a).not.toBe(b)
    expect(await verifyPassword('correct horse battery', a)).toBe(true)
    expect(await verifyPassword('correct horse batterY', a)).toBe(false)
    expect(await verifyPassword('', a)).toBe(false)
  })

  it('treats the same text in another Unicode form as the same password', async () => {
    const hash = await hashPassword('caf\u00e9 au lait!')
    expect(await verifyPassword('cafe\u0301 au lait!', hash)).toBe(true)
  })

  it('refuses hashes it cannot read or whose cost is out of bounds, without throwing', async () => {
    const good = await hashPassword('x'.repeat(12))
    for (const bad of ['', 'plain', good.replace('N=16384', 'N=1000'), good.replace('N=16384', 'N=67108864'), good.replace('p=1', 'p=99'), good.slice(0, -20)]) {
      expect(isPasswordHash(bad)).toBe(false)
      expect(await verifyPassword('x'.repeat(12), bad)).toBe(false)
    }
  })
})

describe('safeNext', () => {
  it('keeps a path on this origin, with its query and fragment', () => {
    expect(safeNext('/clients?q=ann%20lee&sort=name')).toBe('/clients?q=ann%20lee&sort=name')
    expect(safeNext('/clients/42#notes')).toBe('/clients/42#notes')
  })

  it.each([
    ['//evil.example/x'],
    ['/\\evil.example'],
    ['\\\\evil.example'],
    ['https://evil.example/'],
    ['javascript:alert(1)'],
    ['/\t/evil.example'],
    ['/%0a/x\n'],
    ['clients'],
    [''],
    ['/sign-in?next=//evil.example'],
    ['/auth/sign-out'],
    [`/${'a'.repeat(2001)}`],
  ])('sends %j to / instead', (value) => {
    expect(safeNext(value)).toBe('/')
  })

  it('is / when there is none', () => {
    expect(safeNext(undefined)).toBe('/')
    expect(safeNext(null)).toBe('/')
  })
})
