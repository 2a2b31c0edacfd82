import {
  englishFirstNames,
  englishLastNames,
  femaleNames,
  feminine,
  lastNames,
  latin,
  maleNames,
} from './names.ts'

export interface Client {
  client_id: number
  created_at: string
  email_address: string
  first_name: string
  last_name: string
  patronymic: string
  phone_number: string
  profile_picture_url: string
}

export interface User {
  id: string
  first_name: string
  last_name: string
  is_guest_user: boolean
}

/** Used when a generator is called without a request to take the origin from (tests, benchmark). */
export const DEFAULT_ORIGIN = 'http://127.0.0.1:8080'

/** mulberry32: tiny, fast and good enough for fake data; the same seed gives the same data. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Random = () => number

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T
}

function digits(random: Random, count: number): string {
  let out = ''
  for (let i = 0; i < count; i++) out += Math.floor(random() * 10)
  return out
}

function hex(random: Random, count: number): string {
  let out = ''
  for (let i = 0; i < count; i++) out += Math.floor(random() * 16).toString(16)
  return out
}

export function avatarUrl(origin: string, id: number): string {
  return `${origin}/api/clients/demo-avatars/${id}.png`
}

export function missingAvatarUrl(origin: string, id: number): string {
  return `${origin}/api/clients/demo-avatars/missing-${id}.png`
}

// A fixed window, not "now": the same seed must give the same dates on any day.
const FIRST_DAY = Date.UTC(2022, 0, 1)
const LAST_DAY = Date.UTC(2026, 9, 31)

function isoSeconds(time: number): string {
  return `${new Date(time).toISOString().slice(0, 19)}Z`
}

const foreignPrefixes = ['49151', '44791', '1202555', '38050', '99890', '3361']
const malformedPhones = ['12', '7917', '000']
const mailDomains = ['example.com', 'example.org', 'example.net', 'mail.example.com']

function phone(random: Random): string {
  const roll = random()
  if (roll < 0.002) return pick(random, malformedPhones)
  if (roll < 0.02) {
    const prefix = pick(random, foreignPrefixes)
    return prefix + digits(random, 13 - prefix.length)
  }
  return '79' + digits(random, 9)
}

function email(random: Random, first: string, last: string): string {
  const domain = pick(random, mailDomains)
  if (random() < 0.1) {
    // Like the vendor's own example (`Og0rB@example.com`): random, mixed case.
    const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
    let local = ''
    for (let i = 0; i < 5; i++) local += alphabet[Math.floor(random() * alphabet.length)]
    return `${local}@${domain}`
  }
  const separator = pick(random, ['.', '_', ''])
  const suffix = random() < 0.5 ? String(Math.floor(random() * 1000)) : ''
  return `${latin(first)}${separator}${latin(last)}${suffix}@${domain}`
}

/**
 * A maker of clients with ids 1, 2, 3… in calls of any size: `make(2)` then `make(3)` gives the
 * same five clients as `make(5)`, so a large list can be made a slice at a time.
 */
export function createClientMaker(seed: number, origin: string = DEFAULT_ORIGIN): (count: number) => Client[] {
  const random = mulberry32(seed)
  let id = 0
  return (count) => {
    const clients: Client[] = new Array(count)
    for (let i = 0; i < count; i++) {
      id++
      const female = random() < 0.5
      const [maleFirst] = pick(random, maleNames)
      const [, sonOf, daughterOf] = pick(random, maleNames)
      const first = female ? pick(random, femaleNames) : maleFirst
      const maleLast = pick(random, lastNames)
      const last = female ? feminine(maleLast) : maleLast
      const created = FIRST_DAY + Math.floor(random() * (LAST_DAY - FIRST_DAY))
      const pictureRoll = random()
      clients[i] = {
        client_id: id,
        created_at: isoSeconds(created),
        email_address: email(random, first, maleLast),
        first_name: first,
        last_name: last,
        patronymic: female ? daughterOf : sonOf,
        phone_number: phone(random),
        profile_picture_url:
          pictureRoll < 0.05 ? '' : pictureRoll < 0.1 ? missingAvatarUrl(origin, id) : avatarUrl(origin, id),
      }
    }
    return clients
  }
}

/**
 * `count` clients with ids 1..count. Client k depends only on the clients before it,
 * so a smaller count gives a prefix of a larger one.
 */
export function generateClients(seed: number, count: number, origin: string = DEFAULT_ORIGIN): Client[] {
  return createClientMaker(seed, origin)(count)
}

/**
 * A maker of users with unique 24-hex ids in generation order, which is deliberately not
 * sorted by id: the real API's order is its own, and the app must not assume one. Calls of
 * any size continue one sequence, as createClientMaker's do.
 */
export function createUserMaker(seed: number): (count: number) => User[] {
  // A different stream from the clients', so the two datasets don't move in lockstep.
  const random = mulberry32(seed ^ 0x9e3779b9)
  const seen = new Set<string>()
  return (count) => {
    const users: User[] = []
    while (users.length < count) {
      // Shaped like a MongoDB ObjectId, as in the vendor's example: a timestamp, then randomness.
      const stamp = (0x58000000 + Math.floor(random() * 0x0a000000)).toString(16)
      const id = stamp + hex(random, 16)
      if (seen.has(id)) continue
      seen.add(id)
      users.push({
        id,
        first_name: pick(random, englishFirstNames),
        last_name: pick(random, englishLastNames),
        is_guest_user: random() < 0.2,
      })
    }
    return users
  }
}

export function generateUsers(seed: number, count: number): User[] {
  return createUserMaker(seed)(count)
}
