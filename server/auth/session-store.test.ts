import { describe, expect, it } from 'vitest'
import { MemorySessionStore } from './session-store.ts'
import { MAX_FAILURES, SignInThrottle } from './throttle.ts'

describe('MemorySessionStore', () => {
  it('forgets a session when its time is up, and renewing moves that time', async () => {
    let now = 1_000_000
    const store = new MemorySessionStore<string>(() => now)
    await store.set('a', 'alice', 60)
    now += 59_000
    expect(await store.get('a')).toBe('alice')
    await store.set('a', 'alice', 60)
    now += 59_000
    expect(await store.get('a')).toBe('alice')
    now += 1000
    expect(await store.get('a')).toBeUndefined()
  })

  it('deletes at once, and sweeps expired entries nobody reads', async () => {
    let now = 0
    const store = new MemorySessionStore<string>(() => now)
    await store.set('a', 'alice', 10)
    await store.set('b', 'bob', 10)
    await store.delete('a')
    expect(await store.get('a')).toBeUndefined()
    now += 61_000
    await store.set('c', 'carol', 10)
    expect(store.size).toBe(1)
  })
})

describe('SignInThrottle', () => {
  it(`blocks a username after ${MAX_FAILURES} failures, from any address, for about 15 minutes`, async () => {
    const throttle = new SignInThrottle()
    for (let i = 0; i < MAX_FAILURES; i++) {
      expect(await throttle.blockedFor('alice', `10.0.0.${i}`)).toBe(0)
      await throttle.fail('Alice', `10.0.0.${i}`)
    }
    const wait = await throttle.blockedFor('alice', '10.0.0.99')
    expect(wait).toBeGreaterThan(14 * 60_000)
    expect(wait).toBeLessThanOrEqual(15 * 60_000)
    expect(await throttle.blockedFor('bob', '10.0.0.99')).toBe(0)
  })

  it('blocks an address that tries many usernames', async () => {
    const throttle = new SignInThrottle()
    for (let i = 0; i < MAX_FAILURES; i++) await throttle.fail(`user${i}`, '192.0.2.7')
    expect(await throttle.blockedFor('someone-else', '192.0.2.7')).toBeGreaterThan(0)
    expect(await throttle.blockedFor('someone-else', '192.0.2.8')).toBe(0)
  })

  it("a success clears the username's failures", async () => {
    const throttle = new SignInThrottle()
    for (let i = 0; i < MAX_FAILURES - 1; i++) await throttle.fail('alice', `10.1.0.${i}`)
    await throttle.succeed('alice')
    await throttle.fail('alice', '10.1.0.50')
    expect(await throttle.blockedFor('alice', '10.1.0.51')).toBe(0)
  })
})
