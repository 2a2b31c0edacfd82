import { startTransition, useCallback, useEffect, useRef, useState } from 'react'
import { flushSync } from 'react-dom'
import { useSearchParams } from 'react-router-dom'

/**
 * The screen's URL query as state. `update` replaces the history entry. The router renders a location
 * change at the priority of what caused it (router.tsx): a click shows its new state at once (flushSync);
 * a write with `immediate` false (the debounced search) renders as a transition that typing interrupts.
 */
export function useUrlParams() {
  const [params, setParams] = useSearchParams()
  const setRef = useRef(setParams)
  useEffect(() => {
    setRef.current = setParams
  })
  const update = useCallback((change: (p: URLSearchParams) => void, immediate = true) => {
    const write = () =>
      setRef.current(
        (prev) => {
          const next = new URLSearchParams(prev)
          change(next)
          return next
        },
        { replace: true },
      )
    if (immediate) flushSync(write)
    else startTransition(write)
  }, [])
  return [params, update] as const
}

/**
 * A text field mirrored in `?key=`. The URL is written once typing pauses (a navigation per keystroke
 * would cost more than the search), and a URL change the field did not make (a nav link to the bare
 * list, Back) is followed. A pending write never replaces a navigation away: that navigation renders at
 * once and unmounts the screen, which clears the timer.
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
  useEffect(() => {
    if (current === value) return
    const id = setTimeout(() => {
      setWritten(value)
      update((p) => (value ? p.set(key, value) : p.delete(key)), false)
    }, delayMs)
    return () => clearTimeout(id)
  }, [key, value, current, update, delayMs])
  return [value, setValue] as const
}
