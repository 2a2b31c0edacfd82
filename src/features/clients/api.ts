import { queryOptions } from '@tanstack/react-query'
import * as v from 'valibot'
import type { Access } from '../../lib/access'
import { fetchJson, isApiError } from '../../lib/http'
import { parseRecords } from '../../lib/parse'
import { BudgetExhausted, budgetState, clientsBudgetId, recordSent, recordServerFacts } from '../../lib/request-budget'
import { toClient, type ApiClient, type Client } from './client-model'

// Optional text fields arrive as null or go missing in real data; a client is still worth showing.
// (The default also stands in for a missing key: valibot's object passes it to the schema.)
const text = v.nullish(v.string(), '')

export const apiClientSchema: v.GenericSchema<unknown, ApiClient> = v.object({
  // A safe integer: an id beyond 2^53 could not be told apart from its neighbours.
  client_id: v.pipe(v.number(), v.safeInteger()),
  created_at: text,
  email_address: text,
  first_name: text,
  last_name: text,
  patronymic: text,
  // Finite: JSON's 1e999 parses to Infinity, which is no phone number.
  phone_number: v.pipe(v.nullish(v.union([v.string(), v.pipe(v.number(), v.finite())]), ''), v.transform(String)),
  profile_picture_url: text,
})

const envelopeSchema = v.object({ client: v.array(v.unknown()) })

const STRING_FIELDS = ['created_at', 'email_address', 'first_name', 'last_name', 'patronymic', 'phone_number', 'profile_picture_url'] as const

/** The common case, exactly as documented: every field present with its type. Anything else goes to the schema. */
function isWellFormedClient(item: unknown): item is ApiClient {
  if (typeof item !== 'object' || item === null) return false
  const record = item as Record<string, unknown>
  if (!Number.isInteger(record.client_id)) return false
  for (const field of STRING_FIELDS) if (typeof record[field] !== 'string') return false
  return true
}

export interface ClientsList {
  clients: Client[]
  /** records that could not be read (or repeated an id) and were left out */
  skipped: number
  receivedAt: number
}

export const budgetIdFor = (access: Access) => clientsBudgetId(access.base, access.serverHeld ? null : (access.headers.Authorization ?? ''))

/** A 429 from the API, or a request Roster held back because the budget is used up. */
export const isRateLimited = (error: unknown) => error instanceof BudgetExhausted || (isApiError(error) && error.status === 429)

export async function getClients(access: Access, signal?: AbortSignal, page?: number): Promise<ClientsList> {
  const budget = budgetIdFor(access)
  const { blockedUntil } = budgetState(budget)
  // Never send a request the API is known to refuse: it would only push the window further.
  if (blockedUntil) throw new BudgetExhausted(blockedUntil)
  recordSent(budget)
  try {
    const response = await fetchJson({
      api: 'Clients',
      base: access.base,
      path: '/clients',
      // The API will grow pagination; `page` is undefined (not sent) until it does.
      query: { page },
      headers: access.headers,
      schema: envelopeSchema,
      signal,
    })
    recordServerFacts(budget, response.rateLimit, response.status)
    const { records, skipped } = parseRecords(response.data.client, apiClientSchema, isWellFormedClient)
    const seen = new Set<number>()
    const clients: Client[] = []
    for (const record of records) {
      if (seen.has(record.client_id)) continue // a repeated id would make two rows and one profile
      seen.add(record.client_id)
      clients.push(toClient(record))
    }
    return { clients, skipped: skipped + records.length - clients.length, receivedAt: response.receivedAt }
  } catch (error) {
    if (isApiError(error) && error.status !== undefined) recordServerFacts(budget, error.rateLimit, error.status)
    throw error
  }
}

export const clientsQueryOptions = (access: Access) =>
  // eslint-disable-next-line @tanstack/query/exhaustive-deps -- the token must stay out of the key
  queryOptions({
    // The token is not part of the key (SPEC: no secret in a key); saving settings removes ['clients'].
    queryKey: ['clients', 'list', { scope: access.scope }],
    queryFn: ({ signal }) => getClients(access, signal),
    enabled: access.ready,
    staleTime: 10 * 60_000,
    retry: false,
    // first-request.ts may start this request before the screen mounts: a failure must not be sent again by the
    // mount (one request per open, SPEC §4). Try again and Refresh retry on purpose.
    retryOnMount: false,
  })
