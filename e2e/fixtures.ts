import AxeBuilder from '@axe-core/playwright'
import { test as base, expect, type Page } from '@playwright/test'

export { expect }

export interface Credentials {
  /** Clients bearer token; demo flags go after a `+` (see README, "Demo scenario flags") */
  token?: string
  apiKey?: string
  /** BlueDolphin tenant; demo flags go after a `+` */
  tenant?: string
  remember?: boolean
  clientsBase?: string
  usersBase?: string
}

/** Stores settings the way the app does, before any page script runs (on every navigation of this page). */
export async function seedSettings(page: Page, creds: Credentials) {
  await page.addInitScript((c) => {
    const settings = {
      version: 1,
      clientsBase: c.clientsBase ?? '/api/clients',
      usersBase: c.usersBase ?? '/api/bluedolphin',
      tenant: c.tenant ?? 'demo',
      remember: c.remember ?? false,
    }
    localStorage.setItem('roster.settings.v1', JSON.stringify(settings))
    const store = settings.remember ? localStorage : sessionStorage
    store.setItem('roster.secrets.v1', JSON.stringify({ token: c.token ?? 'demo-token', apiKey: c.apiKey ?? 'demo-key' }))
  }, creds)
}

/** Counts the requests that reach an API path (e.g. '/api/clients/clients'), as the browser sends them. */
export function countRequests(page: Page, pathPart: string) {
  const urls: string[] = []
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.endsWith(pathPart)) urls.push(request.url())
  })
  return { get count() { return urls.length }, urls }
}

export async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze()
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
}

interface Fixtures {
  /** a token of this test's own (own rate-limit bucket at the demo API) */
  uniqueToken: string
  consoleErrors: string[]
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
  uniqueToken: async ({}, use, testInfo) => {
    await use(`demo-token+t${testInfo.testId.replace(/[^a-z0-9]/gi, '')}${testInfo.repeatEachIndex}${testInfo.retry}`)
  },
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text())
    })
    page.on('pageerror', (e) => errors.push(e.message))
    await use(errors)
  },
})
