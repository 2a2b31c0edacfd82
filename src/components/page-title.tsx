import { useEffect, useRef, type ReactNode } from 'react'

let firstHeading = true

/** The page's h1: sets `document.title` and takes focus after an in-app navigation. */
export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    document.title = `${title} · Roster`
  }, [title])
  useEffect(() => {
    // The first page load keeps the browser's own focus; later navigations announce the new page.
    if (firstHeading) firstHeading = false
    else ref.current?.focus({ preventScroll: true })
  }, [])
  return (
    <h1 ref={ref} tabIndex={-1} className="text-2xl font-semibold tracking-tight outline-none">
      {children ?? title}
    </h1>
  )
}
