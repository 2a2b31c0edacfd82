import type { Page } from '@playwright/test'
import { expect, expectNoSeriousA11yViolations, test } from './fixtures'

// Settings (SPEC §2 `/settings`, §3 configuration). Each test starts on a fresh page with nothing stored,
// unless it says otherwise. Requests that reach the Clients API use the test's own token
// (`demo-token+…`), so that no test spends the shared `demo-token` rate-limit budget.

const FIELDS = ['Clients API base URL', 'Bearer token', 'BlueDolphin API base URL', 'API key', 'Tenant'] as const
const BUTTONS = ['Save', 'Test Clients API', 'Test BlueDolphin API', 'Use demo credentials', 'Forget credentials'] as const

const field = (page: Page, label: (typeof FIELDS)[number]) => page.getByLabel(label, { exact: true })
const status = (page: Page) => page.getByRole('main').getByRole('status')
const button = (page: Page, name: (typeof BUTTONS)[number]) => page.getByRole('button', { name, exact: true })
const remember = (page: Page) => page.getByRole('checkbox', { name: /Remember on this device/ })

async function openSettings(page: Page) {
  await page.goto('/settings')
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
}

/** Every stored entry, as `key=value`, in each storage of the page's origin. */
async function storage(page: Page) {
  return page.evaluate(() => {
    const dump = (s: Storage) => Array.from({ length: s.length }, (_, i) => s.key(i)!).map((key) => `${key}=${s.getItem(key)}`)
    return { local: dump(localStorage), session: dump(sessionStorage) }
  })
}

/** The stored entries whose value (or key) contains `secret`. */
async function copiesOf(page: Page, secret: string) {
  const { local, session } = await storage(page)
  return { local: local.filter((e) => e.includes(secret)), session: session.filter((e) => e.includes(secret)) }
}

/** Fills the form with the demo credentials, the test's own token, and optional overrides. */
async function fillDemo(page: Page, token: string, overrides: { tenant?: string; apiKey?: string } = {}) {
  await button(page, 'Use demo credentials').click()
  await expect(field(page, 'Tenant')).toHaveValue('demo')
  await field(page, 'Bearer token').fill(token)
  if (overrides.apiKey !== undefined) await field(page, 'API key').fill(overrides.apiKey)
  if (overrides.tenant !== undefined) await field(page, 'Tenant').fill(overrides.tenant)
}

test('Settings has every labelled field, password inputs with show/hide toggles, the buttons and the checkbox', async ({ page, consoleErrors }) => {
  await openSettings(page)
  await expect(page).toHaveTitle('Settings · Roster')
  for (const label of FIELDS) await expect(field(page, label)).toBeVisible()
  for (const label of ['Clients API base URL', 'BlueDolphin API base URL', 'Tenant'] as const) {
    await expect(page.getByRole('textbox', { name: label, exact: true })).toBeVisible()
  }
  for (const label of ['Bearer token', 'API key'] as const) {
    const input = field(page, label)
    await expect(input).toHaveAttribute('type', 'password')
    const show = page.getByRole('button', { name: `Show ${label}`, exact: true })
    await expect(show).toHaveAttribute('aria-pressed', 'false')
    await show.click()
    await expect(input).toHaveAttribute('type', 'text')
    const hide = page.getByRole('button', { name: `Hide ${label}`, exact: true })
    await expect(hide).toHaveAttribute('aria-pressed', 'true')
    await hide.click()
    await expect(input).toHaveAttribute('type', 'password')
  }
  for (const name of BUTTONS) await expect(button(page, name)).toBeVisible()
  await expect(remember(page)).not.toBeChecked()
  await expectNoSeriousA11yViolations(page)
  expect(consoleErrors).toEqual([])
})

test('an invalid base URL is marked with its reason and nothing is saved', async ({ page }) => {
  await openSettings(page)
  const base = field(page, 'Clients API base URL')
  await base.fill('javascript:alert(1)')
  await button(page, 'Save').click()
  await expect(base).toHaveAttribute('aria-invalid', 'true')
  await expect(base).toHaveAccessibleDescription(/http\(s\) URL/)
  await expect(status(page)).toContainText(/not saved/i)
  expect((await storage(page)).local.filter((e) => e.startsWith('roster.settings'))).toEqual([])
  await expectNoSeriousA11yViolations(page)
})

test('Use demo credentials + Save keeps the values over a reload; with Remember off no secret is in localStorage nor in a new tab', async ({ page, context }) => {
  await openSettings(page)
  await button(page, 'Use demo credentials').click()
  await button(page, 'Save').click()
  await expect(status(page)).toHaveText('Settings saved')

  await page.reload()
  await expect(field(page, 'Clients API base URL')).toHaveValue('/api/clients')
  await expect(field(page, 'Bearer token')).toHaveValue('demo-token')
  await expect(field(page, 'BlueDolphin API base URL')).toHaveValue('/api/bluedolphin')
  await expect(field(page, 'API key')).toHaveValue('demo-key')
  await expect(field(page, 'Tenant')).toHaveValue('demo')
  await expect(remember(page)).not.toBeChecked()

  for (const secret of ['demo-token', 'demo-key']) {
    const copies = await copiesOf(page, secret)
    expect(copies.local, `localStorage must not hold ${secret}`).toEqual([])
    expect(copies.session).toHaveLength(1)
  }

  // A new tab has its own sessionStorage: the secrets are not there, the non-secret settings are.
  const other = await context.newPage()
  await openSettings(other)
  await expect(other.getByLabel('Tenant', { exact: true })).toHaveValue('demo')
  await expect(other.getByLabel('Bearer token', { exact: true })).toHaveValue('')
  await expect(other.getByLabel('API key', { exact: true })).toHaveValue('')
})

test('with Remember on, a new tab has the credentials, and only one copy is stored', async ({ page, context, uniqueToken }) => {
  await openSettings(page)
  await fillDemo(page, uniqueToken)
  await remember(page).check()
  await button(page, 'Save').click()
  await expect(status(page)).toHaveText('Settings saved')

  const copies = await copiesOf(page, uniqueToken)
  expect(copies.local).toHaveLength(1)
  expect(copies.session).toEqual([])

  const other = await context.newPage()
  await openSettings(other)
  await expect(other.getByLabel('Bearer token', { exact: true })).toHaveValue(uniqueToken)
  await expect(other.getByLabel('API key', { exact: true })).toHaveValue('demo-key')
  await expect(other.getByLabel('Tenant', { exact: true })).toHaveValue('demo')
  await expect(other.getByRole('checkbox', { name: /Remember on this device/ })).toBeChecked()
})

test('Forget credentials clears every copy, and Clients then asks for a bearer token', async ({ page, uniqueToken }) => {
  await openSettings(page)
  await fillDemo(page, uniqueToken)
  await remember(page).check()
  await button(page, 'Save').click()
  await expect(status(page)).toHaveText('Settings saved')
  // A second, stale copy in this tab's sessionStorage (as an earlier save without Remember leaves in other tabs).
  await page.evaluate((token) => sessionStorage.setItem('roster.secrets.v1', JSON.stringify({ token, apiKey: 'demo-key' })), uniqueToken)
  expect((await copiesOf(page, uniqueToken)).session).toHaveLength(1)

  await button(page, 'Forget credentials').click()
  await expect(status(page)).toContainText(/forgotten/i)
  await expect(field(page, 'Bearer token')).toHaveValue('')
  await expect(field(page, 'API key')).toHaveValue('')
  for (const secret of [uniqueToken, 'demo-key']) expect(await copiesOf(page, secret)).toEqual({ local: [], session: [] })

  // In-app navigation first (same query cache), then after a reload.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clients' }).click()
  const needs = page.getByRole('alert').filter({ hasText: 'needs a bearer token' })
  await expect(needs).toBeVisible()
  await expect(page.getByText('2,000 clients')).toHaveCount(0)
  await page.reload()
  await expect(needs).toBeVisible()
  await needs.getByRole('link', { name: 'Open settings' }).click()
  await expect(page).toHaveURL(/\/settings$/)
  await expect(field(page, 'Bearer token')).toHaveValue('')
})

test('Test Clients API and Test BlueDolphin API report OK on the demo', async ({ page, uniqueToken }) => {
  await openSettings(page)
  await fillDemo(page, uniqueToken)
  await button(page, 'Test Clients API').click()
  await expect(status(page)).toHaveText('Clients API OK: 2,000 clients.')
  await button(page, 'Test BlueDolphin API').click()
  await expect(status(page)).toContainText('BlueDolphin API OK')
  // The test buttons test the form; they save nothing.
  expect((await storage(page)).local.filter((e) => e.startsWith('roster.settings'))).toEqual([])
})

test('the Test buttons report rejected credentials and a non-administrator key', async ({ page }) => {
  await openSettings(page)
  await button(page, 'Use demo credentials').click()
  await field(page, 'Bearer token').fill('wrong-token')
  await button(page, 'Test Clients API').click()
  await expect(status(page)).toContainText('Clients API: the credentials were rejected')
  await expect(status(page)).not.toContainText('wrong-token')

  await field(page, 'API key').fill('wrong-key')
  await button(page, 'Test BlueDolphin API').click()
  await expect(status(page)).toContainText('BlueDolphin API: the credentials were rejected')

  await field(page, 'API key').fill('demo-key')
  await field(page, 'Tenant').fill('no-such-tenant')
  await button(page, 'Test BlueDolphin API').click()
  await expect(status(page)).toContainText('BlueDolphin API: the credentials were rejected')

  await field(page, 'Tenant').fill('demo')
  await field(page, 'API key').fill('demo-viewer-key')
  await button(page, 'Test BlueDolphin API').click()
  await expect(status(page)).toContainText('only BlueDolphin administrators')
})

test('a corrupt stored settings entry shows a notice, and the app still works', async ({ page, uniqueToken, consoleErrors }) => {
  // Only before the first load: the app must remove the corrupt entry itself.
  await page.addInitScript((token) => {
    if (sessionStorage.getItem('e2e.seeded')) return
    sessionStorage.setItem('e2e.seeded', '1')
    localStorage.setItem('roster.settings.v1', '{"version":1,"clientsBase":')
    sessionStorage.setItem('roster.secrets.v1', JSON.stringify({ token, apiKey: 'demo-key' }))
  }, uniqueToken)
  await page.goto('/clients')
  const notice = page.getByRole('alert').filter({ hasText: /could not be read/ })
  await expect(notice).toBeVisible()
  await expect(page.getByText('2,000 clients')).toBeVisible()
  // The defaults apply (tenant empty, so Users asks for one) and the good secrets are kept.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click()
  await expect(field(page, 'Clients API base URL')).toHaveValue('/api/clients')
  await expect(field(page, 'Bearer token')).toHaveValue(uniqueToken)
  await notice.getByRole('button', { name: 'Dismiss' }).click()
  await expect(notice).toHaveCount(0)

  // The corrupt entry is gone: no notice after a reload.
  await page.reload()
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
  await expect(page.getByRole('alert').filter({ hasText: /could not be read/ })).toHaveCount(0)
  expect(consoleErrors).toEqual([])
})

test('settings saved by an older version are reset with a notice', async ({ page }) => {
  await page.addInitScript(() => {
    if (sessionStorage.getItem('e2e.seeded')) return
    sessionStorage.setItem('e2e.seeded', '1')
    localStorage.setItem('roster.settings.v1', JSON.stringify({ version: 0, clientsBase: 'http://old.example', usersBase: '/api/bluedolphin', tenant: 'x', remember: false }))
  })
  await openSettings(page)
  await expect(page.getByRole('alert').filter({ hasText: /defaults/ })).toBeVisible()
  await expect(field(page, 'Clients API base URL')).toHaveValue('/api/clients')
  await expect(field(page, 'Tenant')).toHaveValue('')
})

test('saving a new tenant never shows the previous tenant’s users', async ({ page }) => {
  // Tenant `demo+n<N>` has N users, about a fifth of them guests: the counts below are read with guests included.
  const nav = page.getByRole('navigation', { name: 'Main' })
  const guests = page.getByRole('checkbox', { name: 'Include guests' })
  await openSettings(page)
  await fillDemo(page, 'demo-token', { tenant: 'demo+n30' })
  await button(page, 'Save').click()
  await expect(status(page)).toHaveText('Settings saved')
  await nav.getByRole('link', { name: 'Users' }).click()
  const membersOnly = await page.getByText(/^\d+ users loaded$/).textContent()
  expect(membersOnly).not.toBe('30 users loaded')
  await guests.check()
  await expect(page.getByText('30 users loaded')).toBeVisible()
  const oldCounts = [membersOnly!, '30 users loaded']

  await nav.getByRole('link', { name: 'Settings' }).click()
  await expect(field(page, 'Tenant')).toHaveValue('demo+n30')
  await field(page, 'Tenant').fill('demo+n60')
  await button(page, 'Save').click()
  await expect(status(page)).toHaveText('Settings saved')

  // Record every "N users loaded" the page shows from here on, however briefly.
  await page.evaluate(() => {
    const seen: string[] = []
    ;(window as unknown as { seenCounts: string[] }).seenCounts = seen
    const look = () => {
      for (const match of document.body.textContent?.match(/[\d,]+ users loaded/g) ?? []) if (!seen.includes(match)) seen.push(match)
    }
    new MutationObserver(look).observe(document.body, { subtree: true, childList: true, characterData: true })
  })
  await nav.getByRole('link', { name: 'Users' }).click()
  await expect(page.getByText(/^\d+ users loaded$/)).toBeVisible()
  await guests.check()
  await expect(page.getByText('60 users loaded')).toBeVisible()
  const seen = await page.evaluate(() => (window as unknown as { seenCounts: string[] }).seenCounts)
  expect(seen).toContain('60 users loaded')
  for (const old of oldCounts) expect(seen).not.toContain(old)
})
