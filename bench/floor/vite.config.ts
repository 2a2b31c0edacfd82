import react from '@vitejs/plugin-react'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

// Built by bench/run.mjs into the benchmark's own copy of Roster's dist/, under /bench-floor/,
// so the Roster server serves it from the same origin (same compression, same /api).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/bench-floor/',
  plugins: [react()],
  logLevel: 'warn',
  build: { sourcemap: 'hidden', emptyOutDir: true },
})
