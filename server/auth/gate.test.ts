import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { loadConfig } from '../config.ts'
import { stubFetch } from '../test-helpers.ts'
import { hashPassword } from './password.ts'

const PASSWORD = 'correct horse battery'
const usersFile = join(mkdtempSync(join(tmpdir(), 'roster-gate-')), 'users')
writeFileSync(usersFile, `alice:${await hashPassword(PASSWORD)}\n`)
const SECRET = 's'.repeat(40)

function setup(env: Record<string, string> = {}) {
  const logged: string[] = []
  const upstream = stubFetch()
  const config = loadConfig({
    ROSTER_USERS_FILE: usersFile,
    SESSION_SECRET: SECRET,
    CLIENTS_API_URL: 'http://upstream.test',
    CLIENTS_API_TOKEN: 'server-token',
    ...env,
  })
  const app = createApp(config, { log: (line) => logged.push(line), fetch: upstream.fetch })
  const origin = config.publicUrl?.origin ?? 'http://localhost'
  const request = (path: string, init: RequestInit = {}) => app.request(new Request(`${origin}${path}`, init))
  const signIn = (username: string, password: string, headers: Record<string, string> = { Origin: origin }) =>
    request('/auth/sign-in', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams({ username, password, next: '/clients?q=a' }).toString(),
    })
  return { app, request, signIn, logged, upstream, origin }
}

const cookieOf = (response: Response) => response.headers.get('set-cookie')?.split(';')[0] ?? ''

describe('the gate, signed out', () => {
  it('answers /api/* with 401 JSON and proxies nothing; /api/health and the probes stay open', async () => {
    const { request, upstream } = setup()
    const response = await request('/api/clients/clients')
    expect(response.status).toBe(401)
    expect(response.headers.get('X-Roster-Sign-In')).toBe('required')
    expect(await response.json()).toEqual({ error: 'Sign-in required' })
    expect(upstream.calls).toHaveLength(0)
    expect((await request('/api/health')).status).toBe(200)
    expect((await request('/healthz')).status).toBe(200)
    expect((await request('/readyz')).status).toBe(200)
  })

  it('sends an app route to /sign-in with the path to come back to', async () => {
    const { request } = setup()
    const response = await request('/clients/42?tab=notes')
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe(`/sign-in?next=${encodeURIComponent('/clients/42?tab=notes')}`)
  })

  it('renders the sign-in page in English, or in Russian when asked', async () => {
    const { request } = setup()
    const en = await (await request('/sign-in?next=/users')).text()
    expect(en).toContain('<h1>Sign in</h1>')
    expect(en).toContain('name="next" value="/users"')
    const ru = await (await request('/sign-in', { headers: { 'Accept-Language': 'de;q=1, ru;q=0.8, en;q=0.5' } })).text()
    expect(ru).toContain('<html lang="ru">')
    expect(ru).toContain('<h1>Войти</h1>')
  })

  it('never puts a foreign next into the page', async () => {
    const { request } = setup()
    const html = await (await request(`/sign-in?next=${encodeURIComponent('//evil.example')}`)).text()
    expect(html).toContain('name="next" value="/"')
  })
})

describe('signing in and out', () => {
  it('a good password sets an HttpOnly, SameSite=Lax session cookie and goes to next; the session opens /api', async () => {
    const { signIn, request, logged, upstream } = setup()
    const response = await signIn('alice', PASSWORD)
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/clients?q=a')
    const setCookie = response.headers.get('set-cookie') ?? ''
    expect(setCookie).toMatch(/^roster_session=[^;]+; Max-Age=28800; Path=\/; HttpOnly; SameSite=Lax$/)
    const api = await request('/api/clients/clients', { headers: { Cookie: cookieOf(response) } })
    expect(api.status).toBe(200)
    expect(upstream.calls).toHaveLength(1)
    expect(logged).toContain('sign-in: alice (password)')
    expect(logged.join('\n')).not.toContain(PASSWORD)
  })

  it('is Secure (and __Host-) when PUBLIC_URL is https', async () => {
    const { signIn } = setup({ PUBLIC_URL: 'https://roster.example.com' })
    const setCookie = (await signIn('alice', PASSWORD)).headers.get('set-cookie') ?? ''
    expect(setCookie).toMatch(/^__Host-roster_session=.*; Secure; SameSite=Lax$/)
  })

  it('a tampered cookie is no session', async () => {
    const { signIn, request } = setup()
    const cookie = cookieOf(await signIn('alice', PASSWORD))
    const [name, value] = cookie.split('=') as [string, string]
    const tampered = `${name}=${value[0] === 'A' ? 'B' : 'A'}${value.slice(1)}`
    expect((await request('/api/health')).status).toBe(200)
    expect((await request('/api/clients/clients', { headers: { Cookie: tampered } })).status).toBe(401)
    const forged = `${name}=${'A'.repeat(43)}.${value.split('.')[1]}`
    expect((await request('/api/clients/clients', { headers: { Cookie: forged } })).status).toBe(401)
  })

  it('a wrong password and an unknown user get the same words', async () => {
    const { signIn, logged } = setup()
    const wrong = await signIn('alice', 'nope')
    const unknown = await signIn('nobody', PASSWORD)
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(await wrong.text()).toContain('Wrong username or password')
    expect(await unknown.text()).toContain('Wrong username or password')
    expect(logged).toEqual(expect.arrayContaining(['sign-in failed: alice (wrong password)', 'sign-in failed: nobody (unknown user)']))
  })

  it('after 5 failures: Too many attempts, and even the right password is not checked', async () => {
    const { signIn } = setup()
    for (let i = 0; i < 5; i++) expect((await signIn('alice', `wrong ${i}`)).status).toBe(401)
    const blocked = await signIn('alice', PASSWORD)
    expect(blocked.status).toBe(429)
    expect(await blocked.text()).toMatch(/Too many attempts\. Try again in 15 minutes \(at \d\d:\d\d/)
    expect(blocked.headers.get('set-cookie')).toBeNull()
  })

  it('refuses a sign-in POST from another site, and one with neither Origin nor Sec-Fetch-Site', async () => {
    const { signIn } = setup()
    expect((await signIn('alice', PASSWORD, { Origin: 'http://evil.example' })).status).toBe(403)
    expect((await signIn('alice', PASSWORD, { Origin: 'null', 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403)
    expect((await signIn('alice', PASSWORD, {})).status).toBe(403)
    // A browser under Referrer-Policy: no-referrer sends Origin: null from the same origin.
    expect((await signIn('alice', PASSWORD, { Origin: 'null', 'Sec-Fetch-Site': 'same-origin' })).status).toBe(303)
  })

  it('sign-out deletes the session on the server: the same cookie no longer works', async () => {
    const { signIn, request, origin, logged } = setup()
    const cookie = cookieOf(await signIn('alice', PASSWORD))
    const out = await request('/auth/sign-out', { method: 'POST', headers: { Cookie: cookie, Origin: origin } })
    expect(out.status).toBe(303)
    expect(out.headers.get('location')).toBe('/sign-in?signed-out')
    expect(out.headers.get('set-cookie')).toMatch(/^roster_session=; Max-Age=0/)
    expect((await request('/api/clients/clients', { headers: { Cookie: cookie } })).status).toBe(401)
    expect(logged).toContain('sign-out: alice')
  })

  it('tells who is signed in at /auth/me', async () => {
    const { signIn, request } = setup()
    expect((await request('/auth/me')).status).toBe(401)
    const cookie = cookieOf(await signIn('alice', PASSWORD))
    expect(await (await request('/auth/me', { headers: { Cookie: cookie } })).json()).toEqual({ username: 'alice', via: 'password' })
  })
})

describe('safe by default', () => {
  const held = { CLIENTS_API_URL: 'http://upstream.test', CLIENTS_API_TOKEN: 'server-token', HOST: '0.0.0.0', PUBLIC_URL: 'http://roster.lan' }

  it('refuses server-held credentials on a non-loopback HOST without sign-in, saying what to set', () => {
    expect(() => loadConfig(held)).toThrow(/sign-in is off.*Set ROSTER_USERS_FILE and\/or OIDC_ISSUER with SESSION_SECRET.*ROSTER_OPEN=1/)
    expect(() => loadConfig({ ...held, HOST: '127.0.0.1' })).not.toThrow()
    expect(() => loadConfig({ ...held, CLIENTS_API_TOKEN: '' })).not.toThrow()
    expect(loadConfig({ ...held, ROSTER_USERS_FILE: usersFile, SESSION_SECRET: SECRET }).auth?.usersFile).toBe(usersFile)
  })

  it('ROSTER_OPEN=1 starts anyway, with a warning', () => {
    const config = loadConfig({ ...held, ROSTER_OPEN: '1' })
    expect(config.warnings).toContainEqual(expect.stringMatching(/^ROSTER_OPEN=1: server-held credentials are served on 0\.0\.0\.0 without sign-in/))
    expect(loadConfig({ ...held, ROSTER_OPEN: '1', HOST: '127.0.0.1' }).warnings.join()).not.toContain('ROSTER_OPEN')
  })

  it('asks for SESSION_SECRET of 32 characters or more, and PUBLIC_URL for single sign-on, without echoing secrets', () => {
    expect(() => loadConfig({ ROSTER_USERS_FILE: usersFile })).toThrow(/SESSION_SECRET: required when sign-in is on/)
    expect(() => loadConfig({ ROSTER_USERS_FILE: usersFile, SESSION_SECRET: 'short-secret-value' })).toThrow(/at least 32 characters/)
    try {
      loadConfig({ OIDC_ISSUER: 'https://id.example.com', OIDC_CLIENT_ID: 'roster', OIDC_CLIENT_SECRET: 'very-secret', SESSION_SECRET: 'short-secret-value' })
    } catch (error) {
      expect((error as Error).message).toMatch(/PUBLIC_URL: required with OIDC_ISSUER/)
      expect((error as Error).message).not.toMatch(/very-secret|short-secret-value/)
    }
    expect(() => loadConfig({ OIDC_ISSUER: 'http://id.example.com', OIDC_CLIENT_ID: 'x', SESSION_SECRET: SECRET, PUBLIC_URL: 'https://r.example' })).toThrow(/must be an https URL/)
    expect(() => loadConfig({ SESSION_TTL: '100', ROSTER_USERS_FILE: usersFile, SESSION_SECRET: SECRET }).auth?.sessionTtl).not.toThrow()
    expect(() => loadConfig({ SESSION_TTL: '5', ROSTER_USERS_FILE: usersFile, SESSION_SECRET: SECRET })).toThrow(/SESSION_TTL/)
  })
})
