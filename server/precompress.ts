import { gzipAsync } from '@gfx/zopfli'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Plugin } from 'vite'

/** Which built files get a gzipped copy: the hashed scripts, styles and images the server caches for a year. */
export const isPrecompressed = (fileName: string) => fileName.startsWith('assets/') && /\.(js|css|svg)$/.test(fileName)

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
      await Promise.all(
        assets.map(async (file) => {
          const source = file.type === 'chunk' ? file.code : file.source
          const bytes = typeof source === 'string' ? new TextEncoder().encode(source) : source
          await writeFile(join(dir, `${file.fileName}.gz`), await gzipAsync(bytes, { numiterations: 15 }))
        }),
      )
    },
  }
}
