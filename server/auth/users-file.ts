import { readFileSync, statSync } from 'node:fs'
import { isPasswordHash } from './password.ts'

/*
 * ROSTER_USERS_FILE: one `username:hash` per line (`npm run user -- add <name>` writes them).
 * Blank lines and lines starting with `#` are ignored. A line that is neither names its number in
 * the error; a hash is never quoted.
 */

export const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}$/
export const USERNAME_RULE = 'a username is 1–64 letters, digits or . _ @ + - (starting with a letter or digit)'

export class UsersFileError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'))
    this.name = 'UsersFileError'
  }
}

export function parseUsers(text: string, file = 'ROSTER_USERS_FILE'): Map<string, string> {
  const users = new Map<string, string>()
  const problems: string[] = []
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) return
    const at = `${file} line ${index + 1}`
    const colon = line.indexOf(':')
    if (colon < 0) return problems.push(`${at}: expected username:hash`)
    const name = line.slice(0, colon)
    const hash = line.slice(colon + 1)
    if (!USERNAME.test(name)) problems.push(`${at}: ${USERNAME_RULE}`)
    else if (!isPasswordHash(hash)) problems.push(`${at}: the hash is not one Roster writes ($scrypt$…); set the password again with npm run user -- add ${name}`)
    else if (users.has(name.toLowerCase())) problems.push(`${at}: ${name} is listed twice`)
    else users.set(name.toLowerCase(), `${name}:${hash}`)
  })
  if (problems.length > 0) throw new UsersFileError(problems)
  return users
}

/** Reads the file; a missing or unreadable one is a UsersFileError too. */
export function readUsersFile(path: string): Map<string, string> {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new UsersFileError([
      code === 'ENOENT'
        ? `ROSTER_USERS_FILE ${path} does not exist: create it with npm run user -- add <name>`
        : `ROSTER_USERS_FILE ${path} cannot be read (${code ?? 'error'})`,
    ])
  }
  return parseUsers(text)
}

export interface UserEntry {
  name: string
  hash: string
}

/**
 * The accounts, read again when the file changes (so `npm run user -- add` needs no restart).
 * A file broken while running keeps the last good accounts and says why once.
 */
export class Users {
  private users: Map<string, string>
  private mtimeMs: number

  constructor(
    private readonly path: string,
    private readonly log: (line: string) => void = () => {},
  ) {
    this.users = readUsersFile(path)
    this.mtimeMs = this.stat()
  }

  private stat(): number {
    try {
      return statSync(this.path).mtimeMs
    } catch {
      return -1
    }
  }

  find(username: string): UserEntry | undefined {
    const mtime = this.stat()
    if (mtime !== this.mtimeMs) {
      this.mtimeMs = mtime
      try {
        this.users = readUsersFile(this.path)
      } catch (error) {
        this.log(`ROSTER_USERS_FILE changed but was not loaded, the previous accounts stay: ${(error as Error).message}`)
      }
    }
    const line = this.users.get(username.toLowerCase())
    if (line === undefined) return undefined
    const colon = line.indexOf(':')
    return { name: line.slice(0, colon), hash: line.slice(colon + 1) }
  }
}

/** Start-up: the problems with ROSTER_USERS_FILE, each naming its line, or none. */
export function usersFileProblems(path: string | null | undefined): string[] {
  if (!path) return []
  try {
    readUsersFile(path)
    return []
  } catch (error) {
    if (error instanceof UsersFileError) return error.problems
    throw error
  }
}
