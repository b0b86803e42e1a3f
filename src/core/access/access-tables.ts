import type { CreatedAt } from '../../db/column-types.ts'

/** Who holds which role in which partnership (migration 0001-foundation): the data of the access check. */
export interface PartnershipRolesTable {
  userId: number
  partnershipId: number
  role: string
  createdAt: CreatedAt
}

export interface AccessTables {
  partnershipRoles: PartnershipRolesTable
}
