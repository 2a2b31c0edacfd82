// `npm run bench` — Roster's performance benchmark (not part of `npm test`).
//
// Builds the production app (the same `vite build` + server build as `npm start`, into a private
// folder so parallel builds into dist/ cannot disturb it), builds the floor page (bench/floor) into
// that copy under /bench-floor/, starts the production server on the demo API at each size, and
// drives Debian Chromium with Playwright. See docs/performance.md for the protocol and the targets.
//
// Knobs (environment): BENCH_RUNS (cold loads, 5), BENCH_TRIALS (keystroke trials, 20),
// BENCH_WARM_RUNS (3), BENCH_CLIENTS (sizes, "2000,50000"), BENCH_USERS (demo users for the
// Load all scenario, 25000; 0 skips it), BENCH_USERS_TARGET (20000), BENCH_PORT (4601),
// BENCH_BUILD=0 (reuse the last private build), BENCH_PROFILE=1 (also save CPU profiles and print
// their top costs), BENCH_TIMEOUT_S (570), CHROMIUM_PATH.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import os from 'node:os'
import { chromium } from '@playwright/test'
import { probe } from './probe.mjs'
import { summarizeProfile, summarizeTrace } from './profile.mjs'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const OUT = join(ROOT, 'node_modules/.cache/roster-bench')
const env = process.env
const int = (name, fallback) => {
  const v = Number.parseInt(env[name] ?? '', 10)
  return Number.isFinite(v) && v >= 0 ? v : fallback
}
const CONFIG = {
  runs: Math.max(1, int('BENCH_RUNS', 5)),
  trials: Math.max(1, int('BENCH_TRIALS', 20)),
  warmRuns: int('BENCH_WARM_RUNS', 3),
  sizes: (env.BENCH_CLIENTS ?? '2000,50000')
    .split(',')
    .map((s) => Number.parseInt(s, 10))
    .filter((n) => n >= 0),
  users: int('BENCH_USERS', 25000),
  usersTarget: int('BENCH_USERS_TARGET', 20000),
  port: int('BENCH_PORT', 4601),
  build: env.BENCH_BUILD !== '0',
  profile: env.BENCH_PROFILE === '1',
  timeoutS: int('BENCH_TIMEOUT_S', env.BENCH_PROFILE === '1' ? 900 : 570),
  chromium: env.CHROMIUM_PATH ?? '/usr/bin/chromium',
}
const TARGET_SIZE = 50000
const KEYS = 'qxjkvwy'
const VIEWPORT = { width: 1280, height: 800 }
const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic']
const kB = (bytes) => bytes / 1000

// ---------------------------------------------------------------- processes we start (and stop)

const children = new Set()
const browsers = new Set()
let stopping = false

function log(...args) {
  console.error(`[bench ${((performance.now() - t0) / 1000).toFixed(0).padStart(3)}s]`, ...args)
}
const t0 = performance.now()

function run(cmd, args, extraEnv = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] })
    children.add(child)
    let output = ''
    child.stdout.on('data', (d) => (output += d))
    child.stderr.on('data', (d) => (output += d))
    child.on('error', reject)
    child.on('exit', (code) => {
      children.delete(child)
      if (code === 0) resolvePromise(output)
      else reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}\n${output}`))
    })
  })
}

async function build() {
  const vite = join(ROOT, 'node_modules/vite/bin/vite.js')
  log('building the app (vite build + server build) into', OUT)
  // The same two builds as `npm run build`, into a private folder; hidden source maps only serve
  // the profile summaries (no sourceMappingURL comment, so the served JS is byte-identical).
  await run(process.execPath, [vite, 'build', '--outDir', join(OUT, 'dist'), '--emptyOutDir', '--sourcemap', 'hidden', '--logLevel', 'error'])
  await run(process.execPath, [vite, 'build', '--ssr', 'server/main.ts', '--outDir', join(OUT, 'dist-server'), '--emptyOutDir', '--logLevel', 'error'])
  log('building the floor page')
  await run(process.execPath, [vite, 'build', '--config', 'bench/floor/vite.config.ts', '--outDir', join(OUT, 'dist/bench-floor'), '--logLevel', 'error'])
}

async function startServer(port, demoEnv) {
  const child = spawn(process.execPath, [join(OUT, 'dist-server/main.js')], {
    cwd: ROOT,
    env: {
      ...env,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'silent',
      CLIENTS_API_URL: '',
      BLUEDOLPHIN_API_URL: '',
      CLIENTS_API_TOKEN: '',
      BLUEDOLPHIN_API_KEY: '',
      BLUEDOLPHIN_TENANT: '',
      DEMO_LATENCY_MS: '0',
      DEMO_RATE_LIMIT: '100000',
      ...demoEnv,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  children.add(child)
  child.on('exit', () => children.delete(child))
  const origin = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 30_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server on port ${port} exited with ${child.exitCode}`)
    try {
      const res = await fetch(`${origin}/api/health`)
      if (res.ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the server on port ${port} did not answer /api/health`)
    await sleep(200)
  }
  return { child, origin }
}

function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolvePromise) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 6000)
    child.once('exit', () => {
      clearTimeout(timer)
      resolvePromise()
    })
    child.kill('SIGTERM')
  })
}

async function cleanup() {
  if (stopping) return
  stopping = true
  await Promise.all([...browsers].map((b) => b.close().catch(() => {})))
  await Promise.all([...children].map(stopChild))
}
// Last resort on a crash or Ctrl-C: nothing we started may outlive the runner.
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL')
})
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    log(`${signal}: stopping`)
    void cleanup().finally(() => process.exit(130))
  })
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

// ---------------------------------------------------------------- browser helpers

async function launch() {
  const browser = await chromium.launch({ executablePath: CONFIG.chromium, args: LAUNCH_ARGS })
  browsers.add(browser)
  return browser
}
async function close(browser) {
  browsers.delete(browser)
  await browser.close().catch(() => {})
}

/** A fresh browser process, context and page with the probe, counting /api/ requests. */
async function openPage({ cacheDisabled = true, initScripts = [] } = {}) {
  const browser = await launch()
  const context = await browser.newContext({ viewport: VIEWPORT })
  for (const script of initScripts) await context.addInitScript(script)
  await context.addInitScript(probe)
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  if (cacheDisabled) await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  await cdp.send('Performance.enable')
  const requests = []
  page.on('request', (request) => {
    const url = new URL(request.url())
    if (url.pathname.startsWith('/api/')) requests.push({ path: url.pathname + url.search, type: request.resourceType() })
  })
  return { browser, context, page, cdp, requests }
}

/** API calls (fetch/XHR to /api/), not the demo's avatar images that also live under /api/. */
const apiCalls = (requests) => requests.filter((r) => r.type === 'fetch' || r.type === 'xhr')

async function waitFirstRow(page, timeout = 90_000) {
  await page.waitForFunction(() => window.__bench?.firstRow != null, undefined, { polling: 200, timeout })
  return page.evaluate(() => window.__bench.firstRow)
}
const sleepUntilPageTime = (page, t) => page.evaluate((at) => new Promise((r) => setTimeout(r, Math.max(0, at - performance.now()))), t)

async function heapAfterGc(cdp) {
  await cdp.send('HeapProfiler.enable')
  await cdp.send('HeapProfiler.collectGarbage')
  await cdp.send('HeapProfiler.collectGarbage')
  const { metrics } = await cdp.send('Performance.getMetrics')
  const get = (name) => metrics.find((m) => m.name === name)?.value ?? null
  return { jsHeapUsed: get('JSHeapUsedSize'), domNodes: get('Nodes') }
}

const resourceEntries = (page) =>
  page.evaluate(() =>
    performance.getEntriesByType('resource').map((e) => ({
      path: new URL(e.name).pathname,
      initiatorType: e.initiatorType,
      startTime: e.startTime,
      responseEnd: e.responseEnd,
      transferSize: e.transferSize,
      encodedBodySize: e.encodedBodySize,
      decodedBodySize: e.decodedBodySize,
    })),
  )

// ---------------------------------------------------------------- scenarios

/** One cold load: new browser process and context, cache disabled. */
async function coldLoad(url) {
  const s = await openPage()
  try {
    await s.page.goto(url, { waitUntil: 'commit' })
    const firstRow = await waitFirstRow(s.page)
    await sleepUntilPageTime(s.page, firstRow + 2000)
    const heap = await heapAfterGc(s.cdp)
    const resources = await resourceEntries(s.page)
    const longTasks = await s.page.evaluate(() => window.__bench.longTasks)
    const before = resources.filter((r) => r.responseEnd <= firstRow)
    const sum = (list, key) => list.reduce((a, r) => a + r[key], 0)
    const js = before.filter((r) => r.path.endsWith('.js'))
    const css = before.filter((r) => r.path.endsWith('.css'))
    const data = resources.find((r) => r.path === '/api/clients/clients') ?? null
    const calls = apiCalls(s.requests)
    return {
      firstRow,
      jsEncoded: sum(js, 'encodedBodySize'),
      jsTransfer: sum(js, 'transferSize'),
      jsDecoded: sum(js, 'decodedBodySize'),
      jsFiles: js.map((r) => r.path),
      cssEncoded: sum(css, 'encodedBodySize'),
      cssDecoded: sum(css, 'decodedBodySize'),
      data: data && { transferSize: data.transferSize, encodedBodySize: data.encodedBodySize, decodedBodySize: data.decodedBodySize, responseEnd: data.responseEnd },
      apiRequests: calls.length,
      apiPaths: calls.map((r) => r.path),
      imageRequests: s.requests.length - calls.length,
      longTasksBeforeFirstRow: longTasks.filter((t) => t.start < firstRow).map((t) => Math.round(t.duration)),
      ...heap,
    }
  } finally {
    await close(s.browser)
  }
}

/** A fresh load for keystroke trials: the page 1 s after its first row, focus in `Search clients`. */
async function openKeystrokePage(url) {
  const s = await openPage()
  try {
    await s.page.goto(url, { waitUntil: 'commit' })
    const firstRow = await waitFirstRow(s.page)
    await sleepUntilPageTime(s.page, firstRow + 1000)
    s.baseline = await s.page.evaluate(() => window.__bench.signature())
    s.input = s.page.getByLabel('Search clients')
    await s.input.click()
    return s
  } catch (error) {
    await close(s.browser)
    throw error
  }
}

/** One trial: clear the search, wait for the unfiltered rows (+500 ms), type `key`, time the painted rows. */
async function keystrokeTrial(s, key) {
  await s.input.fill('')
  const back = await s.page.evaluate((sig) => window.__bench.waitForSignature(sig), s.baseline)
  if (!back.ok) throw new Error('the unfiltered rows did not come back after clearing the search')
  await sleep(500)
  await s.page.evaluate(() => window.__bench.armKeystroke())
  await s.page.keyboard.press(key)
  const r = await s.page.evaluate(() => window.__bench.trial)
  await sleep(300)
  // Long tasks that start inside the trial (keydown → 300 ms after the painted frame) count for it.
  const end = r.ok ? r.paintTs + 300 : (r.keyTs ?? 0) + 3000
  const tasks = await s.page.evaluate(([from, to]) => window.__bench.longTasks.filter((t) => t.start >= from && t.start <= to), [r.keyTs ?? Infinity, end])
  return { key, ok: r.ok, latency: r.ok ? r.latency : null, longTasks: tasks.map((t) => Math.round(t.duration)) }
}

/**
 * Keystroke latency of several pages (Roster and the floor): one more fresh load of each, then `trials`
 * one-character searches in each, taking turns trial by trial (and turns at going first), so that
 * machine noise falls on all alike, as with the cold loads. The pages not on turn are frozen (CDP
 * `Page.setWebLifecycleState`: no timers, tasks or frames), so that one page's background work (Roster's
 * clock, its pictures) cannot land in another's trial.
 */
async function keystrokesInTurn(urls, trials) {
  const sessions = []
  try {
    for (const url of urls) sessions.push(await openKeystrokePage(url))
    const results = urls.map(() => [])
    for (let i = 0; i < trials; i++) {
      const key = KEYS[i % KEYS.length]
      const order = i % 2 === 0 ? [...sessions.keys()] : [...sessions.keys()].reverse()
      for (const n of order) {
        for (const [m, s] of sessions.entries()) await s.cdp.send('Page.setWebLifecycleState', { state: m === n ? 'active' : 'frozen' })
        results[n].push(await keystrokeTrial(sessions[n], key))
      }
    }
    return results
  } finally {
    for (const s of sessions) await close(s.browser)
  }
}

/** Keystroke trials of one page, under the CPU profiler or a trace (bench/profiles). */
async function keystrokes(url, trials, { profileTo, traceTo } = {}) {
  const s = await openKeystrokePage(url)
  try {
    if (profileTo) {
      await s.cdp.send('Profiler.enable')
      await s.cdp.send('Profiler.setSamplingInterval', { interval: 200 })
      await s.cdp.send('Profiler.start')
    }
    if (traceTo) await s.browser.startTracing(s.page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing'] })
    const results = []
    for (let i = 0; i < trials; i++) results.push(await keystrokeTrial(s, KEYS[i % KEYS.length]))
    if (profileTo) {
      const { profile } = await s.cdp.send('Profiler.stop')
      writeFileSync(profileTo, JSON.stringify(profile))
    }
    if (traceTo) writeFileSync(traceTo, await s.browser.stopTracing())
    return results
  } finally {
    await close(s.browser)
  }
}

/** Warm reload within staleTime with "Remember on this device" on (the list persisted in IndexedDB). */
async function warmReload(url) {
  const seed = () => {
    if (localStorage.getItem('roster.settings.v1')) return
    localStorage.setItem('roster.settings.v1', JSON.stringify({ version: 1, clientsBase: '/api/clients', usersBase: '/api/bluedolphin', tenant: 'demo', remember: true }))
    localStorage.setItem('roster.secrets.v1', JSON.stringify({ token: 'demo-token', apiKey: 'demo-key' }))
  }
  // A warm reload is a normal reload: the HTTP cache is on.
  const s = await openPage({ cacheDisabled: false, initScripts: [seed] })
  try {
    await s.page.goto(url, { waitUntil: 'commit' })
    const cold = await waitFirstRow(s.page)
    await sleepUntilPageTime(s.page, cold + 2500) // the persister writes (throttled to 1 s)
    s.requests.length = 0
    await s.page.reload({ waitUntil: 'commit' })
    const firstRow = await waitFirstRow(s.page)
    await sleepUntilPageTime(s.page, firstRow + 1000)
    const calls = apiCalls(s.requests)
    return { firstRow, firstLoad: cold, apiRequests: calls.length, apiPaths: calls.map((r) => r.path) }
  } finally {
    await close(s.browser)
  }
}

/** Users: page size 200, Load all until `All users loaded`. */
async function usersLoadAll(origin, { profileTo } = {}) {
  const s = await openPage()
  try {
    await s.page.goto(`${origin}/users`, { waitUntil: 'commit' })
    await s.page.getByText(/^[\d,]+ users loaded$/).waitFor({ timeout: 60_000 })
    await s.page.getByLabel('Page size').selectOption('200')
    await s.page.getByText(/^200 users loaded$/).waitFor({ timeout: 60_000 })
    const loadAll = s.page.getByRole('button', { name: 'Load all' })
    await loadAll.waitFor()
    await sleep(500)
    const startCount = await s.page.evaluate(() => window.__bench.trackCount())
    if (profileTo) {
      await s.cdp.send('Profiler.enable')
      await s.cdp.send('Profiler.setSamplingInterval', { interval: 250 })
      await s.cdp.send('Profiler.start')
    }
    const tClick = await s.page.evaluate(() => performance.now())
    await loadAll.click()
    await s.page.getByText('All users loaded').waitFor({ timeout: 240_000 })
    await sleep(1000)
    if (profileTo) {
      const { profile } = await s.cdp.send('Profiler.stop')
      writeFileSync(profileTo, JSON.stringify(profile))
    }
    const { changes, longTasks } = await s.page.evaluate(() => {
      window.__bench.trackingCount = false
      return { changes: window.__bench.countChanges, longTasks: window.__bench.longTasks }
    })
    const responses = (await resourceEntries(s.page)).filter((r) => r.path.endsWith('/users')).sort((a, b) => a.responseEnd - b.responseEnd)
    const heap = await heapAfterGc(s.cdp)
    const pages = []
    let prevT = tClick
    let prevCount = startCount
    for (const c of changes) {
      const response = responses.filter((r) => r.responseEnd <= c.t).at(-1)
      pages.push({ from: prevCount, to: c.count, ms: c.t - prevT, afterResponseMs: response ? c.t - response.responseEnd : null, t: c.t })
      prevT = c.t
      prevCount = c.count
    }
    const end = changes.at(-1)?.t ?? Infinity
    const during = longTasks.filter((t) => t.start >= tClick && t.start <= end + 300)
    // "at 20,000 loaded": the appends that start from 19,000 or more users loaded.
    const lateFrom = pages.find((p) => p.from >= CONFIG.usersTarget - 1000)
    const late = lateFrom ? longTasks.filter((t) => t.start >= lateFrom.t - lateFrom.ms && t.start <= end + 300) : []
    return {
      loaded: changes.at(-1)?.count ?? startCount,
      pages,
      apiRequests: apiCalls(s.requests).length,
      longTasks: during.map((t) => Math.round(t.duration)),
      lateLongTasks: late.map((t) => Math.round(t.duration)),
      latePages: pages.filter((p) => p.from >= CONFIG.usersTarget - 1000).length,
      ...heap,
    }
  } finally {
    await close(s.browser)
  }
}

/** A cold load of the page under a CPU profile (first row + 2 s). */
async function profileLoad(url, file) {
  const s = await openPage()
  try {
    await s.cdp.send('Profiler.enable')
    await s.cdp.send('Profiler.setSamplingInterval', { interval: 250 })
    await s.cdp.send('Profiler.start')
    await s.page.goto(url, { waitUntil: 'commit' })
    const firstRow = await waitFirstRow(s.page)
    await sleepUntilPageTime(s.page, firstRow + 2000)
    const { profile } = await s.cdp.send('Profiler.stop')
    writeFileSync(file, JSON.stringify(profile))
    return firstRow
  } finally {
    await close(s.browser)
  }
}

// ---------------------------------------------------------------- statistics and output

const median = (xs) => {
  const v = xs.filter((x) => x != null && Number.isFinite(x)).sort((a, b) => a - b)
  if (v.length === 0) return null
  const m = v.length >> 1
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2
}
const quantile = (xs, q) => {
  const v = xs.filter((x) => x != null && Number.isFinite(x)).sort((a, b) => a - b)
  return v.length ? v[Math.min(v.length - 1, Math.floor(q * v.length))] : null
}
const max = (xs) => (xs.length ? Math.max(...xs) : 0)
/** '/api/health ×1, /api/clients/clients ×1' per load */
function pathsSummary(paths, loads) {
  const counts = new Map()
  for (const p of paths) counts.set(p, (counts.get(p) ?? 0) + 1)
  return [...counts.entries()].map(([p, n]) => `${p} ×${Math.round((n / loads) * 10) / 10}`).join(', ') || 'none'
}

async function gzipSizeOf(origin) {
  const res = await fetch(`${origin}/api/clients/clients`, { headers: { Authorization: 'Bearer demo-token', 'Accept-Encoding': 'identity' } })
  const body = Buffer.from(await res.arrayBuffer())
  return { raw: body.length, gzip: gzipSync(body).length }
}

const rows = [] // { scenario, metric, roster, floor, unit, target, status }
function addRow(scenario, metric, roster, floor, unit, target = '', status = '') {
  rows.push({ scenario, metric, roster, floor, ratio: floor ? roster / floor : null, unit, target, status })
}
const verdict = (ok) => (ok === null ? 'n/a' : ok ? 'met' : 'MISSED')

function fmt(value, unit) {
  if (value == null) return '—'
  if (unit === 'ms') return `${value.toFixed(0)} ms`
  if (unit === 'kB') return `${value.toFixed(1)} kB`
  if (unit === 'MB') return `${value.toFixed(1)} MB`
  if (unit === 'x') return `${value.toFixed(2)}×`
  return String(Math.round(value * 100) / 100)
}

function printTable() {
  const header = ['scenario', 'metric', 'Roster', 'floor', 'ratio', 'target', 'status']
  const lines = rows.map((r) => [r.scenario, r.metric, fmt(r.roster, r.unit), r.floor == null ? '—' : fmt(r.floor, r.unit), r.ratio == null ? '—' : `${r.ratio.toFixed(2)}×`, r.target, r.status])
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => String(l[i]).length)))
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`
  console.log(line(header))
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
  for (const l of lines) console.log(line(l))
}

// ---------------------------------------------------------------- main

async function main() {
  const watchdog = setTimeout(() => {
    log(`over ${CONFIG.timeoutS} s: giving up`)
    void cleanup().finally(() => process.exit(2))
  }, CONFIG.timeoutS * 1000)
  watchdog.unref()

  if (CONFIG.build || !existsSync(join(OUT, 'dist-server/main.js')) || !existsSync(join(OUT, 'dist/bench-floor/index.html'))) await build()
  if (CONFIG.profile) mkdirSync(join(ROOT, 'bench/profiles'), { recursive: true })

  const results = {
    meta: {
      date: new Date().toISOString(),
      commit: (await run('git', ['rev-parse', '--short', 'HEAD']).catch(() => '?')).trim(),
      dirty: (await run('git', ['status', '--porcelain', '--', 'src', 'server']).catch(() => '')).trim() !== '',
      chromium: null,
      node: process.version,
      cpus: os.cpus().length,
      loadavg: os.loadavg().map((x) => Math.round(x * 10) / 10),
      config: CONFIG,
    },
    clients: {},
    users: null,
    profiles: {},
    traces: {},
  }
  {
    const b = await launch()
    results.meta.chromium = b.version()
    await close(b)
  }

  let port = CONFIG.port
  for (const size of CONFIG.sizes) {
    const withUsers = size === Math.max(...CONFIG.sizes) && CONFIG.users > 0
    const server = await startServer(port++, { DEMO_CLIENTS: String(size), ...(withUsers ? { DEMO_USERS: String(CONFIG.users) } : {}) })
    const roster = `${server.origin}/clients`
    const floor = `${server.origin}/bench-floor/`
    const r = { size, roster: { cold: [], keys: [], warm: [] }, floor: { cold: [], keys: [] } }
    results.clients[size] = r
    try {
      r.gzip = await gzipSizeOf(server.origin)
      // Cold loads, Roster and floor interleaved so that machine noise falls on both alike.
      for (let i = 0; i < CONFIG.runs; i++) {
        log(`clients ${size}: cold load ${i + 1}/${CONFIG.runs}`)
        r.roster.cold.push(await coldLoad(roster))
        r.floor.cold.push(await coldLoad(floor))
      }
      log(`clients ${size}: keystrokes (Roster and floor in turn)`)
      ;[r.roster.keys, r.floor.keys] = await keystrokesInTurn([roster, floor], CONFIG.trials)
      for (let i = 0; i < CONFIG.warmRuns; i++) {
        log(`clients ${size}: warm reload ${i + 1}/${CONFIG.warmRuns}`)
        r.roster.warm.push(await warmReload(roster))
      }
      if (withUsers) {
        log(`users ${CONFIG.users}: Load all at page size 200`)
        results.users = { demoUsers: CONFIG.users, ...(await usersLoadAll(server.origin)) }
      }
      if (CONFIG.profile && size === Math.max(...CONFIG.sizes)) {
        log(`clients ${size}: CPU profiles`)
        const dir = join(ROOT, 'bench/profiles')
        const files = {
          [`clients-${size}-load`]: () => profileLoad(roster, join(dir, `clients-${size}-load.cpuprofile`)),
          [`floor-${size}-load`]: () => profileLoad(floor, join(dir, `floor-${size}-load.cpuprofile`)),
          [`clients-${size}-keystrokes`]: () => keystrokes(roster, 7, { profileTo: join(dir, `clients-${size}-keystrokes.cpuprofile`) }),
          [`floor-${size}-keystrokes`]: () => keystrokes(floor, 7, { profileTo: join(dir, `floor-${size}-keystrokes.cpuprofile`) }),
          ...(withUsers ? { [`users-${CONFIG.users}-load-all`]: () => usersLoadAll(server.origin, { profileTo: join(dir, `users-${CONFIG.users}-load-all.cpuprofile`) }) } : {}),
        }
        for (const [name, take] of Object.entries(files)) {
          await take()
          results.profiles[name] = summarizeProfile(JSON.parse(readFileSync(join(dir, `${name}.cpuprofile`), 'utf8')), join(OUT, 'dist'))
        }
        // A Chromium trace of the same keystroke trials: where the main thread's non-JS time goes.
        for (const [name, url] of [[`clients-${size}-keystrokes`, roster], [`floor-${size}-keystrokes`, floor]]) {
          await keystrokes(url, 7, { traceTo: join(dir, `${name}.trace.json`) })
          results.traces[name] = summarizeTrace(JSON.parse(readFileSync(join(dir, `${name}.trace.json`), 'utf8')))
        }
      }
    } finally {
      await stopChild(server.child)
    }
    summarizeClients(r)
  }
  if (results.users) summarizeUsers(results.users)

  writeFileSync(join(ROOT, 'bench/results.json'), `${JSON.stringify({ ...results, table: rows }, null, 2)}\n`)
  console.log(`\nRoster benchmark — ${results.meta.date}, ${results.meta.commit}${results.meta.dirty ? ' (+ uncommitted src/server changes)' : ''}, Chromium ${results.meta.chromium}, ${results.meta.cpus} CPUs, load ${results.meta.loadavg.join(' ')}`)
  console.log(`cold loads: ${CONFIG.runs} each (median), keystroke trials: ${CONFIG.trials}, warm reloads: ${CONFIG.warmRuns}; kB = 1000 bytes; targets apply at ${TARGET_SIZE.toLocaleString('en')} clients\n`)
  printTable()
  for (const [name, summary] of Object.entries(results.profiles)) {
    console.log(`\nCPU profile ${name} (bench/profiles/${name}.cpuprofile): ${summary.totalMs.toFixed(0)} ms sampled`)
    console.log('  top self time by function:')
    for (const f of summary.functions.slice(0, 12)) console.log(`    ${f.ms.toFixed(0).padStart(6)} ms  ${f.name}  (${f.where})`)
    console.log('  by module:')
    for (const m of summary.modules.slice(0, 8)) console.log(`    ${m.ms.toFixed(0).padStart(6)} ms  ${m.module}`)
  }
  for (const [name, summary] of Object.entries(results.traces)) {
    console.log(`\nTrace ${name} (bench/profiles/${name}.trace.json): renderer main thread busy ${summary.busyMs.toFixed(0)} ms; self time by event:`)
    for (const e of summary.events.slice(0, 12)) console.log(`    ${e.ms.toFixed(0).padStart(6)} ms  ${e.name}`)
  }
  console.log('\nwrote bench/results.json')
}

function summarizeClients(r) {
  const sc = `clients ${r.size.toLocaleString('en')}`
  const at = r.size === TARGET_SIZE
  const R = r.roster.cold
  const F = r.floor.cold
  const m = (list, f) => median(list.map(f))

  const jsR = m(R, (x) => kB(x.jsEncoded))
  addRow(sc, 'JS before first row (gzip)', jsR, m(F, (x) => kB(x.jsEncoded)), 'kB', '≤ 130 kB', at ? verdict(jsR <= 130) : '')
  const chunks = [...new Set(R.flatMap((x) => x.jsFiles.map((f) => f.replace(/^.*\//, '').replace(/-[\w-]{8}\.js$/, ''))))]
  addRow(sc, '  … chunks (any run)', null, null, '', chunks.join(' '))
  addRow(sc, 'JS before first row (raw)', m(R, (x) => kB(x.jsDecoded)), m(F, (x) => kB(x.jsDecoded)), 'kB')
  addRow(sc, 'CSS before first row (gzip)', m(R, (x) => kB(x.cssEncoded)), m(F, (x) => kB(x.cssEncoded)), 'kB')

  const frR = m(R, (x) => x.firstRow)
  const frF = m(F, (x) => x.firstRow)
  addRow(sc, 'first row (cold, median)', frR, frF, 'ms', '≤ 1.25× floor', at ? verdict(frR <= 1.25 * frF) : '')
  addRow(sc, 'first row (cold, min–max)', null, null, '', `${Math.min(...R.map((x) => x.firstRow)).toFixed(0)}–${Math.max(...R.map((x) => x.firstRow)).toFixed(0)} vs ${Math.min(...F.map((x) => x.firstRow)).toFixed(0)}–${Math.max(...F.map((x) => x.firstRow)).toFixed(0)} ms`)
  addRow(sc, 'longest task before first row', m(R, (x) => max(x.longTasksBeforeFirstRow)), m(F, (x) => max(x.longTasksBeforeFirstRow)), 'ms')

  const kR = median(r.roster.keys.map((k) => k.latency))
  const kF = median(r.floor.keys.map((k) => k.latency))
  addRow(sc, 'keystroke → painted rows (median)', kR, kF, 'ms', '≤ 1.5× floor', at ? verdict(kR <= 1.5 * kF) : '')
  addRow(sc, 'keystroke → painted rows (p90)', quantile(r.roster.keys.map((k) => k.latency), 0.9), quantile(r.floor.keys.map((k) => k.latency), 0.9), 'ms')
  const withLong = (keys) => keys.filter((k) => k.longTasks.length > 0).length
  const failed = (keys) => keys.filter((k) => !k.ok).length
  addRow(sc, 'keystroke trials with a long task', withLong(r.roster.keys), withLong(r.floor.keys), '', '0 (none > 50 ms)', at ? verdict(withLong(r.roster.keys) === 0) : '')
  addRow(sc, 'keystroke longest task', max(r.roster.keys.flatMap((k) => k.longTasks)), max(r.floor.keys.flatMap((k) => k.longTasks)), 'ms')
  // e.g. 'x' is in every demo email (example.com): no visible row changes; not in the latency figures.
  if (failed(r.roster.keys) + failed(r.floor.keys) > 0) {
    const keys = [...new Set([...r.roster.keys, ...r.floor.keys].filter((k) => !k.ok).map((k) => k.key))].join(' ')
    addRow(sc, 'trials with no row change in 3 s (excluded)', failed(r.roster.keys), failed(r.floor.keys), '', `keys: ${keys}`)
  }

  const hR = m(R, (x) => x.jsHeapUsed / 1e6)
  addRow(sc, 'JS heap 2 s after first row (after GC)', hR, m(F, (x) => x.jsHeapUsed / 1e6), 'MB', '≤ 2× floor', at ? verdict(hR <= 2 * m(F, (x) => x.jsHeapUsed / 1e6)) : '')

  const reqR = max(R.map((x) => x.apiRequests))
  const reqOk = R.every((x) => x.apiRequests === 1)
  addRow(sc, 'API requests to open /clients (max)', reqR, max(F.map((x) => x.apiRequests)), '', 'exactly 1', at ? verdict(reqOk) : '')
  addRow(sc, '  … which were', null, null, '', pathsSummary(R.flatMap((x) => x.apiPaths), R.length))
  addRow(sc, 'avatar image requests (under /api/)', m(R, (x) => x.imageRequests), m(F, (x) => x.imageRequests), '')

  const enc = m(R, (x) => x.data?.encodedBodySize ?? null)
  const dec = m(R, (x) => x.data?.decodedBodySize ?? null)
  addRow(sc, 'clients response: transfer (body)', kB(enc), m(F, (x) => kB(x.data?.encodedBodySize ?? 0)), 'kB', `≤ 1.1× gzip (${kB(r.gzip.gzip).toFixed(0)} kB)`, at ? verdict(enc <= 1.1 * r.gzip.gzip) : '')
  addRow(sc, 'clients response: decoded', kB(dec), m(F, (x) => kB(x.data?.decodedBodySize ?? 0)), 'kB', `transfer/gzip = ${(enc / r.gzip.gzip).toFixed(2)}×`)

  if (r.roster.warm.length) {
    const w = median(r.roster.warm.map((x) => x.firstRow))
    const wReq = max(r.roster.warm.map((x) => x.apiRequests))
    addRow(sc, 'warm reload: first row (vs Roster cold)', w, frR, 'ms', '≤ 0.6× cold', at ? verdict(w <= 0.6 * frR) : '')
    addRow(sc, 'warm reload: API requests (max)', wReq, null, '', '0', at ? verdict(wReq === 0) : '')
    if (wReq > 0) addRow(sc, '  … which were', null, null, '', pathsSummary(r.roster.warm.flatMap((x) => x.apiPaths), r.roster.warm.length))
  }
}

function summarizeUsers(u) {
  const sc = `users ${u.loaded.toLocaleString('en')}`
  const ms = u.pages.map((p) => p.ms)
  const after = u.pages.map((p) => p.afterResponseMs)
  const late = u.pages.filter((p) => p.from >= CONFIG.usersTarget - 1000)
  addRow(sc, `pages appended (size 200), API requests`, u.pages.length, null, '', `${u.apiRequests} requests`)
  addRow(sc, 'per page, painted to painted (median)', median(ms), null, 'ms')
  addRow(sc, 'per page, response → painted (median)', median(after), null, 'ms')
  addRow(sc, `per page at ≥${(CONFIG.usersTarget - 1000).toLocaleString('en')} loaded (median)`, median(late.map((p) => p.ms)), null, 'ms', `${late.length} pages`)
  addRow(sc, 'long tasks during Load all (count)', u.longTasks.length, null, '', `longest ${max(u.longTasks)} ms`)
  addRow(sc, `longest task, appends at ≥${(CONFIG.usersTarget - 1000).toLocaleString('en')}`, max(u.lateLongTasks), null, 'ms', 'none > 50 ms', late.length ? verdict(u.lateLongTasks.length === 0) : 'n/a')
  addRow(sc, 'JS heap at the end (after GC)', u.jsHeapUsed / 1e6, null, 'MB')
}

main()
  .catch((error) => {
    console.error(error)
    process.exitCode = 1
  })
  .finally(() => cleanup())
