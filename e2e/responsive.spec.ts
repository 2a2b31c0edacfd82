import type { Locator, Page } from '@playwright/test'
import { expect, seedSettings, test } from './fixtures'

// Issue 7.2: at 375 px wide every screen is usable: no page-level sideways scrolling, the navigation
// folds into Menu, tables scroll sideways in their own container with the name column pinned.

const RUN = `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`
const tokenFor = (uniqueToken: string, ...flags: string[]) => [uniqueToken, ...flags, RUN].join('+')
const WIDTH = 375

test.use({ viewport: { width: WIDTH, height: 740 } })

async function expectNoPageScrollbar(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => {
    const el = document.scrollingElement!
    return { scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }
  })
  expect(clientWidth).toBeLessThanOrEqual(WIDTH)
  expect(scrollWidth, 'the page itself must not scroll sideways').toBeLessThanOrEqual(clientWidth)
}

/** The element lies wholly inside the viewport's width. */
async function expectFitsWidth(locator: Locator) {
  const box = (await locator.boundingBox())!
  expect(box, `${locator.toString()} has a box`).not.toBeNull()
  expect(box.x).toBeGreaterThanOrEqual(0)
  expect(box.x + box.width).toBeLessThanOrEqual(WIDTH)
}

const screens: { name: string; open: (page: Page, uniqueToken: string) => Promise<void> }[] = [
  {
    name: 'Clients',
    open: async (page, uniqueToken) => {
      await seedSettings(page, { token: tokenFor(uniqueToken) })
      await page.goto('/clients')
      await expect(page.getByText('2,000 clients', { exact: true })).toBeVisible()
    },
  },
  {
    name: 'a client profile',
    open: async (page, uniqueToken) => {
      await seedSettings(page, { token: tokenFor(uniqueToken) })
      await page.goto('/clients/1')
      await expect(page.getByText('Client ID', { exact: true })).toBeVisible()
    },
  },
  {
    name: 'Client not found',
    open: async (page, uniqueToken) => {
      await seedSettings(page, { token: tokenFor(uniqueToken) })
      await page.goto('/clients/999999')
      await expect(page.getByText('Client not found')).toBeVisible()
    },
  },
  {
    name: 'Users with guests',
    open: async (page) => {
      await seedSettings(page, {})
      await page.goto('/users?guests=1')
      await expect(page.getByText('100 users loaded', { exact: true })).toBeVisible()
    },
  },
  {
    name: 'Settings with the demo banner',
    open: async (page) => {
      await page.goto('/settings')
      await expect(page.getByText(/Demo data/)).toBeVisible()
    },
  },
  {
    name: 'Page not found',
    open: async (page) => {
      await page.goto('/no/such/page')
      await expect(page.getByText('Page not found')).toBeVisible()
    },
  },
  {
    name: 'a clients error (wrong shape, details open)',
    open: async (page, uniqueToken) => {
      await seedSettings(page, { token: tokenFor(uniqueToken, 'shape') })
      await page.goto('/clients')
      const alert = page.getByRole('main').getByRole('alert')
      await expect(alert).toContainText('Unexpected response from the Clients API')
      await alert.getByText('Details').click()
    },
  },
  {
    name: 'the open Activity panel',
    open: async (page) => {
      await seedSettings(page, { token: 'wrong' })
      await page.goto('/clients')
      await expect(page.getByRole('main').getByRole('alert')).toBeVisible()
      await page.getByText(/^Activity \(\d+\)$/).click()
      await expect(page.getByRole('region', { name: 'Activity' }).getByRole('table')).toBeVisible()
    },
  },
]

for (const screen of screens) {
  test(`${screen.name} at 375 px: no page-level horizontal scrollbar`, async ({ page, uniqueToken }) => {
    await screen.open(page, uniqueToken)
    await expectNoPageScrollbar(page)
    await expect(page.getByRole('button', { name: 'Menu' })).toBeVisible()
  })
}

test('the navigation folds into Menu; opening it and choosing Users goes to Users', async ({ page, uniqueToken }) => {
  await seedSettings(page, { token: tokenFor(uniqueToken) })
  await page.goto('/clients')
  await expect(page.getByText('2,000 clients', { exact: true })).toBeVisible()
  const nav = page.getByRole('navigation', { name: 'Main' })
  const menu = page.getByRole('button', { name: 'Menu' })
  await expect(nav.getByRole('link', { name: 'Users' })).toBeHidden()
  await expect(menu).toHaveAttribute('aria-expanded', 'false')
  await menu.click()
  await expect(menu).toHaveAttribute('aria-expanded', 'true')
  for (const name of ['Clients', 'Users', 'Settings']) await expectFitsWidth(nav.getByRole('link', { name }))
  await expectFitsWidth(page.getByRole('combobox', { name: 'Theme' }))
  await expectNoPageScrollbar(page)
  await nav.getByRole('link', { name: 'Users' }).click()
  await expect(page).toHaveURL(/\/users$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeFocused()
  await expect(menu).toHaveAttribute('aria-expanded', 'false')
  await expect(nav.getByRole('link', { name: 'Users' })).toBeHidden()
})

test('the Menu button opens and closes from the keyboard', async ({ page }) => {
  await page.goto('/settings')
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
  const menu = page.getByRole('button', { name: 'Menu' })
  await menu.focus()
  await page.keyboard.press('Enter')
  const nav = page.getByRole('navigation', { name: 'Main' })
  await expect(nav.getByRole('link', { name: 'Clients' })).toBeVisible()
  await page.keyboard.press('Tab')
  await expect(nav.getByRole('link', { name: 'Clients' })).toBeFocused()
  await page.keyboard.press('Shift+Tab')
  await page.keyboard.press('Space')
  await expect(nav.getByRole('link', { name: 'Clients' })).toBeHidden()
  // Escape inside the open menu closes it and gives focus back to the button.
  await page.keyboard.press('Space')
  await page.keyboard.press('Tab')
  await page.keyboard.press('Escape')
  await expect(nav.getByRole('link', { name: 'Clients' })).toBeHidden()
  await expect(menu).toBeFocused()
})

for (const [name, path, wait] of [
  ['Clients', '/clients', '2,000 clients'],
  ['Users', '/users?guests=1', '100 users loaded'],
] as const) {
  test(`the ${name} table scrolls sideways in its own container, with the name column pinned`, async ({ page, uniqueToken }) => {
    await seedSettings(page, { token: tokenFor(uniqueToken) })
    await page.goto(path)
    await expect(page.getByText(wait, { exact: true })).toBeVisible()
    const table = page.getByRole('table', { name })
    const container = table.locator('xpath=..')
    const sizes = await container.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }))
    expect(sizes.scrollWidth).toBeGreaterThan(sizes.clientWidth)
    await expectFitsWidth(container)

    const row = table.getByRole('row').nth(1)
    const nameCell = row.getByRole('cell').first()
    const secondCell = row.getByRole('cell').nth(1)
    const nameHeader = table.getByRole('columnheader').first()
    const before = { cell: (await nameCell.boundingBox())!, second: (await secondCell.boundingBox())!, head: (await nameHeader.boundingBox())! }

    await container.evaluate((el) => el.scrollBy({ left: 200 }))
    await expect.poll(() => container.evaluate((el) => el.scrollLeft)).toBeGreaterThanOrEqual(150)
    await expect.poll(async () => (await secondCell.boundingBox())!.x).toBeLessThan(before.second.x - 100)
    const after = { cell: (await nameCell.boundingBox())!, head: (await nameHeader.boundingBox())! }
    expect(after.cell.x).toBeCloseTo(before.cell.x, 0)
    expect(after.head.x).toBeCloseTo(before.head.x, 0)
    // the name stays readable: the pinned cell is painted over the cells that scroll under it
    const onTop = await nameCell.evaluate((td) => {
      const r = td.getBoundingClientRect()
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)
      return !!hit && td.contains(hit)
    })
    expect(onTop).toBe(true)
    await expectNoPageScrollbar(page)
  })
}

test('Settings fields and buttons fit in 375 px, also with an error shown', async ({ page }) => {
  await page.goto('/settings')
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
  await page.getByLabel('Clients API base URL', { exact: true }).fill('javascript:alert(1)')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByLabel('Clients API base URL', { exact: true })).toHaveAttribute('aria-invalid', 'true')
  for (const label of ['Clients API base URL', 'Bearer token', 'Region', 'BlueDolphin API base URL', 'API key', 'Tenant']) {
    const input = page.getByLabel(label, { exact: true })
    await expectFitsWidth(input)
    // wide enough to type in
    expect((await input.boundingBox())!.width).toBeGreaterThanOrEqual(150)
  }
  for (const name of ['Show Bearer token', 'Show API key', 'Save', 'Test Clients API', 'Test BlueDolphin API', 'Use demo credentials', 'Forget credentials']) {
    await expectFitsWidth(page.getByRole('button', { name, exact: true }))
  }
  await expectFitsWidth(page.getByRole('checkbox', { name: /Remember on this device/ }))
  await expectNoPageScrollbar(page)
})
