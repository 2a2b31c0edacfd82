/*
 * What the proxy does to an upstream body on its way to the browser: it passes it on as it
 * arrives (never holding it whole), cuts it off past a size or after a pause, and scrubs
 * server-held secrets out of text. Platform-neutral: web streams only (see api.ts).
 */

export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`The answer was longer than ${limit} bytes`)
    this.name = 'BodyTooLarge'
  }
}

export class BodyStalled extends Error {
  constructor(readonly pauseMs: number) {
    super(`The answer paused for more than ${pauseMs} ms`)
    this.name = 'BodyStalled'
  }
}

export interface GuardOptions {
  /** The most bytes passed on; more errors the stream with BodyTooLarge. */
  maxBytes: number
  /** The longest wait for the next chunk; longer errors the stream with BodyStalled. */
  pauseMs: number
  /** Called once when the body is cut off (too large, stalled, or upstream failed). */
  onCutOff: (reason: Error) => void
  /** Called when the body is over, however it ended (done, cut off, or cancelled by the browser). */
  onEnd?: () => void
}

/**
 * A pull-based copy of `source`: a chunk is read from upstream only when the browser's side
 * wants one, so a fast upstream and a slow browser cannot fill the memory in between.
 */
export function guardBody(source: ReadableStream<Uint8Array>, options: GuardOptions): ReadableStream<Uint8Array> {
  const reader = source.getReader()
  let received = 0
  const cutOff = (controller: ReadableStreamDefaultController<Uint8Array>, reason: Error) => {
    options.onEnd?.()
    options.onCutOff(reason)
    controller.error(reason)
    reader.cancel(reason).catch(() => {})
  }
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let timer: ReturnType<typeof setTimeout> | undefined
        const stalled = new Promise<'stalled'>((resolve) => {
          timer = setTimeout(() => resolve('stalled'), options.pauseMs)
        })
        try {
          const next = await Promise.race([reader.read(), stalled])
          if (next === 'stalled') return cutOff(controller, new BodyStalled(options.pauseMs))
          if (next.done) {
            options.onEnd?.()
            return controller.close()
          }
          received += next.value.byteLength
          if (received > options.maxBytes) return cutOff(controller, new BodyTooLarge(options.maxBytes))
          controller.enqueue(next.value)
        } catch (error) {
          cutOff(controller, error instanceof Error ? error : new Error(String(error)))
        } finally {
          clearTimeout(timer)
        }
      },
      cancel(reason) {
        options.onEnd?.()
        return reader.cancel(reason)
      },
    },
    // One chunk in hand at most: backpressure reaches upstream at once.
    { highWaterMark: 1 },
  )
}

const REDACTED = '[redacted]'

/** A secret as it may appear in text: as is, and as a JSON string would escape it. */
function spellings(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1)
  return [...new Set([secret, json, json.replaceAll('/', '\\/')])]
}

/** Replaces every spelling of every secret with `[redacted]`. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of secrets) for (const spelling of spellings(secret)) out = out.replaceAll(spelling, REDACTED)
  return out
}

/**
 * A text stream that never passes on a secret, even one split across two chunks: it holds
 * back the last (longest spelling − 1) characters until it has seen what follows them.
 */
export function redactStream(secrets: readonly string[]): TransformStream<Uint8Array, Uint8Array> {
  const present = secrets.filter((secret) => secret.length > 0)
  const keep = Math.max(0, ...present.flatMap(spellings).map((spelling) => spelling.length - 1))
  const decoder = new TextDecoder()
  const encoder = new TextEncoder()
  let carry = ''
  return new TransformStream({
    transform(chunk, controller) {
      const text = redactText(carry + decoder.decode(chunk, { stream: true }), present)
      let cut = Math.max(0, text.length - keep)
      // Never split a surrogate pair: its halves would be encoded as two replacement characters.
      const code = text.charCodeAt(cut - 1)
      if (cut > 0 && code >= 0xd800 && code <= 0xdbff) cut--
      carry = text.slice(cut)
      if (cut > 0) controller.enqueue(encoder.encode(text.slice(0, cut)))
    },
    flush(controller) {
      const text = redactText(carry + decoder.decode(), present)
      if (text !== '') controller.enqueue(encoder.encode(text))
    },
  })
}

/** Bodies worth scrubbing: text of any kind (JSON, HTML error pages, XML); not pictures. */
export function isTextual(contentType: string | null): boolean {
  if (contentType === null) return true
  return /^\s*(?:text\/|application\/(?:[\w.+-]*\+)?(?:json|xml|javascript)\b)/i.test(contentType)
}
