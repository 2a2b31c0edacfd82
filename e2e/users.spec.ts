import type { APIRequestContext, Locator, Page } from '@playwright/test'
import { countRequests, expect, expectNoSeriousA11yViolations, seedSettings, test } from './fixtures'

// The Users screen on the built-in demo API: 1,250 users by default, about a fifth guests, in an
// unsorted order; faults are chosen per test with tenant flags (server/demo/scenarios.ts).

const USERS_PATH = '/api/bluedolphin/users'

interface ApiUser {
  id: string
  first_name: string
  last_name: string
  is_guest_user: boolean
}

/** The server's whole list, in its own order, in one request. */
async function allUsers(request: APIRequestContext, tenant: string, includeGuests: boolean): Promise<ApiUser[]> {
  const response = await request.get(`${USERS_PATH}?take=1000000&include_guests=${includeGuests}`, {
    headers: { 'x-api-key': 'demo-key', tenant },
  })
  expect(response.status()).toBe(200)
  return ((await response.json()) as { users: ApiUser[] }).users
}

const loaded = (page: Page, n: number) => page.getByText(`${n.toLocaleString('en-US')} users loaded`, { exact: true })
const loadMore = (page: Page) => page.getByRole('button', { name: 'Load more' })
const loadAll = (page: Page) => page.getByRole('button', { name: 'Load all' })
const usersTable = (page: Page) => page.getByRole('table', { name: 'Users' })

async function openUsers(page: Page, tenant: string, query = '', apiKey = 'demo-key') {
  await seedSettings(page, { tenant, apiKey })
  await page.goto(`/users${query}`)
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible()
}

/**
 * The IDs of every row of the (virtualized) table, in row order: scrolls its scroll container
 * from top to bottom and reads the rows by aria-rowindex, waiting for each scroll to render.
 */
async function renderedIds(table: Locator): Promise<string[]> {
  return table.evaluate(async (el) => {
    const box = el.parentElement as HTMLElement
    const total = Number(el.getAttribute('aria-rowcount')) - 1
    const byRow = new Map<number, string>()
    const rows = () => [...el.querySelectorAll('tbody tr[aria-rowindex]')]
    const collect = () => {
      for (const tr of rows()) {
        const id = tr.querySelector('code')?.textContent
        if (id) byRow.set(Number(tr.getAttribute('aria-rowindex')), id)
      }
    }
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve))
    // Rendered once a row at least as far down as the bottom of the view is in the DOM.
    const settle = async () => {
      const want = Math.min(total + 1, Math.floor((box.scrollTop + box.clientHeight) / 56))
      for (let i = 0; i < 120 && !rows().some((tr) => Number(tr.getAttribute('aria-rowindex')) >= want); i++) await frame()
    }
    box.scrollTop = 0
    await settle()
    collect()
    while (box.scrollTop + box.clientHeight < box.scrollHeight - 1) {
      box.scrollTop += Math.floor(box.clientHeight / 2)
      await settle()
      collect()
    }
    return [...byRow.entries()].sort((a, b) => a[0] - b[0]).map(([, id]) => id)
  })
}

test.describe('Users', () => {
  test('Load more loads pages after the first: 300 unique users in server order, no console errors', async ({ page, request, consoleErrors }) => {
    const expected = (await allUsers(request, 'demo', false)).map((u) => u.id)
    await openUsers(page, 'demo')
    await expect(loaded(page, 100)).toBeVisible()
    await expect(page.getByRole('columnheader', { name: 'User' })).toBeVisible()
    await expect(page.getByRole('columnheader', { name: 'ID' })).toBeVisible()
    await expect(page.getByRole('columnheader', { name: 'Type' })).toBeVisible()
    await loadMore(page).click()
    await expect(loaded(page, 200)).toBeVisible()
    await loadMore(page).click()
    await expect(loaded(page, 300)).toBeVisible()
    await expect(loadMore(page)).toBeEnabled()

    const ids = await renderedIds(usersTable(page))
    expect(new Set(ids).size).toBe(300)
    expect(ids).toEqual(expected.slice(0, 300))
    await expectNoSeriousA11yViolations(page)
    expect(consoleErrors).toEqual([])
  })

  test('Load more is disabled while a page loads', async ({ page }) => {
    // Each page takes 3 s: wide enough that a loaded CI machine still sees the in-between states.
    await openUsers(page, 'demo+slow3000')
    await expect(page.getByRole('status').filter({ hasText: /Loading users/ })).toBeVisible()
    await expect(loaded(page, 100)).toBeVisible()
    await loadMore(page).click()
    await expect(loadMore(page)).toBeDisabled()
    await expect(loadAll(page)).toBeDisabled()
    await expect(loaded(page, 200)).toBeVisible()
    await expect(loadMore(page)).toBeEnabled()
  })

  test('Include guests restarts the list from the first page, with guests, and is kept in the URL', async ({ page }) => {
    const requests = countRequests(page, USERS_PATH)
    await openUsers(page, 'demo')
    await expect(loaded(page, 100)).toBeVisible()
    await loadMore(page).click()
    await expect(loaded(page, 200)).toBeVisible()
    const table = usersTable(page)
    await expect(table.getByText('Member', { exact: true }).first()).toBeVisible()
    await expect(table.getByText('Guest', { exact: true })).toHaveCount(0)

    const before = requests.count
    await page.getByRole('checkbox', { name: 'Include guests' }).check()
    await expect(page).toHaveURL(/[?&]guests=1(&|$)/)
    await expect(loaded(page, 100)).toBeVisible()
    await expect(table.getByText('Guest', { exact: true }).first()).toBeVisible()
    const first = new URL(requests.urls[before]!)
    expect(first.searchParams.get('include_guests')).toBe('true')
    expect(first.searchParams.has('start_with')).toBe(false)

    // A deep link opens the same view.
    await page.reload()
    await expect(page.getByRole('checkbox', { name: 'Include guests' })).toBeChecked()
    await expect(table.getByText('Guest', { exact: true }).first()).toBeVisible()
  })

  test('Page size 25 restarts the list with pages of 25 and is kept in the URL', async ({ page }) => {
    const requests = countRequests(page, USERS_PATH)
    await openUsers(page, 'demo')
    await expect(loaded(page, 100)).toBeVisible()
    await loadMore(page).click()
    await expect(loaded(page, 200)).toBeVisible()

    const before = requests.count
    await page.getByRole('combobox', { name: 'Page size' }).selectOption('25')
    await expect(page).toHaveURL(/[?&]take=25(&|$)/)
    await expect(loaded(page, 25)).toBeVisible()
    expect(new URL(requests.urls[before]!).searchParams.has('start_with')).toBe(false)
    await loadMore(page).click()
    await expect(loaded(page, 50)).toBeVisible()
    await expect(usersTable(page)).toHaveAttribute('aria-rowcount', '51')
  })

  test('Search users filters the loaded users only, by id or name', async ({ page, request }) => {
    const members = await allUsers(request, 'demo', false)
    const target = members[3]!
    const later = members[150]!
    await openUsers(page, 'demo')
    await expect(loaded(page, 100)).toBeVisible()
    await expect(page.getByText('Searching 100 loaded users')).toBeVisible()
    const search = page.getByRole('searchbox', { name: 'Search users' })
    const table = usersTable(page)

    await search.fill(target.id)
    await expect(table.locator('tbody tr[aria-rowindex]')).toHaveCount(1)
    await expect(table.getByText(target.id, { exact: true })).toBeVisible()
    await expect(page).toHaveURL(new RegExp(`[?&]q=${target.id}`))

    // A name: every loaded user with that first and last name, and only them.
    const name = `${target.first_name} ${target.last_name}`
    const sameName = members.slice(0, 100).filter((u) => `${u.first_name} ${u.last_name}` === name).length
    await search.fill(name)
    await expect(table).toHaveAttribute('aria-rowcount', String(sameName + 1))
    await expect(table.getByText(name, { exact: true }).first()).toBeVisible()

    // A user of a page not loaded yet is not found, until that page is loaded.
    await search.fill(later.id)
    await expect(page.getByText(`No loaded users match "${later.id}"`)).toBeVisible()
    await loadMore(page).click()
    await expect(page.getByText('Searching 200 loaded users')).toBeVisible()
    await expect(table.getByText(later.id, { exact: true })).toBeVisible()
  })

  test('Load all shows its progress and ends with every non-guest user', async ({ page, request }) => {
    const total = (await allUsers(request, 'demo', false)).length
    await openUsers(page, 'demo+slow150')
    await expect(loaded(page, 100)).toBeVisible()
    await loadAll(page).click()
    await expect(page.getByRole('progressbar', { name: 'Loading all users' })).toBeVisible()
    await expect(page.getByRole('status').filter({ hasText: /users loaded, \d+ pages fetched/ })).toBeVisible()
    await expect(page.getByText('All users loaded')).toBeVisible({ timeout: 20_000 })
    await expect(loaded(page, total)).toBeVisible()
    await expect(page.getByRole('progressbar')).toHaveCount(0)
    await expect(loadMore(page)).toHaveCount(0)
  })

  test('Cancel stops Load all, keeps the loaded pages and brings Load more back', async ({ page, request }) => {
    const total = (await allUsers(request, 'demo', false)).length
    await openUsers(page, 'demo+slow300')
    await expect(loaded(page, 100)).toBeVisible()
    await loadAll(page).click()
    // Each count shows for only one page's latency: wait for any count from 2 on.
    await expect(page.getByRole('status').filter({ hasText: /\b([2-9]|\d{2,}) pages fetched/ })).toBeVisible()
    await page.getByRole('button', { name: 'Cancel' }).click()
    await expect(loadMore(page)).toBeEnabled()
    await expect(page.getByRole('progressbar')).toHaveCount(0)
    await expect(page.getByText('All users loaded')).toHaveCount(0)

    const text = await page.getByText(/^[\d,]+ users loaded$/).textContent()
    const kept = Number(text!.replace(/\D/g, ''))
    expect(kept).toBeGreaterThanOrEqual(300)
    expect(kept).toBeLessThan(total)
    expect(kept % 100).toBe(0)
    // The list carries on from where it stopped.
    await loadMore(page).click()
    await expect(loaded(page, kept + 100)).toBeVisible()
  })

  test('going to Clients and back keeps the loaded pages, without a request', async ({ page }) => {
    await openUsers(page, 'demo+n400')
    await loadMore(page).click()
    await expect(loaded(page, 200)).toBeVisible()
    const requests = countRequests(page, USERS_PATH)
    const nav = page.getByRole('navigation', { name: 'Main' })
    await nav.getByRole('link', { name: 'Clients' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Clients' })).toBeVisible()
    await nav.getByRole('link', { name: 'Users' }).click()
    await expect(loaded(page, 200)).toBeVisible()
    await expect(loadMore(page)).toBeEnabled()
    expect(requests.count).toBe(0)
  })

  test('a tenant with no users says No users yet, with no Load more', async ({ page }) => {
    await openUsers(page, 'demo+empty')
    await expect(page.getByText('No users yet')).toBeVisible()
    await expect(loaded(page, 0)).toBeVisible()
    await expect(loadMore(page)).toHaveCount(0)
    await expect(loadAll(page)).toHaveCount(0)
    await expect(page.getByText('All users loaded')).toHaveCount(0)
  })

  test('a key that is not an administrator’s: only BlueDolphin administrators can list users', async ({ page }) => {
    await openUsers(page, 'demo', '', 'demo-viewer-key')
    const alert = page.getByRole('alert')
    await expect(alert).toContainText('Only BlueDolphin administrators can list users')
    await expect(alert).toContainText('Public API add-on')
    await expect(usersTable(page)).toHaveCount(0)
  })

  test('a wrong API key: the credentials were rejected, with Open settings', async ({ page }) => {
    await openUsers(page, 'demo', '', 'wrong-key')
    const alert = page.getByRole('alert')
    await expect(alert).toContainText(/rejected the credentials/)
    await alert.getByRole('link', { name: 'Open settings' }).click()
    await expect(page).toHaveURL(/\/settings$/)
  })

  test('a gateway’s HTML 403 still says who may list users, without raw HTML', async ({ page }) => {
    await openUsers(page, 'demo+html403')
    const alert = page.getByRole('alert')
    await expect(alert).toContainText('Only BlueDolphin administrators can list users')
    await expect(alert).not.toContainText('<')
    await expect(alert).not.toContainText('DOCTYPE')
  })

  test('a response of the wrong shape: Unexpected response from the BlueDolphin API, with details', async ({ page }) => {
    await openUsers(page, 'demo+shape')
    const alert = page.getByRole('alert')
    await expect(alert).toContainText('Unexpected response from the BlueDolphin API')
    await expect(alert.getByText('Details')).toBeVisible()
  })

  test('Refresh starts the list again from the first page', async ({ page }) => {
    const requests = countRequests(page, USERS_PATH)
    await openUsers(page, 'demo')
    await expect(loaded(page, 100)).toBeVisible()
    await loadMore(page).click()
    await expect(loaded(page, 200)).toBeVisible()
    const before = requests.count
    await page.getByRole('button', { name: 'Refresh' }).click()
    await expect.poll(() => requests.count).toBe(before + 1)
    await expect(loaded(page, 100)).toBeVisible()
    await expect(loadMore(page)).toBeEnabled()
    expect(new URL(requests.urls[before]!).searchParams.has('start_with')).toBe(false)
    expect(requests.count).toBe(before + 1)
  })

  test('a lost cursor shows the API’s message verbatim and keeps the first page', async ({ page }) => {
    await openUsers(page, 'demo+lostcursor')
    await expect(loaded(page, 100)).toBeVisible()
    await loadMore(page).click()
    await expect(page.getByRole('alert')).toContainText('start_with value not found')
    await expect(loaded(page, 100)).toBeVisible()
    await expect(usersTable(page)).toHaveAttribute('aria-rowcount', '101')
    // Retrying a lost cursor cannot work; the way forward is the first page again.
    await expect(page.getByRole('button', { name: 'Retry' })).toHaveCount(0)
    await page.getByRole('button', { name: 'Start again from the first page' }).click()
    await expect(page.getByRole('alert')).toHaveCount(0)
    await expect(loaded(page, 100)).toBeVisible()
  })

  test('a failed page keeps the pages before it, and Retry loads it', async ({ page }) => {
    // The demo's `fail<P>` flag fails once, which the app's single automatic retry of a 5xx absorbs;
    // so page 3 fails here twice (the request and its retry), then gets through.
    const cursors: string[] = []
    let failures = 0
    await page.route(`**${USERS_PATH}?*`, async (route) => {
      const cursor = new URL(route.request().url()).searchParams.get('start_with')
      if (cursor !== null && !cursors.includes(cursor)) cursors.push(cursor)
      if (cursor !== null && cursor === cursors[1] && failures < 2) {
        failures += 1
        await route.fulfill({
          status: 500,
          contentType: 'application/problem+json',
          body: JSON.stringify({ type: 'about:blank', title: 'Internal Server Error', status: 500 }),
        })
        return
      }
      await route.continue()
    })
    await openUsers(page, 'demo')
    await expect(loaded(page, 100)).toBeVisible()
    await loadMore(page).click()
    await expect(loaded(page, 200)).toBeVisible()
    await loadMore(page).click()
    const alert = page.getByRole('alert')
    await expect(alert).toContainText('Internal Server Error')
    expect(failures).toBe(2)
    await expect(loaded(page, 200)).toBeVisible()
    await expect(usersTable(page)).toHaveAttribute('aria-rowcount', '201')
    await expect(loadMore(page)).toHaveCount(0)
    await alert.getByRole('button', { name: 'Retry' }).click()
    await expect(loaded(page, 300)).toBeVisible()
    await expect(page.getByRole('alert')).toHaveCount(0)
    await expect(loadMore(page)).toBeEnabled()
  })

  test('an exactly full last page (200 users, pages of 100) ends with All users loaded in 3 requests', async ({ page, request }) => {
    expect(await allUsers(request, 'demo+n200', true)).toHaveLength(200)
    const requests = countRequests(page, USERS_PATH)
    await openUsers(page, 'demo+n200', '?guests=1')
    await expect(loaded(page, 100)).toBeVisible()
    await loadMore(page).click()
    await expect(loaded(page, 200)).toBeVisible()
    // Nothing tells yet that the page was the last: one more request settles it.
    await loadMore(page).click()
    await expect(page.getByText('All users loaded')).toBeVisible()
    await expect(loaded(page, 200)).toBeVisible()
    await expect(loadMore(page)).toHaveCount(0)
    expect(requests.count).toBe(3)
  })

  test('a short last page (150 users, pages of 100) ends with All users loaded', async ({ page, request }) => {
    const expected = (await allUsers(request, 'demo+n150', true)).map((u) => u.id)
    expect(expected).toHaveLength(150)
    await openUsers(page, 'demo+n150', '?guests=1')
    await expect(loaded(page, 100)).toBeVisible()
    await loadAll(page).click()
    await expect(page.getByText('All users loaded')).toBeVisible()
    await expect(loaded(page, 150)).toBeVisible()
    expect(await renderedIds(usersTable(page))).toEqual(expected)
  })

  test('loading 250 users at page size 100 to the end costs at most ceil(250/100)+1 requests', async ({ page, request }) => {
    expect(await allUsers(request, 'demo+n250', true)).toHaveLength(250)
    const requests = countRequests(page, USERS_PATH)
    await openUsers(page, 'demo+n250', '?guests=1')
    await expect(loaded(page, 100)).toBeVisible()
    await loadAll(page).click()
    await expect(page.getByText('All users loaded')).toBeVisible()
    await expect(loaded(page, 250)).toBeVisible()
    expect(requests.count).toBeGreaterThan(0)
    expect(requests.count).toBeLessThanOrEqual(Math.ceil(250 / 100) + 1)
    // The first request has no start_with at all, and every one asks for a page of 100 (+ look-ahead, + overlap).
    const params = requests.urls.map((u) => new URL(u).searchParams)
    expect(params[0]!.has('start_with')).toBe(false)
    expect(params.every((p) => ['101', '102'].includes(p.get('take') ?? ''))).toBe(true)
  })

  test('a silent cap of 7 at page size 25: Load all still reaches every user, once each, in order', async ({ page, request }) => {
    // 400 users rather than 1,250 keep the ~6 new users per request to some 50 requests.
    const tenant = 'demo+cap7+n400'
    const expected = (await allUsers(request, 'demo+n400', false)).map((u) => u.id)
    expect(expected.length).toBeGreaterThan(25)
    expect(await allUsers(request, tenant, false)).toHaveLength(7)
    await openUsers(page, tenant, '?take=25')
    await expect(loaded(page, 7)).toBeVisible()
    await loadAll(page).click()
    await expect(page.getByText('All users loaded')).toBeVisible({ timeout: 25_000 })
    await expect(loaded(page, expected.length)).toBeVisible()
    await expect(page.getByText(/could not be read/)).toHaveCount(0)
    expect(await renderedIds(usersTable(page))).toEqual(expected)
  })
})
