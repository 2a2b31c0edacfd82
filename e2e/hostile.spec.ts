import type { APIRequestContext, Locator, Page } from '@playwright/test'
import { expect, seedSettings, test } from './fixtures'

// Issue 6.1: hostile data from both APIs (the demo's `hostile` flag, server/demo/hostile.ts) renders as
// text, runs nothing, breaks neither the layout nor routing. One test per record: each names the trick,
// checks that the record is the one it means (so a change to the demo data cannot silently empty a
// case), and then checks the list row, the profile (clients) and the page as a whole.

interface ApiClient {
  client_id: unknown
  created_at: string
  email_address: string
  first_name: string
  last_name: string
  patronymic: string
  phone_number: string
  profile_picture_url: string
}

interface ApiUser {
  id: unknown
  first_name: string
  last_name: string
  is_guest_user: unknown
}

const RUN = `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`
const CLIENTS = '/api/clients/clients'
const USERS = '/api/bluedolphin/users'
const HOSTILE_TENANT = `demo+hostile+${RUN}`

// Reference versions of the contract (SPEC §1), independent of the app's code.
const join = (...parts: string[]) => parts.map((p) => p.trim()).filter(Boolean).join(' ')
const clientName = (c: ApiClient) => join(c.last_name, c.first_name, c.patronymic)
const userName = (u: ApiUser) => join(u.first_name, u.last_name)
const isValidClient = (c: ApiClient) => Number.isInteger(c.client_id)
const isValidUser = (u: ApiUser) => typeof u.id === 'string' && u.id !== '' && typeof u.is_guest_user === 'boolean'

let clientsCache: ApiClient[] | null = null
async function hostileClients(request: APIRequestContext): Promise<ApiClient[]> {
  if (clientsCache) return clientsCache
  const response = await request.get(CLIENTS, { headers: { Authorization: `Bearer demo-token+hostile+fixture+${RUN}` } })
  expect(response.status()).toBe(200)
  clientsCache = ((await response.json()) as { client: ApiClient[] }).client
  return clientsCache
}

let usersCache: ApiUser[] | null = null
async function hostileUsers(request: APIRequestContext): Promise<ApiUser[]> {
  if (usersCache) return usersCache
  const response = await request.get(`${USERS}?take=1000&include_guests=true`, { headers: { 'x-api-key': 'demo-key', tenant: HOSTILE_TENANT } })
  expect(response.status()).toBe(200)
  usersCache = ((await response.json()) as { users: ApiUser[] }).users
  return usersCache
}

/** Every dialog (alert, confirm, prompt) the page opens; a hostile record must never open one. */
function watchDialogs(page: Page): string[] {
  const dialogs: string[] = []
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`)
    void dialog.dismiss()
  })
  return dialogs
}

/**
 * Whatever in the DOM could only have come from data treated as markup: an element with an inline
 * event handler, an img with src=x, a script that is not one of the app's own bundles, frames and
 * plugins, and a link or image whose URL has a scheme other than the ones the app writes.
 */
async function injected(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = []
    for (const el of document.querySelectorAll('*')) {
      for (const name of el.getAttributeNames()) if (/^on/i.test(name)) problems.push(`<${el.localName} ${name}>`)
    }
    for (const el of document.querySelectorAll('img[src="x"], iframe, frame, object, embed, foreignObject, svg script')) {
      problems.push(`<${el.localName}> ${el.outerHTML.slice(0, 80)}`)
    }
    for (const script of document.scripts) {
      const url = script.src ? new URL(script.src) : null
      if (!url || url.origin !== location.origin || !url.pathname.startsWith('/assets/')) problems.push(`script ${script.outerHTML.slice(0, 80)}`)
    }
    for (const a of document.querySelectorAll('a[href]')) {
      const { protocol } = new URL(a.getAttribute('href')!, location.href)
      if (!['http:', 'https:', 'mailto:', 'tel:'].includes(protocol)) problems.push(`link ${a.getAttribute('href')!.slice(0, 80)}`)
    }
    for (const img of document.images) {
      const { protocol } = new URL(img.src)
      if (protocol !== 'http:' && protocol !== 'https:') problems.push(`img ${img.src.slice(0, 80)}`)
    }
    return problems
  })
}

/** The page itself never scrolls sideways; only a table's own scroller may. */
const horizontalOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)

async function expectPageSafe(page: Page, dialogs: string[], consoleErrors: string[]) {
  expect(await injected(page)).toEqual([])
  expect(await horizontalOverflow(page), 'horizontal overflow of the page, in px').toBeLessThanOrEqual(0)
  expect(await page.locator('body').innerText()).not.toMatch(/Invalid Date|NaN|undefined|\[object Object\]/)
  expect(dialogs).toEqual([])
  expect(consoleErrors).toEqual([])
}

const textOf = (locator: Locator) => locator.evaluate((el) => el.textContent ?? '')

/**
 * Scrolls a virtualized table's scroller from the top until `row` is rendered (or the end is reached),
 * waiting two frames after each step for the virtualizer to render.
 */
async function reveal(table: Locator, row: Locator): Promise<void> {
  const scroller = table.locator('xpath=..')
  await scroller.evaluate((el) => (el.scrollTop = 0))
  for (let i = 0; i < 200; i++) {
    await scroller.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
    if ((await row.count()) > 0) return
    const atEnd = await scroller.evaluate((el) => {
      if (el.scrollTop + el.clientHeight >= el.scrollHeight - 1) return true
      el.scrollTop += Math.floor(el.clientHeight / 2)
      return false
    })
    if (atEnd) break
  }
  await expect(row).toHaveCount(1)
}

/**
 * What every row of a virtualized table holds at `selector` (its text, or the `attribute`), in row
 * order, scrolling the table's scroller from top to bottom.
 */
async function allRows(table: Locator, selector: string, attribute?: string): Promise<string[]> {
  return table.evaluate(
    async (el, { selector, attribute }) => {
      const box = el.parentElement as HTMLElement
      const byRow = new Map<number, string>()
      const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))
      box.scrollTop = 0
      for (;;) {
        await frame()
        for (const tr of el.querySelectorAll('tbody tr[aria-rowindex]')) {
          const target = tr.querySelector(selector)
          const value = attribute ? target?.getAttribute(attribute) : target?.textContent
          byRow.set(Number(tr.getAttribute('aria-rowindex')), value ?? '')
        }
        if (box.scrollTop + box.clientHeight >= box.scrollHeight - 1) break
        box.scrollTop += Math.floor(box.clientHeight / 2)
      }
      return [...byRow.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v)
    },
    { selector, attribute },
  )
}

/* ------------------------------------------------------------------------------------------------ */
/* Clients                                                                                          */
/* ------------------------------------------------------------------------------------------------ */

interface ClientCtx {
  page: Page
  client: ApiClient
  /** the profile's article (only for records that have a profile) */
  profile: Locator
}

interface ClientCase {
  what: string
  /** the record this case is about, chosen from the hostile list by what makes it hostile */
  pick: (c: ApiClient) => boolean
  /** extra checks on the row in the list */
  row?: (ctx: { page: Page; client: ApiClient; row: Locator; link: Locator }) => Promise<void>
  /** extra checks on the profile */
  profile?: (ctx: ClientCtx) => Promise<void>
  /** records the app must skip and count (not a valid client) */
  skipped?: true
}

const field = (page: Page, label: string) =>
  page.locator('dl > div').filter({ has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd')

const noPicture = async ({ profile, page, client }: ClientCtx) => {
  // No <img> at all for an unsafe or relative URL: the initials stay.
  await expect(profile.locator('img')).toHaveCount(0)
  const initials = `${[...client.first_name.trim()][0] ?? ''}${[...client.last_name.trim()][0] ?? ''}`.toUpperCase()
  await expect(profile.getByText(initials, { exact: true })).toBeVisible()
  expect(await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name))).not.toContainEqual(
    expect.stringMatching(/x\.png|evil\.example|^data:|^javascript:/),
  )
}

/** A long value is cut off on screen, and its full text is one hover away. */
/**
 * The titled element holds the whole text, and the box that cuts it (the element itself, or the table
 * cell around it, which cuts a row's inline text) is narrower than that text and ends it with an ellipsis.
 */
async function expectTruncatedWithTitle(locator: Locator, full: string) {
  await expect(locator).toHaveAttribute('title', full)
  const box = await locator.evaluate((el) => {
    const self = getComputedStyle(el).textOverflow === 'ellipsis'
    const cutter = self ? el : el.closest('td')
    if (!cutter) return null
    const style = getComputedStyle(cutter)
    const contentRight = cutter.getBoundingClientRect().right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth)
    return {
      scrollWidth: cutter.scrollWidth,
      clientWidth: cutter.clientWidth,
      textOverflow: style.textOverflow,
      // A cell cuts this element's text only if the element itself runs past the cell's content box.
      overflows: self || el.getBoundingClientRect().right > contentRight,
    }
  })
  expect(box, 'the text is cut by itself or by its table cell').not.toBeNull()
  expect(box!.clientWidth).toBeGreaterThan(0)
  expect(box!.scrollWidth, 'the box is narrower than its text (truncated)').toBeGreaterThan(box!.clientWidth)
  expect(box!.textOverflow).toBe('ellipsis')
  expect(box!.overflows, 'it is this text that runs past the cell').toBe(true)
}

const CLIENT_CASES: ClientCase[] = [
  { what: 'an <img onerror> tag in the first name', pick: (c) => c.first_name.includes('<img src=x onerror') },
  { what: 'a <script> tag in the last name', pick: (c) => c.last_name.includes('<script>') },
  { what: 'a right-to-left override in the patronymic', pick: (c) => c.patronymic.includes('\u202e') },
  { what: 'zero-width spaces in the name and the email', pick: (c) => c.first_name.includes('\u200b') && c.email_address.includes('\u200b') },
  {
    what: 'a 10,000-character first name',
    pick: (c) => c.first_name.length >= 10_000,
    row: async ({ link, client }) => expectTruncatedWithTitle(link, clientName(client)),
    profile: async ({ page, client }) => {
      const heading = page.getByRole('heading', { level: 1 })
      expect(await textOf(heading)).toBe(clientName(client))
      await expect(heading).toHaveAttribute('title', clientName(client))
      // The heading stays within the page (the page-wide overflow check follows).
      const box = await heading.boundingBox()
      expect(box!.x + box!.width).toBeLessThanOrEqual(1280)
    },
  },
  {
    what: 'emoji and a ZWJ family sequence in the name',
    pick: (c) => c.first_name === '😀',
    profile: async ({ profile }) => {
      // Initials take whole code points: the emoji, not half of a surrogate pair.
      await expect(profile.getByText('😀С', { exact: true })).toBeVisible()
    },
  },
  {
    what: 'an empty first name, last name and patronymic',
    pick: (c) => c.first_name === '' && c.last_name === '' && c.patronymic === '',
    row: async ({ link, client }) => expect(link).toHaveText(`Client ${String(client.client_id)}`),
  },
  {
    what: 'an empty email address',
    pick: (c) => c.email_address === '',
    profile: async ({ page }) => {
      await expect(field(page, 'Email')).toHaveText('None')
      await expect(field(page, 'Email').getByRole('link')).toHaveCount(0)
    },
  },
  { what: 'a javascript: picture URL', pick: (c) => c.profile_picture_url.startsWith('javascript:'), profile: noPicture },
  { what: 'a data: SVG picture URL with an onload handler', pick: (c) => c.profile_picture_url.startsWith('data:'), profile: noPicture },
  { what: 'a protocol-relative picture URL (//host/x.png)', pick: (c) => c.profile_picture_url.startsWith('//'), profile: noPicture },
  { what: 'a relative picture URL (/x.png)', pick: (c) => c.profile_picture_url === '/x.png', profile: noPicture },
  {
    what: 'a picture URL that answers bytes that are no image',
    pick: (c) => c.profile_picture_url.includes('/missing-'),
    profile: async ({ profile }) => {
      // The failed picture is removed: no broken-image icon.
      await expect(profile.locator('img')).toHaveCount(0)
      await expect(profile.getByText('ИИ', { exact: true })).toBeVisible()
    },
  },
  {
    what: 'a very large (10,000 × 10,000) picture',
    pick: (c) => c.profile_picture_url.includes('/large-'),
    profile: async ({ profile, client }) => {
      const img = profile.locator('img')
      await expect(img).toHaveAttribute('src', client.profile_picture_url)
      await expect(img).toHaveCSS('opacity', '1')
      // Drawn inside the fixed-size avatar, not at its natural size.
      const box = await img.boundingBox()
      expect(box!.width).toBeLessThanOrEqual(200)
      expect(box!.height).toBeLessThanOrEqual(200)
    },
  },
  {
    what: 'a picture URL with an 8,000-character query',
    pick: (c) => c.profile_picture_url.length > 8000,
    profile: async ({ profile, client }) => {
      const img = profile.locator('img')
      await expect(img).toHaveAttribute('src', client.profile_picture_url)
      await expect(img).toHaveCSS('opacity', '1')
    },
  },
  { what: 'a client_id that is a string ("1016")', pick: (c) => c.client_id === '1016', skipped: true },
  {
    what: 'a negative client_id (-5)',
    pick: (c) => c.client_id === -5,
    profile: async ({ page }) => expect(field(page, 'Client ID')).toHaveText('-5'),
  },
  { what: 'a client_id used twice (1001)', pick: (c) => c.client_id === 1001 && !c.first_name.includes('<img'), skipped: true },
  {
    what: 'a created_at that is not a date',
    pick: (c) => c.created_at === 'not a date',
    row: async ({ row }) => expect(row.locator('time')).toHaveText('not a date'),
    profile: async ({ page }) => expect(field(page, 'Created').locator('time')).toHaveText('not a date'),
  },
  {
    what: 'a created_at in the year 9999',
    pick: (c) => c.created_at.startsWith('9999'),
    row: async ({ row }) => expect(row.locator('time')).toContainText('9999'),
    profile: async ({ page }) => {
      await expect(field(page, 'Created').locator('time')).toHaveAttribute('datetime', '9999-12-31T23:59:59Z')
      await expect(field(page, 'Created')).toContainText(/in [\d,]+ years/)
    },
  },
  {
    what: 'markup (svg onload) in the email address',
    pick: (c) => c.email_address.includes('<svg'),
    profile: async ({ page, client }) => {
      const link = field(page, 'Email').getByRole('link')
      expect(await textOf(link)).toBe(client.email_address)
    },
  },
  {
    what: 'an email address with a mailto query (?subject=&body=)',
    pick: (c) => c.email_address.includes('?subject='),
    profile: async ({ page }) => {
      const href = await field(page, 'Email').getByRole('link').getAttribute('href')
      expect(href).toMatch(/^mailto:/)
    },
  },
  {
    what: 'an email address that is a javascript: URL',
    pick: (c) => c.email_address === 'javascript:alert(1)',
    profile: async ({ page }) => {
      const link = field(page, 'Email').getByRole('link')
      await expect(link).toHaveText('javascript:alert(1)')
      expect(await link.getAttribute('href')).toMatch(/^mailto:/)
    },
  },
  {
    what: 'a phone number with formatting',
    pick: (c) => c.phone_number === '+7 (917) 423-62-78',
    profile: async ({ page }) => {
      const link = field(page, 'Phone').getByRole('link')
      await expect(link).toHaveText('+7 917 423-62-78')
      await expect(link).toHaveAttribute('href', 'tel:+79174236278')
    },
  },
  {
    what: 'an empty phone number',
    pick: (c) => c.phone_number === '',
    profile: async ({ page }) => expect(field(page, 'Phone')).toHaveText('None'),
  },
  {
    what: 'a phone number that is a javascript: URL',
    pick: (c) => c.phone_number === 'javascript:alert(1)',
    profile: async ({ page }) => {
      await expect(field(page, 'Phone')).toContainText('javascript:alert(1)')
      await expect(field(page, 'Phone').getByRole('link')).toHaveCount(0)
    },
  },
  { what: 'a template-injection string in the name', pick: (c) => c.first_name.startsWith('{{constructor') },
  { what: 'an SQL-injection string in the last name', pick: (c) => c.last_name.includes('DROP TABLE') },
  { what: '__proto__ and constructor as names', pick: (c) => c.first_name === '__proto__' },
  { what: 'combining characters (zalgo) in the name', pick: (c) => c.first_name.includes('\u0336') },
  { what: 'a line break in the name and a tab as the patronymic', pick: (c) => c.first_name.includes('\n') },
  { what: 'a NUL character in the last name', pick: (c) => c.last_name.includes('\u0000') },
  {
    what: 'a 300-character email address',
    pick: (c) => c.email_address.length > 300,
    row: async ({ row, client }) => expectTruncatedWithTitle(row.getByTitle(client.email_address, { exact: true }), client.email_address),
    profile: async ({ page, client }) => {
      const link = field(page, 'Email').getByRole('link')
      await expect(link).toHaveText(client.email_address)
      const box = await link.boundingBox()
      expect(box!.x + box!.width).toBeLessThanOrEqual(1280)
    },
  },
  { what: 'a first name of spaces only', pick: (c) => c.first_name === '   ' },
]

async function openHostileClients(page: Page, uniqueToken: string, path = '/clients') {
  await seedSettings(page, { token: `${uniqueToken}+hostile+${RUN}` })
  await page.goto(path)
}

const clientsTable = (page: Page) => page.getByRole('table', { name: 'Clients' })

test.describe('hostile clients', () => {
  for (const [index, c] of CLIENT_CASES.entries()) {
    test(`client case ${index + 1}: ${c.what}`, async ({ page, uniqueToken, request, consoleErrors }) => {
      const clients = await hostileClients(request)
      const matches = clients.filter(c.pick)
      expect(matches, 'exactly one hostile record is this case').toHaveLength(1)
      const client = matches[0]!
      const valid = clients.filter(isValidClient)
      const unique = new Set(valid.map((x) => x.client_id)).size
      const dialogs = watchDialogs(page)

      await openHostileClients(page, uniqueToken)
      await expect(page.getByText(`${unique} clients`, { exact: true })).toBeVisible()
      await expect(page.getByText(`${clients.length - unique} records could not be read`)).toBeVisible()
      const table = clientsTable(page)

      if (c.skipped) {
        const id = String(client.client_id)
        const first = valid.find((x) => String(x.client_id) === id)
        const hrefs = await allRows(table, 'a[href^="/clients/"]', 'href')
        expect(hrefs).toHaveLength(unique)
        // Skipped, not shown: a duplicate id keeps its first record only; a string id has no row.
        expect(hrefs.filter((h) => h === `/clients/${id}`)).toHaveLength(first ? 1 : 0)
        await expectPageSafe(page, dialogs, consoleErrors)
        await page.goto(`/clients/${id}`)
        if (first) await expect(page.getByRole('heading', { level: 1 })).toHaveText(clientName(first))
        else await expect(page.getByText('Client not found')).toBeVisible()
        await expectPageSafe(page, dialogs, consoleErrors)
        return
      }

      const id = String(client.client_id)
      const name = clientName(client) || `Client ${id}`
      const link = table.locator(`a[href="/clients/${id}"]`)
      await reveal(table, link)
      const row = table.locator('tr', { has: page.locator(`a[href="/clients/${id}"]`) })
      expect(await textOf(link)).toBe(name)
      await expect(link).toHaveAttribute('title', clientName(client))
      expect(await textOf(row.locator('td').nth(1))).toBe(client.email_address)
      await c.row?.({ page, client, row, link })
      // List avatars ask for their picture after 200 ms on screen: let them, so their <img> is checked too.
      await page.waitForTimeout(300)
      await expectPageSafe(page, dialogs, consoleErrors)

      // The profile opens from the row, for any id, and shows the same text.
      await link.click()
      await expect(page).toHaveURL((url) => url.pathname === `/clients/${id}`)
      const heading = page.getByRole('heading', { level: 1 })
      await expect(heading).toBeVisible()
      // The URL changes before the lazily loaded profile replaces the list: poll until it has.
      await expect.poll(() => textOf(heading)).toBe(name)
      // document.title collapses white space (and Chromium shows a NUL there as a space).
      await expect(page).toHaveTitle(`${name.replace(/[\t\n\f\r \0]+/g, ' ').trim()} · Roster`)
      await expect(field(page, 'Client ID')).toHaveText(id)
      await c.profile?.({ page, client, profile: page.getByRole('article') })
      await expectPageSafe(page, dialogs, consoleErrors)

      await page.getByRole('link', { name: 'Back to clients' }).click()
      await expect(page.getByRole('heading', { level: 1, name: 'Clients' })).toBeVisible()
      await expect(page.getByText(`${unique} clients`, { exact: true })).toBeVisible()
    })
  }

  test('the whole hostile list: every row is its record as text, and a search still works', async ({ page, uniqueToken, request, consoleErrors }) => {
    const clients = await hostileClients(request)
    const seen = new Set<unknown>()
    const expected = clients.filter((c) => isValidClient(c) && !seen.has(c.client_id) && seen.add(c.client_id))
    const dialogs = watchDialogs(page)
    await openHostileClients(page, uniqueToken)
    await expect(page.getByText(`${expected.length} clients`, { exact: true })).toBeVisible()
    const table = clientsTable(page)
    const names = await allRows(table, 'a[href^="/clients/"]')
    expect(names).toEqual(expected.map((c) => clientName(c) || `Client ${String(c.client_id)}`))
    await expectPageSafe(page, dialogs, consoleErrors)

    // Markup typed into the search box is a search, not markup.
    await page.getByRole('searchbox', { name: 'Search clients' }).fill('<script>')
    await expect(page.getByText(`1 of ${expected.length} clients`, { exact: true })).toBeVisible()
    await page.getByRole('searchbox', { name: 'Search clients' }).fill('<img src=x onerror=alert(1)>')
    await expect(page.getByText(`1 of ${expected.length} clients`, { exact: true })).toBeVisible()
    await expectPageSafe(page, dialogs, consoleErrors)
  })

  for (const id of ['1016', '-0', '1e3', '0x3e9', '1001,0', '..%2f..%2fsettings', '<script>']) {
    test(`client case: an odd id in the URL (/clients/${id}) says Client not found`, async ({ page, uniqueToken, consoleErrors }) => {
      const dialogs = watchDialogs(page)
      await openHostileClients(page, uniqueToken, `/clients/${id}`)
      await expect(page.getByText('Client not found')).toBeVisible()
      await expect(page.getByRole('link', { name: 'Back to clients' })).toBeVisible()
      await expectPageSafe(page, dialogs, consoleErrors)
    })
  }
})

/* ------------------------------------------------------------------------------------------------ */
/* Users                                                                                            */
/* ------------------------------------------------------------------------------------------------ */

interface UserCase {
  what: string
  pick: (u: ApiUser) => boolean
  /** the record is valid but a guest: shown with Include guests */
  guest?: true
  skipped?: true
  duplicate?: true
  row?: (ctx: { page: Page; user: ApiUser; row: Locator; name: Locator }) => Promise<void>
}

const hasFirst = (s: string) => (u: ApiUser) => u.first_name === s
const HOSTILE_ID = /^bad0[0-9a-f]{20}$/

const USER_CASES: UserCase[] = [
  { what: 'an <img onerror> tag in the first name', pick: (u) => u.first_name.includes('<img src=x onerror') },
  { what: 'a <script> tag in the last name', pick: (u) => u.last_name.includes('<script>') && u.is_guest_user === false },
  { what: 'a right-to-left override in the first name', pick: (u) => u.first_name.includes('\u202e') },
  { what: 'a zero-width space in the first name', pick: (u) => u.first_name.includes('\u200b') },
  {
    what: 'a 10,000-character last name',
    pick: (u) => u.last_name.length >= 10_000,
    row: async ({ name, user }) => expectTruncatedWithTitle(name, userName(user)),
  },
  { what: 'emoji and a ZWJ family sequence as the name', pick: hasFirst('😀') },
  {
    what: 'an empty first and last name',
    pick: (u) => u.first_name === '' && u.last_name === '',
    row: async ({ row }) => expect(row.locator('td').first()).toContainText('(no name)'),
  },
  { what: 'a first name of spaces only', pick: hasFirst('   ') },
  { what: 'a template-injection string in the name', pick: (u) => u.first_name.startsWith('{{constructor') },
  { what: 'an SQL-injection string in the last name', pick: (u) => u.last_name.includes('DROP TABLE') },
  { what: '__proto__ and constructor as names', pick: hasFirst('__proto__') },
  { what: 'hasOwnProperty and toString as names', pick: hasFirst('hasOwnProperty') },
  { what: 'combining characters (zalgo) in the name', pick: (u) => u.first_name.includes('\u0336') },
  { what: 'a line break in the first name', pick: (u) => u.first_name.includes('\n') },
  { what: 'a NUL character in the last name', pick: (u) => u.last_name.includes('\u0000') },
  { what: 'a javascript: link as the first name', pick: (u) => u.first_name.startsWith('<a href="javascript:') },
  { what: 'HTML entities in the first name (shown as typed)', pick: (u) => u.first_name.startsWith('&lt;b&gt;') },
  { what: 'accented Latin letters', pick: hasFirst('Ünïcödé') },
  { what: 'Chinese names', pick: hasFirst('李') },
  { what: 'Arabic and Hebrew (right-to-left) names', pick: hasFirst('مرحبا') },
  {
    what: 'a guest whose first name is a <script> tag',
    pick: (u) => u.is_guest_user === true,
    guest: true,
    row: async ({ row }) => expect(row.locator('td').nth(2)).toHaveText('Guest'),
  },
  { what: 'an id of another form (bad1…)', pick: (u) => typeof u.id === 'string' && u.id.startsWith('bad1') },
  { what: 'an id used twice', pick: (u) => u.id === 'bad0' + '2'.padStart(20, '0') && u.first_name === 'Jane', duplicate: true },
  { what: 'is_guest_user as the string "true"', pick: (u) => u.is_guest_user === 'true', skipped: true },
  { what: 'an id that is not 24 hex characters ("abc")', pick: (u) => u.id === 'abc' },
  { what: 'an id that is a number', pick: (u) => typeof u.id === 'number', skipped: true },
  { what: 'is_guest_user null', pick: (u) => u.is_guest_user === null, skipped: true },
  {
    what: '500-character first and last names',
    pick: (u) => u.first_name.length === 500,
    row: async ({ name, user }) => expectTruncatedWithTitle(name, userName(user)),
  },
  { what: 'a percent-encoded emoji as the name (shown as typed)', pick: hasFirst('%F0%9F%98%80') },
  { what: 'a template literal as the name', pick: hasFirst('${7*7}') },
  { what: 'an ordinary user among the hostile ones', pick: (u) => u.first_name === 'Jane' && u.last_name === 'Smith' && typeof u.id === 'string' && HOSTILE_ID.test(u.id) && u.id.endsWith('1f') },
]

const usersTable = (page: Page) => page.getByRole('table', { name: 'Users' })

test.describe('hostile users', () => {
  for (const [index, c] of USER_CASES.entries()) {
    test(`user case ${index + 1}: ${c.what}`, async ({ page, request, consoleErrors }) => {
      const users = await hostileUsers(request)
      const matches = users.filter(c.pick)
      expect(matches, 'exactly one hostile record is this case').toHaveLength(c.duplicate ? 2 : 1)
      const user = matches.at(-1)!
      const dialogs = watchDialogs(page)
      const guests = c.guest === true
      const listed = users.filter((u) => guests || u.is_guest_user !== true)
      const readable = listed.filter(isValidUser)
      const ids = new Set(readable.map((u) => u.id))

      await seedSettings(page, { tenant: HOSTILE_TENANT })
      await page.goto(guests ? '/users?guests=1' : '/users')
      await expect(page.getByText(`${ids.size} users loaded`, { exact: true })).toBeVisible()
      await expect(page.getByText(`${listed.length - readable.length} records could not be read`)).toBeVisible()
      const table = usersTable(page)

      if (c.skipped || c.duplicate) {
        const shownIds = await allRows(table, 'code')
        expect(shownIds).toHaveLength(ids.size)
        // A record that cannot be read has no row; a repeated id has one row.
        expect(shownIds.filter((id) => id === String(user.id))).toHaveLength(c.duplicate ? 1 : 0)
        await expectPageSafe(page, dialogs, consoleErrors)
        return
      }

      const id = String(user.id)
      const code = table.locator('code').getByText(id, { exact: true })
      await reveal(table, code)
      const row = table.locator('tr', { has: page.locator('code').getByText(id, { exact: true }) })
      const name = row.locator('td').first().locator('[title]')
      expect(await textOf(name)).toBe(userName(user) || '(no name)')
      await expect(name).toHaveAttribute('title', userName(user))
      await expect(code).toHaveAttribute('title', id)
      await expect(row.locator('td').nth(2)).toHaveText(user.is_guest_user === true ? 'Guest' : 'Member')
      await c.row?.({ page, user, row, name })
      await expectPageSafe(page, dialogs, consoleErrors)
    })
  }

  test('the whole hostile list with guests: every row is its record as text, and a search still works', async ({ page, request, consoleErrors }) => {
    const users = await hostileUsers(request)
    const seen = new Set<unknown>()
    const expected = users.filter((u) => isValidUser(u) && !seen.has(u.id) && seen.add(u.id))
    const dialogs = watchDialogs(page)
    await seedSettings(page, { tenant: HOSTILE_TENANT })
    await page.goto('/users?guests=1')
    await expect(page.getByText(`${expected.length} users loaded`, { exact: true })).toBeVisible()
    const table = usersTable(page)
    const names = await allRows(table, 'td [title]')
    expect(names).toEqual(expected.map((u) => userName(u) || '(no name)'))
    await expectPageSafe(page, dialogs, consoleErrors)

    // A short page may be the end or a silent cap: one more request (starting with the last readable
    // user) settles it, and adds nobody twice.
    await page.getByRole('button', { name: 'Load more' }).click()
    await expect(page.getByText('All users loaded')).toBeVisible()
    await expect(page.getByText(`${expected.length} users loaded`, { exact: true })).toBeVisible()

    await page.getByRole('searchbox', { name: 'Search users' }).fill('<script>')
    await expect(table.getByRole('row')).toHaveCount(3) // the header, a member and a guest
    await expectPageSafe(page, dialogs, consoleErrors)
  })
})
