import { foldCase, initialsOf, joinName } from '../../lib/text'

export interface ApiUser {
  id: string
  first_name: string
  last_name: string
  is_guest_user: boolean
}

export interface User {
  id: string
  firstName: string
  lastName: string
  isGuest: boolean
  /** `first last` (SPEC §1) */
  fullName: string
  initials: string
  /** normalized name and id, for the search of loaded users */
  searchKey: string
}

export const userFullName = (u: Pick<ApiUser, 'first_name' | 'last_name'>) => joinName(u.first_name, u.last_name)

export function toUser(u: ApiUser): User {
  const fullName = userFullName(u)
  return {
    id: u.id,
    firstName: u.first_name,
    lastName: u.last_name,
    isGuest: u.is_guest_user,
    fullName,
    initials: initialsOf(u.first_name, u.last_name),
    searchKey: foldCase(`${fullName}\u0000${u.id}`),
  }
}
