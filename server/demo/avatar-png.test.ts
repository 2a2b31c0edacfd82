import { crc32, inflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { avatarPng } from './avatar-png.ts'

/** Reads back an 8-bit RGB PNG with unfiltered rows, as avatarPng writes it. */
function decode(bytes: Uint8Array) {
  const png = Buffer.from(bytes)
  const chunks = new Map<string, Buffer>()
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at)
    const type = png.toString('latin1', at + 4, at + 8)
    chunks.set(type, png.subarray(at + 8, at + 8 + length))
    if (png.readUInt32BE(at + 8 + length) !== crc32(png.subarray(at + 4, at + 8 + length))) throw new Error(`${type}: wrong CRC`)
    at += length + 12
  }
  const header = chunks.get('IHDR')!
  const width = header.readUInt32BE(0)
  const height = header.readUInt32BE(4)
  const pixels = inflateSync(chunks.get('IDAT')!)
  const pixel = (x: number, y: number) => [...pixels.subarray(y * (width * 3 + 1) + 1 + x * 3, y * (width * 3 + 1) + 4 + x * 3)]
  return { width, height, depth: header[8], colourType: header[9], pixels, pixel, chunkTypes: [...chunks.keys()] }
}

describe('avatarPng', () => {
  it('is a 128 × 128 RGB PNG whose every row is unfiltered', async () => {
    const png = decode(await avatarPng(12))
    expect(png.chunkTypes).toEqual(['IHDR', 'IDAT', 'IEND'])
    expect([png.width, png.height, png.depth, png.colourType]).toEqual([128, 128, 8, 2])
    expect(png.pixels).toHaveLength(128 * (128 * 3 + 1))
    for (let y = 0; y < 128; y++) expect(png.pixels[y * (128 * 3 + 1)]).toBe(0)
  })

  it('draws a dark shape on a light ground, with smoothed edges', async () => {
    const png = decode(await avatarPng(4)) // shape 0: a circle of radius 38
    const luma = ([r, g, b]: number[]) => 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
    const ground = luma(png.pixel(2, 2))
    const centre = luma(png.pixel(64, 64))
    expect(ground).toBeGreaterThan(centre + 60)
    const all = Array.from({ length: 128 * 128 }, (_, i) => luma(png.pixel(i % 128, Math.floor(i / 128))))
    const between = all.filter((value) => value < ground - 5 && value > centre + 5) // the edge's pixels
    expect(between.length).toBeGreaterThan(50)
    expect(between.length).toBeLessThan(2 * Math.PI * 38 * 2)
  })

  it('gives the same bytes for the same id, and other pictures for other ids', async () => {
    const seven = Buffer.from(await avatarPng(7))
    expect(seven.equals(Buffer.from(await avatarPng(7)))).toBe(true)
    expect(seven.equals(Buffer.from(await avatarPng(8)))).toBe(false)
    expect(seven.length).toBeLessThan(4000)
  })
})
