import '@testing-library/jest-dom/vitest'
import { cleanup } from '@testing-library/react'
import { afterEach } from 'vitest'

// jsdom lays nothing out, so TanStack Virtual would see a 0×0 viewport and render no rows.
Object.defineProperties(HTMLElement.prototype, {
  clientHeight: { configurable: true, get: () => 800 },
  clientWidth: { configurable: true, get: () => 1200 },
})

afterEach(() => {
  cleanup()
  localStorage.clear()
  sessionStorage.clear()
})
