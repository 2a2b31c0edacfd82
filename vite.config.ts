import { paraglideVitePlugin } from '@inlang/paraglide-js'
import tailwindcss from '@tailwindcss/vite'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vitest/config'
import { precompress } from './server/precompress.ts'

// `npm run dev` answers /api/* from the same Hono app that `npm start` runs,
// so the proxy, the demo API and /api/health behave identically in both.
function rosterApi(): Plugin {
  let injectMeta = (html: string) => html
  return {
    name: 'roster-api',
    transformIndexHtml: (html) => injectMeta(html),
    async configureServer(server) {
      const { getRequestListener } = await import('@hono/node-server')
      const { createApiApp } = await import('./server/api.ts')
      const { loadConfig } = await import('./server/config.ts')
      const config = loadConfig(process.env)
      const listener = getRequestListener(createApiApp(config).fetch)
      const { injectHealth } = await import('./server/app.ts')
      injectMeta = (html) => injectHealth(html, config)
      // Registered without a prefix: connect would strip '/api' from req.url.
      server.middlewares.use((req, res, next) => {
        if (req.url?.startsWith('/api/')) void listener(req, res)
        else next()
      })
    },
  }
}

export default defineConfig({
  plugins: [
    // Compiles messages/*.json into src/paraglide (typed message functions; see docs/decisions/011-languages.md).
    // The locale is Roster's own store (src/i18n/locale.ts overrides getLocale), so the strategy is only a fallback.
    paraglideVitePlugin({ project: './project.inlang', outdir: './src/paraglide', strategy: ['globalVariable', 'baseLocale'], emitReadme: false }),
    react(),
    tailwindcss(),
    rosterApi(),
    precompress(),
  ],
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1' },
  resolve: {
    alias: [{ find: /^use-sync-external-store\/shim\/with-selector$/, replacement: 'use-sync-external-store/with-selector' }],
  },
  build: {
    sourcemap: false,
    modulePreload: { polyfill: false },
    // What the entry needs is one chunk: the automatic split made three that always load together, each
    // gzipped on its own (about 2 kB more).
    rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'index', tags: ['$initial'] }] } } },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'app',
          include: ['src/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['src/test/setup.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'server', include: ['server/**/*.test.ts'], environment: 'node' },
      },
    ],
  },
})
