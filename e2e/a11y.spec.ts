import type { Locator, Page } from '@playwright/test'
import { expect, expectNoSeriousA11yViolations, seedSettings, test } from './fixtures'

// Issue 7.1: axe on every screen and state, in light and in dark theme; focus on navigation; the
// keyboard path through the main actions with a visible focus ring; form errors tied to their fields.
// Clients tokens get a per-run suffix so no test shares a rate-limit bucket, not even with an earlier run.

const RUN = `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`
const tokenFor = (uniqueToken: string, ...flags: string[]) => [uniqueToken, ...flags, RUN].join('+')
const THEMES = ['light', 'dark'] as const
type Theme = (typeof THEMES)[number]

/** Chooses the theme with the app's own toggle key, before any script runs. */
async function useTheme(page: Page, theme: Theme) {
  await page.addInitScript((t) => localStorage.setItem('roster.theme', t), theme)
}

async function expectTheme(page: Page, theme: Theme) {
  if (theme === 'dark') await expect(page.locator('html')).toHaveClass(/\bdark\b/)
  else await expect(page.locator('html')).not.toHaveClass(/\bdark\b/)
}

const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name })
const alert = (page: Page) => page.getByRole('main').getByRole('alert')

interface State {
  name: string
  /** opens the state and waits until it is fully shown */
  open: (page: Page, uniqueToken: string) => Promise<void>
}

const STATES: State[] = [
  {
    name: 'Clients',
    open: async (page, uniqueToken) => {
      await seedSettings(page, { token: tokenFor(uniqueToken) })
      await page.goto('/clients')
      await expect(page.getByText('2,000 clients', { exact: true })).toBeVisible()
      await expect(page.getByRole('table', { name: 'Clients' }).getByRole('row').nth(1)).toBeVisible()
    },
  },
  {
    name: 'a client profile',
    open: async (page, uniqueToken) => {
      await seedSettings(page, { token: tokenFor(uniqueToken) })
      await page.goto('/clients/1')
      await expect(page.getByText('Client ID', { exact: true })).toBeVisible()
      await expect(page.getByRole('link', { name: 'Back to clients' })).toBeVisible()
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
    name: 'Users',
    open: async (page) => {
      await seedSettings(page, {})
      await page.goto('/users')
      await expect(page.getByText('100 users loaded', { exact: true })).toBeVisible()
    },
  },
  {
    name: 'Users with guests',
    open: async (page) => {
      await seedSettings(page, {})
      await page.goto('/users?guests=1')
      await expect(page.getByText('100 users loaded', { exact: true })).toBeVisible()
      await expect(page.getByRole('table', { name: 'Users' }).getByText('Guest', { exact: true }).first()).toBeVisible()
    },
  },
  {
    name: 'Settings with a validation error (and the demo banner)',
    open: async (page) => {
      await page.goto('/settings')
      await expect(page.getByText(/Demo data/)).toBeVisible()
      const base = page.getByLabel('Clients API base URL', { exact: true })
      await base.fill('javascript:alert(1)')
      await page.getByRole('button', { name: 'Save', exact: true }).click()
      await expect(base).toHaveAttribute('aria-invalid', 'true')
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
    name: 'clients 401 (wrong token)',
    open: async (page) => {
      await seedSettings(page, { token: 'wrong' })
      await page.goto('/clients')
      await expect(alert(page)).toContainText(/rejected the credentials/i)
    },
  },
  {
    name: 'clients 429 (rate limit)',
    open: async (page, uniqueToken) => {
      await seedSettings(page, { token: tokenFor(uniqueToken, 'limit0') })
      await page.goto('/clients')
      await expect(alert(page)).toContainText(/rate limit was reached/i)
      await expect(alert(page)).toContainText(/Try again in \d/)
    },
  },
  {
    name: 'clients wrong shape (details open)',
    open: async (page, uniqueToken) => {
      await seedSettings(page, { token: tokenFor(uniqueToken, 'shape') })
      await page.goto('/clients')
      await expect(alert(page)).toContainText('Unexpected response from the Clients API')
      await alert(page).getByText('Details').click()
      await expect(alert(page).locator('pre')).toBeVisible()
    },
  },
  {
    name: 'clients HTML error',
    open: async (page, uniqueToken) => {
      await seedSettings(page, { token: tokenFor(uniqueToken, 'html') })
      await page.goto('/clients')
      await expect(alert(page)).toBeVisible()
      await expect(alert(page).getByRole('button', { name: 'Try again' })).toBeVisible()
    },
  },
  {
    name: 'users 403 (not an administrator)',
    open: async (page) => {
      await seedSettings(page, { apiKey: 'demo-viewer-key' })
      await page.goto('/users')
      await expect(alert(page)).toContainText('Only BlueDolphin administrators can list users')
    },
  },
  {
    name: 'users 400 (lost cursor)',
    open: async (page) => {
      await seedSettings(page, { tenant: 'demo+lostcursor' })
      await page.goto('/users')
      await expect(page.getByText('100 users loaded', { exact: true })).toBeVisible()
      await page.getByRole('button', { name: 'Load more' }).click()
      await expect(alert(page)).toContainText('start_with value not found')
    },
  },
  {
    name: 'users empty tenant',
    open: async (page) => {
      await seedSettings(page, { tenant: 'demo+empty' })
      await page.goto('/users')
      await expect(page.getByText('No users yet')).toBeVisible()
    },
  },
  {
    name: 'the shortcuts dialog',
    open: async (page, uniqueToken) => {
      await seedSettings(page, { token: tokenFor(uniqueToken) })
      await page.goto('/clients')
      await expect(page.getByText('2,000 clients', { exact: true })).toBeVisible()
      await page.keyboard.press('?')
      await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible()
    },
  },
  {
    name: 'the open Activity panel',
    open: async (page, uniqueToken) => {
      await seedSettings(page, { token: tokenFor(uniqueToken) })
      await page.goto('/clients')
      await expect(page.getByText('2,000 clients', { exact: true })).toBeVisible()
      await page.getByText(/^Activity \(\d+\)$/).click()
      await expect(page.getByRole('region', { name: 'Activity' }).getByRole('table')).toBeVisible()
    },
  },
]

for (const theme of THEMES) {
  test.describe(`axe, ${theme} theme`, () => {
    for (const state of STATES) {
      test(`${state.name}: no serious or critical violations`, async ({ page, uniqueToken }) => {
        await useTheme(page, theme)
        await state.open(page, uniqueToken)
        await expectTheme(page, theme)
        await expectNoSeriousA11yViolations(page)
      })
    }
  })
}

/** The focused element shows a focus ring: it matches :focus-visible and draws a real outline. */
async function expectFocusRing(locator: Locator) {
  await expect(locator).toBeFocused()
  const ring = await locator.evaluate((el) => {
    const style = getComputedStyle(el)
    return { visible: el.matches(':focus-visible'), style: style.outlineStyle, width: parseFloat(style.outlineWidth) }
  })
  expect(ring.visible).toBe(true)
  expect(ring.style).not.toBe('none')
  expect(ring.width).toBeGreaterThanOrEqual(2)
}

/** Presses Tab until `target` has the focus (at most `max` times). */
async function tabTo(page: Page, target: Locator, max = 40) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab')
    if (await target.evaluate((el) => el === document.activeElement)) return
  }
  throw new Error(`Tab never reached ${target.toString()}`)
}

test.describe('focus and keyboard', () => {
  test('focus moves to the page heading on in-app navigation', async ({ page, uniqueToken }) => {
    await seedSettings(page, { token: tokenFor(uniqueToken) })
    await page.goto('/clients')
    await expect(page.getByText('2,000 clients', { exact: true })).toBeVisible()
    const nav = page.getByRole('navigation', { name: 'Main' })
    await nav.getByRole('link', { name: 'Users' }).click()
    await expect(h1(page, 'Users')).toBeFocused()
    await nav.getByRole('link', { name: 'Settings' }).click()
    await expect(h1(page, 'Settings')).toBeFocused()
    await nav.getByRole('link', { name: 'Clients' }).click()
    await expect(h1(page, 'Clients')).toBeFocused()
    const link = page.getByRole('table', { name: 'Clients' }).getByRole('row').nth(1).getByRole('link')
    const name = (await link.textContent())!
    await link.click()
    await expect(h1(page, name)).toBeFocused()
    await page.getByRole('link', { name: 'Back to clients' }).click()
    await expect(h1(page, 'Clients')).toBeFocused()
  })

  test('the skip link is the first Tab stop, visible, and leads into the main content', async ({ page, uniqueToken }) => {
    await seedSettings(page, { token: tokenFor(uniqueToken) })
    await page.goto('/clients')
    await expect(page.getByText('2,000 clients', { exact: true })).toBeVisible()
    await page.keyboard.press('Tab')
    const skip = page.getByRole('link', { name: 'Skip to content' })
    await expectFocusRing(skip)
    await expect(skip).toBeInViewport()
    await page.keyboard.press('Enter')
    await page.keyboard.press('Tab')
    await expect(page.getByRole('searchbox', { name: 'Search clients' })).toBeFocused()
  })

  test('Tab to a row link and Enter opens the profile, with a focus ring on the way', async ({ page, uniqueToken }) => {
    await seedSettings(page, { token: tokenFor(uniqueToken) })
    await page.goto('/clients')
    await expect(page.getByText('2,000 clients', { exact: true })).toBeVisible()
    await tabTo(page, page.getByRole('searchbox', { name: 'Search clients' }))
    await expectFocusRing(page.getByRole('searchbox', { name: 'Search clients' }))
    const link = page.getByRole('table', { name: 'Clients' }).getByRole('row').nth(1).getByRole('link')
    const name = (await link.textContent())!
    await tabTo(page, link)
    await expectFocusRing(link)
    const href = await link.getAttribute('href')
    await page.keyboard.press('Enter')
    await expect(page).toHaveURL(new RegExp(`${href}$`))
    await expect(h1(page, name)).toBeFocused()
    // and back, by keyboard too
    const back = page.getByRole('link', { name: 'Back to clients' })
    await tabTo(page, back)
    await expectFocusRing(back)
    await page.keyboard.press('Enter')
    await expect(h1(page, 'Clients')).toBeFocused()
  })

  test('a column sorts with Enter and Space, and aria-sort follows', async ({ page, uniqueToken }) => {
    await seedSettings(page, { token: tokenFor(uniqueToken) })
    await page.goto('/clients')
    await expect(page.getByText('2,000 clients', { exact: true })).toBeVisible()
    const table = page.getByRole('table', { name: 'Clients' })
    const header = table.getByRole('columnheader', { name: 'Client' })
    const button = header.getByRole('button')
    await expect(header).toHaveAttribute('aria-sort', 'none')
    await tabTo(page, button)
    await expectFocusRing(button)
    await page.keyboard.press('Enter')
    await expect(header).toHaveAttribute('aria-sort', 'ascending')
    await expect(page).toHaveURL(/[?&]sort=name\b/)
    await expect(button).toBeFocused()
    await page.keyboard.press('Space')
    await expect(header).toHaveAttribute('aria-sort', 'descending')
    await expect(page).toHaveURL(/[?&]sort=-name\b/)
    // another column by keyboard: Created sorts newest first, and Client gives up its sort
    const created = table.getByRole('columnheader', { name: 'Created' })
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    await expect(created.getByRole('button')).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(created).toHaveAttribute('aria-sort', 'descending')
    await expect(header).toHaveAttribute('aria-sort', 'none')
  })

  test('Users: Include guests, Page size and Load more work from the keyboard', async ({ page }) => {
    await seedSettings(page, {})
    await page.goto('/users')
    await expect(page.getByText('100 users loaded', { exact: true })).toBeVisible()
    const guests = page.getByRole('checkbox', { name: 'Include guests' })
    await tabTo(page, guests)
    await expectFocusRing(guests)
    await page.keyboard.press('Space')
    await expect(guests).toBeChecked()
    await expect(page).toHaveURL(/[?&]guests=1\b/)
    await expect(page.getByText('100 users loaded', { exact: true })).toBeVisible()
    const pageSize = page.getByRole('combobox', { name: 'Page size' })
    await page.keyboard.press('Tab')
    await expect(pageSize).toBeFocused()
    await page.keyboard.press('ArrowUp') // 100 → 50, without opening the list
    await expect(page).toHaveURL(/[?&]take=50\b/)
    await expect(page.getByText('50 users loaded', { exact: true })).toBeVisible()
    const more = page.getByRole('button', { name: 'Load more' })
    await tabTo(page, more, 80)
    await expectFocusRing(more)
    await page.keyboard.press('Enter')
    await expect(page.getByText('100 users loaded', { exact: true })).toBeVisible()
  })

  test('the theme, the Activity panel and the shortcuts dialog work from the keyboard, without a trap', async ({ page, uniqueToken }) => {
    // On a profile: on the list, Tab walks through every row link before it reaches the Activity panel.
    await seedSettings(page, { token: tokenFor(uniqueToken) })
    await page.goto('/clients/1')
    await expect(page.getByText('Client ID', { exact: true })).toBeVisible()
    const theme = page.getByRole('combobox', { name: 'Theme' })
    await tabTo(page, theme)
    await expectFocusRing(theme)
    await page.keyboard.press('ArrowDown') // System theme → Light
    await page.keyboard.press('ArrowDown') // → Dark
    await expect(theme).toHaveValue('dark')
    await expect(page.locator('html')).toHaveClass(/\bdark\b/)

    const summary = page.getByText(/^Activity \(\d+\)$/)
    await tabTo(page, summary)
    await expectFocusRing(summary)
    await page.keyboard.press('Enter')
    await expect(page.getByRole('region', { name: 'Activity' }).getByRole('table')).toBeVisible()

    // `?` opens the list; focus goes into it, Tab stays in it while open, Escape closes it
    await page.keyboard.press('?')
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await expect(dialog).toBeVisible()
    await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused()
    await page.keyboard.press('Escape')
    await expect(dialog).toBeHidden()
    await expect(summary).toBeFocused()
    // reopened and closed with its button, by keyboard
    await page.keyboard.press('?')
    await expect(dialog).toBeVisible()
    await expectFocusRing(dialog.getByRole('button', { name: 'Close' }))
    await page.keyboard.press('Enter')
    await expect(dialog).toBeHidden()
  })

  test('Settings: the secret toggle, Use demo credentials and Save work from the keyboard', async ({ page }) => {
    await page.goto('/settings')
    await expect(h1(page, 'Settings')).toBeVisible()
    const show = page.getByRole('button', { name: 'Show Bearer token' })
    await tabTo(page, show)
    await expectFocusRing(show)
    await page.keyboard.press('Enter')
    await expect(page.getByLabel('Bearer token', { exact: true })).toHaveAttribute('type', 'text')
    const demo = page.getByRole('button', { name: 'Use demo credentials' })
    await tabTo(page, demo)
    await page.keyboard.press('Enter')
    await expect(page.getByLabel('Tenant', { exact: true })).toHaveValue('demo')
    await page.getByLabel('Tenant', { exact: true }).focus()
    await page.keyboard.press('Enter') // Enter in a field submits the form
    await expect(page.getByRole('main').getByRole('status')).toHaveText('Settings saved')
  })
})

test.describe('form errors', () => {
  test('each invalid Settings field is aria-invalid and described by its own error', async ({ page }) => {
    await page.goto('/settings')
    await expect(h1(page, 'Settings')).toBeVisible()
    const cases = [
      { label: 'Clients API base URL', value: 'javascript:alert(1)', message: /http\(s\) URL/ },
      { label: 'Bearer token', value: 'has a space', message: 'Use visible characters only, without spaces or line breaks.' },
      { label: 'API key', value: 'line\u00a0break', message: 'Use visible characters only, without spaces or line breaks.' },
      { label: 'Tenant', value: 'two words', message: 'A tenant name has no spaces.' },
    ] as const
    for (const c of cases) await page.getByLabel(c.label, { exact: true }).fill(c.value)
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await expect(page.getByRole('main').getByRole('status')).toContainText(/not saved/i)
    for (const c of cases) {
      const input = page.getByLabel(c.label, { exact: true })
      await expect(input).toHaveAttribute('aria-invalid', 'true')
      await expect(input).toHaveAccessibleDescription(c.message)
      // the description is the visible error text next to the field, found through aria-describedby
      const describedBy = (await input.getAttribute('aria-describedby'))!
      expect(describedBy).toBeTruthy()
      await expect(page.locator(`[id="${describedBy}"]`)).toBeVisible()
    }
    // fixed fields lose the mark and the error on the next Save
    await page.getByLabel('Tenant', { exact: true }).fill('demo')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await expect(page.getByLabel('Tenant', { exact: true })).not.toHaveAttribute('aria-invalid', 'true')
    await expect(page.getByText('A tenant name has no spaces.')).toHaveCount(0)
  })
})
