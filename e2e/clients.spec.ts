import type { APIRequestContext, Page } from '@playwright/test'
import type { Client as ApiClient } from '../server/demo/data.ts'
import { countRequests, expect, expectNoSeriousA11yViolations, seedSettings, test } from './fixtures'

// Clients screens on the built-in demo API (2,000 seeded clients). Every test uses a token of its
// own for this run (`<uniqueToken>+<flags>+r<run>`), so tests never share a rate-limit bucket, not
// even with an earlier run of the same test against the same server.


const LIST = '/api/clients/clients'
const RUN = `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`

/** This test's own token for this run, with demo flags (`limit2`, `html`, …). */
const tokenFor = (uniqueToken: string, ...flags: string[]) => [uniqueToken, ...flags, RUN].join('+')

/** The demo data exactly as the API sends it, read with a token of its own. */
async function fetchClients(request: APIRequestContext, uniqueToken: string): Promise<ApiClient[]> {
  const response = await request.get(LIST, { headers: { Authorization: `Bearer ${tokenFor(uniqueToken, 'fixture')}` } })
  expect(response.status()).toBe(200)
  const body = (await response.json()) as { client: ApiClient[] }
  expect(body.client.length).toBe(2000)
  return body.client
}

// Reference versions of the contract (SPEC §1, §2), written independently of the app's code.
const fullName = (c: ApiClient) => [c.last_name, c.first_name, c.patronymic].filter((p) => p.trim() !== '').join(' ')
const initials = (c: ApiClient) => `${[...c.first_name][0] ?? ''}${[...c.last_name][0] ?? ''}`.toUpperCase()
const fold = (s: string) => s.toLowerCase().replaceAll('ё', 'е')
const nameOrEmailMatches = (c: ApiClient, query: string) => {
  const key = `${fold(fullName(c))}\n${fold(c.email_address)}`
  return fold(query)
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => key.includes(word))
}
const formattedRuPhone = (digits: string) =>
  `+7 ${digits.slice(1, 4)} ${digits.slice(4, 7)}-${digits.slice(7, 9)}-${digits.slice(9, 11)}`

async function openList(page: Page, token: string, path = '/clients') {
  await seedSettings(page, { token })
  await page.goto(path)
  await expect(page.getByRole('heading', { level: 1, name: 'Clients' })).toBeVisible()
}

const clientsTable = (page: Page) => page.getByRole('table', { name: 'Clients' })
/** The first data row (row 0 is the header row; the virtualizer's spacer rows are aria-hidden). */
const firstRow = (page: Page) => clientsTable(page).getByRole('row').nth(1)
const searchBox = (page: Page) => page.getByRole('searchbox', { name: 'Search clients' })
/** The value cell of a profile field, found by its label. */
const field = (page: Page, label: string) =>
  page.locator('dl > div').filter({ has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd')

test.describe('clients list', () => {
  test('shows every client with a count, the columns and a link per row', async ({ page, uniqueToken, request, consoleErrors }) => {
    const clients = await fetchClients(request, uniqueToken)
    await openList(page, tokenFor(uniqueToken))
    await expect(page.getByText('2,000 clients', { exact: true })).toBeVisible()
    await expect(page).toHaveTitle('Clients · Roster')
    for (const name of ['Client', 'Email', 'Phone', 'Created']) {
      await expect(clientsTable(page).getByRole('columnheader', { name })).toBeVisible()
    }
    // Unsorted, the list is in the API's order.
    const first = clients[0]!
    const link = firstRow(page).getByRole('link', { name: fullName(first) })
    await expect(link).toHaveAttribute('href', `/clients/${first.client_id}`)
    await expect(firstRow(page)).toContainText(first.email_address)
    await expect(firstRow(page)).toContainText(formattedRuPhone(first.phone_number))
    // Some demo pictures are broken on purpose (the avatars fall back to initials); nothing else may fail.
    expect(consoleErrors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([])
  })

  test('finds a client by the words of the name in another order', async ({ page, uniqueToken, request }) => {
    const clients = await fetchClients(request, uniqueToken)
    await openList(page, tokenFor(uniqueToken))
    const name = (await firstRow(page).getByRole('link').textContent())?.trim() ?? ''
    const [last, first, patronymic] = name.split(' ')
    expect(patronymic, `a three-part name in the first row, got "${name}"`).toBeTruthy()
    const query = `${patronymic} ${first!.toUpperCase()} ${last!.toLowerCase()}`
    const expected = clients.filter((c) => nameOrEmailMatches(c, query)).length
    expect(expected).toBeGreaterThan(0)

    await searchBox(page).fill(query)
    await expect(page.getByText(`${expected} of 2,000 clients`, { exact: true })).toBeVisible()
    await expect(clientsTable(page).getByRole('link', { name, exact: true }).first()).toBeVisible()
    await expect(clientsTable(page).getByRole('row')).toHaveCount(expected + 1)
  })

  test('treats ё typed as е, and е typed as ё, as the same letter', async ({ page, uniqueToken, request }) => {
    const clients = await fetchClients(request, uniqueToken)
    const withYo = clients.find((c) => /ё/.test(c.first_name) && !/ё/.test(c.last_name))!
    const withoutYo = clients.find((c) => /е/.test(c.last_name) && !/[ёЁ]/.test(fullName(c)))!
    await openList(page, tokenFor(uniqueToken))
    await expect(page.getByText('2,000 clients', { exact: true })).toBeVisible()

    // The data has ё (Семён), the query has е (Семен).
    const plain = `${withYo.first_name.replaceAll('ё', 'е')} ${withYo.last_name}`
    const plainCount = clients.filter((c) => nameOrEmailMatches(c, plain)).length
    await searchBox(page).fill(plain)
    await expect(page.getByText(`${plainCount} of 2,000 clients`, { exact: true })).toBeVisible()
    await expect(clientsTable(page).getByRole('link', { name: fullName(withYo), exact: true }).first()).toBeVisible()

    // The data has е (Кузнецова), the query has ё (Кузнёцова).
    const yo = `${withoutYo.last_name.replace('е', 'ё')} ${withoutYo.first_name}`
    expect(yo).not.toBe(`${withoutYo.last_name} ${withoutYo.first_name}`)
    const yoCount = clients.filter((c) => nameOrEmailMatches(c, yo)).length
    await searchBox(page).fill(yo)
    await expect(page.getByText(`${yoCount} of 2,000 clients`, { exact: true })).toBeVisible()
    await expect(clientsTable(page).getByRole('link', { name: fullName(withoutYo), exact: true }).first()).toBeVisible()
  })

  test('finds a client by phone digits typed with formatting', async ({ page, uniqueToken, request }) => {
    const clients = await fetchClients(request, uniqueToken)
    const target = clients.find((c) => /^79\d{9}$/.test(c.phone_number))!
    const digits = target.phone_number
    const typed = `+7 (${digits.slice(1, 4)}) ${digits.slice(4, 7)}-${digits.slice(7, 9)}-${digits.slice(9)}`
    const expected = clients.filter((c) => c.phone_number.includes(digits)).length
    await openList(page, tokenFor(uniqueToken))
    await searchBox(page).fill(typed)
    await expect(page.getByText(`${expected} of 2,000 clients`, { exact: true })).toBeVisible()
    await expect(firstRow(page)).toContainText(formattedRuPhone(digits))
    await expect(clientsTable(page).getByRole('link', { name: fullName(target), exact: true })).toBeVisible()
  })

  test('keeps the search in the URL as ?q= and reads it back', async ({ page, uniqueToken, request }) => {
    const clients = await fetchClients(request, uniqueToken)
    const query = clients[1]!.last_name
    const expected = clients.filter((c) => nameOrEmailMatches(c, query)).length
    await openList(page, tokenFor(uniqueToken))
    await searchBox(page).fill(query)
    await expect(page).toHaveURL((url) => url.searchParams.get('q') === query)
    await expect(page.getByText(`${expected} of 2,000 clients`, { exact: true })).toBeVisible()

    await page.reload()
    await expect(searchBox(page)).toHaveValue(query)
    await expect(page.getByText(`${expected} of 2,000 clients`, { exact: true })).toBeVisible()

    await searchBox(page).fill('')
    await expect(page).toHaveURL((url) => !url.searchParams.has('q'))
    await expect(page.getByText('2,000 clients', { exact: true })).toBeVisible()
  })

  test('says why the list is empty when nothing matches', async ({ page, uniqueToken }) => {
    await openList(page, tokenFor(uniqueToken), '/clients?q=zzzqqq')
    await expect(page.getByText('No clients match "zzzqqq"')).toBeVisible()
    await expect(page.getByText('0 of 2,000 clients', { exact: true })).toBeVisible()
  })

  test('the Clients nav link on a filtered list shows the whole list again, and the search stays cleared', async ({ page, uniqueToken }) => {
    await openList(page, tokenFor(uniqueToken), '/clients?q=zzzqqq')
    await expect(page.getByText('0 of 2,000 clients', { exact: true })).toBeVisible()
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clients' }).click()
    await expect(searchBox(page)).toHaveValue('')
    await expect(page.getByText('2,000 clients', { exact: true })).toBeVisible()
    // The old search is not written back once the debounce has passed.
    await page.waitForTimeout(600)
    expect(new URL(page.url()).search).toBe('')
    await expect(searchBox(page)).toHaveValue('')
  })

  test('sorts by name, both ways, with aria-sort and ?sort= in the URL', async ({ page, uniqueToken, request }) => {
    const clients = await fetchClients(request, uniqueToken)
    const collator = new Intl.Collator('en-US', { sensitivity: 'base', numeric: true })
    const names = clients.map(fullName).sort(collator.compare)
    await openList(page, tokenFor(uniqueToken))
    const header = clientsTable(page).getByRole('columnheader', { name: 'Client' })
    await expect(header).toHaveAttribute('aria-sort', 'none')
    const unsortedFirst = fullName(clients[0]!)
    await expect(firstRow(page).getByRole('link')).toHaveText(unsortedFirst)
    expect(names[0]).not.toBe(unsortedFirst)

    await header.getByRole('button').click()
    await expect(header).toHaveAttribute('aria-sort', 'ascending')
    await expect(page).toHaveURL((url) => url.searchParams.get('sort') === 'name')
    await expect(firstRow(page).getByRole('link')).toHaveText(names[0]!)

    await header.getByRole('button').click()
    await expect(header).toHaveAttribute('aria-sort', 'descending')
    await expect(page).toHaveURL((url) => url.searchParams.get('sort') === '-name')
    await expect(firstRow(page).getByRole('link')).toHaveText(names[names.length - 1]!)
  })

  test('sorts by created date, newest first, then oldest first', async ({ page, uniqueToken, request }) => {
    const clients = await fetchClients(request, uniqueToken)
    const byCreated = [...clients].sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at))
    const oldest = byCreated[0]!
    const newest = byCreated[byCreated.length - 1]!
    await openList(page, tokenFor(uniqueToken))
    const header = clientsTable(page).getByRole('columnheader', { name: 'Created' })
    const client = clientsTable(page).getByRole('columnheader', { name: 'Client' })
    await expect(header).toHaveAttribute('aria-sort', 'none')

    await header.getByRole('button').click()
    await expect(header).toHaveAttribute('aria-sort', 'descending')
    await expect(client).toHaveAttribute('aria-sort', 'none')
    await expect(page).toHaveURL((url) => url.searchParams.get('sort') === '-created')
    await expect(firstRow(page).getByRole('link')).toHaveText(fullName(newest))
    await expect(firstRow(page).locator('time')).toHaveAttribute('datetime', newest.created_at)

    await header.getByRole('button').click()
    await expect(header).toHaveAttribute('aria-sort', 'ascending')
    await expect(page).toHaveURL((url) => url.searchParams.get('sort') === 'created')
    await expect(firstRow(page).getByRole('link')).toHaveText(fullName(oldest))
    await expect(firstRow(page).locator('time')).toHaveAttribute('datetime', oldest.created_at)
  })

  test('reads the sort from the URL', async ({ page, uniqueToken, request }) => {
    const clients = await fetchClients(request, uniqueToken)
    const newest = [...clients].sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at))[0]!
    await openList(page, tokenFor(uniqueToken), '/clients?sort=-created')
    await expect(clientsTable(page).getByRole('columnheader', { name: 'Created' })).toHaveAttribute('aria-sort', 'descending')
    await expect(firstRow(page).getByRole('link')).toHaveText(fullName(newest))
  })

  test('the search box is focused by pressing /', async ({ page, uniqueToken }) => {
    await openList(page, tokenFor(uniqueToken))
    await expect(page.getByText('2,000 clients', { exact: true })).toBeVisible()
    await expect(searchBox(page)).not.toBeFocused()
    await page.locator('body').press('/')
    await expect(searchBox(page)).toBeFocused()
    // The slash focuses the box; it is not typed into it.
    await expect(searchBox(page)).toHaveValue('')
  })

  test('has no serious accessibility violations', async ({ page, uniqueToken }) => {
    await openList(page, tokenFor(uniqueToken))
    await expect(page.getByText('2,000 clients', { exact: true })).toBeVisible()
    await expectNoSeriousA11yViolations(page)
  })
})

test.describe('client profile', () => {
  test('opens from a row link and shows every field', async ({ page, uniqueToken, request, consoleErrors }) => {
    const clients = await fetchClients(request, uniqueToken)
    const c = clients.find((x) => /^79\d{9}$/.test(x.phone_number) && /\/demo-avatars\/\d+\.png$/.test(x.profile_picture_url))!
    await openList(page, tokenFor(uniqueToken), `/clients?q=${encodeURIComponent(c.email_address)}`)
    await clientsTable(page).getByRole('link', { name: fullName(c), exact: true }).click()

    await expect(page).toHaveURL(new RegExp(`/clients/${c.client_id}$`))
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(fullName(c))
    await expect(page).toHaveTitle(`${fullName(c)} · Roster`)

    const email = field(page, 'Email').getByRole('link', { name: c.email_address })
    await expect(email).toHaveAttribute('href', `mailto:${c.email_address}`)

    const phone = field(page, 'Phone').getByRole('link')
    await expect(phone).toHaveText(formattedRuPhone(c.phone_number))
    await expect(phone).toHaveText(/^\+7 \d{3} \d{3}-\d{2}-\d{2}$/)
    await expect(phone).toHaveAttribute('href', `tel:+${c.phone_number}`)

    await expect(field(page, 'Client ID')).toHaveText(String(c.client_id))

    const created = field(page, 'Created').locator('time')
    await expect(created).toHaveAttribute('datetime', c.created_at)
    await expect(created).not.toHaveText(c.created_at) // locale-formatted, not the raw ISO text
    await expect(created).toContainText(c.created_at.slice(0, 4))

    const picture = page.getByRole('img', { name: `Profile picture of ${fullName(c)}` })
    await expect(picture).toHaveAttribute('src', c.profile_picture_url)
    await expect(picture).toHaveCSS('opacity', '1') // shown once it has loaded
    expect(await picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0)
    expect(consoleErrors).toEqual([])
    await expectNoSeriousA11yViolations(page)
  })

  test('a deep link to /clients/<id> shows that client', async ({ page, uniqueToken, request }) => {
    const clients = await fetchClients(request, uniqueToken)
    const c = clients.find((x) => x.client_id === 42)!
    await seedSettings(page, { token: tokenFor(uniqueToken) })
    await page.goto('/clients/42')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(fullName(c))
    await expect(field(page, 'Client ID')).toHaveText('42')
    await expect(page.getByRole('link', { name: 'Back to clients' })).toHaveAttribute('href', '/clients')
  })

  test('Back to clients keeps the search', async ({ page, uniqueToken, request }) => {
    const clients = await fetchClients(request, uniqueToken)
    const query = clients[0]!.last_name
    const expected = clients.filter((c) => nameOrEmailMatches(c, query)).length
    await openList(page, tokenFor(uniqueToken), `/clients?q=${encodeURIComponent(query)}`)
    await expect(page.getByText(`${expected} of 2,000 clients`, { exact: true })).toBeVisible()
    await firstRow(page).getByRole('link').click()
    await expect(page).toHaveURL(/\/clients\/\d+$/)

    await page.getByRole('link', { name: 'Back to clients' }).click()
    await expect(page).toHaveURL((url) => url.pathname === '/clients' && url.searchParams.get('q') === query)
    await expect(searchBox(page)).toHaveValue(query)
    await expect(page.getByText(`${expected} of 2,000 clients`, { exact: true })).toBeVisible()
  })

  for (const id of ['999999', 'abc']) {
    test(`/clients/${id} says Client not found, with the back link`, async ({ page, uniqueToken }) => {
      await seedSettings(page, { token: tokenFor(uniqueToken) })
      await page.goto(`/clients/${id}`)
      await expect(page.getByText('Client not found')).toBeVisible()
      await page.getByRole('link', { name: 'Back to clients' }).click()
      await expect(page).toHaveURL(/\/clients$/)
      await expect(page.getByRole('heading', { level: 1, name: 'Clients' })).toBeVisible()
    })
  }

  for (const kind of ['broken', 'empty'] as const) {
    test(`a client whose picture URL is ${kind} shows initials and no broken image`, async ({ page, uniqueToken, request }) => {
      const clients = await fetchClients(request, uniqueToken)
      const c = clients.find((x) => (kind === 'broken' ? x.profile_picture_url.includes('missing-') : x.profile_picture_url === ''))
      expect(c, `a demo client with a ${kind} picture URL`).toBeDefined()
      await seedSettings(page, { token: tokenFor(uniqueToken) })
      await page.goto(`/clients/${c!.client_id}`)
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(fullName(c!))
      const profile = page.getByRole('article')
      // A failed picture is removed; an empty URL never makes one.
      await expect(profile.locator('img')).toHaveCount(0)
      await expect(profile.getByText(initials(c!), { exact: true })).toBeVisible()
    })
  }
})

test.describe('clients errors', () => {
  test('a wrong token says the credentials were rejected, with a link to settings', async ({ page }) => {
    await seedSettings(page, { token: 'wrong' })
    await page.goto('/clients')
    const alert = page.getByRole('alert')
    await expect(alert).toContainText(/rejected the credentials/i)
    await alert.getByRole('link', { name: 'Open settings' }).click()
    await expect(page).toHaveURL(/\/settings$/)
  })

  test('a 429 says the rate limit was reached, counts down and disables Refresh', async ({ page, uniqueToken, request }) => {
    const token = tokenFor(uniqueToken, 'limit2')
    // Another client of the same token used the quota up: Roster's first request is refused.
    for (let i = 0; i < 2; i++) {
      const response = await request.get(LIST, { headers: { Authorization: `Bearer ${token}` } })
      expect(response.status()).toBe(200)
    }
    const requests = countRequests(page, LIST)
    await seedSettings(page, { token })
    await page.goto('/clients')
    const alert = page.getByRole('alert')
    await expect(alert).toContainText(/rate limit was reached/i)
    await expect(alert).toContainText(/Try again in \d/)
    await expect(page.getByRole('button', { name: 'Refresh' })).toBeDisabled()
    await expect(alert.getByRole('button')).toHaveCount(0)
    // No automatic retry while the countdown runs.
    await page.waitForTimeout(1500)
    expect(requests.count).toBe(1)
  })

  test('a 429 on a deep link to a profile also counts down, with no way to retry early', async ({ page, uniqueToken, request }) => {
    const token = tokenFor(uniqueToken, 'limit1')
    expect((await request.get(LIST, { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(200)
    const requests = countRequests(page, LIST)
    await seedSettings(page, { token })
    await page.goto('/clients/5')
    const alert = page.getByRole('alert')
    await expect(alert).toContainText(/rate limit was reached/i)
    await expect(alert).toContainText(/Try again in \d/)
    await expect(alert.getByRole('button')).toHaveCount(0)
    await expect(page.getByRole('link', { name: 'Back to clients' })).toBeVisible()
    expect(requests.count).toBe(1)
  })

  test('Refresh until the limit is used up: the limit is announced with a countdown and Refresh is disabled', async ({ page, uniqueToken }) => {
    const requests = countRequests(page, LIST)
    await openList(page, tokenFor(uniqueToken, 'limit2'))
    await expect(page.getByText('2,000 clients', { exact: true })).toBeVisible()
    const refresh = page.getByRole('button', { name: 'Refresh' })
    await expect(page.getByRole('alert')).toHaveCount(0)
    await refresh.click() // the second request of two: the API says none are left
    const alert = page.getByRole('alert')
    await expect(alert).toContainText(/rate limit was reached/i)
    await expect(alert).toContainText(/Try again in \d/)
    // the second Refresh cannot be sent: Roster does not spend a request it knows will be refused
    await expect(refresh).toBeDisabled()
    await expect(page.getByText('2,000 clients', { exact: true })).toBeVisible()
    expect(requests.count).toBe(2)
  })

  test('malformed records are skipped and counted, the rest of the list shows', async ({ page, uniqueToken }) => {
    await openList(page, tokenFor(uniqueToken, 'malformed'))
    await expect(page.getByText(/\d+ records? could not be read/)).toBeVisible()
    await expect(page.getByText(/^2,00\d clients$/)).toBeVisible()
    await expect(firstRow(page).getByRole('link')).toBeVisible()
    await expect(page.getByRole('alert')).toHaveCount(0)
  })

  test('a response of the wrong shape says Unexpected response from the Clients API', async ({ page, uniqueToken }) => {
    await openList(page, tokenFor(uniqueToken, 'shape'))
    await expect(page.getByRole('alert')).toContainText('Unexpected response from the Clients API')
    await expect(clientsTable(page)).toHaveCount(0)
  })

  test('an HTML error page is reported without any HTML', async ({ page, uniqueToken }) => {
    await openList(page, tokenFor(uniqueToken, 'html'))
    const alert = page.getByRole('alert')
    await expect(alert).toBeVisible()
    const text = await alert.innerText()
    expect(text.trim()).not.toBe('')
    expect(text).not.toMatch(/<\/?[a-z!][^>]*>/i)
    expect(text).not.toContain('alert(1)')
  })
})

test.describe('clients requests', () => {
  test('one request on open, none for a profile and back, none on focus', async ({ page, uniqueToken }) => {
    const requests = countRequests(page, LIST)
    await openList(page, tokenFor(uniqueToken))
    await expect(page.getByText('2,000 clients', { exact: true })).toBeVisible()
    expect(requests.count).toBe(1)

    await firstRow(page).getByRole('link').click()
    await expect(page.getByRole('link', { name: 'Back to clients' })).toBeVisible()
    await expect(field(page, 'Client ID')).toBeVisible()
    await page.getByRole('link', { name: 'Back to clients' }).click()
    await expect(page.getByText('2,000 clients', { exact: true })).toBeVisible()
    expect(requests.count).toBe(1)

    await page.evaluate(() => {
      window.dispatchEvent(new Event('focus'))
      document.dispatchEvent(new Event('visibilitychange'))
    })
    await page.waitForTimeout(1000)
    expect(requests.count).toBe(1)
  })
})
