#!/usr/bin/env node
// `npm run screenshots`: PNGs of the main screens, light and dark, 1280×800, under docs/screenshots/ (and in Russian,
// light, as `*-ru-light.png`).
// Builds the app if dist/ is missing, starts the production server in demo mode on a free loopback
// port, drives Chromium through the screens, and stops the server again (also on failure or Ctrl-C).
import { chromium } from '@playwright/test'
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { createServer } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const outDir = join(root, 'docs', 'screenshots')
const VIEWPORT = { width: 1280, height: 800 }
const THEMES = ['light', 'dark']

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address()
      probe.close(() => resolve(port))
    })
  })
}

async function waitForHealth(base, server, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error(`the server exited with code ${server.exitCode}`)
    try {
      const response = await fetch(`${base}/api/health`)
      if (response.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`the server did not answer ${base}/api/health within ${timeoutMs / 1000} s`)
}

function stop(server) {
  if (server && server.exitCode === null && server.signalCode === null) server.kill('SIGTERM')
}

/** A client whose demo picture loads, so the profile shows a real avatar. */
async function clientWithPicture(base) {
  // A token of its own: a rate-limit bucket apart from the app's `demo-token`.
  const response = await fetch(`${base}/api/clients/clients`, { headers: { Authorization: 'Bearer demo-token+screenshots' } })
  if (!response.ok) throw new Error(`the demo Clients API answered ${response.status}`)
  const { client } = await response.json()
  return client.find((c) => /\/demo-avatars\/\d+\.png$/.test(c.profile_picture_url) && c.patronymic) ?? client[0]
}

async function shoot(page, name, theme) {
  const path = join(outDir, `${name}-${theme}.png`)
  await page.mouse.move(0, VIEWPORT.height - 1) // no hover effect on the picture
  await page.screenshot({ path, animations: 'disabled', caret: 'hide' })
  console.log(`  ${path.slice(root.length + 1)}`)
}

async function main() {
  if (!existsSync(join(root, 'dist', 'index.html')) || !existsSync(join(root, 'dist-server', 'main.js'))) {
    console.log('dist/ is missing: building…')
    const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' })
    if (build.status !== 0) throw new Error('the build failed')
  }
  mkdirSync(outDir, { recursive: true })

  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  // Demo mode: no API URL and no server-held credential, whatever the caller's environment holds.
  const env = { ...process.env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', DEMO_LATENCY_MS: '0' }
  for (const name of ['CLIENTS_API_URL', 'CLIENTS_API_TOKEN', 'BLUEDOLPHIN_API_URL', 'BLUEDOLPHIN_API_KEY', 'BLUEDOLPHIN_TENANT']) env[name] = ''
  const server = spawn(process.execPath, ['dist-server/main.js'], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] })
  const onSignal = () => {
    stop(server)
    process.exit(130)
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)

  let browser
  try {
    await waitForHealth(base, server)
    console.log(`demo server on ${base}`)
    const profile = await clientWithPicture(base)
    const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined)
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] })

    for (const theme of THEMES) {
      const context = await browser.newContext({ viewport: VIEWPORT, colorScheme: theme, locale: 'en-US', timezoneId: 'Europe/Moscow', baseURL: base })
      // The theme toggle's own key, as a person would have chosen it.
      await context.addInitScript((t) => localStorage.setItem('roster.theme', t), theme)
      const page = await context.newPage()

      await page.goto('/clients')
      await page.getByText('2,000 clients', { exact: true }).waitFor()
      await page.getByRole('table', { name: 'Clients' }).getByRole('row').nth(10).waitFor()
      await page.waitForFunction(() => [...document.images].filter((img) => img.getBoundingClientRect().top < innerHeight).every((img) => img.complete))
      await shoot(page, 'clients', theme)

      await page.goto(`/clients/${profile.client_id}`)
      await page.getByText('Client ID', { exact: true }).waitFor()
      await page.waitForFunction(() => [...document.images].every((img) => img.complete && img.naturalWidth > 0))
      await shoot(page, 'profile', theme)

      await page.goto('/users?guests=1')
      await page.getByText('100 users loaded', { exact: true }).waitFor()
      await shoot(page, 'users-guests', theme)

      await page.goto('/settings')
      await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor()
      await shoot(page, 'settings', theme)

      await context.close()
    }

    // Russian: a first visit from a ru-RU browser (SPEC §7), light theme.
    const ru = await browser.newContext({ viewport: VIEWPORT, colorScheme: 'light', locale: 'ru-RU', timezoneId: 'Europe/Moscow', baseURL: base })
    const page = await ru.newPage()
    await page.goto('/clients')
    await page.getByRole('table', { name: 'Клиенты' }).getByRole('row').nth(10).waitFor()
    await page.waitForFunction(() => [...document.images].filter((img) => img.getBoundingClientRect().top < innerHeight).every((img) => img.complete))
    await shoot(page, 'clients-ru', 'light')
    await page.goto(`/clients/${profile.client_id}`)
    await page.getByText('ID клиента', { exact: true }).waitFor()
    await page.waitForFunction(() => [...document.images].every((img) => img.complete && img.naturalWidth > 0))
    await shoot(page, 'profile-ru', 'light')
    await page.goto('/users?guests=1')
    await page.getByText('Загружено 100 пользователей', { exact: true }).waitFor()
    await shoot(page, 'users-guests-ru', 'light')
    await page.goto('/settings')
    await page.getByRole('heading', { level: 1, name: 'Настройки' }).waitFor()
    await shoot(page, 'settings-ru', 'light')
    await ru.close()
  } finally {
    await browser?.close()
    stop(server)
  }
}

main().then(
  () => console.log('screenshots saved'),
  (error) => {
    console.error(`screenshots failed: ${error instanceof Error ? error.message : error}`)
    process.exitCode = 1
  },
)
