/*
 * How the demo makes large answers without making the server wait (SPEC §9): one generation at
 * a time, in slices with a pause for other requests between them, and kept in a cache bounded
 * by bytes and keyed by the data's parameters only. Platform-neutral (see ../api.ts).
 */

/** Records per slice: a slice of clients takes a few milliseconds here (see `npm run loadtest`). */
export const SLICE_RECORDS = 2000

/** Lets other requests run: the next macrotask, after I/O. */
export function pause(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate
  return new Promise((resolve) => (immediate ? immediate(resolve) : setTimeout(resolve, 0)))
}

/** Runs jobs one after another, so that many large requests at once cost one generation's memory. */
export function createQueue() {
  let tail: Promise<unknown> = Promise.resolve()
  return <T>(job: () => Promise<T>): Promise<T> => {
    const run = tail.then(job)
    tail = run.catch(() => {})
    return run
  }
}

/**
 * Least recently used entries go first once the total size passes `maxBytes` (the newest entry
 * always stays, even alone over the budget). Values are promises, so concurrent requests for
 * the same key share one build.
 */
export function createSizedCache<T>(maxEntries: number, maxBytes: number, sizeOf: (value: T) => number) {
  const entries = new Map<string, { value: Promise<T>; bytes: number; done: boolean }>()
  const total = () => [...entries.values()].reduce((sum, entry) => sum + entry.bytes, 0)
  return (key: string, build: () => Promise<T>): Promise<T> => {
    const hit = entries.get(key)
    if (hit) {
      entries.delete(key)
      entries.set(key, hit)
      return hit.value
    }
    const entry = { value: build(), bytes: 0, done: false }
    entries.set(key, entry)
    entry.value.then(
      (value) => {
        entry.bytes = sizeOf(value)
        entry.done = true
        // Oldest first; a build still under way is left alone (its requests are waiting for it).
        for (const [oldKey, old] of entries) {
          if (entries.size <= maxEntries && total() <= maxBytes) break
          if (old !== entry && old.done) entries.delete(oldKey)
        }
      },
      () => entries.delete(key),
    )
    return entry.value
  }
}

/** Stands for the request's origin inside a stored body (`http://…` is never in generated text otherwise). */
export const ORIGIN_MARK = 'http://roster-demo-origin.invalid'

/** One slice of a JSON body as UTF-8, without its origin marks, and where each mark was. */
export interface StoredSlice {
  bytes: Uint8Array
  marks: Uint32Array
}

const encoder = new TextEncoder()

export function storeSlice(text: string): StoredSlice {
  const parts = text.split(ORIGIN_MARK).map((part) => encoder.encode(part))
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  const marks = new Uint32Array(parts.length - 1)
  let at = 0
  parts.forEach((part, i) => {
    bytes.set(part, at)
    at += part.length
    if (i < marks.length) marks[i] = at
  })
  return { bytes, marks }
}

/** The slice with `origin` (already escaped for JSON) where each mark was. */
export function withOrigin(slice: StoredSlice, origin: Uint8Array): Uint8Array {
  if (slice.marks.length === 0) return slice.bytes
  const out = new Uint8Array(slice.bytes.length + slice.marks.length * origin.length)
  let from = 0
  let to = 0
  for (const mark of slice.marks) {
    out.set(slice.bytes.subarray(from, mark), to)
    to += mark - from
    out.set(origin, to)
    to += origin.length
    from = mark
  }
  out.set(slice.bytes.subarray(from), to)
  return out
}

/** A body that fills in the origin one slice at a time, as the reader takes them. */
export function streamSlices(slices: readonly StoredSlice[], origin: string): ReadableStream<Uint8Array> {
  const originBytes = encoder.encode(JSON.stringify(origin).slice(1, -1))
  let next = 0
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (next >= slices.length) return controller.close()
      controller.enqueue(withOrigin(slices[next++]!, originBytes))
    },
  })
}

export function joinSlices(slices: readonly StoredSlice[], origin: string): string {
  const originBytes = encoder.encode(JSON.stringify(origin).slice(1, -1))
  const decoder = new TextDecoder()
  return slices.map((slice) => decoder.decode(withOrigin(slice, originBytes))).join('')
}

/**
 * A JSON body `head` + the records, comma-separated + `tail`, made SLICE_RECORDS at a time by
 * `next(count)`, with a pause between slices so no other request waits long.
 */
export async function buildSlices(total: number, next: (count: number) => unknown[], head: string, tail: string): Promise<StoredSlice[]> {
  const slices: StoredSlice[] = []
  let done = 0
  let text = head
  while (done < total) {
    const count = Math.min(SLICE_RECORDS, total - done)
    const records = next(count)
    text += (done > 0 ? ',' : '') + JSON.stringify(records).slice(1, -1)
    done += count
    if (done >= total) break
    slices.push(storeSlice(text))
    text = ''
    await pause()
  }
  slices.push(storeSlice(text + tail))
  return slices
}

export const sizeOfSlices = (slices: readonly StoredSlice[]) =>
  slices.reduce((sum, slice) => sum + slice.bytes.length + slice.marks.byteLength, 0)
