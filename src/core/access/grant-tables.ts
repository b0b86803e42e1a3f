import type { CreatedAt } from '../../db/column-types.ts'

import type { Grant } from './grants.ts'

/** Who holds which grant in which partnership (migration 0900-access-grants). */
export interface AccessGrantsTable {
  partnershipId: number
  userId: number
  grant: Grant
  grantedAt: CreatedAt
  grantedByLabel: string
}

export interface GrantTables {
  accessGrants: AccessGrantsTable
}
