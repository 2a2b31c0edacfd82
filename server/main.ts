import { fileURLToPath } from 'node:url'
import { serve } from '@hono/node-server'
import { health, type ApiHealth } from './api.ts'
import { createApp } from './app.ts'
import { usersFileProblems } from './auth/users-file.ts'
import { ConfigError, loadConfig, type ServerConfig } from './config.ts'
import { cutOffSlowClients } from './slow-clients.ts'

function readConfig(): ServerConfig {
  try {
    const config = loadConfig(process.env)
    const problems = usersFileProblems(config.auth?.usersFile)
    if (problems.length > 0) throw new ConfigError(problems)
    return config
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    console.error(error.message)
    process.exit(1)
  }
}

function describe(api: ApiHealth): string {
  if (api.mode === 'demo') return 'demo'
  return `proxy → ${api.target}${api.credentials === 'server' ? ' (server-held credentials)' : ''}`
}

const config = readConfig()
const quiet = config.logLevel === 'silent'
// Built to dist-server/main.js; the Vite build of the app sits beside it in dist/.
const staticRoot = fileURLToPath(new URL('../dist/', import.meta.url))
let ready = true
const app = createApp(config, { staticRoot, ready: () => ready })
const shownHost = config.host.includes(':') ? `[${config.host}]` : config.host

// Node checks header and request timeouts every connectionsCheckingInterval (default 30 s): check often enough for 30 s to mean 30 s.
const serverOptions = { connectionsCheckingInterval: 1000 }
const server = serve({ fetch: app.fetch, hostname: config.host, port: config.port, serverOptions }, (info) => {
  if (quiet) return
  const state = health(config)
  console.log(
    `Roster on http://${shownHost}:${info.port} — clients: ${describe(state.clients)}, bluedolphin: ${describe(state.bluedolphin)}`,
  )
  if (config.auth) {
    const ways = [config.auth.usersFile && 'local accounts', config.auth.oidc && `single sign-on (${config.auth.oidc.issuer.host})`]
    console.log(`Sign-in required: ${ways.filter(Boolean).join(', ')}`)
  }
  for (const warning of config.warnings) console.warn(`Warning: ${warning}`)
})

// Slow clients (SPEC §9): the headers within 30 s of the connection, the body within 30 s of the headers.
if ('headersTimeout' in server) cutOffSlowClients(server, 30_000, quiet ? () => {} : (line) => console.log(line))

server.on('error', (error: Error) => {
  console.error(`Could not listen on ${shownHost}:${config.port}: ${error.message}`)
  process.exit(1)
})

function shutdown(): void {
  ready = false
  server.close(() => process.exit(0))
  // Don't wait forever for a slow client to hang up.
  setTimeout(() => process.exit(0), 5000).unref()
}

process.once('SIGTERM', shutdown)
process.once('SIGINT', shutdown)
