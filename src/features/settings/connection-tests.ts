import * as v from 'valibot'
import { fetchJson, isApiError } from '../../lib/http'
import { BudgetExhausted, budgetState, clientsBudgetId, recordSent, recordServerFacts } from '../../lib/request-budget'
import { formatTime } from '../../lib/format'
import { m } from '../../paraglide/messages.js'

// "Test" buttons check the values in the form, before they are saved: one request each.
export interface Outcome {
  ok: boolean
  message: string
}

function describe(api: string, error: unknown): string {
  if (error instanceof BudgetExhausted) return m.test_rate_limited({ api, time: formatTime(error.until) })
  if (!isApiError(error)) return m.test_failed({ api })
  if (error.status === 401) return m.test_rejected({ api, reason: error.messages[0] ?? 'Unauthorized' })
  if (error.status === 403) return m.test_forbidden({ api })
  return m.test_error({ api, message: error.message })
}

export async function testClientsApi(base: string, token: string | null): Promise<Outcome> {
  const authorization = token === null ? null : `Bearer ${token}`
  const budget = clientsBudgetId(base, authorization)
  try {
    const { blockedUntil } = budgetState(budget)
    if (blockedUntil) throw new BudgetExhausted(blockedUntil)
    recordSent(budget)
    const { data, rateLimit, status } = await fetchJson({
      api: 'Clients',
      base,
      path: '/clients',
      headers: authorization ? { Authorization: authorization } : {},
      schema: v.object({ client: v.array(v.unknown()) }),
    })
    recordServerFacts(budget, rateLimit, status)
    return { ok: true, message: m.test_clients_ok({ count: data.client.length }) }
  } catch (error) {
    if (isApiError(error) && error.status !== undefined) recordServerFacts(budget, error.rateLimit, error.status)
    return { ok: false, message: describe('Clients', error) }
  }
}

export async function testUsersApi(base: string, credentials: { apiKey: string; tenant: string } | null): Promise<Outcome> {
  try {
    const { data } = await fetchJson({
      api: 'BlueDolphin',
      base,
      path: '/users',
      query: { take: 1 },
      headers: credentials ? { 'x-api-key': credentials.apiKey, tenant: credentials.tenant } : {},
      schema: v.object({ users: v.array(v.unknown()) }),
    })
    const none = data.users.length === 0
    const message = credentials
      ? (none ? m.test_users_ok_tenant_none : m.test_users_ok_tenant)({ tenant: credentials.tenant })
      : none
        ? m.test_users_ok_none()
        : m.test_users_ok()
    return { ok: true, message }
  } catch (error) {
    return { ok: false, message: describe('BlueDolphin', error) }
  }
}
