import type { Db } from '../../db/database.ts'
import type { Clock } from '../../shared/clock.ts'

import { entryService } from './ledger/entry-service.ts'
import { yearService } from './ledger/year-service.ts'
import { projectService } from './projects/project-service.ts'

/**
 * Funding use cases: access check → validate → domain sums → save with its audit record, in one
 * transaction. Coordinators and admins change funding records; members (and leads) read everything.
 * The public, for a published partnership, reads the year summaries: the money the partnership has
 * and how it is allocated and spent, in totals per allocation, but not individual payments, entry
 * notes, money not yet confirmed, bids, projects or the downloads.
 *
 * One part per sub-resource: the ledger's years (ledger/year-service.ts) and their entries
 * (ledger/entry-service.ts), and funded projects with their evaluations (projects/). Other capabilities
 * call this one object; each part's routes take their part.
 */
export function fundingService(deps: { db: Db; clock: Clock }) {
  const projects = projectService(deps)
  return {
    ...yearService(deps, projects),
    ...entryService(deps),
    ...projects,
  }
}

export type FundingService = ReturnType<typeof fundingService>
