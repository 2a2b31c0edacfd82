import { spawn, type ChildProcess } from 'node:child_process'
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'

// Servers a test starts itself, on 127.0.0.1 only: a Roster server in proxy mode (the production build,
// `node dist-server/main.js`, as `npm start` runs it) and a stub upstream API for it to call.

const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** A port on 127.0.0.1 that was free a moment ago (and, unless something takes it, stays closed). */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

export interface StubRequest {
  method: string
  url: string
  headers: IncomingHttpHeaders
}

export interface Stub {
  url: string
  port: number
  requests: StubRequest[]
  stop: () => Promise<void>
}

/** An upstream API on 127.0.0.1: records every request, answers with `handler`. */
export async function startStub(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Stub> {
  const requests: StubRequest[] = []
  const server: Server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers })
    handler(req, res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export interface Roster {
  url: string
  /** everything the server wrote to stdout and stderr so far */
  log: () => string
  stop: () => Promise<void>
}

/** `node dist-server/main.js` on a free loopback port (or env.PORT) with `env` (the build must exist: scripts/e2e-server.sh). */
export async function startRoster(env: Record<string, string>): Promise<Roster> {
  // A caller that must know the address first (PUBLIC_URL, an IdP's redirect URL) picks the port itself.
  const port = env.PORT ? Number(env.PORT) : await freePort()
  let output = ''
  const child: ChildProcess = spawn(process.execPath, ['dist-server/main.js'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'info',
      CLIENTS_API_URL: '',
      BLUEDOLPHIN_API_URL: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const url = `http://127.0.0.1:${port}`
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`Roster exited at start-up:\n${output}`)
    try {
      if ((await fetch(`${url}/api/health`)).ok) break
    } catch {
      // not listening yet
    }
    if (i > 100) throw new Error(`Roster did not start:\n${output}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return {
    url,
    log: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
