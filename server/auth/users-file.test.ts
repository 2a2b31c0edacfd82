import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { hashPassword } from './password.ts'
import { parseUsers, readUsersFile, Users, UsersFileError, usersFileProblems } from './users-file.ts'

const hash = await hashPassword('correct horse battery')

function problemsOf(text: string): string[] {
  try {
    parseUsers(text)
  } catch (error) {
    if (error instanceof UsersFileError) return error.problems
    throw error
  }
  return []
}

describe('the users file', () => {
  it('reads username:hash lines, skipping blank lines and comments; names match case-insensitively', () => {
    const users = parseUsers(`# team\n\nAlice:${hash}\r\nbob.smith@example.com:${hash}\n`)
    expect([...users.keys()]).toEqual(['alice', 'bob.smith@example.com'])
  })

  it('names the line of every problem and never quotes a hash', () => {
    const problems = problemsOf(`alice:${hash}\nno colon here\n:${hash}\nbob:plaintext-password\nALICE:${hash}\n`)
    expect(problems).toEqual([
      'ROSTER_USERS_FILE line 2: expected username:hash',
      expect.stringMatching(/^ROSTER_USERS_FILE line 3: a username is/),
      expect.stringMatching(/^ROSTER_USERS_FILE line 4: the hash is not one Roster writes/),
      'ROSTER_USERS_FILE line 5: ALICE is listed twice',
    ])
    expect(problems.join('\n')).not.toContain('plaintext-password')
  })

  it('reports a missing file as a problem to fix, not a crash', () => {
    const path = join(tmpdir(), `roster-missing-${process.pid}`)
    expect(() => readUsersFile(path)).toThrow(UsersFileError)
    expect(usersFileProblems(path)).toEqual([expect.stringMatching(/does not exist: create it with npm run user -- add <name>/)])
    expect(usersFileProblems(null)).toEqual([])
  })

  it('reads the file again when it changes, and keeps the last good accounts when the change is broken', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'roster-users-')), 'users')
    writeFileSync(path, `alice:${hash}\n`)
    const logged: string[] = []
    const users = new Users(path, (line) => logged.push(line))
    expect(users.find('ALICE')?.name).toBe('alice')
    expect(users.find('bob')).toBeUndefined()
    writeFileSync(path, `alice:${hash}\nbob:${hash}\n`)
    utimesSync(path, new Date(), new Date(Date.now() + 5000))
    expect(users.find('bob')?.name).toBe('bob')
    writeFileSync(path, 'broken\n')
    utimesSync(path, new Date(), new Date(Date.now() + 10_000))
    expect(users.find('bob')?.name).toBe('bob')
    expect(logged).toEqual([expect.stringContaining('line 1: expected username:hash')])
  })
})
