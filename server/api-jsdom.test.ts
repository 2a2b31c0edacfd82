// @vitest-environment jsdom
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createApiApp } from './api.ts'
import { loadConfig } from './config.ts'

// The React app's unit tests hand fetch('/api/...') to this app inside jsdom (through MSW).
describe('createApiApp in jsdom', () => {
  it('answers the demo APIs with a browser-like request', async () => {
    const app = createApiApp(loadConfig({ DEMO_CLIENTS: '4', DEMO_USERS: '3' }), { log: () => {} })
    const origin = window.location.origin
    const clients = await app.fetch(
      new Request(`${origin}/api/clients/clients`, { headers: { Authorization: 'Bearer demo-token' } }),
    )
    const body = (await clients.json()) as { client: { profile_picture_url: string }[] }
    expect(body.client).toHaveLength(4)
    expect(body.client.some((c) => c.profile_picture_url.startsWith(`${origin}/api/clients/demo-avatars/`))).toBe(true)
    const picture = await app.fetch(new Request(`${origin}/api/clients/demo-avatars/3.png`))
    expect(picture.status).toBe(200)
    expect([...new Uint8Array(await picture.arrayBuffer()).subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]) // "PNG"
    const users = await app.fetch(
      new Request(`${origin}/api/bluedolphin/users?include_guests=true`, { headers: { 'x-api-key': 'demo-key', tenant: 'demo' } }),
    )
    expect(((await users.json()) as { total_items: number }).total_items).toBe(3)
  })

  it('imports nothing from node: in the platform-neutral files', () => {
    const dir = import.meta.dirname
    const files = ['api.ts', 'proxy.ts', 'config.ts', ...readdirSync(join(dir, 'demo')).map((f) => join('demo', f))]
    for (const file of files.filter((f) => !f.endsWith('.test.ts'))) {
      expect(readFileSync(join(dir, file), 'utf8'), file).not.toMatch(/from ['"]node:|require\(/)
    }
  })
})
