import { useCallback, useEffect, useRef, useState } from 'react'
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
 * A text field mirrored in `?key=`. The URL is written once typing pauses (a navigation per keystroke
 * would cost more than the search), never while another navigation is pending (it would replace it),
 * and a URL change the field did not make (a nav link to the bare list, Back) is followed.
 */
export function useUrlText(key: string, params: URLSearchParams, update: ReturnType<typeof useUrlParams>[1], delayMs = 300) {
  const current = params.get(key) ?? ''
  const [value, setValue] = useState(current)
  const [seen, setSeen] = useState(current)
  const [written, setWritten] = useState(current)
  if (current !== seen) {
    setSeen(current)
    if (current !== written) setValue(current)
  }
  const navigating = useNavigation().state !== 'idle'
  useEffect(() => {
    if (navigating || current === value) return
    const id = setTimeout(() => {
      setWritten(value)
      update((p) => (value ? p.set(key, value) : p.delete(key)), false)
    }, delayMs)
    return () => clearTimeout(id)
  }, [key, value, current, navigating, update, delayMs])
  return [value, setValue] as const
}
