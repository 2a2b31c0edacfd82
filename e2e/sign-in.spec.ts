import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { request as playwrightRequest, type Page } from '@playwright/test'
import { expect, expectNoSeriousA11yViolations, seedSettings, test } from './fixtures'
import { startIdp, type Idp } from './idp'
import { freePort, startRoster, type Roster } from './servers'

// SPEC §5 "Sign-in", through the real UI: local accounts, single sign-on against a real OpenID provider on
// 127.0.0.1, the throttle, sign-out (a copied cookie stops working), an ended session, an IdP that is down,
// and the refusal to start. Each test has its own Roster: the throttle counts per address, and all of these
// come from 127.0.0.1.

const PASSWORD = 'correct horse battery staple'
const SECRET = 'e2e-session-secret-that-is-long-enough-0123456789'

/** A users file with alice, written by the real CLI (the password on standard input). */
function usersFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'roster-users-')), 'users')
  writeFileSync(file, '# Roster accounts\n')
  execFileSync(process.execPath, ['dist-cli/user-cli.js', 'add', 'alice'], { input: `${PASSWORD}\n`, env: { PATH: process.env.PATH ?? '', ROSTER_USERS_FILE: file } })
  return file
}

let roster: Roster | undefined
let idp: Idp | undefined

test.beforeAll(() => {
  // The CLI is built like `npm run user` builds it.
  execFileSync('npx', ['vite', 'build', '--ssr', 'server/auth/user-cli.ts', '--outDir', 'dist-cli', '--logLevel', 'error'])
})

test.beforeEach(async ({ page }) => {
  // The IdP's login page imports a web font: nothing leaves 127.0.0.1.
  await page.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort())
})

test.afterEach(async () => {
  await roster?.stop()
  await idp?.stop()
  roster = idp = undefined
})

async function startLocal(extra: Record<string, string> = {}) {
  const port = await freePort()
  roster = await startRoster({ PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, ROSTER_USERS_FILE: usersFile(), SESSION_SECRET: SECRET, ...extra })
  return roster
}

async function signIn(page: Page, username: string, password: string) {
  await page.getByLabel('Username').fill(username)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
}

test('local account: signed out leads to /sign-in?next=…, a wrong password is refused, the right one comes back to next', async ({ page }) => {
  const { url } = await startLocal()
  await seedSettings(page, {})
  await page.goto(`${url}/clients?q=ann`)
  await expect(page).toHaveURL(`${url}/sign-in?next=${encodeURIComponent('/clients?q=ann')}`)
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible()

  await signIn(page, 'alice', 'not the password')
  await expect(page.getByRole('alert')).toHaveText('Wrong username or password')
  await signIn(page, 'nobody', PASSWORD)
  await expect(page.getByRole('alert')).toHaveText('Wrong username or password')

  await signIn(page, 'alice', PASSWORD)
  await expect(page).toHaveURL(`${url}/clients?q=ann`)
  await expect(page.getByText('Signed in as alice')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible()

  const cookie = (await page.context().cookies()).find((c) => c.name === 'roster_session')
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false })
  expect(roster!.log()).toContain('sign-in: alice (password)')
  expect(roster!.log()).not.toContain(PASSWORD)
  expect(roster!.log()).not.toContain(cookie!.value)
})

test('sign-out ends the session on the server: a copied cookie stops working', async ({ page }) => {
  const { url } = await startLocal()
  await page.goto(`${url}/settings`)
  await signIn(page, 'alice', PASSWORD)
  await expect(page).toHaveURL(`${url}/settings`)
  const cookies = await page.context().cookies()
  const copy = await playwrightRequest.newContext({ storageState: { cookies, origins: [] } })
  expect((await copy.get(`${url}/api/clients/clients?limit=1`, { headers: { Authorization: 'Bearer demo-token' } })).status()).toBe(200)

  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page).toHaveURL(/\/sign-in/)
  await expect(page.getByRole('status')).toHaveText('You are signed out.')
  const after = await copy.get(`${url}/api/clients/clients?limit=1`, { headers: { Authorization: 'Bearer demo-token' } })
  expect(after.status()).toBe(401)
  expect(await after.json()).toEqual({ error: 'Sign-in required' })
  expect(roster!.log()).toContain('sign-out: alice')
  await copy.dispose()
})

test('an ended session: the next request leads to the sign-in page and back', async ({ page }) => {
  const { url } = await startLocal()
  await seedSettings(page, {})
  await page.goto(`${url}/clients`)
  await signIn(page, 'alice', PASSWORD)
  await expect(page.getByText('Signed in as alice')).toBeVisible()
  // The session ends elsewhere (signed out with the same cookie from another client).
  const copy = await playwrightRequest.newContext({ storageState: { cookies: await page.context().cookies(), origins: [] } })
  expect((await copy.post(`${url}/auth/sign-out`, { headers: { Origin: url }, maxRedirects: 0 })).status()).toBe(303)
  await copy.dispose()

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click()
  await expect(page).toHaveURL(`${url}/sign-in?next=${encodeURIComponent('/users')}`)
  await signIn(page, 'alice', PASSWORD)
  await expect(page).toHaveURL(`${url}/users`)
})

test('more than 5 failures: Too many attempts, with when to try again, and the right password is not checked', async ({ page }) => {
  const { url } = await startLocal()
  await page.goto(`${url}/sign-in`)
  for (let i = 0; i < 5; i++) {
    await signIn(page, 'alice', `wrong ${i}`)
    await expect(page.getByRole('alert')).toHaveText('Wrong username or password')
  }
  await signIn(page, 'alice', PASSWORD)
  await expect(page.getByRole('alert')).toContainText('Too many attempts')
  await expect(page.getByRole('alert')).toContainText(/Try again in 1[45] minutes \(at \d\d:\d\d/)
  await expect(page).toHaveURL(`${url}/auth/sign-in`)
})

test('the sign-in POST is refused from another site', async () => {
  const { url } = await startLocal()
  const api = await playwrightRequest.newContext()
  const form = { username: 'alice', password: PASSWORD, next: '/' }
  const cross = await api.post(`${url}/auth/sign-in`, { form, headers: { Origin: 'http://evil.example' }, maxRedirects: 0 })
  expect(cross.status()).toBe(403)
  const same = await api.post(`${url}/auth/sign-in`, { form, headers: { Origin: url }, maxRedirects: 0 })
  expect(same.status()).toBe(303)
  expect(same.headers().location).toBe('/')
  await api.dispose()
})

test('single sign-on against a real OpenID provider, back to next; OIDC_ALLOWED keeps others out', async ({ page }) => {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  idp = await startIdp(`${url}/auth/callback`)
  roster = await startRoster({
    PORT: String(port),
    PUBLIC_URL: url,
    SESSION_SECRET: SECRET,
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: idp.clientId,
    OIDC_CLIENT_SECRET: idp.clientSecret,
    OIDC_NAME: 'Test IdP',
    OIDC_ALLOWED: '@example.com',
  })
  await page.goto(`${url}/users`)
  await expect(page.getByLabel('Password')).toHaveCount(0) // no local accounts configured
  await page.getByRole('button', { name: 'Sign in with Test IdP' }).click()
  await expect(page).toHaveURL(new RegExp(`^${idp.issuer}/interaction/`))
  await page.locator('input[name="login"]').fill('carol@example.com')
  await page.locator('input[name="password"]').fill('anything')
  await page.getByRole('button', { name: 'Sign-in' }).click()
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect(page).toHaveURL(`${url}/users`)
  await expect(page.getByText('Signed in as carol@example.com')).toBeVisible()
  expect(roster.log()).toContain('sign-in: carol@example.com (oidc)')
  expect(roster.log()).not.toContain(idp.clientSecret)

  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page).toHaveURL(/\/sign-in/)
  // The IdP remembers carol: forget it, and sign in as someone outside OIDC_ALLOWED.
  await page.context().clearCookies()
  await page.goto(`${url}/sign-in`)
  await page.getByRole('button', { name: 'Sign in with Test IdP' }).click()
  await page.locator('input[name="login"]').fill('mallory@other.example')
  await page.locator('input[name="password"]').fill('anything')
  await page.getByRole('button', { name: 'Sign-in' }).click()
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect(page).toHaveURL(/\/sign-in\?error=sso-not-allowed/)
  await expect(page.getByRole('alert')).toHaveText('This account may not sign in to Roster. Ask an administrator to add it.')
})

test('the IdP being down: a clear message on the sign-in page, not a 500', async ({ page }) => {
  const closed = await freePort()
  roster = await startLocal({ OIDC_ISSUER: `http://127.0.0.1:${closed}`, OIDC_CLIENT_ID: 'roster', OIDC_CLIENT_SECRET: 'x'.repeat(20) })
  await page.goto(`${roster.url}/clients`)
  await page.getByRole('button', { name: 'Sign in with single sign-on' }).click()
  await expect(page.getByRole('alert')).toHaveText(/Single sign-on is unavailable: the identity provider did not answer/)
  await expect(page).toHaveURL(`${roster.url}/sign-in?error=sso-unavailable&next=${encodeURIComponent('/clients')}`)
  // Local accounts still work.
  await signIn(page, 'alice', PASSWORD)
  await expect(page).toHaveURL(`${roster.url}/clients`)
})

test('refuses to start with server-held credentials on a non-loopback HOST and sign-in off', async () => {
  // 192.0.2.1 is a documentation address: were the check missing, listening would fail, never reach a network.
  const start = startRoster({ HOST: '192.0.2.1', CLIENTS_API_URL: 'http://127.0.0.1:9', CLIENTS_API_TOKEN: 'server-held-token' })
  await expect(start).rejects.toThrow(/sign-in is off.*Set ROSTER_USERS_FILE and\/or OIDC_ISSUER with SESSION_SECRET.*ROSTER_OPEN=1/s)
})

for (const scheme of ['light', 'dark'] as const) {
  test(`the sign-in page has no serious axe violations (${scheme}), and speaks Russian when asked`, async ({ page, browser }) => {
    const { url } = await startLocal({ OIDC_ISSUER: 'http://127.0.0.1:9', OIDC_CLIENT_ID: 'roster' })
    await page.emulateMedia({ colorScheme: scheme })
    await page.goto(`${url}/sign-in`)
    await signIn(page, 'alice', 'wrong')
    await expect(page.getByRole('alert')).toBeVisible()
    await expectNoSeriousA11yViolations(page)
    const context = await browser.newContext({ locale: 'ru-RU', colorScheme: scheme })
    const russian = await context.newPage()
    await russian.goto(`${url}/sign-in`)
    await expect(russian.getByRole('heading', { level: 1, name: 'Войти' })).toBeVisible()
    await expect(russian.getByRole('button', { name: 'Войти', exact: true })).toBeVisible()
    await expectNoSeriousA11yViolations(russian)
    await context.close()
  })
}
