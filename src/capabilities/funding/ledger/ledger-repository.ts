import { sql } from 'kysely'

import type { Db } from '../../../db/database.ts'
import type { Row } from '../../../db/tables.ts'
import type { DistrictShare } from '../domain/funding.ts'

/** Kysely queries of the funding years and their entries. Every query is scoped to one partnership. */

export type FundingYearRow = Row<'fundingYears'>
export type StreamRow = Omit<Row<'fundingStreams'>, 'districtShares'> & { districtShares: DistrictShare[] }
export type RollOverRow = Row<'fundingRollOvers'>
export type ReserveRow = Row<'fundingReserves'> & { heldByOrganisationName: string | null }
export type ContributionRow = Row<'fundingContributions'> & { organisationName: string }
export type BidRow = Row<'fundingBids'> & { projectName: string | null }
export type AllocationRow = Row<'fundingAllocations'> & {
  priorityTitle: string | null
  planTitle: string | null
  planYear: number | null
  projectName: string | null
}
export type SpendRow = Row<'fundingSpend'> & { allocationPurpose: string }

export interface YearRecords {
  year: FundingYearRow & { accountableOrganisationName: string | null }
  streams: StreamRow[]
  rollOvers: RollOverRow[]
  reserves: ReserveRow[]
  contributions: ContributionRow[]
  bids: BidRow[]
  allocations: AllocationRow[]
  spend: SpendRow[]
}

/** The stored breakdown of a stream by district (jsonb comes back parsed, or as text from some drivers). */
export function sharesOf(value: unknown): DistrictShare[] {
  const list: unknown = typeof value === 'string' ? JSON.parse(value) : value
  return Array.isArray(list) ? (list as DistrictShare[]) : []
}

export const ledgerRepository = {
  years(db: Db, partnershipId: number) {
    return db
      .selectFrom('fundingYears')
      .leftJoin('organisations', 'organisations.id', 'fundingYears.accountableOrganisationId')
      .selectAll('fundingYears')
      .select('organisations.name as accountableOrganisationName')
      .where('fundingYears.partnershipId', '=', partnershipId)
      .orderBy('fundingYears.startYear', 'desc')
      .execute()
  },

  year(db: Db, partnershipId: number, startYear: number) {
    return db
      .selectFrom('fundingYears')
      .leftJoin('organisations', 'organisations.id', 'fundingYears.accountableOrganisationId')
      .selectAll('fundingYears')
      .select('organisations.name as accountableOrganisationName')
      .where('fundingYears.partnershipId', '=', partnershipId)
      .where('fundingYears.startYear', '=', startYear)
      .executeTakeFirst()
  },

  /** Every entry of one year, in the order they were entered. */
  async records(db: Db, year: YearRecords['year']): Promise<YearRecords> {
    const partnershipId = year.partnershipId
    const [streams, rollOvers, reserves, contributions, bids, allocations, spend] = await Promise.all([
      db
        .selectFrom('fundingStreams')
        .selectAll()
        .where('partnershipId', '=', partnershipId)
        .where('fundingYearId', '=', year.id)
        .orderBy('id')
        .execute(),
      db
        .selectFrom('fundingRollOvers')
        .selectAll()
        .where('partnershipId', '=', partnershipId)
        .where('fundingYearId', '=', year.id)
        .orderBy('id')
        .execute(),
      db
        .selectFrom('fundingReserves')
        .leftJoin('organisations', 'organisations.id', 'fundingReserves.heldByOrganisationId')
        .selectAll('fundingReserves')
        .select('organisations.name as heldByOrganisationName')
        .where('fundingReserves.partnershipId', '=', partnershipId)
        .where('fundingReserves.fundingYearId', '=', year.id)
        .orderBy('fundingReserves.id')
        .execute(),
      db
        .selectFrom('fundingContributions')
        .innerJoin('organisations', 'organisations.id', 'fundingContributions.organisationId')
        .selectAll('fundingContributions')
        .select('organisations.name as organisationName')
        .where('fundingContributions.partnershipId', '=', partnershipId)
        .where('fundingContributions.fundingYearId', '=', year.id)
        .orderBy('fundingContributions.id')
        .execute(),
      db
        .selectFrom('fundingBids')
        .leftJoin('fundedProjects', 'fundedProjects.id', 'fundingBids.projectId')
        .selectAll('fundingBids')
        .select('fundedProjects.name as projectName')
        .where('fundingBids.partnershipId', '=', partnershipId)
        .where('fundingBids.fundingYearId', '=', year.id)
        .orderBy('fundingBids.id')
        .execute(),
      db
        .selectFrom('fundingAllocations')
        .leftJoin('priorities', 'priorities.id', 'fundingAllocations.priorityId')
        .leftJoin('plans', 'plans.id', 'priorities.planId')
        .leftJoin('fundedProjects', 'fundedProjects.id', 'fundingAllocations.projectId')
        .selectAll('fundingAllocations')
        .select([
          'priorities.title as priorityTitle',
          'plans.title as planTitle',
          'plans.planYear as planYear',
          'fundedProjects.name as projectName',
        ])
        .where('fundingAllocations.partnershipId', '=', partnershipId)
        .where('fundingAllocations.fundingYearId', '=', year.id)
        .orderBy('fundingAllocations.id')
        .execute(),
      db
        .selectFrom('fundingSpend')
        .innerJoin('fundingAllocations', 'fundingAllocations.id', 'fundingSpend.allocationId')
        .selectAll('fundingSpend')
        .select('fundingAllocations.purpose as allocationPurpose')
        .where('fundingSpend.partnershipId', '=', partnershipId)
        .where('fundingAllocations.fundingYearId', '=', year.id)
        .orderBy('fundingSpend.spentOn')
        .orderBy('fundingSpend.id')
        .execute(),
    ])
    return { year, streams: streams.map(s => ({ ...s, districtShares: sharesOf(s.districtShares) })), rollOvers, reserves, contributions, bids, allocations, spend }
  },

  /** How many entries a year holds (a year is deleted only when empty). */
  async entryCount(db: Db, partnershipId: number, yearId: number): Promise<number> {
    const tables = [
      'fundingStreams',
      'fundingRollOvers',
      'fundingReserves',
      'fundingContributions',
      'fundingBids',
      'fundingAllocations',
    ] as const
    let total = 0
    for (const table of tables) {
      const row = await db
        .selectFrom(table)
        .select(eb => eb.fn.countAll<number>().as('n'))
        .where('partnershipId', '=', partnershipId)
        .where('fundingYearId', '=', yearId)
        .executeTakeFirstOrThrow()
      total += Number(row.n)
    }
    return total
  },

  /** The spend entries of an allocation. */
  allocationSpend(db: Db, partnershipId: number, allocationId: number) {
    return db.selectFrom('fundingSpend').select('id').where('partnershipId', '=', partnershipId).where('allocationId', '=', allocationId).execute()
  },

  async isAllocationOfYear(db: Db, partnershipId: number, yearId: number, allocationId: number): Promise<boolean> {
    const allocation = await db
      .selectFrom('fundingAllocations')
      .select('id')
      .where('partnershipId', '=', partnershipId)
      .where('fundingYearId', '=', yearId)
      .where('id', '=', allocationId)
      .executeTakeFirst()
    return allocation !== undefined
  },

  /** Whether a stream of the year is money administered for others (allocations may be made from it). */
  async isAdministeredStreamOfYear(db: Db, partnershipId: number, yearId: number, streamId: number): Promise<boolean> {
    const stream = await db
      .selectFrom('fundingStreams')
      .select('id')
      .where('partnershipId', '=', partnershipId)
      .where('fundingYearId', '=', yearId)
      .where('id', '=', streamId)
      .where('administeredForOthers', '=', true)
      .executeTakeFirst()
    return stream !== undefined
  },

  async hasAllocationsFrom(db: Db, partnershipId: number, yearId: number, streamId: number): Promise<boolean> {
    const found = await db
      .selectFrom('fundingAllocations')
      .select('id')
      .where('partnershipId', '=', partnershipId)
      .where('fundingYearId', '=', yearId)
      .where('administeredStreamId', '=', streamId)
      .executeTakeFirst()
    return found !== undefined
  },

  /** The partnership's districts, by name (a joint partnership has more than one). */
  districts(db: Db, partnershipId: number) {
    return db.selectFrom('areas').select(['id', 'name']).where('partnershipId', '=', partnershipId).where('type', '=', 'district').orderBy('name').execute()
  },

  async isOrganisation(db: Db, partnershipId: number, id: number): Promise<boolean> {
    const found = await db.selectFrom('organisations').select('id').where('partnershipId', '=', partnershipId).where('id', '=', id).executeTakeFirst()
    return found !== undefined
  },

  async isPriority(db: Db, partnershipId: number, id: number): Promise<boolean> {
    const found = await db.selectFrom('priorities').select('id').where('partnershipId', '=', partnershipId).where('id', '=', id).executeTakeFirst()
    return found !== undefined
  },

  organisations(db: Db, partnershipId: number) {
    return db
      .selectFrom('organisations')
      .select(['id', 'name'])
      .where('partnershipId', '=', partnershipId)
      .orderBy(sql`lower(name)`)
      .execute()
  },

  /** The partnership's plan priorities, newest plan first, for allocating money to them. */
  priorities(db: Db, partnershipId: number) {
    return db
      .selectFrom('priorities')
      .innerJoin('plans', 'plans.id', 'priorities.planId')
      .select([
        'priorities.id',
        'priorities.title',
        'priorities.position',
        'plans.title as planTitle',
        'plans.planYear',
      ])
      .where('priorities.partnershipId', '=', partnershipId)
      .orderBy('plans.planYear', 'desc')
      .orderBy('plans.id')
      .orderBy('priorities.position')
      .execute()
  },
}
