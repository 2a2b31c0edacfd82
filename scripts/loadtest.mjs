#!/usr/bin/env node
// npm run loadtest — a bounded load test of the production server (not part of npm test).
//
// Builds the app (skip with --no-build), then for each pass starts `node dist-server/main.js` on a free
// loopback port and sends a fixed number of requests, 50 at a time, with autocannon:
//   1. demo mode: health, the clients list (gzip, as a browser asks), a users page, a deep link (index.html);
//   2. proxy mode: the clients list and a users page through the proxy to a stub upstream on loopback,
//      with server-held credentials.
//   3. the hostile round (scripts/loadtest-hostile.mjs): 20 concurrent 1 GiB answers, 60,000 unique demo
//      tokens, and the largest demo list under three Host names, each with RSS before, at its peak and after.
// Prints throughput, p50/p99 latency, errors and non-2xx answers, and the server's RSS (from
// /proc/<pid>/status) after a warm-up, after one round and after a second identical round — a leak shows
// as growth between the rounds. Exits 1 on any error, any non-2xx answer, or RSS growth between the rounds
// above the limit. Stops by itself (a hard time limit kills everything).
//
// Options: --no-build, --amount <requests per round> (default 3000), --connections <n> (default 50).

import { spawn, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import { hostileRound } from './loadtest-hostile.mjs'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const args = process.argv.slice(2)
const option = (name, fallback) => {
  const i = args.indexOf(name)
  return i >= 0 && args[i + 1] ? Number(args[i + 1]) : fallback
}
const AMOUNT = option('--amount', 3000)
const CONNECTIONS = option('--connections', 50)
const WARMUP = 300
/** RSS may grow this much between two identical rounds (allocator noise, lazy JIT), no more. */
const MAX_ROUND_GROWTH_MB = 16
const HARD_LIMIT_MS = 10 * 60_000

const children = new Set()
const closers = new Set()
async function cleanup() {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM')
  for (const close of closers) await close()
}
const hardLimit = setTimeout(async () => {
  console.error(`loadtest: still running after ${HARD_LIMIT_MS / 60_000} minutes; stopping`)
  await cleanup()
  process.exit(2)
}, HARD_LIMIT_MS)
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, async () => (await cleanup(), process.exit(130)))

async function freePort() {
  const server = createServer()
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address()
  await new Promise((resolve) => server.close(resolve))
  return port
}

function rssMb(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'))
  return Number(/(\d+)/.exec(line)[1]) / 1024
}

async function startServer(env) {
  const port = await freePort()
  const child = spawn(process.execPath, ['dist-server/main.js'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', CLIENTS_API_URL: '', BLUEDOLPHIN_API_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.add(child)
  let output = ''
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))
  const url = `http://127.0.0.1:${port}`
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited:\n${output}`)
    try {
      if ((await fetch(`${url}/api/health`)).ok) break
    } catch {
      // not yet listening
    }
    if (i > 300) throw new Error(`the server did not start:\n${output}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve()
      child.once('exit', resolve)
      child.kill('SIGTERM')
    })
  return { url, pid: child.pid, stop, output: () => output, exited: () => child.exitCode !== null }
}

/** A stand-in for both upstream APIs: a fixed clients list and users pages, as fast as loopback allows. */
async function startStub() {
  const clients = JSON.stringify({
    success: true,
    client: Array.from({ length: 2000 }, (_, i) => ({
      client_id: i + 1,
      created_at: '2024-10-10T18:36:47Z',
      email_address: `client${i + 1}@example.com`,
      first_name: 'Иван',
      last_name: 'Иванов',
      patronymic: 'Иванович',
      phone_number: '79174236278',
      profile_picture_url: `http://127.0.0.1/avatars/${i + 1}.png`,
    })),
  })
  const users = JSON.stringify({
    total_items: 101,
    users: Array.from({ length: 101 }, (_, i) => ({ id: i.toString(16).padStart(24, '0'), first_name: 'Jane', last_name: 'Smith', is_guest_user: i % 5 === 0 })),
  })
  let unauthorized = 0
  const server = createServer((req, res) => {
    const json = (status, body) => {
      res.writeHead(status, { 'Content-Type': 'application/json', 'RateLimit-Policy': '100;w=900' })
      res.end(body)
    }
    if (req.url.startsWith('/v0/clients')) {
      if (req.headers.authorization !== 'Bearer load-token') return unauthorized++, json(401, '{"success":false,"error":"Unauthorized"}')
      return json(200, clients)
    }
    if (req.url.startsWith('/v1/users')) {
      if (req.headers['x-api-key'] !== 'load-key' || req.headers.tenant !== 'load-tenant') return unauthorized++, json(401, '{"title":"Unauthorized","status":401}')
      return json(200, users)
    }
    json(404, '{"error":"Not found"}')
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const close = () =>
    new Promise((resolve) => {
      server.closeAllConnections()
      server.close(resolve)
    })
  closers.add(close)
  return { url: `http://127.0.0.1:${server.address().port}`, close, unauthorized: () => unauthorized }
}

function run(url, requests, amount) {
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url, connections: CONNECTIONS, amount, requests, timeout: 30 }, (error, result) => (error ? reject(error) : resolve(result)))
    instance.on('error', reject)
  })
}

const gzip = { 'accept-encoding': 'gzip' }
const PASSES = [
  {
    name: 'demo',
    env: { DEMO_RATE_LIMIT: '1000000', DEMO_LATENCY_MS: '0' },
    requests: [
      { method: 'GET', path: '/api/health' },
      { method: 'GET', path: '/api/clients/clients', headers: { authorization: 'Bearer demo-token+loadtest', ...gzip } },
      { method: 'GET', path: '/api/bluedolphin/users?take=101&include_guests=false', headers: { 'x-api-key': 'demo-key', tenant: 'demo', ...gzip } },
      { method: 'GET', path: '/clients/42', headers: gzip },
    ],
  },
  {
    name: 'proxy',
    stub: true,
    requests: [
      { method: 'GET', path: '/api/clients/clients', headers: gzip },
      { method: 'GET', path: '/api/bluedolphin/users?take=101&include_guests=false', headers: gzip },
    ],
  },
]

function summary(result) {
  return {
    requests: result.requests.total,
    throughput: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    mbPerSec: Math.round((result.throughput.average / 1024 / 1024) * 10) / 10,
  }
}

async function main() {
  if (!args.includes('--no-build')) {
    console.log('loadtest: building (npm run build)…')
    const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] })
    if (build.status !== 0) throw new Error('the build failed')
  }
  console.log(`loadtest: ${AMOUNT} requests per round, ${CONNECTIONS} concurrent, Node ${process.version}\n`)
  let failed = false
  const rows = []
  for (const pass of PASSES) {
    let stub = null
    let env = pass.env ?? {}
    if (pass.stub) {
      stub = await startStub()
      env = {
        CLIENTS_API_URL: `${stub.url}/v0`,
        BLUEDOLPHIN_API_URL: `${stub.url}/v1`,
        CLIENTS_API_TOKEN: 'load-token',
        BLUEDOLPHIN_API_KEY: 'load-key',
        BLUEDOLPHIN_TENANT: 'load-tenant',
      }
    }
    const server = await startServer(env)
    try {
      const idle = rssMb(server.pid)
      const warm = await run(server.url, pass.requests, WARMUP)
      const beforeMb = rssMb(server.pid)
      const round1 = await run(server.url, pass.requests, AMOUNT)
      const afterRound1 = rssMb(server.pid)
      const round2 = await run(server.url, pass.requests, AMOUNT)
      const afterMb = rssMb(server.pid)
      for (const [label, result] of [['round 1', round1], ['round 2', round2]]) {
        const s = summary(result)
        rows.push({ pass: pass.name, round: label, ...s })
        if (s.errors > 0 || s.non2xx > 0) failed = true
      }
      const w = summary(warm)
      if (w.errors > 0 || w.non2xx > 0) failed = true
      const growth = afterMb - afterRound1
      const memory = { idle, beforeMb, afterRound1, afterMb, growth }
      rows.at(-1).memory = memory
      console.log(
        `${pass.name}: RSS idle ${idle.toFixed(1)} MB, after warm-up ${beforeMb.toFixed(1)} MB, ` +
          `after round 1 ${afterRound1.toFixed(1)} MB, after round 2 ${afterMb.toFixed(1)} MB ` +
          `(round-to-round ${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MB, limit +${MAX_ROUND_GROWTH_MB} MB)`,
      )
      if (growth > MAX_ROUND_GROWTH_MB) failed = true
      if (stub && stub.unauthorized() > 0) {
        console.log(`${pass.name}: upstream saw ${stub.unauthorized()} requests without the server-held credentials`)
        failed = true
      }
    } finally {
      await server.stop()
      if (stub) {
        await stub.close()
        closers.delete(stub.close)
      }
    }
  }
  if (await hostileRound({ startServer, rssMb })) failed = true
  console.log('')
  console.table(rows.map(({ memory: _memory, ...row }) => row))
  console.log(failed ? 'loadtest: FAILED (errors, non-2xx answers or memory growth above)' : 'loadtest: OK — 0 errors, 0 non-2xx, memory flat')
  return failed ? 1 : 0
}

main()
  .then(async (code) => {
    clearTimeout(hardLimit)
    await cleanup()
    process.exit(code)
  })
  .catch(async (error) => {
    console.error(`loadtest: ${error.message}`)
    clearTimeout(hardLimit)
    await cleanup()
    process.exit(1)
  })
