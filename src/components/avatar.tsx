import { useEffect, useState } from 'react'

const SIZES = { sm: 'size-8 text-xs', lg: 'size-24 text-2xl' } as const
// Backgrounds that keep white text above 4.5:1 contrast.
const COLOURS = ['#1d4ed8', '#7c3aed', '#be185d', '#b91c1c', '#c2410c', '#15803d', '#0f766e', '#0369a1', '#4338ca', '#a21caf']

function colourFor(seed: string): string {
  let h = 0
  for (let i = 0; i < seed.length; i++) h = (h * 31 + seed.charCodeAt(i)) | 0
  return COLOURS[Math.abs(h) % COLOURS.length]!
}

/** Only an absolute http(s) URL may become an image source: never javascript:, data:, or a path on this site. */
export function safeImageUrl(url: string | undefined): string | null {
  if (!url) return null
  let safe = checked.get(url)
  if (safe === undefined) {
    if (checked.size > 10_000) checked.clear()
    safe = isHttpUrl(url) ? url : null
    checked.set(url, safe)
  }
  return safe
}

// Rows render again as a list is filtered and scrolled: each URL is parsed once.
const checked = new Map<string, string | null>()

function isHttpUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url) // throws for relative and protocol-relative URLs
    return protocol === 'http:' || protocol === 'https:'
  } catch {
    return false
  }
}

interface Props {
  initials: string
  /** seeds the background colour, so a person keeps their colour across screens */
  colourKey: string
  src?: string
  size?: keyof typeof SIZES
  /** give the picture a text alternative where it is the page's subject (a profile) */
  alt?: string
  /**
   * Ask for the picture only once the avatar has been on screen this long (list rows): rows that flash past
   * while someone types in the search or scrolls fast cost no download, and the rows themselves appear
   * in the keystroke's own frame. Until then, and if it never loads, the initials show.
   */
  loadAfterMs?: number
  /** placement in the surrounding layout (a margin, an alignment) */
  className?: string
}

/**
 * Initials on a colour, with the picture laid over them once it has loaded: a missing, invalid or
 * failed image leaves the initials, and no broken-image icon ever shows. Fixed size: no layout shift.
 */
export function Avatar({ initials, colourKey, src, size = 'sm', alt = '', loadAfterMs = 0, className = '' }: Props) {
  // Also for a picture shown before: a cached picture still costs its decoding (an SVG is a whole
  // document, on the main thread), and the rows of a repeated search would pay it in the keystroke's frame.
  const url = useSettled(loadAfterMs) ? safeImageUrl(src) : null
  const [state, setState] = useState<{ url: string | null; status: 'loading' | 'loaded' | 'failed' }>({ url, status: 'loading' })
  // A recycled virtual row can hand this component another person's URL: start over for it.
  const status = state.url === url ? state.status : 'loading'
  // The picture rounds its own corners: a rounded `overflow: hidden` box around it would make every list
  // row paint through a rounded clip, in the frame of the keystroke that brought the row. No
  // `loading="lazy"`: a virtualized list renders only rows that are on screen or about to be, so there is
  // nothing to defer, and each lazy image costs an intersection check in every frame.
  return (
    <span
      className={`relative inline-flex shrink-0 select-none items-center justify-center rounded-full font-semibold text-white ${SIZES[size]} ${className}`}
      style={{ backgroundColor: colourFor(colourKey) }}
    >
      <span aria-hidden="true">{initials}</span>
      {url && status !== 'failed' && (
        <img
          src={url}
          alt={alt}
          decoding="async"
          referrerPolicy="no-referrer"
          className={`absolute inset-0 size-full rounded-full object-cover ${status === 'loaded' ? 'opacity-100' : 'opacity-0'}`}
          onLoad={() => setState({ url, status: 'loaded' })}
          onError={() => setState({ url, status: 'failed' })}
        />
      )}
    </span>
  )
}

/** false until `ms` have passed since the component mounted (true at once for 0). */
function useSettled(ms: number): boolean {
  const [settled, setSettled] = useState(ms <= 0)
  useEffect(() => {
    if (settled) return
    const id = setTimeout(() => setSettled(true), ms)
    return () => clearTimeout(id)
  }, [settled, ms])
  return settled
}
