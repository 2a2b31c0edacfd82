import { expect, test } from './fixtures'

test('a fresh start shows the demo banner, the navigation and clients, without console errors', async ({ page, consoleErrors }) => {
  await page.goto('/')
  await expect(page).toHaveURL(/\/clients$/)
  await expect(page.getByText(/Demo data/)).toBeVisible()
  const nav = page.getByRole('navigation', { name: 'Main' })
  for (const name of ['Clients', 'Users', 'Settings']) await expect(nav.getByRole('link', { name })).toBeVisible()
  await expect(page.getByRole('heading', { level: 1, name: 'Clients' })).toBeVisible()
  await expect(page.getByText('2,000 clients')).toBeVisible()
  await expect(page).toHaveTitle('Clients · Roster')
  expect(consoleErrors).toEqual([])
})

test('an unknown route says Page not found with a link home', async ({ page }) => {
  await page.goto('/no/such/page')
  await expect(page.getByText('Page not found')).toBeVisible()
  await page.getByRole('link', { name: /home/i }).click()
  await expect(page).toHaveURL(/\/clients$/)
})

test('a screen whose code fails to download says so, and the next visit downloads it again', async ({ page }) => {
  let refused = 0
  // The Users screen's chunk fails once (offline for a moment, or a redeploy), then arrives.
  await page.route(/\/assets\/users-page-[\w-]+\.js$/, (route) => {
    if (refused > 0) return route.continue()
    refused++
    return route.abort('internetdisconnected')
  })
  await page.goto('/clients')
  await expect(page.getByRole('heading', { level: 1, name: 'Clients' })).toBeVisible()
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Something went wrong' })).toBeVisible()
  expect(refused).toBe(1)

  await page.getByRole('link', { name: 'Back to clients' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Clients' })).toBeVisible()
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible()
})
