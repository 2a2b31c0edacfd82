import type { BrowserContext, Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { startRoster, startStub, type Roster, type Stub } from './servers'

// Issue 6.5: where secrets go. Distinctive values are typed in (or held by the server), every screen and
// error state is used, and then everything the browser and the server produced is scanned: the URL history,
// localStorage, sessionStorage, IndexedDB, cookies, console output, the DOM (innerText and outerHTML) of
// every state, every request URL, every response, /api/health and the server's own log (LOG_LEVEL=info).
// A secret may appear only in the request header that needs it, and in the storage Remember chose.

const RUN = `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`
/** Part of every token typed below: the demo accepts `demo-token+<anything>`, a real API would not. */
const TOKEN_MARK = 'SECRETtok123'
/** A key the demo rejects (it only knows demo-key), to reach the error states with a distinctive value. */
const KEY_MARK = 'SECRETkey456x'

interface Leak {
  where: string
  secret: string
}

/** Everything the browser side produced, gathered from the whole context as the test goes. */
class Recorder {
  readonly leaks: Leak[] = []
  readonly requestUrls: string[] = []
  readonly navigations: string[] = []
  readonly console: string[] = []
  /** [url, header name] of every request header that carried a secret */
  readonly secretHeaders: [string, string][] = []
  private pending: Promise<void>[] = []

  constructor(
    context: BrowserContext,
    private readonly secrets: string[],
  ) {
    context.on('request', (request) => {
      this.requestUrls.push(request.url())
      this.pending.push(
        request.allHeaders().then((headers) => {
          for (const [name, value] of Object.entries(headers)) {
            if (this.secrets.some((s) => value.includes(s))) this.secretHeaders.push([new URL(request.url()).pathname, name])
          }
        }),
      )
    })
    context.on('response', (response) => {
      this.pending.push(
        (async () => {
          const headers = await response.allHeaders()
          this.scan(`response headers of ${response.url()}`, JSON.stringify(headers))
          const type = headers['content-type'] ?? ''
          if (/json|html|text|javascript/.test(type)) {
            const body = await response.text().catch(() => '')
            this.scan(`response body of ${response.url()}`, body)
          }
        })(),
      )
    })
    context.on('console', (message) => {
      this.console.push(message.text())
      this.scan('console', message.text())
    })
    context.on('page', (page) => this.watchPage(page))
    for (const page of context.pages()) this.watchPage(page)
  }

  private watchPage(page: Page) {
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) this.navigations.push(frame.url())
    })
    page.on('pageerror', (error) => this.scan('page error', `${error.message}\n${error.stack ?? ''}`))
  }

  scan(where: string, text: string) {
    for (const secret of this.secrets) if (text.includes(secret)) this.leaks.push({ where, secret })
  }

  /** The DOM of the current state: text, markup, title, URL and history state. */
  async scanPage(page: Page, label: string) {
    const dom = await page.evaluate(() => ({
      text: document.body.innerText,
      html: document.documentElement.outerHTML,
      title: document.title,
      url: location.href,
      state: JSON.stringify(history.state),
    }))
    for (const [part, text] of Object.entries(dom)) this.scan(`${label}: ${part}`, text)
  }

  async settle() {
    while (this.pending.length > 0) await Promise.all(this.pending.splice(0))
  }
}

/** Every entry of every object store of every IndexedDB database of the page's origin, as text. */
async function indexedDbDump(page: Page): Promise<Record<string, string>> {
  return page.evaluate(async () => {
    const out: Record<string, string> = {}
    const request = <T,>(r: IDBRequest<T>) => new Promise<T>((resolve, reject) => ((r.onsuccess = () => resolve(r.result)), (r.onerror = () => reject(r.error))))
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue
      const db = await request(indexedDB.open(name))
      for (const store of Array.from(db.objectStoreNames)) {
        const tx = db.transaction(store, 'readonly').objectStore(store)
        const keys = await request(tx.getAllKeys())
        const values = await request(tx.getAll())
        keys.forEach((key, i) => (out[`${name}/${store}/${String(key)}`] = JSON.stringify(values[i], (_k, v: unknown) => (v instanceof Map ? [...v] : v))))
      }
      db.close()
    }
    return out
  })
}

async function storageDump(page: Page) {
  return page.evaluate(() => {
    const dump = (s: Storage) => Object.fromEntries(Array.from({ length: s.length }, (_, i) => s.key(i)!).map((k) => [k, s.getItem(k)!]))
    return { local: dump(localStorage), session: dump(sessionStorage), cookie: document.cookie }
  })
}

const keysHolding = (entries: Record<string, string>, secrets: string[]) =>
  Object.entries(entries)
    .filter(([, v]) => secrets.some((s) => v.includes(s)))
    .map(([k]) => k)

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true })
const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true })
const status = (page: Page) => page.getByRole('main').getByRole('status')

test.describe('secrets typed in the browser (demo mode, server log at info)', () => {
  let roster: Roster

  test.beforeAll(async () => {
    roster = await startRoster({ LOG_LEVEL: 'info', DEMO_USERS: '300' })
  })
  test.afterAll(() => roster.stop())

  for (const remember of [false, true]) {
    test(`Remember ${remember ? 'on' : 'off'}: secrets only in the headers that need them and in ${remember ? 'localStorage' : 'sessionStorage'}; Forget removes every copy`, async ({ page, context }) => {
      test.setTimeout(120_000)
      const secrets = [TOKEN_MARK, KEY_MARK]
      const rec = new Recorder(context, secrets)
      const token = `demo-token+${TOKEN_MARK}+${RUN}${remember ? 'on' : 'off'}${test.info().repeatEachIndex}`
      const base = roster.url

      /** Saves `tokenValue` (and the wrong key) through the form, then opens Clients. */
      const useToken = async (tokenValue: string, label: string) => {
        await nav(page, 'Settings').click()
        await field(page, 'Bearer token').fill(tokenValue)
        await page.getByRole('button', { name: 'Save', exact: true }).click()
        await expect(status(page)).toHaveText('Settings saved')
        await rec.scanPage(page, `settings after saving ${label}`)
        await nav(page, 'Clients').click()
        await expect(page.getByRole('heading', { level: 1, name: 'Clients' })).toBeVisible()
      }

      // Settings: type, show and hide, save, test both APIs.
      await page.goto(`${base}/settings`)
      await page.getByRole('button', { name: 'Use demo credentials' }).click()
      await field(page, 'Bearer token').fill(token)
      await field(page, 'API key').fill(KEY_MARK)
      await field(page, 'Tenant').fill('demo')
      await page.getByRole('button', { name: 'Show Bearer token' }).click()
      await rec.scanPage(page, 'settings with the token shown')
      await page.getByRole('button', { name: 'Hide Bearer token' }).click()
      if (remember) await page.getByRole('checkbox', { name: /Remember on this device/ }).check()
      await page.getByRole('button', { name: 'Save', exact: true }).click()
      await expect(status(page)).toHaveText('Settings saved')
      // The typed values are in the inputs (their property), not in the page's markup.
      await expect(field(page, 'Bearer token')).toHaveValue(token)
      await rec.scanPage(page, 'settings saved')
      await page.getByRole('button', { name: 'Test Clients API' }).click()
      await expect(status(page)).toHaveText('Clients API OK: 2,000 clients.')
      await page.getByRole('button', { name: 'Test BlueDolphin API' }).click()
      await expect(status(page)).toContainText('BlueDolphin API: the credentials were rejected')
      await rec.scanPage(page, 'settings after the tests')
      await page.reload()
      await expect(field(page, 'Bearer token')).toHaveValue(token)
      await rec.scanPage(page, 'settings after a reload')

      // Clients: list, search, sort, profile, back.
      await nav(page, 'Clients').click()
      await expect(page.getByText('2,000 clients', { exact: true })).toBeVisible()
      await page.getByRole('searchbox', { name: 'Search clients' }).fill('ов')
      await page.getByRole('columnheader', { name: 'Created' }).getByRole('button').click()
      await rec.scanPage(page, 'clients list')
      await page.getByRole('table', { name: 'Clients' }).getByRole('row').nth(1).getByRole('link').click()
      await expect(page.getByRole('link', { name: 'Back to clients' })).toBeVisible()
      await rec.scanPage(page, 'client profile')
      await page.getByRole('link', { name: 'Back to clients' }).click()

      // Users with the wrong key: the credentials were rejected.
      await nav(page, 'Users').click()
      await expect(page.getByRole('alert')).toContainText('rejected the credentials')
      await page.getByText(/^Activity \(\d+\)$/).click()
      await rec.scanPage(page, 'users 401 with the activity panel open')

      // Every Clients error state, with tokens that all carry the mark.
      const states: [string, RegExp | string][] = [
        ['trace', 'Internal error'],
        ['html', /500/],
        ['truncated', 'Unexpected response from the Clients API'],
        ['shape', 'Unexpected response from the Clients API'],
        ['errors', 'Required'],
      ]
      for (const [flag, says] of states) {
        await useToken(`${token}+${flag}`, flag)
        await expect(page.getByRole('alert')).toContainText(says)
        const details = page.getByRole('alert').getByText('Details')
        if ((await details.count()) > 0) await details.click()
        await rec.scanPage(page, `clients ${flag}`)
      }
      await useToken(`${TOKEN_MARK}-${RUN}-not-a-demo-token`, 'a wrong token')
      await expect(page.getByRole('alert')).toContainText('rejected the credentials')
      await rec.scanPage(page, 'clients 401')
      // A token that cannot go into a header is refused by the form, with a reason that does not quote it.
      await nav(page, 'Settings').click()
      await field(page, 'Bearer token').fill(`${TOKEN_MARK}Ж${RUN}`)
      await page.getByRole('button', { name: 'Save', exact: true }).click()
      await expect(status(page)).toHaveText('Settings not saved: check the marked fields.')
      await expect(field(page, 'Bearer token')).toHaveAttribute('aria-invalid', 'true')
      await rec.scanPage(page, 'settings with an unsendable token')
      await useToken(`${token}+limit2`, 'limit2')
      await expect(page.getByText('2,000 clients', { exact: true })).toBeVisible()
      await page.getByRole('button', { name: 'Refresh' }).click()
      await expect(page.getByRole('alert')).toContainText(/rate limit was reached/i)
      await rec.scanPage(page, 'clients 429')
      await page.getByText(/^Activity \(\d+\)$/).click()
      await rec.scanPage(page, 'activity panel after every error')

      // Where the secrets are stored now: exactly one copy, where Remember says.
      const stored = await storageDump(page)
      expect(keysHolding(stored.local, secrets)).toEqual(remember ? ['roster.secrets.v1'] : [])
      expect(keysHolding(stored.session, secrets)).toEqual(remember ? [] : ['roster.secrets.v1'])
      expect(stored.cookie).toBe('')
      expect(await context.cookies()).toEqual([])
      // The query cache (IndexedDB, Remember on only) holds data, never a secret.
      if (remember) {
        await expect.poll(async () => Object.keys(await indexedDbDump(page)).length).toBeGreaterThan(0)
      }
      const idb = await indexedDbDump(page)
      expect(keysHolding(idb, secrets)).toEqual([])
      if (!remember) expect(Object.keys(idb)).toEqual([])
      expect(await page.evaluate(async () => (await caches.keys()).length)).toBe(0)

      // Forget credentials: every copy goes, the query cache too.
      await nav(page, 'Settings').click()
      await page.getByRole('button', { name: 'Forget credentials' }).click()
      await expect(status(page)).toContainText(/forgotten/i)
      await expect(field(page, 'Bearer token')).toHaveValue('')
      await expect(field(page, 'API key')).toHaveValue('')
      const requestsBeforeForget = rec.requestUrls.length
      await page.reload()
      await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
      const after = await storageDump(page)
      expect(keysHolding(after.local, secrets)).toEqual([])
      expect(keysHolding(after.session, secrets)).toEqual([])
      expect(Object.keys(await indexedDbDump(page))).toEqual([])
      await nav(page, 'Clients').click()
      await expect(page.getByRole('alert').filter({ hasText: 'needs a bearer token' })).toBeVisible()
      await rec.scanPage(page, 'after Forget')

      // The server's side: health and the request log.
      const health = await (await fetch(`${base}/api/health`)).text()
      rec.scan('/api/health', health)
      rec.scan('server log', roster.log())
      expect(roster.log()).toMatch(/GET \/api\/clients\/clients (200|401|429|500|422) \d+ms/)

      await rec.settle()
      for (const url of [...rec.requestUrls, ...rec.navigations]) rec.scan(`URL ${url}`, url)
      expect(rec.leaks).toEqual([])
      // The headers that carried a secret: Authorization to the Clients API, x-api-key to the Users API, nothing else.
      const carriers = [...new Set(rec.secretHeaders.map(([path, name]) => `${name} → ${path}`))].sort()
      expect(carriers).toEqual(['authorization → /api/clients/clients', 'x-api-key → /api/bluedolphin/users'])
      // And none after Forget.
      expect(rec.requestUrls.length).toBeGreaterThan(requestsBeforeForget)
      expect(rec.secretHeaders.length).toBeGreaterThan(0)
    })
  }
})

test.describe('secrets held by the server (proxy mode)', () => {
  const SRV = { token: `SRVtok-${RUN}`, key: `SRVkey-${RUN}`, tenant: `SRVten-${RUN}` }
  let roster: Roster
  let stub: Stub
  let upstreamMode: 'ok' | 'unauthorized' = 'ok'

  test.beforeAll(async () => {
    stub = await startStub((req, res) => {
      const url = new URL(req.url ?? '/', 'http://stub')
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json', 'RateLimit-Policy': '100;w=900' })
        res.end(JSON.stringify(body))
      }
      if (url.pathname === '/v0/clients') {
        if (upstreamMode === 'unauthorized' || req.headers.authorization !== `Bearer ${SRV.token}`) return json(401, { success: false, error: 'Unauthorized' })
        return json(200, {
          success: true,
          client: [1, 2, 3].map((id) => ({
            client_id: id,
            created_at: '2024-10-10T18:36:47Z',
            email_address: `c${id}@example.com`,
            first_name: 'Иван',
            last_name: `Иванов${id}`,
            patronymic: 'Иванович',
            phone_number: '79174236278',
            profile_picture_url: '',
          })),
        })
      }
      if (url.pathname === '/v1/users') {
        if (upstreamMode === 'unauthorized' || req.headers['x-api-key'] !== SRV.key || req.headers.tenant !== SRV.tenant) {
          return json(401, { title: 'One or more validation errors occurred', status: 401, errors: { 'x-api-key': ['API key is invalid'] } })
        }
        const users = [
          { id: '59e43775d51a8afb7d9433ab', first_name: 'Jane', last_name: 'Smith', is_guest_user: false },
          { id: '59e43775d51a8afb7d943300', first_name: 'John', last_name: 'Doe', is_guest_user: false },
        ]
        const start = url.searchParams.get('start_with')
        const page = start ? users.slice(users.findIndex((u) => u.id === start)) : users
        return json(200, { total_items: page.length, users: page })
      }
      json(404, { error: 'Not found' })
    })
    roster = await startRoster({
      LOG_LEVEL: 'info',
      CLIENTS_API_URL: `${stub.url}/v0`,
      BLUEDOLPHIN_API_URL: `${stub.url}/v1`,
      CLIENTS_API_TOKEN: SRV.token,
      BLUEDOLPHIN_API_KEY: SRV.key,
      BLUEDOLPHIN_TENANT: SRV.tenant,
    })
  })
  test.afterAll(async () => {
    await roster.stop()
    await stub.stop()
  })

  test('the browser never receives them: no response, header, page, storage, URL or log line', async ({ page, context }) => {
    const secrets = [SRV.token, SRV.key, SRV.tenant]
    const rec = new Recorder(context, secrets)

    await page.goto(`${roster.url}/settings`)
    await expect(page.getByText('The Roster server holds the bearer token for this API')).toBeVisible()
    await expect(page.getByText('The Roster server holds the API key and tenant')).toBeVisible()
    await expect(field(page, 'Bearer token')).toHaveCount(0)
    await expect(field(page, 'API key')).toHaveCount(0)
    await page.getByRole('button', { name: 'Test Clients API' }).click()
    await expect(status(page)).toHaveText('Clients API OK: 3 clients.')
    await page.getByRole('button', { name: 'Test BlueDolphin API' }).click()
    await expect(status(page)).toContainText('BlueDolphin API OK')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await rec.scanPage(page, 'settings')

    await nav(page, 'Clients').click()
    await expect(page.getByText('3 clients', { exact: true })).toBeVisible()
    await rec.scanPage(page, 'clients')
    await page.getByRole('link', { name: 'Иванов2 Иван Иванович' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Иванов2 Иван Иванович' })).toBeVisible()
    await rec.scanPage(page, 'profile')
    await nav(page, 'Users').click()
    await expect(page.getByText('2 users loaded', { exact: true })).toBeVisible()
    await page.getByRole('button', { name: 'Load more' }).click()
    await expect(page.getByText('All users loaded')).toBeVisible()
    await rec.scanPage(page, 'users')

    // Upstream rejects: the error states, still without the secrets.
    upstreamMode = 'unauthorized'
    await page.getByRole('button', { name: 'Refresh' }).click()
    await expect(page.getByRole('alert')).toContainText('rejected the credentials')
    await rec.scanPage(page, 'users 401')
    await nav(page, 'Clients').click()
    await page.getByRole('button', { name: 'Refresh' }).click()
    await expect(page.getByRole('alert')).toContainText('rejected the credentials')
    await page.getByText(/^Activity \(\d+\)$/).click()
    await rec.scanPage(page, 'clients 401 with activity')
    upstreamMode = 'ok'

    const stored = await storageDump(page)
    rec.scan('localStorage', JSON.stringify(stored.local))
    rec.scan('sessionStorage', JSON.stringify(stored.session))
    rec.scan('cookies', stored.cookie + JSON.stringify(await context.cookies()))
    rec.scan('IndexedDB', JSON.stringify(await indexedDbDump(page)))
    rec.scan('/api/health', await (await fetch(`${roster.url}/api/health`)).text())
    rec.scan('server log', roster.log())
    await rec.settle()
    for (const url of [...rec.requestUrls, ...rec.navigations]) rec.scan(`URL ${url}`, url)
    expect(rec.leaks).toEqual([])
    // The browser sent none of them, not even in a header.
    expect(rec.secretHeaders).toEqual([])
    // …and they were used: upstream received every one of them from the server.
    expect(stub.requests.some((r) => r.headers.authorization === `Bearer ${SRV.token}`)).toBe(true)
    expect(stub.requests.some((r) => r.headers['x-api-key'] === SRV.key && r.headers.tenant === SRV.tenant)).toBe(true)
    expect(roster.log()).toContain('GET /api/bluedolphin/users 200')
  })
})
