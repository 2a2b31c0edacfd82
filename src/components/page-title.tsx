import { useEffect, useRef, type ReactNode } from 'react'
import { useLocale } from '../i18n/locale'
import { m } from '../paraglide/messages.js'

let firstHeading = true

/** The page's h1: sets `document.title` and takes focus after an in-app navigation. */
export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null)
  const locale = useLocale()
  useEffect(() => {
    document.title = m.page_title({ page: title })
  }, [title, locale])
  useEffect(() => {
    // The first page load keeps the browser's own focus; later navigations announce the new page.
    if (firstHeading) firstHeading = false
    else ref.current?.focus({ preventScroll: true })
  }, [])
  return (
    // A name with no spaces (10,000 letters from an API) wraps anywhere and stops at three lines; the whole
    // text stays in the accessible name and, when long, in a tooltip.
    <h1
      ref={ref}
      tabIndex={-1}
      title={title.length > 80 ? title : undefined}
      className="line-clamp-3 text-2xl font-semibold tracking-tight outline-none [overflow-wrap:anywhere]"
    >
      {children ?? title}
    </h1>
  )
}
