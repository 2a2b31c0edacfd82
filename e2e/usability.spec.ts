import AxeBuilder from '@axe-core/playwright'
import type { APIRequestContext, Download, Locator, Page } from '@playwright/test'
import { readFile } from 'node:fs/promises'
import { countRequests, expect, seedSettings, test } from './fixtures'

// Issue 7.3–7.6: dark mode, CSV export of the current view, keyboard shortcuts, the Activity panel.
// Clients tokens get a per-run suffix so no test shares a rate-limit bucket, not even with an earlier run.

const RUN = `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`
const tokenFor = (uniqueToken: string, ...flags: string[]) => [uniqueToken, ...flags, RUN].join('+')
const CLIENTS_PATH = '/api/clients/clients'
const USERS_PATH = '/api/bluedolphin/users'

const html = (page: Page) => page.locator('html')
const themeSelect = (page: Page) => page.getByRole('combobox', { name: 'Theme' })
const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name })

// ---------------------------------------------------------------------------------------------
// 7.3 Dark mode
// ---------------------------------------------------------------------------------------------

test.describe('dark mode', () => {
  test('follows the system by default, also when the system changes while open', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.goto('/settings')
    await expect(h1(page, 'Settings')).toBeVisible()
    await expect(html(page)).toHaveClass(/\bdark\b/)
    await expect(themeSelect(page)).toHaveValue('system')
    await expect(themeSelect(page).locator('option:checked')).toHaveText('System theme')
    await page.emulateMedia({ colorScheme: 'light' })
    await expect(html(page)).not.toHaveClass(/\bdark\b/)
    await page.emulateMedia({ colorScheme: 'dark' })
    await expect(html(page)).toHaveClass(/\bdark\b/)
  })

  test('Light and Dark override the system and persist across a reload; System theme hands back', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.goto('/settings')
    await expect(html(page)).toHaveClass(/\bdark\b/)

    await themeSelect(page).selectOption({ label: 'Light' })
    await expect(html(page)).not.toHaveClass(/\bdark\b/)
    expect(await page.evaluate(() => localStorage.getItem('roster.theme'))).toBe('light')
    await page.reload()
    await expect(h1(page, 'Settings')).toBeVisible()
    await expect(themeSelect(page)).toHaveValue('light')
    await expect(html(page)).not.toHaveClass(/\bdark\b/)

    await page.emulateMedia({ colorScheme: 'light' })
    await themeSelect(page).selectOption({ label: 'Dark' })
    await expect(html(page)).toHaveClass(/\bdark\b/)
    await page.reload()
    await expect(h1(page, 'Settings')).toBeVisible()
    await expect(themeSelect(page)).toHaveValue('dark')
    await expect(html(page)).toHaveClass(/\bdark\b/)

    await themeSelect(page).selectOption({ label: 'System theme' })
    await expect(html(page)).not.toHaveClass(/\bdark\b/) // the system is light now
    await page.reload()
    await expect(h1(page, 'Settings')).toBeVisible()
    await expect(themeSelect(page)).toHaveValue('system')
    expect(await page.evaluate(() => localStorage.getItem('roster.theme'))).toBeNull()
  })

  for (const scheme of ['light', 'dark'] as const) {
    test(`the ${scheme} theme passes axe's contrast rule (no violation of any impact) on the lists and a profile`, async ({ page, uniqueToken }) => {
      await page.emulateMedia({ colorScheme: scheme })
      await seedSettings(page, { token: tokenFor(uniqueToken) })
      const contrast = async () => (await new AxeBuilder({ page }).withRules(['color-contrast']).analyze()).violations.flatMap((v) => v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`))
      await page.goto('/clients')
      await expect(page.getByText('2,000 clients', { exact: true })).toBeVisible()
      await expect(html(page)).toHaveClass(scheme === 'dark' ? /\bdark\b/ : /^(?!.*\bdark\b)/)
      expect(await contrast()).toEqual([])
      await page.getByRole('table', { name: 'Clients' }).getByRole('row').nth(1).getByRole('link').click()
      await expect(page.getByText('Client ID', { exact: true })).toBeVisible()
      expect(await contrast()).toEqual([])
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click()
      await page.getByRole('checkbox', { name: 'Include guests' }).check()
      await expect(page.getByRole('table', { name: 'Users' }).getByText('Guest', { exact: true }).first()).toBeVisible()
      expect(await contrast()).toEqual([])
    })
  }
})

// ---------------------------------------------------------------------------------------------
// 7.4 Export CSV
// ---------------------------------------------------------------------------------------------

interface ApiClient {
  client_id: number
  email_address: string
  first_name: string
  last_name: string
  patronymic: string
  phone_number: string
}

/** RFC 4180 records (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(cell)
      cell = ''
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      i++
    } else cell += ch
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell])
  return rows
}

async function download(page: Page, button: Locator): Promise<{ file: Download; bytes: Buffer; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()])
  const bytes = await readFile((await file.path())!)
  return { file, bytes, text: bytes.toString('utf8') }
}

/** The person's calendar day, as the browser sees it. */
const today = (page: Page) =>
  page.evaluate(() => {
    const d = new Date()
    const pad = (n: number) => String(n).padStart(2, '0')
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
  })

const fold = (s: string) => s.toLowerCase().replaceAll('ё', 'е')
const fullName = (c: ApiClient) => [c.last_name, c.first_name, c.patronymic].filter((p) => p.trim() !== '').join(' ')
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })

async function fetchClients(request: APIRequestContext, token: string): Promise<ApiClient[]> {
  const response = await request.get(CLIENTS_PATH, { headers: { Authorization: `Bearer ${token}` } })
  expect(response.status()).toBe(200)
  return ((await response.json()) as { client: ApiClient[] }).client
}

/** The text of each rendered row's first link (clients) or code (users), in row order. */
const renderedColumn = (table: Locator, selector: string) =>
  table.evaluate((el, sel) => [...el.querySelectorAll('tbody tr[aria-rowindex]')].map((tr) => tr.querySelector(sel)?.textContent ?? ''), selector)

test.describe('Export CSV', () => {
  test('Clients: the searched and sorted view, clients-YYYY-MM-DD.csv, BOM, CRLF, Cyrillic intact, no extra request', async ({ page, uniqueToken, request }) => {
    const clients = await fetchClients(request, tokenFor(uniqueToken, 'fixture'))
    // a last name that a handful of clients share (the search must narrow 2,000 down to them, and more)
    const counts = new Map<string, number>()
    for (const c of clients) counts.set(c.last_name, (counts.get(c.last_name) ?? 0) + 1)
    const term = [...counts.entries()].filter(([name, n]) => n >= 3 && n <= 8 && /^[А-ЯЁ][а-яё]+$/.test(name)).map(([name]) => name)[0]!
    expect(term).toBeTruthy()
    const expected = clients.filter((c) => fold(`${fullName(c)}\n${c.email_address}`).includes(fold(term)))
    expect(expected.length).toBeGreaterThanOrEqual(3)
    expect(expected.length).toBeLessThan(18) // every row fits in the rendered window of the table

    const requests = countRequests(page, CLIENTS_PATH)
    await seedSettings(page, { token: tokenFor(uniqueToken) })
    await page.goto('/clients?sort=-name')
    await expect(page.getByText('2,000 clients', { exact: true })).toBeVisible()
    await page.getByRole('searchbox', { name: 'Search clients' }).fill(term)
    await expect(page.getByText(`${expected.length} of 2,000 clients`, { exact: true })).toBeVisible()
    const table = page.getByRole('table', { name: 'Clients' })
    await expect(table).toHaveAttribute('aria-rowcount', String(expected.length + 1))
    const onScreen = await renderedColumn(table, 'a')
    expect(onScreen).toHaveLength(expected.length)

    const { file, bytes, text } = await download(page, page.getByRole('button', { name: 'Export CSV' }))
    expect(file.suggestedFilename()).toBe(`clients-${await today(page)}.csv`)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(text.endsWith('\r\n')).toBe(true)
    expect(text).not.toMatch(/(?<!\r)\n/) // every line break is CRLF
    const [header, ...rows] = parseCsv(text.slice(1))
    expect(header).toEqual(['Client ID', 'Last name', 'First name', 'Patronymic', 'Email', 'Phone', 'Created'])
    expect(rows).toHaveLength(expected.length)
    // the same rows as the API's matching clients, in the order on screen (name, descending)
    expect(rows.map((r) => Number(r[0])).sort((a, b) => a - b)).toEqual(expected.map((c) => c.client_id).sort((a, b) => a - b))
    expect(rows.map((r) => [r[1], r[2], r[3]].filter((p) => p!.trim() !== '').join(' '))).toEqual(onScreen)
    for (let i = 1; i < rows.length; i++) {
      const name = (r: string[]) => [r[1], r[2], r[3]].filter((p) => p!.trim() !== '').join(' ')
      expect(collator.compare(name(rows[i - 1]!), name(rows[i]!))).toBeGreaterThanOrEqual(0)
    }
    // Cyrillic intact, field by field
    for (const row of rows) {
      const c = clients.find((x) => x.client_id === Number(row[0]))!
      expect(row.slice(1, 6)).toEqual([c.last_name, c.first_name, c.patronymic, c.email_address, c.phone_number])
      expect(row[1]).toMatch(/^[А-ЯЁ]/)
    }
    // from the cache: the list's one request, none for the export
    expect(requests.count).toBe(1)
  })

  test('Clients: a cell that a spreadsheet would run as a formula is neutralised (hostile data)', async ({ page, uniqueToken, request }) => {
    const token = tokenFor(uniqueToken, 'hostile')
    const raw = await fetchClients(request, tokenFor(uniqueToken, 'hostile', 'fixture'))
    const risky = raw.filter((c) => typeof c.phone_number === 'string' && /^[=+\-@]/.test(c.phone_number))
    expect(risky.length).toBeGreaterThan(0) // the data has a phone starting with '+'
    const requests = countRequests(page, CLIENTS_PATH)
    await seedSettings(page, { token })
    await page.goto('/clients')
    await expect(page.getByText(/^\d+ clients$/)).toBeVisible()
    const { text } = await download(page, page.getByRole('button', { name: 'Export CSV' }))
    const [, ...rows] = parseCsv(text.slice(1))
    expect(rows.length).toBeGreaterThan(10)
    for (const row of rows) for (const cell of row) expect(cell, `cell ${JSON.stringify(cell.slice(0, 40))}`).not.toMatch(/^[=+\-@\t\r]/)
    for (const c of risky) {
      const row = rows.find((r) => Number(r[0]) === c.client_id)!
      expect(row[5]).toBe(`'${c.phone_number}`)
    }
    expect(requests.count).toBe(1)
  })

  test('Users: the loaded, searched and sorted view, users-YYYY-MM-DD.csv, with guests, no extra request', async ({ page, request }) => {
    const tenant = `demo+x${RUN}`
    const first = await request.get(`${USERS_PATH}?take=100&include_guests=true`, { headers: { 'x-api-key': 'demo-key', tenant } })
    const loaded = ((await first.json()) as { users: { id: string; first_name: string; last_name: string; is_guest_user: boolean }[] }).users
    expect(loaded).toHaveLength(100)
    // a first name that a handful of the loaded users share, guests among them where possible
    const counts = new Map<string, number>()
    for (const u of loaded) counts.set(u.first_name, (counts.get(u.first_name) ?? 0) + 1)
    const names = [...counts.entries()].filter(([name, n]) => n >= 2 && n <= 12 && /^[A-Za-z]+$/.test(name)).map(([name]) => name)
    const term = names.find((n) => loaded.some((u) => u.first_name === n && u.is_guest_user)) ?? names[0]!
    expect(term).toBeTruthy()
    const expected = loaded.filter((u) => fold(`${u.first_name} ${u.last_name}\n${u.id}`).includes(fold(term)))

    const requests = countRequests(page, USERS_PATH)
    await seedSettings(page, { tenant })
    await page.goto('/users?guests=1&sort=name')
    await expect(page.getByText('100 users loaded', { exact: true })).toBeVisible()
    await page.getByRole('searchbox', { name: 'Search users' }).fill(term)
    const table = page.getByRole('table', { name: 'Users' })
    await expect(table).toHaveAttribute('aria-rowcount', String(expected.length + 1))
    const onScreen = await renderedColumn(table, 'code')
    expect(onScreen).toHaveLength(expected.length)
    const before = requests.count

    const { file, bytes, text } = await download(page, page.getByRole('button', { name: 'Export CSV' }))
    expect(file.suggestedFilename()).toBe(`users-${await today(page)}.csv`)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(text).not.toMatch(/(?<!\r)\n/)
    const [header, ...rows] = parseCsv(text.slice(1))
    expect(header).toEqual(['ID', 'First name', 'Last name', 'Type'])
    expect(rows.map((r) => r[0])).toEqual(onScreen)
    expect([...onScreen].sort()).toEqual(expected.map((u) => u.id).sort())
    for (const row of rows) {
      const u = expected.find((x) => x.id === row[0])!
      expect(row.slice(1)).toEqual([u.first_name, u.last_name, u.is_guest_user ? 'Guest' : 'Member'])
    }
    for (let i = 1; i < rows.length; i++) {
      expect(collator.compare(`${rows[i - 1]![1]} ${rows[i - 1]![2]}`, `${rows[i]![1]} ${rows[i]![2]}`)).toBeLessThanOrEqual(0)
    }
    expect(requests.count).toBe(before)
  })
})

// ---------------------------------------------------------------------------------------------
// 7.5 Keyboard shortcuts
// ---------------------------------------------------------------------------------------------

test.describe('keyboard shortcuts', () => {
  test('/ focuses search; g c, g u, g s navigate; ? lists the shortcuts', async ({ page, uniqueToken }) => {
    await seedSettings(page, { token: tokenFor(uniqueToken) })
    await page.goto('/clients')
    await expect(page.getByText('2,000 clients', { exact: true })).toBeVisible()
    await page.keyboard.press('/')
    const clientsSearch = page.getByRole('searchbox', { name: 'Search clients' })
    await expect(clientsSearch).toBeFocused()
    await expect(clientsSearch).toHaveValue('')

    await page.locator('body').click({ position: { x: 5, y: 5 } }) // leave the field
    await page.keyboard.press('g')
    await page.keyboard.press('u')
    await expect(page).toHaveURL(/\/users$/)
    await expect(h1(page, 'Users')).toBeFocused()
    await page.keyboard.press('/')
    await expect(page.getByRole('searchbox', { name: 'Search users' })).toBeFocused()
    await page.keyboard.press('Escape')
    await h1(page, 'Users').focus()

    await page.keyboard.press('g')
    await page.keyboard.press('s')
    await expect(page).toHaveURL(/\/settings$/)
    await expect(h1(page, 'Settings')).toBeFocused()
    await page.keyboard.press('g')
    await page.keyboard.press('c')
    await expect(page).toHaveURL(/\/clients$/)
    await expect(h1(page, 'Clients')).toBeFocused()

    await page.keyboard.press('?')
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await expect(dialog).toBeVisible()
    const list: [string, string][] = [
      ['/', 'Search the list'],
      ['g c', 'Go to Clients'],
      ['g u', 'Go to Users'],
      ['g s', 'Go to Settings'],
      ['?', 'Show this list'],
    ]
    for (const [keys, what] of list) {
      await expect(dialog.locator('kbd', { hasText: new RegExp(`^${keys.replace('?', '\\?')}$`) })).toBeVisible()
      await expect(dialog.getByText(what, { exact: true })).toBeVisible()
    }
    await page.keyboard.press('Escape')
    await expect(dialog).toBeHidden()
  })

  test('typing / or g u in a search field types them and does not navigate', async ({ page, uniqueToken }) => {
    await seedSettings(page, { token: tokenFor(uniqueToken) })
    await page.goto('/clients')
    await expect(page.getByText('2,000 clients', { exact: true })).toBeVisible()
    const search = page.getByRole('searchbox', { name: 'Search clients' })
    await search.click()
    await page.keyboard.type('a/b')
    await expect(search).toHaveValue('a/b')
    await search.fill('')
    await page.keyboard.press('g')
    await page.keyboard.press('u')
    await expect(search).toHaveValue('gu')
    await expect(search).toBeFocused()
    await page.keyboard.type('?')
    await expect(search).toHaveValue('gu?')
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeHidden()
    await expect(page).toHaveURL(/\/clients\?q=gu/)
    await expect(h1(page, 'Clients')).toBeVisible()

    // and in a Settings text field
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click()
    const tenant = page.getByLabel('Tenant', { exact: true })
    await tenant.fill('')
    await page.keyboard.type('g c/')
    await expect(tenant).toHaveValue('g c/')
    await expect(page).toHaveURL(/\/settings$/)
  })
})

// ---------------------------------------------------------------------------------------------
// 7.6 Activity
// ---------------------------------------------------------------------------------------------

test.describe('Activity', () => {
  test('after a 401 the panel lists the request with its status and message, and no secret', async ({ page }) => {
    const token = `wrong-secret-token-${RUN}`
    const apiKey = `wrong-secret-key-${RUN}`
    await seedSettings(page, { token, apiKey })
    await page.goto('/clients')
    await expect(page.getByRole('main').getByRole('alert')).toContainText(/rejected the credentials/i)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click()
    await expect(page.getByRole('main').getByRole('alert')).toContainText(/rejected the credentials/i)

    const summary = page.getByText(/^Activity \(\d+\)$/)
    await expect(summary).toHaveText('Activity (2)')
    await summary.click()
    const panel = page.getByRole('region', { name: 'Activity' })
    const rows = panel.getByRole('row')
    await expect(rows).toHaveCount(3) // header + 2
    const headers = await panel.getByRole('columnheader').allTextContents()
    expect(headers).toEqual(['Time', 'API', 'Request', 'Status', 'Duration', 'Message'])
    const cellsOf = async (row: Locator) => (await row.getByRole('cell').allTextContents()).map((t) => t.trim())

    // newest first: the users request, then the clients request
    const users = await cellsOf(rows.nth(1))
    expect(users[1]).toBe('BlueDolphin')
    expect(users[2]).toMatch(/^GET \/api\/bluedolphin\/users$/)
    expect(users[3]).toBe('401')
    expect(users[4]).toMatch(/^\d+ ms$/)
    expect(users[5]).not.toBe('')
    const clients = await cellsOf(rows.nth(2))
    expect(clients[1]).toBe('Clients')
    expect(clients[2]).toBe(`GET ${CLIENTS_PATH}`)
    expect(clients[3]).toBe('401')
    expect(clients[5]).toContain('Unauthorized')

    const text = (await panel.innerText()) + (await panel.innerHTML())
    for (const secret of [token, apiKey, 'wrong-secret']) expect(text).not.toContain(secret)
    expect(await page.locator('body').innerText()).not.toContain('wrong-secret')
    expect(page.url()).not.toContain('wrong-secret')
  })
})
