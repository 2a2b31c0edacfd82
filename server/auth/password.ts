import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'

/*
 * Password hashes in a PHC-like string: `$scrypt$N=16384,r=8,p=1$<salt>$<hash>` (base64url).
 * scrypt is in node:crypto, memory-hard, and its cost is written into each hash, so raising it
 * later leaves old lines valid.
 */

const COST = { N: 16_384, r: 8, p: 1 }
const KEY_LENGTH = 32
const SALT_LENGTH = 16
const FORMAT = /^\$scrypt\$N=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9_-]{16,})\$([A-Za-z0-9_-]{32,})$/

function derive(password: string, salt: Buffer, length: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem: N=16384, r=8 needs 16 MiB, just above the default limit's headroom.
    scrypt(password.normalize('NFC'), salt, length, { ...options, maxmem: 256 * options.N! * options.r! }, (error, key) =>
      error ? reject(error) : resolve(key),
    )
  })
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_LENGTH)
  const key = await derive(password, salt, KEY_LENGTH, COST)
  return `$scrypt$N=${COST.N},r=${COST.r},p=${COST.p}$${salt.toString('base64url')}$${key.toString('base64url')}`
}

/** True for a string `verifyPassword` can check (a sane cost, a salt and a hash). */
export function isPasswordHash(value: string): boolean {
  const match = FORMAT.exec(value)
  if (!match) return false
  const [N, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])]
  // N a power of two; bounds keep one check from taking seconds or gigabytes.
  return N >= 1024 && N <= 1_048_576 && (N & (N - 1)) === 0 && r >= 1 && r <= 32 && p >= 1 && p <= 16
}

/** Compares in constant time; false (never a throw) for a hash it cannot read. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const match = FORMAT.exec(stored)
  if (!match || !isPasswordHash(stored)) return false
  const salt = Buffer.from(match[4]!, 'base64url')
  const expected = Buffer.from(match[5]!, 'base64url')
  const key = await derive(password, salt, expected.length, { N: Number(match[1]), r: Number(match[2]), p: Number(match[3]) })
  return timingSafeEqual(key, expected)
}
