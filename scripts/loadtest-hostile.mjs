// The hostile round of `npm run loadtest` (SPEC §9), after the audit of issue #19:
//   1. 20 concurrent 1 GiB answers from an upstream on loopback, through the proxy with server-held
//      credentials, each read to its end by a client;
//   2. 60,000 requests to the demo, each with its own token (each makes a rate-limit bucket), against a
//      server whose heap is capped at 128 MB: an unbounded map (the audit's 736 MB) would end in an
//      out-of-memory crash or a flood of errors, and V8's own heap growth cannot pass for a leak;
//   3. three requests for the largest demo list under three Host names while /api/health is asked
//      every 100 ms: the slowest health answer shows whether generation blocks the server.
// Each prints RSS before, at its peak and after, and fails above the bounds stated here.

import { createServer, request } from 'node:http'
import autocannon from 'autocannon'

const MiB = 1024 * 1024
/** Bounds, in MB of RSS above the server's own figure before the step. */
export const BOUNDS = { bigBodiesPeak: 300, bigBodiesAfter: 128, tokensAfter: 128, largeListPeak: 600 }
/** The slowest /api/health answer allowed while the demo makes its largest list. */
export const HEALTH_MAX_MS = 250

async function startHugeUpstream() {
  const chunk = Buffer.alloc(MiB, 'x')
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' })
    let sent = 0
    const more = () => {
      while (sent < 1024) {
        sent++
        if (!res.write(chunk)) return void res.once('drain', more)
      }
      res.end()
    }
    res.on('close', () => (sent = Infinity))
    more()
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${server.address().port}/v0`,
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(resolve))),
  }
}

/** GETs `url` and counts the bytes without keeping them. */
function drain(url, headers = {}) {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      let bytes = 0
      res.on('data', (data) => (bytes += data.length))
      res.on('end', () => resolve({ status: res.statusCode, bytes }))
      res.on('error', reject)
    })
      .on('error', reject)
      .end()
  })
}

/** Samples RSS every 100 ms while `work` runs; returns its result and the peak. */
async function withPeak(pid, rssMb, work) {
  let peak = rssMb(pid)
  const timer = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 100)
  try {
    return { result: await work(), peak: Math.max(peak, rssMb(pid)) }
  } finally {
    clearInterval(timer)
  }
}

const mb = (n) => `${n.toFixed(1)} MB`

export async function hostileRound({ startServer, rssMb }) {
  const rows = []
  let failed = false
  const check = (name, ok, text) => {
    rows.push(`${ok ? 'ok  ' : 'FAIL'} ${name}: ${text}`)
    if (!ok) failed = true
  }

  // 1. Twenty 1 GiB answers at once.
  const upstream = await startHugeUpstream()
  let server = await startServer({ CLIENTS_API_URL: upstream.url, CLIENTS_API_TOKEN: 'hostile-token' })
  try {
    const before = rssMb(server.pid)
    const started = Date.now()
    const { result, peak } = await withPeak(server.pid, rssMb, () =>
      Promise.all(Array.from({ length: 20 }, () => drain(`${server.url}/api/clients/clients`))),
    )
    // RSS after a second of quiet: what the server still holds, not what the allocator has yet to return.
    await new Promise((resolve) => setTimeout(resolve, 1000))
    const after = rssMb(server.pid)
    const whole = result.filter((r) => r.status === 200 && r.bytes === 1024 * MiB).length
    const seconds = (Date.now() - started) / 1000
    check(
      '20 × 1 GiB answers',
      whole === 20 && peak - before <= BOUNDS.bigBodiesPeak && after - before <= BOUNDS.bigBodiesAfter,
      `${whole}/20 passed on whole in ${seconds.toFixed(1)} s (${((20 * 1024) / seconds).toFixed(0)} MB/s); RSS before ${mb(before)}, ` +
        `peak ${mb(peak)} (bound +${BOUNDS.bigBodiesPeak}), after ${mb(after)} (bound +${BOUNDS.bigBodiesAfter})`,
    )
  } finally {
    await server.stop()
    await upstream.close()
  }

  // 2. 60,000 unique demo tokens.
  server = await startServer({ DEMO_LATENCY_MS: '0', NODE_OPTIONS: '--max-old-space-size=128' })
  try {
    const before = rssMb(server.pid)
    let n = 0
    const result = await new Promise((resolve, reject) => {
      const instance = autocannon(
        {
          url: server.url,
          connections: 50,
          amount: 60_000,
          timeout: 30,
          requests: [
            {
              method: 'GET',
              path: '/api/clients/clients',
              setupRequest: (req) => ({ ...req, headers: { ...req.headers, authorization: `Bearer demo-token+n1+u${n++}` } }),
            },
          ],
        },
        (error, r) => (error ? reject(error) : resolve(r)),
      )
      instance.on('error', reject)
    })
    await new Promise((resolve) => setTimeout(resolve, 1000))
    const after = rssMb(server.pid)
    check(
      '60,000 unique demo tokens',
      result.errors + result.timeouts === 0 && result.non2xx === 0 && after - before <= BOUNDS.tokensAfter,
      `${result.requests.total} requests, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${result.non2xx} non-2xx; ` +
        `RSS before ${mb(before)}, after ${mb(after)} (bound +${BOUNDS.tokensAfter}, heap capped at 128 MB); server ${server.exited() ? 'crashed' : 'alive'}`,
    )
    if (server.exited()) failed = true
  } finally {
    await server.stop()
  }

  // 3. The largest list under three names.
  server = await startServer({ DEMO_LATENCY_MS: '0' })
  try {
    const port = new URL(server.url).port
    const hosts = [`localhost:${port}`, `127.0.0.2:${port}`, `app.localhost:${port}`]
    const beforeList = rssMb(server.pid)
    let slowest = 0
    let stop = false
    const probe = (async () => {
      while (!stop) {
        const t = performance.now()
        await drain(`${server.url}/api/health`)
        slowest = Math.max(slowest, performance.now() - t)
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    })()
    const started = Date.now()
    const { result: lists, peak } = await withPeak(server.pid, rssMb, () =>
      Promise.all(hosts.map((host) => drain(`${server.url}/api/clients/clients`, { host, authorization: 'Bearer demo-token+n1000000' }))),
    )
    stop = true
    await probe
    const ok = lists.every((r) => r.status === 200 && r.bytes > 10 * MiB)
    check(
      'largest demo list under 3 Host names',
      ok && slowest <= HEALTH_MAX_MS && peak - beforeList <= BOUNDS.largeListPeak,
      `3 answers of ${(lists[0].bytes / MiB).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s; slowest /api/health ` +
        `${slowest.toFixed(0)} ms (bound ${HEALTH_MAX_MS}); RSS before ${mb(beforeList)}, peak ${mb(peak)} (bound +${BOUNDS.largeListPeak})`,
    )
  } finally {
    await server.stop()
  }

  console.log('\nhostile round (SPEC §9):')
  for (const row of rows) console.log(`  ${row}`)
  return failed
}
