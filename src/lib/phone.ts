import { parsePhoneNumberFromString } from 'libphonenumber-js/min'

// Loaded on demand (components/phone.tsx): the phone metadata is the largest module of the list
// screen, and no phone needs formatting before the first rows are on screen.
export interface Phone {
  display: string
  /** E.164 for a tel: link, or null when the value is not a phone number */
  e164: string | null
}

// Rows re-render as the list scrolls and filters; each distinct number is parsed once.
const cache = new Map<string, Phone>()

/** `79174236278` → `+7 917 423-62-78`; the raw value when it cannot be parsed. */
export function formatPhone(raw: string): Phone {
  let phone = cache.get(raw)
  if (!phone) {
    if (cache.size > 100_000) cache.clear()
    phone = parsePhone(raw)
    cache.set(raw, phone)
  }
  return phone
}

function parsePhone(raw: string): Phone {
  const digits = raw.replace(/[^\d+]/g, '')
  if (!digits) return { display: raw, e164: null }
  const phone = parsePhoneNumberFromString(digits.startsWith('+') ? digits : `+${digits}`)
  if (!phone || !phone.isPossible()) return { display: raw, e164: null }
  // The metadata's international form for +7 is "+7 917 423 62 78"; people there write "+7 917 423-62-78",
  // which is the national grouping behind the country code.
  const display =
    phone.countryCallingCode === '7'
      ? `+7 ${phone.format('NATIONAL', { nationalPrefix: false }).replace(/[()]/g, '')}`
      : phone.formatInternational()
  return { display, e164: phone.number }
}
