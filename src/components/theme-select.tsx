import { useId } from 'react'
import { setTheme, useTheme, type ThemeChoice } from '../lib/theme'

export function ThemeSelect() {
  const id = useId()
  const theme = useTheme()
  return (
    <div className="flex items-center gap-2 text-sm">
      <label htmlFor={id} className="sr-only">
        Theme
      </label>
      <select id={id} className="input w-auto py-1" value={theme} onChange={(e) => setTheme(e.target.value as ThemeChoice)}>
        <option value="system">System theme</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </div>
  )
}
