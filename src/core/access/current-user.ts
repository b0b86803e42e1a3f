import type { Role } from './roles.ts'

/** A role the signed-in user holds, with the partnership's name. */
export interface UserRole {
  partnershipId: number
  partnershipName: string
  role: Role
}

/** The signed-in user (by session or API token), as every capability and the web layer see them. */
export interface CurrentUser {
  id: number
  email: string
  name: string
  isSiteAdmin: boolean
  roles: UserRole[]
}
