import { matchesWords, parseSearch } from '../../lib/text'

/**
 * `Search clients` (SPEC §2): any part of the full name in any word order, case- and ё/е-insensitive,
 * the email, or the phone digits ignoring formatting. Returns a predicate on a client's `searchKey`, or
 * null for an empty query. A query that is a formatted number (`+7 (917) 423`) is also looked for as its
 * digits; the key keeps the phone as digits, so `7917423` finds it.
 */
export function searchKeyMatcher(raw: string): ((key: string) => boolean) | null {
  const q = parseSearch(raw)
  if (q.empty) return null
  const { words, digits } = q
  if (digits) return (key) => key.includes(digits) || matchesWords(key, words)
  // One word (every keystroke of the first word typed) is one `includes` per client.
  const [word] = words
  if (words.length === 1 && word !== undefined) return (key) => key.includes(word)
  return (key) => matchesWords(key, words)
}
