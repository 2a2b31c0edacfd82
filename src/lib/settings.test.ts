import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { joinUrl } from './http'
import {
  DEFAULT_SETTINGS,
  SECRETS_KEY,
  SETTINGS_KEY,
  forgetCredentials,
  getSettings,
  isValidBase,
  loadSettings,
  resetSettingsForTests,
  saveSettings,
} from './settings'

const custom = { clientsBase: 'https://clients.example.com/v0', usersBase: '/api/bluedolphin', tenant: 'acme' }
const secrets = { token: 'tok-123', apiKey: 'key-456' }

/** Every stored value in both storages that contains `text`, as `store:key`. */
function copiesOf(text: string): string[] {
  const found: string[] = []
  for (const [name, store] of [['local', localStorage], ['session', sessionStorage]] as const) {
    for (let i = 0; i < store.length; i++) {
      const key = store.key(i)!
      if (store.getItem(key)?.includes(text)) found.push(`${name}:${key}`)
    }
  }
  return found.sort()
}

beforeEach(() => resetSettingsForTests())
afterEach(() => {
  vi.restoreAllMocks()
  resetSettingsForTests()
})

describe('saveSettings → loadSettings round trip', () => {
  it('with Remember off keeps the secrets only in sessionStorage and the rest in localStorage', () => {
    expect(saveSettings({ ...custom, remember: false }, secrets)).toBe(true)

    expect(JSON.parse(localStorage.getItem(SETTINGS_KEY)!)).toEqual({ version: 1, ...custom, remember: false })
    expect(copiesOf(secrets.token)).toEqual([`session:${SECRETS_KEY}`])
    expect(copiesOf(secrets.apiKey)).toEqual([`session:${SECRETS_KEY}`])

    const loaded = loadSettings()
    expect(loaded).toEqual({ settings: { version: 1, ...custom, remember: false }, secrets, saved: true, notice: null })
  })

  it('with Remember on keeps exactly one copy of the secrets, in localStorage', () => {
    // Saved first without Remember, then with it: the session copy must go.
    saveSettings({ ...custom, remember: false }, secrets)
    expect(saveSettings({ ...custom, remember: true }, secrets)).toBe(true)

    expect(copiesOf(secrets.token)).toEqual([`local:${SECRETS_KEY}`])
    expect(sessionStorage.getItem(SECRETS_KEY)).toBeNull()

    const loaded = loadSettings()
    expect(loaded.settings.remember).toBe(true)
    expect(loaded.secrets).toEqual(secrets)
    expect(loaded.notice).toBeNull()
  })

  it('turning Remember off again removes the localStorage copy', () => {
    saveSettings({ ...custom, remember: true }, secrets)
    saveSettings({ ...custom, remember: false }, secrets)
    expect(copiesOf(secrets.token)).toEqual([`session:${SECRETS_KEY}`])
    expect(loadSettings().secrets).toEqual(secrets)
  })

  it('publishes the saved values to the in-memory snapshot', () => {
    saveSettings({ ...custom, remember: false }, secrets)
    expect(getSettings().settings.tenant).toBe('acme')
    expect(getSettings().secrets).toEqual(secrets)
    expect(getSettings().saved).toBe(true)
  })
})

describe('loadSettings with nothing stored', () => {
  it('gives the defaults, no secrets, not saved and no notice', () => {
    expect(loadSettings()).toEqual({ settings: DEFAULT_SETTINGS, secrets: { token: '', apiKey: '' }, saved: false, notice: null })
  })
})

describe('loadSettings with bad stored values', () => {
  it('falls back to the defaults with a notice when the settings are not JSON', () => {
    localStorage.setItem(SETTINGS_KEY, '{not json')
    let loaded: ReturnType<typeof loadSettings> | undefined
    expect(() => (loaded = loadSettings())).not.toThrow()
    expect(loaded!.settings).toEqual(DEFAULT_SETTINGS)
    expect(loaded!.saved).toBe(false)
    expect(loaded!.notice).toMatch(/could not be read.*defaults/i)
    // The corrupt entry is gone, so the notice is not shown again on the next load.
    expect(localStorage.getItem(SETTINGS_KEY)).toBeNull()
    expect(loadSettings().notice).toBeNull()
  })

  it('falls back to the defaults with a notice for an entry of another version', () => {
    localStorage.setItem(SETTINGS_KEY, JSON.stringify({ ...DEFAULT_SETTINGS, ...custom, version: 0 }))
    const loaded = loadSettings()
    expect(loaded.settings).toEqual(DEFAULT_SETTINGS)
    expect(loaded.notice).toMatch(/defaults/i)
  })

  it('falls back to the defaults with a notice for a wrong-shaped entry', () => {
    localStorage.setItem(SETTINGS_KEY, JSON.stringify({ version: 1, clientsBase: 42, remember: 'yes' }))
    const loaded = loadSettings()
    expect(loaded.settings).toEqual(DEFAULT_SETTINGS)
    expect(loaded.notice).toMatch(/defaults/i)
  })

  it.each(['javascript:alert(1)', '//evil.example.com', ''])('falls back to the defaults with a notice for a stored base URL %j', (base) => {
    localStorage.setItem(SETTINGS_KEY, JSON.stringify({ version: 1, ...custom, clientsBase: base, remember: false }))
    const loaded = loadSettings()
    expect(loaded.settings).toEqual(DEFAULT_SETTINGS)
    expect(loaded.notice).toMatch(/defaults/i)
  })

  it('gives the defaults with a notice for settings under the old unversioned key, and removes them', () => {
    localStorage.setItem('roster.settings', JSON.stringify({ clientsBase: 'http://old.example', token: 'old-token' }))
    const loaded = loadSettings()
    expect(loaded.settings).toEqual(DEFAULT_SETTINGS)
    expect(loaded.secrets).toEqual({ token: '', apiKey: '' })
    expect(loaded.notice).toMatch(/older version/i)
    expect(localStorage.getItem('roster.settings')).toBeNull()
  })

  it('removes corrupt secrets with a notice and keeps the good settings', () => {
    localStorage.setItem(SETTINGS_KEY, JSON.stringify({ version: 1, ...custom, remember: false }))
    sessionStorage.setItem(SECRETS_KEY, '{"token": ')
    const loaded = loadSettings()
    expect(loaded.settings.tenant).toBe('acme')
    expect(loaded.secrets).toEqual({ token: '', apiKey: '' })
    expect(loaded.notice).toMatch(/credentials could not be read/i)
    expect(sessionStorage.getItem(SECRETS_KEY)).toBeNull()
  })

  it('removes wrong-shaped remembered secrets with a notice', () => {
    localStorage.setItem(SECRETS_KEY, JSON.stringify({ token: 123 }))
    const loaded = loadSettings()
    expect(loaded.secrets).toEqual({ token: '', apiKey: '' })
    expect(loaded.notice).toMatch(/credentials could not be read/i)
    expect(localStorage.getItem(SECRETS_KEY)).toBeNull()
  })
})

describe('saveSettings when the browser refuses to store', () => {
  it('returns false, keeps the new values in memory and says so', () => {
    const realSetItem = Storage.prototype.setItem
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(function (this: Storage, key: string, value: string) {
      if (this === localStorage) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
      realSetItem.call(this, key, value)
    })

    expect(saveSettings({ ...custom, remember: false }, secrets)).toBe(false)

    const now = getSettings()
    expect(now.settings).toEqual({ version: 1, ...custom, remember: false })
    expect(now.secrets).toEqual(secrets)
    expect(now.saved).toBe(true)
    expect(now.notice).toMatch(/refused to store/i)
    expect(localStorage.getItem(SETTINGS_KEY)).toBeNull()
  })

  it('returns false when the remembered secrets cannot be written', () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    })
    expect(saveSettings({ ...custom, remember: true }, secrets)).toBe(false)
    expect(getSettings().secrets).toEqual(secrets)
  })
})

describe('forgetCredentials', () => {
  it('removes the secrets from both storages and from memory, and keeps the other settings', () => {
    saveSettings({ ...custom, remember: true }, secrets)
    // A stale copy in the other store too (another tab saved without Remember).
    sessionStorage.setItem(SECRETS_KEY, JSON.stringify(secrets))

    forgetCredentials()

    expect(copiesOf(secrets.token)).toEqual([])
    expect(copiesOf(secrets.apiKey)).toEqual([])
    expect(getSettings().secrets).toEqual({ token: '', apiKey: '' })
    expect(getSettings().settings.tenant).toBe('acme')
    // Forgetting is a choice: the demo credentials must not come back by themselves.
    expect(getSettings().saved).toBe(true)

    resetSettingsForTests()
    expect(getSettings().secrets).toEqual({ token: '', apiKey: '' })
  })
})

describe('isValidBase', () => {
  it.each([
    ['/api/clients'],
    ['/api/bluedolphin/'],
    ['http://63.141.232.244:25540/v0'],
    ['https://public-api.eu.bluedolphin.app/v1'],
    ['  https://example.com  '],
  ])('accepts %j', (value) => {
    expect(isValidBase(value)).toBeNull()
  })

  it.each([
    ['', /enter a base url/i],
    ['   ', /enter a base url/i],
    ['ftp://example.com/api', /http\(s\)/i],
    ['javascript:alert(1)', /http\(s\)/i],
    ['//evil.example.com/api', /http\(s\)/i],
    ['api/clients', /http\(s\)/i],
    ['https://user:pass@example.com/v1', /credentials/i],
    ['https://user@example.com/v1', /credentials/i],
    ['https://example.com/v1?token=abc', /query/i],
    ['https://example.com/v1#top', /fragment/i],
    // Paths that the browser resolves to another host, or that requests could not use.
    ['/\\evil.example.com/v1', /http\(s\)/i],
    ['/\t/evil.example.com/v1', /http\(s\)/i],
    ['http:example.com', /http\(s\)/i],
    ['https://', /http\(s\)/i],
    ['/api/clients?page=2', /query/i],
    ['/api/clients#x', /fragment/i],
  ])('rejects %j with a reason', (value, reason) => {
    expect(isValidBase(value)).toMatch(reason)
  })

  it.each([
    '/api/clients',
    'https://public-api.eu.bluedolphin.app/v1',
    'HTTP://Example.com:8080/v0/',
    'ftp://example.com',
    '//evil.example.com',
    '/\\evil.example.com',
    'http:example.com',
    'https://u:p@example.com',
    '/api/clients?page=2',
    'https://example.com/#x',
  ])('agrees with joinUrl on %j: what Save accepts, requests can use', (value) => {
    let usable = true
    try {
      joinUrl(value, '/clients')
    } catch {
      usable = false
    }
    expect(isValidBase(value) === null).toBe(usable)
  })
})
