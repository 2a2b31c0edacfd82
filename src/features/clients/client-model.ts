import { digitsOf, foldCase, initialsOf, joinName } from '../../lib/text'

// A client as the API sends it (after parsing) and as the screens use it: derived values
// (full name, initials, search key) are computed once here, never per render or keystroke.
export interface ApiClient {
  client_id: number
  created_at: string
  email_address: string
  first_name: string
  last_name: string
  patronymic: string
  phone_number: string
  profile_picture_url: string
}

export interface Client {
  id: number
  firstName: string
  lastName: string
  patronymic: string
  email: string
  phone: string
  phoneDigits: string
  pictureUrl: string
  createdAt: string
  /** ms since epoch, NaN for an unreadable date (sorted last) */
  createdMs: number
  /** `last first patronymic` */
  fullName: string
  initials: string
  /** normalized name and email, for word search */
  searchKey: string
}

/** Full name as `last first patronymic` (SPEC §1). */
export const clientFullName = (c: Pick<ApiClient, 'last_name' | 'first_name' | 'patronymic'>) =>
  joinName(c.last_name, c.first_name, c.patronymic)

/** First letter of the first name + first letter of the last name: Алексей Петров → АП. */
export const clientInitials = (c: Pick<ApiClient, 'first_name' | 'last_name'>) => initialsOf(c.first_name, c.last_name)

export function toClient(c: ApiClient): Client {
  const fullName = clientFullName(c)
  return {
    id: c.client_id,
    firstName: c.first_name,
    lastName: c.last_name,
    patronymic: c.patronymic,
    email: c.email_address,
    phone: c.phone_number,
    phoneDigits: digitsOf(c.phone_number),
    pictureUrl: c.profile_picture_url,
    createdAt: c.created_at,
    createdMs: Date.parse(c.created_at),
    fullName: fullName,
    initials: clientInitials(c),
    searchKey: foldCase(`${fullName}\u0000${c.email_address}`),
  }
}
