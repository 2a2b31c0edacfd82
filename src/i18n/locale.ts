import { useSyncExternalStore } from 'react'
import { getLanguage, subscribeLanguage, type Locale } from './current'

export { LANGUAGE_NAMES, detectLocale, getLanguage, setLanguage, type Locale } from './current'

/** The UI language; a component that shows words calls it so that a change renders it again (memo or not). */
export function useLocale(): Locale {
  return useSyncExternalStore(subscribeLanguage, getLanguage, getLanguage)
}
