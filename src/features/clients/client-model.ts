import { digitsOf, foldCase, initialsOf, joinName } from '../../lib/text'

// A client as the API sends it (after parsing) and as the screens use it. The record keeps the API's
// values only: its search key lives in the list's search index (client-search.ts), and everything a
// screen shows (full name, initials, digits, dates) is derived for the rows on screen only. With 50,000
// clients, every extra string per record is megabytes of heap.
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
  pictureUrl: string
  createdAt: string
}

type Name = Pick<Client, 'lastName' | 'firstName' | 'patronymic'>

/** Full name as `last first patronymic` (SPEC §1), without empty parts. */
export const clientName = (c: Name) => joinName(c.lastName, c.firstName, c.patronymic)

/** First letter of the first name + first letter of the last name: Алексей Петров → АП. */
export const clientInitials = (c: Pick<Client, 'firstName' | 'lastName'>) => initialsOf(c.firstName, c.lastName)

/** ms since epoch, NaN for an unreadable date (sorted last). */
export const clientCreatedMs = (c: Pick<Client, 'createdAt'>) => Date.parse(c.createdAt)

export function toClient(c: ApiClient): Client {
  return {
    id: c.client_id,
    firstName: c.first_name,
    lastName: c.last_name,
    patronymic: c.patronymic,
    email: c.email_address,
    phone: c.phone_number,
    pictureUrl: c.profile_picture_url,
    createdAt: c.created_at,
  }
}

/**
 * Name, email and phone digits, case-folded with ё → е, for `Search clients`; built into the list's
 * search index (client-search.ts), not kept per record. NUL between the parts: no word of a query can
 * match across two fields.
 */
export const clientSearchKey = (c: Client) =>
  foldCase(`${c.lastName} ${c.firstName} ${c.patronymic}\u0000${c.email}\u0000${digitsOf(c.phone)}`)
