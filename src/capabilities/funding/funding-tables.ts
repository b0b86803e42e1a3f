import type { Generated } from 'kysely'

import type { CreatedAt, UpdatedAt } from '../../db/column-types.ts'

import type { AllocationKind, BidStatus, ContributionNature, SpendStatus, StreamStatus } from './domain/funding.ts'

/** Row types of the funding tables (migration 0400-funding). Money is integer pence; dates are 'YYYY-MM-DD'. */

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
  amountPence: number
  status: StreamStatus
  /** The share paid automatically (0–100); the rest is paid on a commissioned basis against the action plan. */
  automaticPercent: Generated<number>
  conditions: string | null
  notes: string | null
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
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

export interface FundingContributionsTable {
  id: Generated<number>
  partnershipId: number
  fundingYearId: number
  organisationId: number
  amountPence: number
  status: StreamStatus
  nature: ContributionNature
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
  fundingContributions: FundingContributionsTable
  fundedProjects: FundedProjectsTable
  fundingBids: FundingBidsTable
  fundingAllocations: FundingAllocationsTable
  fundingSpend: FundingSpendTable
}
