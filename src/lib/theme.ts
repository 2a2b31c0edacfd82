import { useSyncExternalStore } from 'react'

// System / light / dark, persisted; "system" follows prefers-color-scheme live.
export type ThemeChoice = 'system' | 'light' | 'dark'
const KEY = 'roster.theme'
const media = () => window.matchMedia?.('(prefers-color-scheme: dark)')

function read(): ThemeChoice {
  try {
    const v = localStorage.getItem(KEY)
    return v === 'light' || v === 'dark' ? v : 'system'
  } catch {
    return 'system'
  }
}

let choice: ThemeChoice | null = null
const listeners = new Set<() => void>()

/** Puts the `dark` class on <html>; called before the first render so no screen flashes the wrong theme. */
export function applyTheme(next: ThemeChoice = choice ?? read()) {
  choice = next
  const dark = next === 'dark' || (next === 'system' && !!media()?.matches)
  document.documentElement.classList.toggle('dark', dark)
}

export function setTheme(next: ThemeChoice) {
  try {
    if (next === 'system') localStorage.removeItem(KEY)
    else localStorage.setItem(KEY, next)
  } catch {
    // not stored: the choice lasts for this page
  }
  applyTheme(next)
  for (const l of listeners) l()
}

export function watchSystemTheme() {
  media()?.addEventListener('change', () => {
    if ((choice ?? read()) === 'system') applyTheme('system')
  })
}

function subscribe(listener: () => void) {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

const snapshot = () => choice ?? read()

export function useTheme(): ThemeChoice {
  return useSyncExternalStore(subscribe, snapshot)
}
