import { describe, expect, it } from 'vitest'
import en from '../../messages/en.json'
import ru from '../../messages/ru.json'
import { m } from '../paraglide/messages.js'
import { detectLocale } from './current'

type Catalogue = Record<string, unknown>
const catalogues = { en: en as Catalogue, ru: ru as Catalogue }
const keys = (c: Catalogue) => Object.keys(c).filter((k) => k !== '$schema')

// The parameters a message takes: `{name}` in its text, and its variants' `input` declarations.
function parameters(message: unknown): string[] {
  const found = new Set<string>()
  const locals = new Set<string>()
  const scan = (text: string) => {
    for (const [, name] of text.matchAll(/\{(\w+)\}/g)) found.add(name!)
  }
  if (typeof message === 'string') scan(message)
  else
    for (const variant of message as { declarations: string[]; match: Record<string, string> }[]) {
      for (const d of variant.declarations) {
        const input = /^input (\w+)$/.exec(d)
        const local = /^local (\w+) =/.exec(d)
        if (input) found.add(input[1]!)
        if (local) locals.add(local[1]!)
      }
      Object.values(variant.match).forEach(scan)
    }
  return [...found].filter((p) => !locals.has(p)).sort()
}

describe('messages', () => {
  it('every message exists in both languages, and nowhere only in one', () => {
    expect(keys(catalogues.ru).sort()).toEqual(keys(catalogues.en).sort())
    expect(keys(catalogues.en).length).toBeGreaterThan(100)
  })

  it('each message takes the same parameters in both languages', () => {
    for (const key of keys(catalogues.en)) expect([key, parameters(catalogues.ru[key])]).toEqual([key, parameters(catalogues.en[key])])
  })

  it('no message is empty, and Russian ones are not left in English', () => {
    const same = new Set(['page_title', 'activity_api', 'col_email', 'field_email', 'col_id', 'settings_clients_api', 'settings_users_api', 'test_error'])
    for (const key of keys(catalogues.en)) {
      expect(JSON.stringify(catalogues.ru[key]).length).toBeGreaterThan(2)
      if (!same.has(key)) expect([key, catalogues.ru[key]]).not.toEqual([key, catalogues.en[key]])
    }
  })

  it('Russian plurals follow one / few / many', () => {
    const ru = (count: number) => m.clients_count({ count }, { locale: 'ru' })
    expect([1, 2, 5, 11, 21, 22].map(ru)).toEqual(['1 клиент', '2 клиента', '5 клиентов', '11 клиентов', '21 клиент', '22 клиента'])
    expect(ru(2000).replace(/\s/g, ' ')).toBe('2 000 клиентов')
    expect(m.clients_count({ count: 1 }, { locale: 'en' })).toBe('1 client')
    expect(m.clients_count({ count: 2000 }, { locale: 'en' })).toBe('2,000 clients')
  })

  it('the SPEC §7 names in Russian', () => {
    const names = [m.nav_clients, m.nav_users, m.nav_settings, m.search_clients, m.search_users, m.refresh, m.load_more, m.users_all_loaded, m.guest, m.include_guests, m.page_size, m.save, m.sign_in, m.sign_out, m.not_found]
    expect(names.map((f) => f({}, { locale: 'ru' }))).toEqual([
      'Клиенты', 'Пользователи', 'Настройки', 'Поиск клиентов', 'Поиск пользователей', 'Обновить', 'Загрузить ещё',
      'Все пользователи загружены', 'Гость', 'Включая гостей', 'Размер страницы', 'Сохранить', 'Войти', 'Выйти', 'Страница не найдена',
    ])
  })
})

describe('detectLocale', () => {
  it('follows a stored choice first, then a ru tag in navigator.languages, else English', () => {
    expect(detectLocale('ru', ['en-US'])).toBe('ru')
    expect(detectLocale('en', ['ru-RU'])).toBe('en')
    expect(detectLocale(null, ['de-DE', 'ru'])).toBe('ru')
    expect(detectLocale(null, ['ru-RU'])).toBe('ru')
    expect(detectLocale(null, ['en-US', 'de'])).toBe('en')
    expect(detectLocale('xx', ['rus'])).toBe('en')
    expect(detectLocale(null, undefined)).toBe('en')
  })
})
