import type { Page } from '@playwright/test'
import { expect, expectNoSeriousA11yViolations, seedSettings, test } from './fixtures'

// SPEC §7 in a Russian browser: the names, plurals, dates, the Language select (no request, kept), axe on
// every screen in Russian, and nothing clipped at 1280 and 375 px.
test.use({ locale: 'ru-RU' })

const RUN = `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`
const token = (uniqueToken: string, ...flags: string[]) => [uniqueToken, ...flags, RUN].join('+')
const h1 = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true })
const nbsp = (text: string) => new RegExp(`^${text.replace(/ /g, '[\\s\\u00a0\\u202f]')}$`)

/** Buttons, links, labels and column headers whose text does not fit their box. */
async function clipped(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = []
    for (const el of document.querySelectorAll<HTMLElement>('button, a.btn, label, th, legend, h1, select, [role="status"]')) {
      const box = el.getBoundingClientRect()
      if (box.width === 0 || el.closest('.sr-only, [aria-hidden="true"], td')) continue
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible') out.push(`${el.tagName} "${el.textContent?.trim()}"`)
      if (box.right > document.documentElement.clientWidth + 1 && !el.closest('table')) out.push(`${el.tagName} "${el.textContent?.trim()}" off screen`)
    }
    return out
  })
}

test('a first visit from a Russian browser is in Russian: nav, headings, titles, search boxes, buttons', async ({ page, uniqueToken }) => {
  await seedSettings(page, { token: token(uniqueToken) })
  await page.goto('/clients')
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru')
  const nav = page.getByRole('navigation', { name: 'Основная навигация' })
  for (const name of ['Клиенты', 'Пользователи', 'Настройки']) await expect(nav.getByRole('link', { name, exact: true })).toBeVisible()
  await expect(h1(page, 'Клиенты')).toBeVisible()
  await expect(page).toHaveTitle('Клиенты · Roster')
  await expect(page.getByRole('searchbox', { name: 'Поиск клиентов' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Обновить' })).toBeVisible()
  await expect(page.getByText(nbsp('2 000 клиентов'))).toBeVisible()
  await expect(page.getByRole('combobox', { name: 'Язык' })).toHaveValue('ru')
  for (const name of ['Клиент', 'Email', 'Телефон', 'Создан']) await expect(page.getByRole('columnheader', { name })).toBeVisible()
  // A Russian date in the list: "5 нояб. 2022 г."
  await expect(page.getByRole('table', { name: 'Клиенты' }).locator('time').first()).toHaveText(/^\d{1,2} [а-я]+\.? \d{4} г\.$/)
  await expect(page.getByText(/^Обновлено /)).toBeVisible()

  await nav.getByRole('link', { name: 'Пользователи' }).click()
  await expect(h1(page, 'Пользователи')).toBeVisible()
  await expect(page).toHaveTitle('Пользователи · Roster')
  await expect(page.getByRole('searchbox', { name: 'Поиск пользователей' })).toBeVisible()
  await expect(page.getByRole('checkbox', { name: 'Включая гостей' })).toBeVisible()
  await expect(page.getByRole('combobox', { name: 'Размер страницы' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Загрузить ещё' })).toBeVisible()
  await page.getByRole('checkbox', { name: 'Включая гостей' }).check()
  await expect(page.getByRole('table', { name: 'Пользователи' }).getByText('Гость', { exact: true }).first()).toBeVisible()

  await nav.getByRole('link', { name: 'Настройки' }).click()
  await expect(h1(page, 'Настройки')).toBeVisible()
  await expect(page).toHaveTitle('Настройки · Roster')
  await expect(page.getByRole('button', { name: 'Сохранить', exact: true })).toBeVisible()

  await page.goto('/no/such/page')
  await expect(h1(page, 'Страница не найдена')).toBeVisible()
})

test('counts follow Russian plural rules at 1, 2, 5, 11, 21 and 22', async ({ page, uniqueToken }) => {
  const expected: [number, string][] = [
    [1, '1 клиент'],
    [2, '2 клиента'],
    [5, '5 клиентов'],
    [11, '11 клиентов'],
    [21, '21 клиент'],
    [22, '22 клиента'],
  ]
  for (const [n, text] of expected) {
    await seedSettings(page, { token: token(uniqueToken, `n${n}`) })
    await page.goto('/clients')
    await expect(page.getByText(text, { exact: true })).toBeVisible()
  }
  await seedSettings(page, { tenant: 'demo+n21' })
  await page.goto('/users?guests=1')
  await expect(page.getByText('Загружен 21 пользователь', { exact: true })).toBeVisible()
  await page.getByRole('button', { name: 'Загрузить ещё' }).click()
  await expect(page.getByText('Все пользователи загружены')).toBeVisible()
  await expect(page.getByText('Поиск среди 21 загруженного пользователя')).toBeVisible()
})

test('the Language select switches at once without a request, and the choice survives a reload', async ({ page, uniqueToken }) => {
  await seedSettings(page, { token: token(uniqueToken) })
  await page.goto('/clients')
  await expect(page.getByText(nbsp('2 000 клиентов'))).toBeVisible()
  await page.waitForLoadState('networkidle')
  const requests: string[] = []
  page.on('request', (r) => requests.push(r.url()))

  await page.getByRole('combobox', { name: 'Язык' }).selectOption({ label: 'English' })
  await expect(h1(page, 'Clients')).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect(page).toHaveTitle('Clients · Roster')
  await expect(page.getByText('2,000 clients', { exact: true })).toBeVisible()
  await expect(page.getByRole('columnheader', { name: 'Created' })).toBeVisible()
  await expect(page.getByRole('table', { name: 'Clients' }).locator('time').first()).toHaveText(/^[A-Z][a-z]{2} \d{1,2}, \d{4}$/)
  await expect(page.getByRole('combobox', { name: 'Language' })).toHaveValue('en')
  expect(requests).toEqual([])

  await page.reload()
  await expect(h1(page, 'Clients')).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: 'Русский' })
  await expect(h1(page, 'Клиенты')).toBeVisible()
  await page.reload()
  await expect(h1(page, 'Клиенты')).toBeVisible()
  expect(await page.evaluate(() => localStorage.getItem('roster.language'))).toBe('ru')
})

const SCREENS: { name: string; path: string; ready: (page: Page) => Promise<void> }[] = [
  { name: 'clients', path: '/clients', ready: (page) => expect(page.getByRole('table', { name: 'Клиенты' }).getByRole('row').nth(1)).toBeVisible() },
  { name: 'profile', path: '/clients/1', ready: (page) => expect(page.getByText('ID клиента', { exact: true })).toBeVisible() },
  { name: 'not-a-client', path: '/clients/999999', ready: (page) => expect(page.getByText('Клиент не найден')).toBeVisible() },
  { name: 'users', path: '/users?guests=1', ready: (page) => expect(page.getByRole('table', { name: 'Пользователи' }).getByText('Гость', { exact: true }).first()).toBeVisible() },
  { name: 'settings', path: '/settings', ready: (page) => expect(page.getByRole('button', { name: 'Сохранить', exact: true })).toBeVisible() },
  { name: 'not-found', path: '/nowhere', ready: (page) => expect(h1(page, 'Страница не найдена')).toBeVisible() },
]

for (const width of [1280, 375]) {
  test(`every screen in Russian at ${width} px: axe finds nothing serious, nothing is clipped`, async ({ page, uniqueToken }, testInfo) => {
    await page.setViewportSize({ width, height: width > 400 ? 900 : 800 })
    await seedSettings(page, { token: token(uniqueToken) })
    for (const screen of SCREENS) {
      await page.goto(screen.path)
      await screen.ready(page)
      if (width > 400) await expectNoSeriousA11yViolations(page)
      expect([screen.name, await clipped(page)]).toEqual([screen.name, []])
      await page.screenshot({ path: testInfo.outputPath(`ru-${screen.name}-${width}.png`), fullPage: true })
    }
    // The shortcuts dialog and the Activity panel, in Russian.
    await page.goto('/clients')
    await SCREENS[0]!.ready(page)
    await page.getByText(/^Активность \(\d+\)$/).click()
    await expect(page.getByRole('region', { name: 'Активность' }).getByRole('columnheader', { name: 'Длительность' })).toBeVisible()
    await page.keyboard.press('?')
    await expect(page.getByRole('dialog', { name: 'Сочетания клавиш' })).toBeVisible()
    if (width > 400) await expectNoSeriousA11yViolations(page)
  })
}
