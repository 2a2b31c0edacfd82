import { chromium, type Browser } from '@playwright/test'
import { expect, test } from './fixtures'
import { startRoster, startStub, type Roster, type Stub } from './servers'

// SPEC §9 "Only its own names": a real Chromium against a Roster that holds the Clients token.
// DNS rebinding is played for real: Chromium resolves the attacker's name to 127.0.0.1, so its
// page is same-origin with Roster; and a page on another site tries to spend the budget.

const ATTACKER = 'rebind.attacker.test'

let upstream: Stub
let roster: Roster
let browser: Browser

test.beforeAll(async () => {
  upstream = await startStub((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' })
    res.end('{"success":true,"client":[]}')
  })
  roster = await startRoster({ CLIENTS_API_URL: `${upstream.url}/v0`, CLIENTS_API_TOKEN: 'srv-token-rebind-1' })
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      `--host-resolver-rules=MAP ${ATTACKER} 127.0.0.1`,
    ],
  })
})

test.afterAll(async () => {
  await browser?.close()
  await roster?.stop()
  await upstream?.stop()
})

test('a name that rebinds to Roster gets 421, and the server-held token reaches no one', async () => {
  const page = await browser.newPage()
  const port = new URL(roster.url).port
  const before = upstream.requests.length
  const response = await page.goto(`http://${ATTACKER}:${port}/clients`)
  expect(response?.status()).toBe(421)
  // The attacker's script runs on that origin, which is now "same-origin" with Roster.
  const answer = await page.evaluate(async () => {
    const reply = await fetch('/api/clients/clients')
    return { status: reply.status, body: await reply.text() }
  })
  expect(answer.status).toBe(421)
  expect(answer.body).not.toContain('success')
  expect(upstream.requests.length).toBe(before)
  expect(roster.log()).toContain(`refused 421: Host "${ATTACKER}:${port}" is not allowed`)
  await page.close()
})

test('a page on another site cannot spend the budget through an <img> or a fetch', async () => {
  // localhost and 127.0.0.1 are different sites: to Roster on 127.0.0.1 this page is cross-site.
  const attacker = await startStub((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' })
    res.end('<!doctype html><title>attacker</title>')
  })
  const page = await browser.newPage()
  try {
    const before = upstream.requests.length
    await page.goto(`http://localhost:${attacker.port}/`)
    const target = `${roster.url}/api/clients/clients`
    await page.evaluate(async (url) => {
      const img = new Image()
      const loaded = new Promise((resolve) => ((img.onload = resolve), (img.onerror = resolve)))
      img.src = url
      await loaded
      await fetch(url, { mode: 'no-cors' }).catch(() => {})
    }, target)
    await expect.poll(() => (roster.log().match(/refused 403: Sec-Fetch-Site: cross-site/g) ?? []).length).toBe(2)
    expect(upstream.requests.length).toBe(before)
  } finally {
    await page.close()
    await attacker.stop()
  }
})

test('Roster itself still reads the list on 127.0.0.1 and on localhost', async () => {
  const page = await browser.newPage()
  for (const origin of [roster.url, roster.url.replace('127.0.0.1', 'localhost')]) {
    await page.goto(`${origin}/clients`)
    await expect(page.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible()
    await expect(page.getByText('No clients yet')).toBeVisible()
  }
  await page.close()
})
