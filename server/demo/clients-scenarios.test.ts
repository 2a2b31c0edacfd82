import { describe, expect, it } from 'vitest'
import { createApiApp } from '../api.ts'
import { loadConfig } from '../config.ts'
import { parseScenario } from './scenarios.ts'

const app = createApiApp(loadConfig({ LOG_LEVEL: 'silent', DEMO_CLIENTS: '40' }))

async function getClients(flags: string) {
  const response = await app.request('/api/clients/clients', { headers: { Authorization: `Bearer demo-token+${flags}` } })
  return { response, text: await response.text() }
}

describe('parseScenario', () => {
  it('splits flags and reads numbers, ignoring unknown flags', () => {
    const scenario = parseScenario('demo-token+limit3+n10+t123', 'demo-token')!
    expect(scenario.raw).toBe('demo-token+limit3+n10+t123')
    expect(scenario.number('limit')).toBe(3)
    expect(scenario.number('n')).toBe(10)
    expect(scenario.number('slow')).toBeUndefined()
    expect(scenario.has('t123')).toBe(true)
    expect(parseScenario('demo-tokenX+limit3', 'demo-token')).toBeNull()
    expect(parseScenario(undefined, 'demo-token')).toBeNull()
  })
})

describe('demo Clients API scenario flags (token demo-token+flag)', () => {
  it('n<N> and empty change the number of clients', async () => {
    expect((JSON.parse((await getClients('n5')).text) as { client: unknown[] }).client).toHaveLength(5)
    expect(JSON.parse((await getClients('empty')).text)).toEqual({ success: true, client: [] })
  })

  it('hostile gives at least 30 records, mostly valid', async () => {
    const { client } = JSON.parse((await getClients('hostile')).text) as { client: Record<string, unknown>[] }
    expect(client.length).toBeGreaterThanOrEqual(30)
    const valid = client.filter((c) => Number.isInteger(c.client_id) && !Number.isNaN(Date.parse(String(c.created_at))))
    expect(valid.length).toBeGreaterThan(client.length / 2)
    expect(valid.length).toBeLessThan(client.length)
    const urls = client.map((c) => c.profile_picture_url)
    expect(urls).toContain('javascript:alert(1)')
    expect(urls).toContain('//evil.example/x.png')
    expect(client.some((c) => String(c.first_name).length >= 10_000)).toBe(true)
    expect(client.some((c) => String(c.patronymic).includes('\u202e'))).toBe(true)
  })

  it('malformed hides two bad records among good ones', async () => {
    const { client } = JSON.parse((await getClients('malformed')).text) as { client: Record<string, unknown>[] }
    expect(client).toHaveLength(42)
    expect(client.filter((c) => !('email_address' in c))).toHaveLength(1)
    expect(client.filter((c) => typeof c.client_id === 'string')).toHaveLength(1)
    expect(client[0]).toHaveProperty('email_address')
  })

  it('shape answers 200 with the wrong shape', async () => {
    const { response, text } = await getClients('shape')
    expect(response.status).toBe(200)
    expect(JSON.parse(text)).toEqual({ success: true, clients: {} })
  })

  it('html answers 500 with an HTML page', async () => {
    const { response, text } = await getClients('html')
    expect(response.status).toBe(500)
    expect(response.headers.get('Content-Type')).toContain('text/html')
    expect(text).toMatch(/^<!DOCTYPE html>/)
  })

  it('trace answers 500 JSON with a stack', async () => {
    const { response, text } = await getClients('trace')
    expect(response.status).toBe(500)
    expect(JSON.parse(text)).toMatchObject({ success: false, error: 'Internal error', stack: expect.stringMatching(/^Error: boom\n/) })
  })

  it('truncated answers 200 with JSON cut in the middle', async () => {
    const { response, text } = await getClients('truncated')
    expect(response.status).toBe(200)
    expect(text.startsWith('{"success":true,"client":[')).toBe(true)
    expect(() => JSON.parse(text)).toThrow()
  })

  it('errors answers 422 with zod-like issues', async () => {
    const { response, text } = await getClients('errors')
    expect(response.status).toBe(422)
    expect(JSON.parse(text)).toMatchObject({
      success: false,
      error: [{ code: 'invalid_type', message: 'Required', path: ['client_id'] }],
    })
  })

  it('fault answers still carry RateLimit headers', async () => {
    const { response } = await getClients('html+t9')
    expect(response.headers.get('RateLimit')).toMatch(/^limit=100, remaining=99, reset=\d+$/)
  })

  it('slow<ms> delays the answer', async () => {
    const started = Date.now()
    await getClients('slow150+n1')
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
  })
})
