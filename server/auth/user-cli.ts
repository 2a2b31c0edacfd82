import { readFileSync, writeFileSync, renameSync, existsSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { hashPassword } from './password.ts'
import { parseUsers, USERNAME, USERNAME_RULE, UsersFileError } from './users-file.ts'

/*
 * npm run user -- add|remove|list [name]: edits ROSTER_USERS_FILE (created if missing).
 * The password is asked on the terminal without echo, or read as one line from standard input
 * (`printf '%s\n' "$PW" | npm run user -- add alice`). It never appears in argv or a log.
 */

const USAGE = 'Usage: npm run user -- add <name> | remove <name> | list   (ROSTER_USERS_FILE names the file)'

function fail(message: string): never {
  console.error(message)
  process.exit(1)
}

/** One line from a pipe, or a prompt on a terminal that echoes nothing. */
function readPassword(prompt: string): Promise<string> {
  const input = process.stdin
  if (!input.isTTY) {
    return new Promise((resolve) => {
      const lines = createInterface({ input })
      let answered = false
      lines.once('line', (line) => {
        answered = true
        lines.close()
        resolve(line)
      })
      lines.once('close', () => {
        if (!answered) resolve('')
      })
    })
  }
  return new Promise((resolve) => {
    process.stderr.write(prompt)
    let password = ''
    input.setRawMode(true)
    input.resume()
    input.setEncoding('utf8')
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          input.setRawMode(false)
          input.pause()
          input.off('data', onData)
          process.stderr.write('\n')
          return resolve(password)
        }
        if (ch === '\u0003') {
          input.setRawMode(false)
          process.stderr.write('\n')
          process.exit(130)
        }
        if (ch === '\u007f' || ch === '\b') password = password.slice(0, -1)
        else password += ch
      }
    }
    input.on('data', onData)
  })
}

function readLines(path: string): string[] {
  if (!existsSync(path)) return []
  const text = readFileSync(path, 'utf8')
  try {
    parseUsers(text, path)
  } catch (error) {
    if (error instanceof UsersFileError) fail(`${path} has problems; fix them first:\n${error.message}`)
    throw error
  }
  return text.split(/\r?\n/).filter((line, index, all) => !(line === '' && index === all.length - 1))
}

function writeLines(path: string, lines: string[]): void {
  // Written beside and renamed: a reader (the running server) never sees half a file. Owner-only.
  const temporary = `${path}.${process.pid}.tmp`
  writeFileSync(temporary, lines.length ? `${lines.join('\n')}\n` : '', { mode: 0o600 })
  renameSync(temporary, path)
}

const nameOf = (line: string) => line.slice(0, line.indexOf(':')).toLowerCase()

async function main(): Promise<void> {
  const [command, name, ...rest] = process.argv.slice(2)
  const path = process.env.ROSTER_USERS_FILE?.trim()
  if (!path) fail(`ROSTER_USERS_FILE is not set.\n${USAGE}`)
  if (command === 'list' && name === undefined) {
    for (const line of readLines(path)) if (line.trim() && !line.trim().startsWith('#')) console.log(line.slice(0, line.indexOf(':')))
    return
  }
  if ((command !== 'add' && command !== 'remove') || name === undefined || rest.length > 0) fail(USAGE)
  if (!USERNAME.test(name)) fail(`${JSON.stringify(name)} cannot be used: ${USERNAME_RULE}`)
  const lines = readLines(path)
  const kept = lines.filter((line) => nameOf(line) !== name.toLowerCase())
  if (command === 'remove') {
    if (kept.length === lines.length) fail(`${name} is not in ${path}`)
    writeLines(path, kept)
    console.log(`Removed ${name} from ${path}`)
    return
  }
  const password = await readPassword(`Password for ${name}: `)
  if (password.length < 12) fail('The password must be at least 12 characters; nothing was written')
  if (process.stdin.isTTY && (await readPassword('Again: ')) !== password) fail('The passwords differ; nothing was written')
  writeLines(path, [...kept, `${name}:${await hashPassword(password)}`])
  console.log(`${kept.length === lines.length ? 'Added' : 'Changed the password of'} ${name} in ${path}`)
}

await main()
