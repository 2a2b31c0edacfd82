import type { Page } from '@playwright/test'
import { countRequests, expect, seedSettings, test } from './fixtures'

// Issue 6.4: stored settings that cannot be used, and storage that cannot be used. Each case shows a
// notice (an alert under the header) and leaves the app usable. Corrupt and old *settings* entries are
// in settings.spec.ts; these are the other ways storage goes wrong.

const RUN = `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`
const LIST = '/api/clients/clients'
const SETTINGS = 'roster.settings.v1'
const SECRETS = 'roster.secrets.v1'
const GOOD_SETTINGS = { version: 1, clientsBase: '/api/clients', usersBase: '/api/bluedolphin', tenant: 'demo', remember: false }

const notice = (page: Page, text: RegExp) => page.getByRole('alert').filter({ hasText: text })
const field = (page: Page, label: string) => page.getByLabel(label, { exact: true })

/** Puts raw entries in storage before the first load only (the app must clean them up itself). */
async function seedOnce(page: Page, entries: { local?: Record<string, string>; session?: Record<string, string> }) {
  await page.addInitScript((e) => {
    if (sessionStorage.getItem('e2e.seeded')) return
    sessionStorage.setItem('e2e.seeded', '1')
    for (const [k, v] of Object.entries(e.local ?? {})) localStorage.setItem(k, v)
    for (const [k, v] of Object.entries(e.session ?? {})) sessionStorage.setItem(k, v)
  }, entries)
}

/** Types a token in Settings and saves it, then opens Clients through the navigation. */
async function saveTokenAndOpenClients(page: Page, token: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click()
  await page.getByRole('button', { name: 'Use demo credentials' }).click()
  await field(page, 'Bearer token').fill(token)
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clients' }).click()
}

const storedKeys = (page: Page) =>
  page.evaluate(() => ({
    local: Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i)!).sort(),
    session: Array.from({ length: sessionStorage.length }, (_, i) => sessionStorage.key(i)!).sort(),
  }))

test('corrupt JSON in the stored credentials: a notice, the entry is removed, Settings gets the app going again', async ({ page, uniqueToken, consoleErrors }) => {
  await seedOnce(page, { local: { [SETTINGS]: JSON.stringify(GOOD_SETTINGS) }, session: { [SECRETS]: '{"token":"abc' } })
  await page.goto('/clients')
  await expect(notice(page, /Saved credentials could not be read and were removed/)).toBeVisible()
  // The settings were fine and are kept; the credentials are gone, so Clients asks for them.
  await expect(page.getByRole('alert').filter({ hasText: 'needs a bearer token' })).toBeVisible()
  expect((await storedKeys(page)).session).not.toContain(SECRETS)

  await saveTokenAndOpenClients(page, `${uniqueToken}+${RUN}`)
  await expect(page.getByText('2,000 clients', { exact: true })).toBeVisible()
  expect(consoleErrors).toEqual([])
})

test('remembered credentials of the wrong shape: a notice, removed from localStorage', async ({ page }) => {
  await seedOnce(page, {
    local: { [SETTINGS]: JSON.stringify({ ...GOOD_SETTINGS, remember: true }), [SECRETS]: JSON.stringify({ token: 42, apiKey: ['x'] }) },
  })
  await page.goto('/settings')
  await expect(notice(page, /Saved credentials could not be read/)).toBeVisible()
  await expect(field(page, 'Bearer token')).toHaveValue('')
  expect((await storedKeys(page)).local).not.toContain(SECRETS)
  await expect(page.getByRole('checkbox', { name: /Remember on this device/ })).toBeChecked()
})

test('entries under the keys of older versions: a notice, and they are removed', async ({ page, uniqueToken }) => {
  await seedOnce(page, {
    local: { 'roster.settings': '{"clientsBase":"http://old.example"}', 'roster.settings.v0': 'old' },
    session: { [SECRETS]: JSON.stringify({ token: `${uniqueToken}+${RUN}`, apiKey: 'demo-key' }) },
  })
  await page.goto('/clients')
  await expect(notice(page, /older version of Roster/)).toBeVisible()
  await expect(page.getByText('2,000 clients', { exact: true })).toBeVisible()
  const { local } = await storedKeys(page)
  expect(local).not.toContain('roster.settings')
  expect(local).not.toContain('roster.settings.v0')
})

for (const base of ['//evil.example/api', 'javascript:alert(1)', '/\\evil.example', 'http://user:pass@evil.example']) {
  test(`a stored base URL that leaves this site (${base}) is reset with a notice, and nothing is sent there`, async ({ page, uniqueToken }) => {
    const offsite: string[] = []
    page.on('request', (r) => {
      if (!r.url().startsWith('http://127.0.0.1')) offsite.push(r.url())
    })
    const dialogs: string[] = []
    page.on('dialog', (d) => {
      dialogs.push(d.message())
      void d.dismiss()
    })
    await seedOnce(page, {
      local: { [SETTINGS]: JSON.stringify({ ...GOOD_SETTINGS, clientsBase: base }) },
      session: { [SECRETS]: JSON.stringify({ token: `${uniqueToken}+${RUN}`, apiKey: 'demo-key' }) },
    })
    await page.goto('/clients')
    await expect(notice(page, /Saved settings could not be read and were reset/)).toBeVisible()
    await expect(page.getByText('2,000 clients', { exact: true })).toBeVisible()
    expect(offsite).toEqual([])
    expect(dialogs).toEqual([])
  })
}

test('localStorage unavailable (its getter throws): a notice, the demo works, Save still applies for this tab', async ({ page, uniqueToken, consoleErrors }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError')
      },
    })
  })
  const requests = countRequests(page, LIST)
  await page.goto('/clients')
  await expect(notice(page, /does not allow Roster to store settings/)).toBeVisible()
  await expect(page.getByText('2,000 clients', { exact: true })).toBeVisible()

  const token = `${uniqueToken}+${RUN}`
  await saveTokenAndOpenClients(page, token)
  await expect(page.getByText('2,000 clients', { exact: true })).toBeVisible()
  await expect(notice(page, /refused to store the settings/)).toBeVisible()
  await expect.poll(() => requests.count).toBe(2)
  // The saved secrets went to this tab's sessionStorage, which still works.
  expect(await page.evaluate((key) => sessionStorage.getItem(key), SECRETS)).toContain(token)
  expect(consoleErrors).toEqual([])
})

test('no storage at all (localStorage and sessionStorage throw): the app works from memory', async ({ page, uniqueToken, consoleErrors }) => {
  await page.addInitScript(() => {
    for (const name of ['localStorage', 'sessionStorage']) {
      Object.defineProperty(window, name, {
        configurable: true,
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError')
        },
      })
    }
  })
  await page.goto('/clients')
  await expect(notice(page, /does not allow Roster to store settings/)).toBeVisible()
  await expect(page.getByText('2,000 clients', { exact: true })).toBeVisible()
  await saveTokenAndOpenClients(page, `${uniqueToken}+${RUN}`)
  await expect(notice(page, /refused to store the settings/)).toBeVisible()
  await expect(page.getByText('2,000 clients', { exact: true })).toBeVisible()
  await page.getByRole('link', { name: 'Users', exact: true }).click()
  await expect(page.getByText('100 users loaded', { exact: true })).toBeVisible()
  expect(consoleErrors).toEqual([])
})

test('storage full on save (setItem throws QuotaExceededError): a notice, the new values apply in this tab', async ({ page, uniqueToken, consoleErrors }) => {
  await page.addInitScript(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    }
  })
  const auth: string[] = []
  page.on('request', (r) => {
    if (r.url().includes(LIST)) auth.push(r.headers()['authorization'] ?? '')
  })
  await page.goto('/settings')
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
  const token = `${uniqueToken}+quota+${RUN}`
  await saveTokenAndOpenClients(page, token)
  await expect(notice(page, /refused to store the settings \(storage full or disabled\)/)).toBeVisible()
  await expect(page.getByText('2,000 clients', { exact: true })).toBeVisible()
  expect(auth).toEqual([`Bearer ${token}`])
  // Nothing could be stored, so nothing of it survives a reload: the demo credentials are implied again.
  expect(await storedKeys(page)).toEqual({ local: [], session: [] })
  await page.getByRole('button', { name: 'Dismiss' }).click()
  await expect(notice(page, /refused/)).toHaveCount(0)
  expect(consoleErrors).toEqual([])
})

test('IndexedDB unavailable with Remember on: the list still loads, and again after a reload', async ({ page, uniqueToken, consoleErrors }) => {
  await page.addInitScript(() => {
    IDBFactory.prototype.open = function () {
      throw new DOMException('IndexedDB is disabled.', 'InvalidStateError')
    }
  })
  const requests = countRequests(page, LIST)
  await seedSettings(page, { token: `${uniqueToken}+${RUN}`, remember: true })
  await page.goto('/clients')
  await expect(page.getByText('2,000 clients', { exact: true })).toBeVisible()
  await page.reload()
  await expect(page.getByText('2,000 clients', { exact: true })).toBeVisible()
  // No cache to restore from: the reload asked the API again.
  expect(requests.count).toBe(2)
  await expect(page.getByRole('alert')).toHaveCount(0)
  expect(consoleErrors).toEqual([])
})
