import * as v from 'valibot'
import { fetchJson, isApiError } from '../../lib/http'
import { BudgetExhausted, budgetState, clientsBudgetId, recordSent, recordServerFacts } from '../../lib/request-budget'

// "Test" buttons check the values in the form, before they are saved: one request each.
export interface Outcome {
  ok: boolean
  message: string
}

function describe(api: string, error: unknown): string {
  if (error instanceof BudgetExhausted) return `${api}: the rate limit was reached; try again after ${new Date(error.until).toLocaleTimeString()}.`
  if (!isApiError(error)) return `${api}: the test failed unexpectedly.`
  if (error.status === 401) return `${api}: the credentials were rejected (${error.messages[0] ?? 'Unauthorized'}).`
  if (error.status === 403) return `${api}: only BlueDolphin administrators can list users, and the tenant needs the Public API add-on.`
  return `${api}: ${error.message}`
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
    return { ok: true, message: `Clients API OK: ${data.client.length.toLocaleString()} clients.` }
  } catch (error) {
    if (isApiError(error) && error.status !== undefined) recordServerFacts(budget, error.rateLimit, error.status)
    return { ok: false, message: describe('Clients API', error) }
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
    const who = credentials ? `tenant “${credentials.tenant}”` : 'the tenant'
    return { ok: true, message: `BlueDolphin API OK: ${who} answered with ${data.users.length === 0 ? 'no users' : 'its users'}.` }
  } catch (error) {
    return { ok: false, message: describe('BlueDolphin API', error) }
  }
}
