// Text helpers shared by both lists: search keys are computed once per record, not per keystroke.

/** Lower case, `ё` folded into `е`, runs of white space folded: the form every search key and query takes. */
export function normalizeText(value: string): string {
  return value.toLowerCase().replaceAll('ё', 'е').replace(/\s+/g, ' ').trim()
}

/** Lower case with `ё` folded into `е`, for search keys built once per record (names are already trimmed). */
export function foldCase(value: string): string {
  const lower = value.toLowerCase()
  return lower.includes('ё') ? lower.replaceAll('ё', 'е') : lower
}

export function digitsOf(value: string): string {
  return value.replace(/\D+/g, '')
}

/** Initials from two name parts, upper-cased; one part or none gives fewer letters, never `undefined`. */
export function initialsOf(first: string, second: string): string {
  const letter = (s: string) => Array.from(s.trim())[0] ?? ''
  return (letter(first) + letter(second)).toUpperCase()
}

export function joinName(...parts: string[]): string {
  return parts
    .map((p) => p.trim())
    .filter(Boolean)
    .join(' ')
}

export interface SearchQuery {
  words: string[]
  /** set when the query is a phone number with formatting (digits, spaces, + ( ) - .) */
  digits: string | null
  empty: boolean
}

export function parseSearch(raw: string): SearchQuery {
  const normalized = normalizeText(raw)
  const digits = /^[\d\s()+\-.]+$/.test(normalized) && /\d/.test(normalized) ? digitsOf(normalized) : null
  return { words: normalized ? normalized.split(' ') : [], digits, empty: normalized === '' }
}

/** Every word of the query is somewhere in the key, in any order. */
export function matchesWords(key: string, words: string[]): boolean {
  for (const word of words) if (!key.includes(word)) return false
  return true
}

export const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })
