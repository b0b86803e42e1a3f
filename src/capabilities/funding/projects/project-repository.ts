import { sql } from 'kysely'

import type { Db } from '../../../db/database.ts'
import type { Row } from '../../../db/tables.ts'

export type ProjectRow = Row<'fundedProjects'> & { leadOrganisationName: string }

/** Kysely queries of the funded projects, with the money allocated to them and the bids for them. Every query is scoped to one partnership. */
export const projectRepository = {
  projects(db: Db, partnershipId: number): Promise<ProjectRow[]> {
    return db
      .selectFrom('fundedProjects')
      .innerJoin('organisations', 'organisations.id', 'fundedProjects.leadOrganisationId')
      .selectAll('fundedProjects')
      .select('organisations.name as leadOrganisationName')
      .where('fundedProjects.partnershipId', '=', partnershipId)
      .orderBy(sql`lower(funded_projects.name)`)
      .execute()
  },

  project(db: Db, partnershipId: number, id: number): Promise<ProjectRow | undefined> {
    return db
      .selectFrom('fundedProjects')
      .innerJoin('organisations', 'organisations.id', 'fundedProjects.leadOrganisationId')
      .selectAll('fundedProjects')
      .select('organisations.name as leadOrganisationName')
      .where('fundedProjects.partnershipId', '=', partnershipId)
      .where('fundedProjects.id', '=', id)
      .executeTakeFirst()
  },

  /** The allocations to a project in every year, with the year and what is spent and committed. */
  projectAllocations(db: Db, partnershipId: number, projectId: number) {
    return db
      .selectFrom('fundingAllocations')
      .innerJoin('fundingYears', 'fundingYears.id', 'fundingAllocations.fundingYearId')
      .leftJoin('fundingSpend', 'fundingSpend.allocationId', 'fundingAllocations.id')
      .select(eb => [
        'fundingAllocations.id',
        'fundingAllocations.purpose',
        'fundingAllocations.amountPence',
        'fundingYears.startYear',
        eb.fn
          .coalesce(
            eb.fn.sum<number>(sql`case when funding_spend.status = 'paid' then funding_spend.amount_pence end`),
            sql<number>`0`,
          )
          .as('spentPence'),
        eb.fn
          .coalesce(
            eb.fn.sum<number>(sql`case when funding_spend.status = 'committed' then funding_spend.amount_pence end`),
            sql<number>`0`,
          )
          .as('committedPence'),
      ])
      .where('fundingAllocations.partnershipId', '=', partnershipId)
      .where('fundingAllocations.projectId', '=', projectId)
      .groupBy(['fundingAllocations.id', 'fundingYears.startYear'])
      .orderBy('fundingYears.startYear')
      .orderBy('fundingAllocations.id')
      .execute()
  },

  projectBids(db: Db, partnershipId: number, projectId: number) {
    return db
      .selectFrom('fundingBids')
      .innerJoin('fundingYears', 'fundingYears.id', 'fundingBids.fundingYearId')
      .selectAll('fundingBids')
      .select('fundingYears.startYear')
      .where('fundingBids.partnershipId', '=', partnershipId)
      .where('fundingBids.projectId', '=', projectId)
      .orderBy('fundingYears.startYear')
      .orderBy('fundingBids.id')
      .execute()
  },

  async isProject(db: Db, partnershipId: number, id: number): Promise<boolean> {
    const found = await db.selectFrom('fundedProjects').select('id').where('partnershipId', '=', partnershipId).where('id', '=', id).executeTakeFirst()
    return found !== undefined
  },
}
