import { useId } from 'react'
import { setTheme, useTheme, type ThemeChoice } from '../lib/theme'
import { useLocale } from '../i18n/locale'
import { m } from '../paraglide/messages.js'

export function ThemeSelect() {
  const id = useId()
  const theme = useTheme()
  useLocale()
  return (
    <div className="flex items-center gap-2 text-sm">
      <label htmlFor={id} className="sr-only">
        {m.theme()}
      </label>
      <select id={id} className="input w-auto py-1" value={theme} onChange={(e) => setTheme(e.target.value as ThemeChoice)}>
        <option value="system">{m.theme_system()}</option>
        <option value="light">{m.theme_light()}</option>
        <option value="dark">{m.theme_dark()}</option>
      </select>
    </div>
  )
}
