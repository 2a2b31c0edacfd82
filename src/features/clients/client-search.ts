import { matchesWords, parseSearch } from '../../lib/text'
import type { Client } from './client-model'

/**
 * `Search clients` (SPEC §2): any part of the full name in any word order, case- and ё/е-insensitive,
 * the email, or the phone digits ignoring formatting. Returns a predicate, or null for an empty query.
 * A query that is a formatted number (`+7 (917) 423`) is also looked for as its digits; the key keeps
 * the phone as digits, so `7917423` finds it.
 */
export function clientMatcher(raw: string): ((c: Client) => boolean) | null {
  const q = parseSearch(raw)
  if (q.empty) return null
  const { words, digits } = q
  if (digits) return (c) => c.searchKey.includes(digits) || matchesWords(c.searchKey, words)
  // One word (every keystroke of the first word typed) is one `includes` per client.
  const [word] = words
  if (words.length === 1 && word !== undefined) return (c) => c.searchKey.includes(word)
  return (c) => matchesWords(c.searchKey, words)
}
