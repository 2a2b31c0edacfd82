import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config.ts'

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env)
  } catch (error) {
    if (error instanceof ConfigError) return error.problems
    throw error
  }
  throw new Error('expected a ConfigError')
}

describe('loadConfig', () => {
  it('uses the documented defaults for an empty environment', () => {
    const config = loadConfig({})
    expect(config.host).toBe('127.0.0.1')
    expect(config.port).toBe(8080)
    expect(config.proxyTimeoutMs).toBe(15_000)
    expect(config.proxyMaxBody).toBe(1_073_741_824)
    expect(config.publicUrl).toBeNull()
    expect(config.allowedHosts).toEqual([])
    expect(config.demo).toEqual({
      maxRecords: 200_000,
      seed: 42,
      clients: 2000,
      users: 1250,
      latencyMs: 0,
      rateLimit: 100,
      rateWindowMs: 900_000,
    })
    expect(config.clients.url).toBeNull()
    expect(config.bluedolphin.url).toBeNull()
    expect(config.logLevel).toBe('info')
    expect(config.warnings).toEqual([])
  })

  it('reads PUBLIC_URL, ALLOWED_HOSTS, PROXY_MAX_BODY and DEMO_MAX_RECORDS, capping the demo sizes', () => {
    const config = loadConfig({
      PUBLIC_URL: 'https://Roster.Example.com',
      ALLOWED_HOSTS: 'roster.internal, 10.0.0.5:8080,[fd00::1]',
      PROXY_MAX_BODY: '2048',
      DEMO_MAX_RECORDS: '500',
      DEMO_CLIENTS: '900',
    })
    expect(config.publicUrl?.host).toBe('roster.example.com')
    expect(config.allowedHosts).toEqual(['roster.internal', '10.0.0.5:8080', '[fd00::1]'])
    expect(config.proxyMaxBody).toBe(2048)
    expect(config.demo.clients).toBe(500)
    expect(config.warnings).toEqual(['DEMO_CLIENTS is capped at DEMO_MAX_RECORDS (500)'])
  })

  it('names a bad PUBLIC_URL or ALLOWED_HOSTS without echoing it', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env)
        return []
      } catch (error) {
        return (error as ConfigError).problems
      }
    }
    expect(problems({ PUBLIC_URL: 'roster.example.com' })[0]).toMatch(/^PUBLIC_URL: must be an absolute http\(s\) URL/)
    expect(problems({ PUBLIC_URL: 'https://roster.example.com/app?x=1' })).toEqual(['PUBLIC_URL: must be only a scheme, host and port'])
    expect(problems({ ALLOWED_HOSTS: 'ok.example, http://bad/' })[0]).toMatch(/^ALLOWED_HOSTS: must be a comma-separated list/)
  })

  it('warns when it listens beyond loopback and knows no name to answer to', () => {
    expect(loadConfig({ HOST: '0.0.0.0' }).warnings[0]).toMatch(/only loopback names are answered .*PUBLIC_URL/)
    expect(loadConfig({ HOST: '0.0.0.0', PUBLIC_URL: 'http://roster.lan:8080' }).warnings).toEqual([])
  })

  it('treats empty strings as unset', () => {
    const config = loadConfig({ PORT: '', CLIENTS_API_URL: '', DEMO_CLIENTS: '  ' })
    expect(config.port).toBe(8080)
    expect(config.clients.url).toBeNull()
    expect(config.demo.clients).toBe(2000)
  })

  it('parses proxy targets and strips a trailing slash', () => {
    const config = loadConfig({
      CLIENTS_API_URL: 'http://63.141.232.244:25540/v0/',
      CLIENTS_API_TOKEN: 'tok',
      BLUEDOLPHIN_API_URL: 'https://public-api.eu.bluedolphin.app/v1',
      BLUEDOLPHIN_API_KEY: 'key',
      BLUEDOLPHIN_TENANT: 'acme',
    })
    expect(config.clients.url?.href).toBe('http://63.141.232.244:25540/v0')
    expect(config.clients.token).toBe('tok')
    expect(config.bluedolphin).toMatchObject({ apiKey: 'key', tenant: 'acme' })
    expect(config.warnings.join('\n')).toContain('plain http')
  })

  it('lists every problem at once and never echoes a value', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      CLIENTS_API_URL: 'ftp://example.com',
      BLUEDOLPHIN_API_URL: 'not a url',
      DEMO_CLIENTS: '-1',
      LOG_LEVEL: 'loud',
      CLIENTS_API_TOKEN: 'secret-value\n',
    })
    const text = problems.join('\n')
    expect(problems.length).toBeGreaterThanOrEqual(5)
    for (const name of ['PORT', 'CLIENTS_API_URL', 'BLUEDOLPHIN_API_URL', 'DEMO_CLIENTS', 'LOG_LEVEL']) {
      expect(text).toContain(name)
    }
    expect(text).not.toContain('eighty')
    for (const value of ['ftp:', 'not a url', 'loud']) expect(text).not.toContain(value)
  })

  it('says what is wrong with each variable in its own words', () => {
    const problems = problemsOf({
      PORT: '99999',
      CLIENTS_API_URL: 'https://u:p@x.example/v0',
      BLUEDOLPHIN_API_URL: 'https://x.example/v1?a',
      BLUEDOLPHIN_API_KEY: 'a\u0001b',
      BLUEDOLPHIN_TENANT: 't',
      PROXY_TIMEOUT_MS: '0',
      DEMO_SEED: '1.5',
      LOG_LEVEL: 'loud',
    })
    expect(problems).toEqual([
      'PORT: must be at most 65535',
      'CLIENTS_API_URL: must not contain a user name or password',
      'BLUEDOLPHIN_API_URL: must not contain a query string or fragment',
      'BLUEDOLPHIN_API_KEY: must not contain control characters',
      'PROXY_TIMEOUT_MS: must be at least 1',
      'DEMO_SEED: must be a whole number',
      'LOG_LEVEL: must be info, warn or silent',
    ])
  })

  it.each([
    'https://user:pass@example.com/v1',
    'https://example.com/v1?x=1',
    'https://example.com/v1#top',
    'javascript:alert(1)',
    '/relative/path',
  ])('refuses %s as a base URL', (url) => {
    expect(problemsOf({ CLIENTS_API_URL: url }).join()).toContain('CLIENTS_API_URL')
  })

  it('refuses a BlueDolphin key without a tenant', () => {
    const problems = problemsOf({ BLUEDOLPHIN_API_URL: 'https://x.example/v1', BLUEDOLPHIN_API_KEY: 'k' })
    expect(problems.join()).toContain('BLUEDOLPHIN_TENANT')
  })

  it('ignores credentials of an API in demo mode, with a warning', () => {
    const config = loadConfig({ CLIENTS_API_TOKEN: 't', BLUEDOLPHIN_API_KEY: 'k', BLUEDOLPHIN_TENANT: 'x' })
    expect(config.clients.token).toBeNull()
    expect(config.bluedolphin.apiKey).toBeNull()
    expect(config.bluedolphin.tenant).toBeNull()
    expect(config.warnings).toHaveLength(2)
    expect(config.warnings.join()).not.toMatch(/=\s*[tkx]\b/)
  })
})
