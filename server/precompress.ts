import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Plugin } from 'vite'

/** Which built files get a gzipped copy: the hashed scripts, styles and images the server caches for a year. */
export const isPrecompressed = (fileName: string) => fileName.startsWith('assets/') && /\.(js|css|svg)$/.test(fileName)

/**
 * Zopfli, loaded when a build writes its files (not when Vite reads its config, for `npm run dev` and the
 * tests). Its Emscripten runtime adds process-wide handlers that abort Node on any unhandled rejection
 * anywhere in the process; they are taken off again, so a build fails the way it would without them.
 */
async function loadZopfli() {
  const uncaught = process.listeners('uncaughtException')
  const unhandled = process.listeners('unhandledRejection')
  const zopfli = await import('@gfx/zopfli')
  for (const listener of process.listeners('uncaughtException')) if (!uncaught.includes(listener)) process.off('uncaughtException', listener)
  for (const listener of process.listeners('unhandledRejection')) if (!unhandled.includes(listener)) process.off('unhandledRejection', listener)
  return zopfli
}

/**
 * A Vite plugin: the build writes a `.gz` beside each hashed asset, and the server (app.ts) sends it as is
 * to browsers that accept gzip instead of compressing every response on the fly. The copies are made
 * with Zopfli, a slow search for the smallest stream that any gzip decoder reads: about 3% smaller than
 * zlib's best level, paid once per build (a few seconds).
 */
export function precompress(): Plugin {
  return {
    name: 'roster-precompress',
    apply: 'build',
    // After the bundle is written: earlier hooks see chunks before Vite's last rewrites (preload markers).
    async writeBundle({ dir = 'dist' }, bundle) {
      const assets = Object.values(bundle).filter((file) => isPrecompressed(file.fileName))
      if (assets.length === 0) return
      const { gzipAsync } = await loadZopfli()
      // One at a time: Zopfli runs on this thread, so there is nothing to gain from starting them together.
      for (const file of assets) {
        const source = file.type === 'chunk' ? file.code : file.source
        const bytes = typeof source === 'string' ? new TextEncoder().encode(source) : source
        await writeFile(join(dir, `${file.fileName}.gz`), await gzipAsync(bytes, { numiterations: 15 }))
      }
    },
  }
}
