import { useSyncExternalStore } from 'react'
import type * as PhoneLib from '../lib/phone'
import type { Phone } from '../lib/phone'

type PhoneModule = typeof PhoneLib
let phoneModule: PhoneModule | null = null
let loading: Promise<void> | null = null
const listeners = new Set<() => void>()
const getModule = () => phoneModule

// Started after the frame that shows the first rows has been painted: the rows come first, and their
// numbers are formatted a moment later (the chunk is 30 kB gzip, the list's largest). A tab in the
// background paints no frames (a profile opened with a middle click): there it starts at once.
const afterPaint = () =>
  new Promise<void>((resolve) => {
    if (document.visibilityState === 'hidden') resolve()
    else requestAnimationFrame(() => setTimeout(resolve, 0))
  })

function load() {
  loading ??= afterPaint().then(() => import('../lib/phone')).then(
    (m) => {
      phoneModule = m
      for (const l of listeners) l()
    },
    () => {
      loading = null // offline or redeployed: raw numbers now, another try on the next row
    },
  )
}

// React subscribes each number once it is on screen: that is also when the chunk is first asked for (no
// effect of its own per row, which a list would pay for every row a keystroke brings).
function subscribe(listener: () => void) {
  load()
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** A phone formatted by libphonenumber once its chunk has arrived; until then (a few frames) the raw value. */
export function usePhone(raw: string): Phone {
  const m = useSyncExternalStore(subscribe, getModule)
  return m ? m.formatPhone(raw) : { display: raw, e164: null }
}

export function PhoneText({ raw }: { raw: string }) {
  return <>{usePhone(raw).display}</>
}
