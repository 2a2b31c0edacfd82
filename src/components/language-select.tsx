import { useId } from 'react'
import { LANGUAGE_NAMES, setLanguage, useLocale, type Locale } from '../i18n/locale'
import { m } from '../paraglide/messages.js'
import { locales } from '../paraglide/runtime.js'

/** Language: applied at once (no reload, no request) and kept on this device. Each option is named in its own language. */
export function LanguageSelect() {
  const id = useId()
  const locale = useLocale()
  return (
    <div className="flex items-center gap-2 text-sm">
      <label htmlFor={id} className="sr-only">
        {m.language()}
      </label>
      <select id={id} className="input w-auto py-1" value={locale} onChange={(e) => setLanguage(e.target.value as Locale)}>
        {locales.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  )
}
