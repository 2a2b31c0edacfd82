import { useCallback, useEffect, useRef } from 'react'
import { useNavigation, useSearchParams } from 'react-router-dom'

/**
 * The screen's URL query as state. `update` replaces the history entry; a click shows its new state at
 * once (flushSync) instead of when React Router's transition commits.
 */
export function useUrlParams() {
  const [params, setParams] = useSearchParams()
  const setRef = useRef(setParams)
  useEffect(() => {
    setRef.current = setParams
  })
  const update = useCallback((change: (p: URLSearchParams) => void, flushSync = true) => {
    setRef.current(
      (prev) => {
        const next = new URLSearchParams(prev)
        change(next)
        return next
      },
      { replace: true, flushSync },
    )
  }, [])
  return [params, update] as const
}

/**
 * Writes a typed value to `?key=` once typing pauses: a navigation per keystroke would cost more than the
 * search. Nothing is written while another navigation is pending (a click on a row link): the write
 * would replace that navigation.
 */
export function useDebouncedUrlParam(key: string, value: string, params: URLSearchParams, update: ReturnType<typeof useUrlParams>[1], delayMs = 300) {
  const navigating = useNavigation().state !== 'idle'
  const current = params.get(key) ?? ''
  useEffect(() => {
    if (navigating || current === value) return
    const id = setTimeout(() => update((p) => (value ? p.set(key, value) : p.delete(key)), false), delayMs)
    return () => clearTimeout(id)
  }, [key, value, current, navigating, update, delayMs])
}
