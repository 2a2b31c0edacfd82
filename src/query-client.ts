import { QueryClient } from '@tanstack/react-query'
import { isApiError } from './lib/http'

// Retries cost requests from a 100-per-15-minutes budget: retry once, and only what a retry can fix.
function shouldRetry(failureCount: number, error: unknown) {
  if (failureCount >= 1) return false
  if (!isApiError(error)) return false
  return error.kind === 'network' || error.kind === 'timeout' || (error.kind === 'http' && (error.status ?? 0) >= 500)
}

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5 * 60_000,
        gcTime: 30 * 60_000,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
        retry: shouldRetry,
      },
    },
  })
}
