import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { isPrecompressed, precompress } from './precompress.ts'

// A script that compresses like real code: repeated structure with some variety.
const SCRIPT = Array.from({ length: 400 }, (_, i) => `export const row${i} = { id: ${i}, name: "client ${i % 37}", email: "c${i}@example.com" };`).join('\n')
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>'

let dir: string | undefined
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
  dir = undefined
})

async function build(bundle: Record<string, unknown>) {
  dir = await mkdtemp(join(tmpdir(), 'roster-precompress-'))
  await mkdir(join(dir, 'assets')) // Vite has written the assets there
  const plugin = precompress()
  const writeBundle = plugin.writeBundle as (options: { dir: string }, bundle: unknown) => Promise<void>
  await writeBundle.call({}, { dir }, bundle)
  return dir
}

describe('precompress', () => {
  it('picks the hashed scripts, styles and images, not index.html or other files', () => {
    expect(isPrecompressed('assets/index-abc123.js')).toBe(true)
    expect(isPrecompressed('assets/index-abc123.css')).toBe(true)
    expect(isPrecompressed('assets/logo-abc123.svg')).toBe(true)
    expect(isPrecompressed('index.html')).toBe(false)
    expect(isPrecompressed('assets/photo-abc123.png')).toBe(false)
    expect(isPrecompressed('favicon.svg')).toBe(false)
  })

  it('writes a .gz beside each asset that any gzip decoder turns back into the same bytes, no bigger than zlib level 9', async () => {
    const out = await build({
      'assets/index-abc123.js': { type: 'chunk', fileName: 'assets/index-abc123.js', code: SCRIPT },
      'assets/logo-abc123.svg': { type: 'asset', fileName: 'assets/logo-abc123.svg', source: new TextEncoder().encode(SVG) },
      'index.html': { type: 'asset', fileName: 'index.html', source: '<!doctype html>' },
    })
    const script = await readFile(join(out, 'assets/index-abc123.js.gz'))
    expect(gunzipSync(script).toString('utf8')).toBe(SCRIPT)
    expect(script.length).toBeLessThanOrEqual(gzipSync(SCRIPT, { level: 9 }).length)
    expect(gunzipSync(await readFile(join(out, 'assets/logo-abc123.svg.gz'))).toString('utf8')).toBe(SVG)
    await expect(readFile(join(out, 'index.html.gz'))).rejects.toThrow(/ENOENT/)
  })

  it('leaves none of the process-wide error handlers that the Zopfli runtime adds (they abort Node)', async () => {
    await build({ 'assets/a-abc123.js': { type: 'chunk', fileName: 'assets/a-abc123.js', code: SCRIPT } })
    const sources = [...process.listeners('uncaughtException'), ...process.listeners('unhandledRejection')].map(String)
    // Emscripten's: one rethrows anything but its ExitStatus, the other is its abort().
    expect(sources.filter((source) => source.includes('ExitStatus') || /^function abort\(/.test(source))).toEqual([])
  })
})
