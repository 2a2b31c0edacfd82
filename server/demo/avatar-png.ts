// The demo's profile pictures: a coloured shape on a light ground, as a PNG. Real profile pictures are
// photos (the API's own example is a .jpg), and a browser treats a raster picture very differently
// from an SVG one: it decodes a PNG once, off the page's main thread, while an SVG is a document of its
// own that the page paints again whenever its row moves. A coloured shape, not initials: the app draws
// initials itself when a picture fails.

const SIZE = 128
const SUPERSAMPLE = 4 // samples per pixel along each axis: 16 per pixel smooth the edges

type Shape = (x: number, y: number) => boolean

// In a 128 × 128 square, centred on 64,64.
const SHAPES: Shape[] = [
  (x, y) => (x - 64) ** 2 + (y - 64) ** 2 <= 38 ** 2, // a circle
  (x, y) => {
    // a square with rounded corners (34 from the centre, corners of radius 10)
    const dx = Math.abs(x - 64)
    const dy = Math.abs(y - 64)
    return dx <= 34 && dy <= 34 && Math.max(dx - 24, 0) ** 2 + Math.max(dy - 24, 0) ** 2 <= 10 ** 2
  },
  (x, y) => y >= 24 && y <= 100 && Math.abs(x - 64) <= ((y - 24) * 40) / 76, // a triangle
  (x, y) => Math.abs(x - 64) + Math.abs(y - 64) <= 44, // a diamond
]

type Rgb = [number, number, number]

function hsl(hue: number, saturation: number, lightness: number): Rgb {
  const a = saturation * Math.min(lightness, 1 - lightness)
  const channel = (n: number) => {
    const k = (n + hue / 30) % 12
    return Math.round(255 * (lightness - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))))
  }
  return [channel(0), channel(8), channel(4)]
}

// CRC-32 (ISO 3309), which closes every PNG chunk.
const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Uint8Array): Uint8Array<ArrayBuffer> {
  const frame = new Uint8Array(data.length + 12)
  const view = new DataView(frame.buffer)
  view.setUint32(0, data.length)
  for (let i = 0; i < 4; i++) frame[4 + i] = type.charCodeAt(i)
  frame.set(data, 8)
  view.setUint32(data.length + 8, crc32(frame.subarray(4, data.length + 8)))
  return frame
}

// Web platform APIs only (no `node:` modules): the demo API also runs inside the app's own tests.
async function deflate(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new CompressionStream('deflate') // zlib's format, which a PNG's IDAT holds
  const writer = stream.writable.getWriter()
  void writer.write(bytes)
  void writer.close()
  return new Uint8Array(await new Response(stream.readable).arrayBuffer())
}

// How much of each pixel each shape covers, in sixteenths: worked out once per shape, then only tinted.
const coverage = new Map<Shape, Uint8Array>()

function coverageOf(inside: Shape): Uint8Array {
  let cover = coverage.get(inside)
  if (!cover) {
    cover = new Uint8Array(SIZE * SIZE)
    const step = 1 / SUPERSAMPLE
    for (let y = 0; y < SIZE; y++) {
      for (let x = 0; x < SIZE; x++) {
        let hits = 0
        for (let sy = step / 2; sy < 1; sy += step) for (let sx = step / 2; sx < 1; sx += step) if (inside(x + sx, y + sy)) hits++
        cover[y * SIZE + x] = hits
      }
    }
    coverage.set(inside, cover)
  }
  return cover
}

/** The picture of demo client `id`: the same bytes for the same id. */
export async function avatarPng(id: number): Promise<Uint8Array<ArrayBuffer>> {
  const hue = (id * 137.508) % 360
  const ground = hsl(hue, 0.7, 0.88)
  const ink = hsl(hue, 0.55, 0.42)
  const cover = coverageOf(SHAPES[id % SHAPES.length]!)
  const stride = SIZE * 3 + 1 // a filter byte (0, none) before each row
  const pixels = new Uint8Array(stride * SIZE)
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const share = cover[y * SIZE + x]! / SUPERSAMPLE ** 2
      const at = y * stride + 1 + x * 3
      for (let c = 0; c < 3; c++) pixels[at + c] = Math.round(ground[c]! + (ink[c]! - ground[c]!) * share)
    }
  }
  const header = new Uint8Array(13)
  new DataView(header.buffer).setUint32(0, SIZE)
  new DataView(header.buffer).setUint32(4, SIZE)
  header[8] = 8 // bits per channel
  header[9] = 2 // truecolour (RGB); compression, filter and interlace methods stay 0
  const parts = [
    Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
    chunk('IHDR', header),
    chunk('IDAT', await deflate(pixels)),
    chunk('IEND', new Uint8Array(0)),
  ]
  const png = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let at = 0
  for (const part of parts) {
    png.set(part, at)
    at += part.length
  }
  return png
}
