import type { Generated } from 'kysely'

import type { CreatedAt } from '../../../db/column-types.ts'

/** Row types of onboarding (migration 0810-onboarding). */

export interface PartnershipEmailDomainsTable {
  id: Generated<number>
  partnershipId: number
  domain: string
  createdAt: CreatedAt
}

export interface TeamTables {
  partnershipEmailDomains: PartnershipEmailDomainsTable
}
