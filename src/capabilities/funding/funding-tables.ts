import type { ColumnType, Generated } from 'kysely'

import type { CreatedAt, UpdatedAt } from '../../db/column-types.ts'

import type { AllocationKind, BidStatus, DistrictShare, Nature, SpendStatus, StreamStatus } from './domain/funding.ts'

/** Row types of the funding tables (migrations 0400-funding, 0981-funding-shapes). Money is integer pence; dates are 'YYYY-MM-DD'. */

type JsonList<T> = ColumnType<T[], string | undefined, string>

export interface FundingYearsTable {
  id: Generated<number>
  partnershipId: number
  /** 2021 means the financial year 2021/22 (1 April 2021 – 31 March 2022). */
  startYear: number
  /** The body that receives and accounts for the money (for a joint CSP, one of the councils). */
  accountableOrganisationId: number | null
  notes: string | null
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

export interface FundingStreamsTable {
  id: Generated<number>
  partnershipId: number
  fundingYearId: number
  name: string
  funder: string
  /** Null while the amount is not known. */
  amountPence: number | null
  status: StreamStatus
  /** The share paid automatically (0–100); the rest is paid on a commissioned basis against the action plan. */
  automaticPercent: Generated<number>
  conditions: string | null
  notes: string | null
  nature: Generated<Nature>
  /** Money the partnership administers for others (passed on, or a fund others bid into). */
  administeredForOthers: Generated<boolean>
  /** The district it is for, in a joint partnership; null for the whole partnership. */
  areaId: number | null
  /** The amount per district, adding up to the amount. */
  districtShares: JsonList<DistrictShare>
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

export interface FundingRollOversTable {
  id: Generated<number>
  partnershipId: number
  fundingYearId: number
  amountPence: number
  approvedOn: string | null
  approvedBy: string | null
  reason: string | null
  nature: Generated<Nature>
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

export interface FundingReservesTable {
  id: Generated<number>
  partnershipId: number
  fundingYearId: number
  description: string
  amountPence: number
  nature: Generated<Nature>
  /** The organisation whose reserves they are (for a joint CSP, the accountable council). */
  heldByOrganisationId: number | null
  approvedOn: string | null
  notes: string | null
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

export interface FundingContributionsTable {
  id: Generated<number>
  partnershipId: number
  fundingYearId: number
  organisationId: number
  /** Null while the amount is not known. */
  amountPence: number | null
  status: StreamStatus
  nature: Nature
  notes: string | null
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

export interface FundedProjectsTable {
  id: Generated<number>
  partnershipId: number
  name: string
  description: string | null
  leadOrganisationId: number
  startDate: string | null
  endDate: string | null
  evaluationDueWeeks: Generated<number>
  evaluationCompletedOn: string | null
  evaluationSummary: string | null
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

export interface FundingBidsTable {
  id: Generated<number>
  partnershipId: number
  fundingYearId: number
  fund: string
  funder: string | null
  purpose: string
  projectId: number | null
  amountRequestedPence: number
  amountAwardedPence: number | null
  status: BidStatus
  nature: Generated<Nature>
  submittedOn: string | null
  decidedOn: string | null
  notes: string | null
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

export interface FundingAllocationsTable {
  id: Generated<number>
  partnershipId: number
  fundingYearId: number
  kind: AllocationKind
  purpose: string
  amountPence: number
  /** Expected spend by 31 March; null means the whole allocation. */
  expectedSpendPence: number | null
  priorityId: number | null
  projectId: number | null
  notes: string | null
  nature: Generated<Nature>
  /** The stream administered for others this is allocated from; null for the partnership's own money. */
  administeredStreamId: number | null
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

export interface FundingSpendTable {
  id: Generated<number>
  partnershipId: number
  allocationId: number
  spentOn: string
  description: string
  payee: string | null
  reference: string | null
  amountPence: number
  status: SpendStatus
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

export interface FundingTables {
  fundingYears: FundingYearsTable
  fundingStreams: FundingStreamsTable
  fundingRollOvers: FundingRollOversTable
  fundingReserves: FundingReservesTable
  fundingContributions: FundingContributionsTable
  fundedProjects: FundedProjectsTable
  fundingBids: FundingBidsTable
  fundingAllocations: FundingAllocationsTable
  fundingSpend: FundingSpendTable
}
