import { useCallback, type MouseEvent } from 'react'
import { useNavigate } from 'react-router-dom'

/**
 * Links inside a long list's rows are plain `<a data-row-link href="/…">`: React Router's `Link` reads
 * the location, so every visible row would render again whenever the list's `?q=` changes. One
 * handler on the list (this hook's) turns a plain left click on such a link into an in-app navigation;
 * a click with a modifier key, a middle click, or "Open in new tab" keep the browser's behaviour.
 */
export function useRowLinkClick() {
  const navigate = useNavigate()
  return useCallback(
    (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
      const link = event.target instanceof Element ? event.target.closest<HTMLAnchorElement>('a[data-row-link]') : null
      const to = link?.getAttribute('href')
      if (!to?.startsWith('/')) return
      event.preventDefault()
      void navigate(to)
    },
    [navigate],
  )
}
