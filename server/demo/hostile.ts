import { avatarUrl, missingAvatarUrl, type Client, type User } from './data.ts'

/*
 * Records that try to break the UI: markup, bidi tricks, huge strings, unsafe URLs,
 * and a few that break the schema on purpose (an app must skip and count those,
 * not crash). Most records stay valid so that the list still renders.
 */

const XSS_IMG = '<img src=x onerror=alert(1)>'
const XSS_SCRIPT = '<script>alert(1)</script>'
const RLO = '\u202e'
const ZWSP = '\u200b'
const ZWJ_FAMILY = '\u{1F468}\u200d\u{1F469}\u200d\u{1F467}'
const HUGE = 'Щ'.repeat(10_000)
const ZALGO = 'И\u0336\u0334\u0337в\u0338\u0335а\u0337\u0334н'

export function generateHostileClients(origin: string): unknown[] {
  let nextId = 1001
  const client = (overrides: Partial<Record<keyof Client, unknown>>): Record<string, unknown> => {
    const id = nextId++
    return {
      client_id: id,
      created_at: '2024-10-10T18:36:47Z',
      email_address: `client${id}@example.com`,
      first_name: 'Иван',
      last_name: 'Иванов',
      patronymic: 'Иванович',
      phone_number: '79174236278',
      profile_picture_url: avatarUrl(origin, id),
      ...overrides,
    }
  }
  return [
    client({ first_name: XSS_IMG }),
    client({ last_name: XSS_SCRIPT }),
    client({ patronymic: `${RLO}вонавИ` }),
    client({ email_address: `iv${ZWSP}an@example.com`, first_name: `Ив${ZWSP}ан` }),
    client({ first_name: HUGE }),
    client({ first_name: '😀', last_name: `Смайлов ${ZWJ_FAMILY}` }),
    client({ first_name: '', last_name: '', patronymic: '' }),
    client({ email_address: '' }),
    client({ profile_picture_url: 'javascript:alert(1)' }),
    client({
      profile_picture_url:
        'data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22 onload=%22alert(1)%22/%3E',
    }),
    client({ profile_picture_url: '//evil.example/x.png' }),
    client({ profile_picture_url: '/x.png' }),
    client({ profile_picture_url: missingAvatarUrl(origin, 9999) }),
    client({ profile_picture_url: `${origin}/api/clients/demo-avatars/large-1.svg` }),
    client({ profile_picture_url: `${avatarUrl(origin, 1)}?${'x'.repeat(8000)}` }),
    client({ client_id: '1016' }),
    client({ client_id: -5 }),
    client({ client_id: 1001 }),
    client({ created_at: 'not a date' }),
    client({ created_at: '9999-12-31T23:59:59Z' }),
    client({ email_address: '"><svg onload=alert(1)>@example.com' }),
    client({ email_address: 'a@example.com?subject=hi&body=click%20here' }),
    client({ email_address: 'javascript:alert(1)' }),
    client({ phone_number: '+7 (917) 423-62-78' }),
    client({ phone_number: '' }),
    client({ phone_number: 'javascript:alert(1)' }),
    client({ first_name: "{{constructor.constructor('alert(1)')()}}" }),
    client({ last_name: "Robert'); DROP TABLE clients;--" }),
    client({ first_name: '__proto__', last_name: 'constructor' }),
    client({ first_name: ZALGO }),
    client({ first_name: 'Иван\nИванов', patronymic: '\t' }),
    client({ last_name: 'Нуль\u0000Байтов' }),
    client({ email_address: `${'a'.repeat(300)}@example.com` }),
    client({ first_name: '   ', last_name: 'Пробелов' }),
  ]
}

function hostileId(n: number): string {
  return 'bad0' + n.toString(16).padStart(20, '0')
}

export function generateHostileUsers(): unknown[] {
  let n = 0
  const user = (overrides: Partial<Record<keyof User, unknown>>): Record<string, unknown> => {
    n++
    return { id: hostileId(n), first_name: 'Jane', last_name: 'Smith', is_guest_user: false, ...overrides }
  }
  return [
    user({ first_name: XSS_IMG }),
    user({ last_name: XSS_SCRIPT }),
    user({ first_name: `${RLO}enaJ` }),
    user({ first_name: `Ja${ZWSP}ne` }),
    user({ last_name: HUGE }),
    user({ first_name: '😀', last_name: ZWJ_FAMILY }),
    user({ first_name: '', last_name: '' }),
    user({ first_name: '   ' }),
    user({ first_name: "{{constructor.constructor('alert(1)')()}}" }),
    user({ last_name: "Robert'); DROP TABLE users;--" }),
    user({ first_name: '__proto__', last_name: 'constructor' }),
    user({ first_name: 'hasOwnProperty', last_name: 'toString' }),
    user({ first_name: ZALGO }),
    user({ first_name: 'Jane\nSmith' }),
    user({ last_name: 'Null\u0000Byte' }),
    user({ first_name: '<a href="javascript:alert(1)">click</a>' }),
    user({ first_name: '&lt;b&gt;escaped&lt;/b&gt;' }),
    user({ first_name: 'Ünïcödé', last_name: 'Ŝtrañgé' }),
    user({ first_name: '李', last_name: '王' }),
    user({ first_name: 'مرحبا', last_name: 'עברית' }),
    user({ is_guest_user: true, first_name: XSS_SCRIPT }),
    user({ id: hostileId(1).toUpperCase().replace('BAD0', 'bad1') }),
    user({ id: hostileId(2) }),
    user({ is_guest_user: 'true' }),
    user({ id: 'abc' }),
    user({ id: 12345 }),
    user({ is_guest_user: null }),
    user({ first_name: 'x'.repeat(500), last_name: 'y'.repeat(500) }),
    user({ first_name: '%F0%9F%98%80' }),
    user({ first_name: '${7*7}' }),
    user({ first_name: 'Jane', last_name: 'Smith' }),
  ]
}
