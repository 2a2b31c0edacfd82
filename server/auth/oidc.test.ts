import { describe, expect, it } from 'vitest'
import { pickLang } from './messages.ts'
import { isAllowed } from './oidc.ts'
import { renderSignIn } from './page.ts'

describe('OIDC_ALLOWED', () => {
  it('matches whole addresses and whole @domains, case-insensitively', () => {
    const allowed = ['boss@partner.example', '@example.com']
    expect(isAllowed('Carol@Example.com', allowed)).toBe(true)
    expect(isAllowed('boss@partner.example', allowed)).toBe(true)
    expect(isAllowed('intern@partner.example', allowed)).toBe(false)
    expect(isAllowed('eve@evil-example.com', allowed)).toBe(false)
    expect(isAllowed('eve@example.com.evil.test', allowed)).toBe(false)
  })
})

describe('the sign-in page', () => {
  it('speaks the first of Russian or English the browser prefers', () => {
    expect(pickLang('ru-RU,ru;q=0.9,en;q=0.8')).toBe('ru')
    expect(pickLang('en-GB, ru;q=0.5')).toBe('en')
    expect(pickLang('de, ru;q=0.3')).toBe('ru')
    expect(pickLang('ru;q=0, fr')).toBe('en')
    expect(pickLang(undefined)).toBe('en')
  })

  it('escapes what it shows and names the SSO button', () => {
    const html = renderSignIn({ lang: 'en', next: '/x?a="><script>', local: true, sso: 'Acme <SSO>', username: '"><b>' })
    expect(html).not.toContain('<script>')
    expect(html).not.toContain('<b>')
    expect(html).toContain('Sign in with Acme &lt;SSO&gt;')
    expect(renderSignIn({ lang: 'ru', next: '/', local: false, sso: null })).toContain('Войти через единый вход')
  })
})
