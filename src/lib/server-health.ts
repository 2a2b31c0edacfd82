import { queryOptions } from '@tanstack/react-query'
import * as v from 'valibot'

// What the Roster server says about each API at /api/health (SPEC §3). Never holds a secret.
const apiModeSchema = v.object({
  mode: v.picklist(['demo', 'proxy']),
  target: v.nullable(v.string()),
  credentials: v.picklist(['browser', 'server']),
})
const healthSchema = v.object({ clients: apiModeSchema, bluedolphin: apiModeSchema })

export type ServerHealth = v.InferOutput<typeof healthSchema>
export type ApiMode = v.InferOutput<typeof apiModeSchema>

/** The server writes its mode into index.html (server/app.ts); only a page served elsewhere asks for it. */
export function healthFromPage(): ServerHealth | undefined {
  const content = document.querySelector('meta[name="roster-health"]')?.getAttribute('content')
  if (!content) return undefined
  try {
    const parsed = v.safeParse(healthSchema, JSON.parse(content))
    return parsed.success ? parsed.output : undefined
  } catch {
    return undefined
  }
}

async function getHealth(signal: AbortSignal): Promise<ServerHealth | null> {
  try {
    const response = await fetch('/api/health', { signal, headers: { Accept: 'application/json' } })
    if (!response.ok) return null
    const parsed = v.safeParse(healthSchema, await response.json())
    return parsed.success ? parsed.output : null
  } catch (error) {
    if (signal.aborted) throw error
    // Served without the Roster server (a static host): the app still works with saved settings.
    return null
  }
}

export const healthQueryOptions = () =>
  queryOptions({
    queryKey: ['server', 'health'],
    queryFn: ({ signal }) => getHealth(signal),
    initialData: healthFromPage,
    staleTime: Infinity,
    gcTime: Infinity,
    retry: false,
  })
