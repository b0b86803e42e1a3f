import type { ColumnType, Generated } from 'kysely'

import type { CreatedAt, UpdatedAt } from '../../db/column-types.ts'

/** Row types of the ASB case review tables (migration 0910-asb-case-reviews). Dates are 'YYYY-MM-DD'. */

export interface AsbCaseReviewSettingsTable {
  partnershipId: number
  thresholdComplaints: Generated<number>
  thresholdMonths: Generated<number>
  updatedAt: UpdatedAt
}

export interface AsbCaseReviewsTable {
  id: Generated<number>
  partnershipId: number
  reference: string
  receivedOn: string
  receivedByOrganisationId: number | null
  receivedByName: string | null
  applicantReference: string | null
  complaintsCount: number
  summary: string | null
  thresholdDecisionOn: string | null
  thresholdMet: boolean | null
  thresholdReason: string | null
  reviewOn: string | null
  outcome: string | null
  outcomeOn: string | null
  recommendations: string | null
  priorityId: number | null
  anonymisedAt: ColumnType<Date | null, Date | null | undefined, Date | null>
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

export interface AsbCaseReviewPublicationsTable {
  partnershipId: number
  year: number
  publishedAt: CreatedAt
  publishedByLabel: string
}

export interface AsbCaseReviewTables {
  asbCaseReviewSettings: AsbCaseReviewSettingsTable
  asbCaseReviews: AsbCaseReviewsTable
  asbCaseReviewPublications: AsbCaseReviewPublicationsTable
}
