import { parseSearch, type SearchQuery } from '../../lib/text'
import { clientSearchKey, type Client } from './client-model'

/**
 * The search keys of a list's clients (client-model.ts `clientSearchKey`) in one string, in the list's
 * order, a line break after each; `starts[i]` is where client i's key begins (`starts[n]` is the
 * string's length + 1). A keystroke is then a few `indexOf` calls over one string, which the engine runs
 * as a fast scan, rather than one call per client: for a rare letter, 50,000 calls cost more than the
 * scanning itself (a letter in every key still takes a call per client). A query word holds no line
 * break (whitespace is folded into spaces), so no match runs from one client into the next.
 */
export interface SearchIndex {
  text: string
  starts: Int32Array
}

export function searchIndexOf(keys: readonly string[]): SearchIndex {
  const starts = new Int32Array(keys.length + 1)
  let at = 0
  for (let i = 0; i < keys.length; i++) {
    starts[i] = at
    at += keys[i]!.length + 1
  }
  starts[keys.length] = at
  return { text: keys.join('\n'), starts }
}

/** 1 for each client whose key contains `word`. */
function clientsWith({ text, starts }: SearchIndex, word: string): Uint8Array {
  const count = starts.length - 1
  const found = new Uint8Array(count)
  let client = 0
  for (let at = text.indexOf(word); at !== -1 && client < count; at = text.indexOf(word, starts[client])) {
    while (starts[client + 1]! <= at) client++
    found[client] = 1
    client++ // one match is enough: go on from the next client's key
  }
  return found
}

/**
 * `Search clients` (SPEC §2): any part of the full name in any word order, case- and ё/е-insensitive,
 * the email, or the phone digits ignoring formatting. Returns 1 at the list index of each client that
 * matches a (non-empty) query. A query that is a formatted number (`+7 (917) 423`) is also looked for
 * as its digits; the key keeps the phone as digits, so `7917423` finds it.
 */
export function findInIndex(index: SearchIndex, { words, digits }: SearchQuery): Uint8Array {
  // Every word somewhere in the key.
  const found = clientsWith(index, words[0]!)
  for (const word of words.slice(1)) {
    const also = clientsWith(index, word)
    for (let i = 0; i < found.length; i++) if (!also[i]) found[i] = 0
  }
  // Or the phone digits, unless the query was those digits alone (already looked for).
  if (digits && !(words.length === 1 && words[0] === digits)) {
    const byPhone = clientsWith(index, digits)
    for (let i = 0; i < found.length; i++) if (byPhone[i]) found[i] = 1
  }
  return found
}

// One index per list (the query cache keeps a list's array until a refetch brings another).
const indexes = new WeakMap<readonly Client[], SearchIndex>()

/**
 * The search index of a list, built the first time it is asked for: about 100 ms at 50,000 clients
 * (case-folding every name and email), so the Clients screen builds it once its first rows are painted
 * (`prepareSearch`), or when a search needs it first.
 */
export function searchIndexFor(clients: readonly Client[]): SearchIndex {
  let index = indexes.get(clients)
  if (!index) {
    index = searchIndexOf(clients.map(clientSearchKey))
    indexes.set(clients, index)
  }
  return index
}

/** `Search clients` over a list: 1 at the list index of each client that matches, or null for an empty query. */
export function matchClients(clients: readonly Client[], raw: string): Uint8Array | null {
  const query = parseSearch(raw)
  return query.empty ? null : findInIndex(searchIndexFor(clients), query)
}

/** Builds a list's index in the browser's next idle moment; returns the function that cancels it. */
export function prepareSearch(clients: readonly Client[]): () => void {
  if (clients.length === 0 || indexes.has(clients)) return () => {}
  // Safari has no requestIdleCallback: a timer after the current frame does the same there.
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(() => searchIndexFor(clients), { timeout: 2000 })
    return () => cancelIdleCallback(id)
  }
  const id = setTimeout(() => searchIndexFor(clients), 50)
  return () => clearTimeout(id)
}
