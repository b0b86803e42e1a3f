import type { Generated } from 'kysely'

import type { CreatedAt, UpdatedAt } from '../../db/column-types.ts'

import type { DocumentKind } from './domain/duty.ts'

/** Row types of the Serious Violence Duty tables (migration 0930-serious-violence). */

export interface SeriousViolenceDocumentsTable {
  id: Generated<number>
  partnershipId: number
  kind: DocumentKind
  title: string
  datedOn: string
  reviewDueOn: string
  lastReviewedOn: string | null
  /** 'YYYY-MM': the police data period the document drew on. */
  periodFrom: string | null
  periodTo: string | null
  priorityAssessmentId: number | null
  summary: string | null
  link: string | null
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

export interface SeriousViolencePrioritiesTable {
  partnershipId: number
  documentId: number
  priorityId: number
}

export interface SeriousViolenceActionsTable {
  partnershipId: number
  documentId: number
  actionId: number
}

export interface SeriousViolenceTables {
  seriousViolenceDocuments: SeriousViolenceDocumentsTable
  seriousViolencePriorities: SeriousViolencePrioritiesTable
  seriousViolenceActions: SeriousViolenceActionsTable
}
