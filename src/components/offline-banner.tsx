import { useSyncExternalStore } from 'react'
import { useLocale } from '../i18n/locale'
import { m } from '../paraglide/messages.js'

function subscribe(listener: () => void) {
  window.addEventListener('online', listener)
  window.addEventListener('offline', listener)
  return () => {
    window.removeEventListener('online', listener)
    window.removeEventListener('offline', listener)
  }
}

/** Says the browser is offline; what is on screen stays, and the next action works once it is back. */
export function OfflineBanner() {
  const online = useSyncExternalStore(subscribe, () => navigator.onLine)
  useLocale()
  if (online) return null
  return (
    <div role="alert" className="border-b border-slate-400 bg-slate-800 px-4 py-2 text-center text-sm text-white">
      {m.offline()}
    </div>
  )
}
