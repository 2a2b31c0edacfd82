import { isLocale, overwriteGetLocale, type Locale } from '../paraglide/runtime.js'

// The UI language (no React here: main.tsx evaluates it before first-request.ts, so every message is in it). Paraglide's message functions ask `getLocale()`; Roster answers from this store, so a
// change is applied at once (no reload, no request) and every component that reads `useLocale()` renders again.
// First visit: the browser's `navigator.languages` (a `ru` tag → Russian, else English); then the choice in Language.
export type { Locale }
export const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', ru: 'Русский' }
const KEY = 'roster.language'

export function detectLocale(stored: string | null, browser: readonly string[] | undefined): Locale {
  if (stored && isLocale(stored)) return stored
  return (browser ?? []).some((tag) => /^ru(-|$)/i.test(tag)) ? 'ru' : 'en'
}

function readStored(): string | null {
  try {
    return localStorage.getItem(KEY)
  } catch {
    return null
  }
}

let current: Locale = detectLocale(readStored(), typeof navigator === 'undefined' ? undefined : navigator.languages)
const listeners = new Set<() => void>()
overwriteGetLocale(() => current)

function applyLang() {
  if (typeof document !== 'undefined') document.documentElement.lang = current
}
applyLang()

export const getLanguage = (): Locale => current

/** Kept on this device (localStorage); not stored when storage is off, so it lasts for this page. */
export function setLanguage(next: Locale) {
  if (next === current) return
  current = next
  try {
    localStorage.setItem(KEY, next)
  } catch {
    // storage refused: the choice lasts for this page
  }
  applyLang()
  for (const l of listeners) l()
}

export function subscribeLanguage(listener: () => void) {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}
