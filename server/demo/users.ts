import { Hono } from 'hono'
import type { ServerConfig } from '../config.ts'
import { createUserMaker, type User } from './data.ts'
import { generateHostileUsers } from './hostile.ts'
import { parseScenario, scenarioDelay, sleep, type Scenario } from './scenarios.ts'
import { createQueue, createSizedCache, pause, SLICE_RECORDS } from './slices.ts'

// About 200 bytes a user in memory: at most a few of the largest datasets stay built.
const datasets = createSizedCache<User[]>(8, 128 * 1024 * 1024, (users) => users.length * 200)
const generate = createQueue()

async function buildUsers(seed: number, count: number): Promise<User[]> {
  const make = createUserMaker(seed)
  const users: User[] = []
  while (users.length < count) {
    for (const user of make(Math.min(SLICE_RECORDS, count - users.length))) users.push(user)
    if (users.length < count) await pause()
  }
  return users
}

/** `{ total_items, users }` serialised a slice at a time, so a page of 200,000 users blocks no one. */
function pageBody(page: readonly unknown[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  let at = 0
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (at > 0) await pause()
      const slice = JSON.stringify(page.slice(at, at + SLICE_RECORDS)).slice(1, -1)
      const head = at === 0 ? `{"total_items":${page.length},"users":[` : ','
      at += SLICE_RECORDS
      const done = at >= page.length
      controller.enqueue(encoder.encode(head + slice + (done ? ']}' : '')))
      if (done) controller.close()
    },
  })
}

type Errors = Record<string, string[]>

interface ProblemFields {
  type: string
  title: string
  [field: string]: unknown
}

function problem(status: number, { type, title, ...rest }: ProblemFields): Response {
  return new Response(JSON.stringify({ type, title, status, ...rest }), {
    status,
    headers: { 'Content-Type': 'application/problem+json; charset=utf-8' },
  })
}

// The vendor's validation failures look like ASP.NET Core's: a title and a field → messages map.
function validationProblem(status: 400 | 401, errors: Errors): Response {
  const type =
    status === 401 ? 'https://tools.ietf.org/html/rfc7235#section-3.1' : 'https://tools.ietf.org/html/rfc7231#section-6.5.1'
  return problem(status, { type, title: 'One or more validation errors occurred', errors })
}

const FORBIDDEN = {
  type: 'https://tools.ietf.org/html/rfc7231#section-6.5.3',
  title: 'Forbidden',
  detail:
    "The API key's user is not a BlueDolphin administrator, or the tenant does not have the Public API add-on.",
}

const HTML_403 =
  '<!DOCTYPE html><html><head><title>403 Forbidden</title></head><body><h1>403 Forbidden</h1>' +
  '<p>Request blocked.</p></body></html>'

function authenticate(key: string | undefined, tenantHeader: string | undefined) {
  const errors: Errors = {}
  const tenant = parseScenario(tenantHeader, 'demo')
  if (!tenantHeader) errors.tenant = ['Tenant header missing or empty']
  else if (!tenant) errors.tenant = ['Invalid tenant']
  if (!key) errors['x-api-key'] = ['API key header missing or empty']
  else if (key !== 'demo-key' && key !== 'demo-viewer-key') errors['x-api-key'] = ['Invalid API key']
  if (Object.keys(errors).length > 0 || !tenant) return { errors }
  return { tenant, admin: key === 'demo-key' }
}

interface Query {
  take: number
  includeGuests: boolean
  startWith: string | undefined
}

function parseQuery(params: URLSearchParams): { query: Query } | { errors: Errors } {
  const errors: Errors = {}
  const take = params.get('take')
  const guests = params.get('include_guests')
  const startWith = params.get('start_with')
  if (take !== null && /^-\d+$/.test(take)) errors.take = ['take is not 0 or greater']
  else if (take !== null && !/^\+?\d+$/.test(take)) errors.take = ['take is empty or incorrect']
  if (guests !== null && !/^(?:true|false)$/i.test(guests)) errors.include_guests = ['include_guests is empty or incorrect']
  if (startWith !== null && !/^[0-9a-f]{24}$/i.test(startWith)) errors.start_with = ['start_with is empty or incorrect']
  if (Object.keys(errors).length > 0) return { errors }
  return {
    query: {
      take: take === null ? 100 : Number(take),
      includeGuests: guests?.toLowerCase() === 'true',
      startWith: startWith?.toLowerCase() ?? undefined,
    },
  }
}

async function dataset(config: ServerConfig, tenant: Scenario): Promise<readonly unknown[]> {
  if (tenant.has('empty')) return []
  if (tenant.has('hostile')) return generateHostileUsers()
  const count = Math.min(tenant.number('n') ?? config.demo.users, config.demo.maxRecords)
  return datasets(`${config.demo.seed}:${count}`, () => generate(() => buildUsers(config.demo.seed, count)))
}

function isGuest(user: unknown): boolean {
  return (user as { is_guest_user?: unknown }).is_guest_user === true
}

function idOf(user: unknown): string {
  return String((user as { id?: unknown }).id).toLowerCase()
}

/** The demo BlueDolphin Users API, mounted at /api/bluedolphin when BLUEDOLPHIN_API_URL is unset. */
export function createDemoUsersApp(config: ServerConfig): Hono {
  const app = new Hono()
  // Per tenant string, for the `fail<P>` flag: the P-th cursor request fails once.
  const cursorRequests = new Map<string, number>()

  app.use(async (_c, next) => {
    await sleep(config.demo.latencyMs)
    await next()
  })

  app.get('/users', async (c) => {
    const auth = authenticate(c.req.header('x-api-key'), c.req.header('tenant'))
    if (!auth.tenant) return validationProblem(401, auth.errors)
    const tenant = auth.tenant
    await sleep(scenarioDelay(tenant))
    if (tenant.has('html403')) {
      return c.body(HTML_403, 403, { 'Content-Type': 'text/html; charset=utf-8' })
    }
    if (!auth.admin) return problem(403, FORBIDDEN)

    const parsed = parseQuery(new URL(c.req.url).searchParams)
    if ('errors' in parsed) return validationProblem(400, parsed.errors)
    const { query } = parsed

    if (query.startWith !== undefined) {
      const count = (cursorRequests.get(tenant.raw) ?? 0) + 1
      if (cursorRequests.size > 10_000) cursorRequests.clear()
      cursorRequests.set(tenant.raw, count)
      if (count === tenant.number('fail')) {
        return problem(500, { type: 'https://tools.ietf.org/html/rfc7231#section-6.6.1', title: 'Internal Server Error' })
      }
      if (tenant.has('lostcursor')) return validationProblem(400, { start_with: ['start_with value not found'] })
    }
    if (tenant.has('shape')) return c.json({ total: 3, items: {} })

    const users = (await dataset(config, tenant)).filter((user) => query.includeGuests || !isGuest(user))
    let start = 0
    if (query.startWith !== undefined) {
      start = users.findIndex((user) => idOf(user) === query.startWith)
      if (start < 0) return validationProblem(400, { start_with: ['start_with value not found'] })
    }
    const take = Math.min(query.take, tenant.number('cap') ?? Infinity)
    const page = users.slice(start, start + take)
    if (page.length <= SLICE_RECORDS) return c.json({ total_items: page.length, users: page })
    return c.body(pageBody(page), 200, { 'Content-Type': 'application/json' })
  })

  return app
}
