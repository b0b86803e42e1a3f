import type { ColumnType, Generated } from 'kysely'

import type { CreatedAt, UpdatedAt } from '../../db/column-types.ts'

import type { ActionStatus, Rag } from './domain/action-plan.ts'
import type { ReminderKind } from './domain/reminders.ts'
import type { Decision } from './domain/timescales.ts'

/** Row types of the death review tables (migration 0901-death-reviews). Dates are 'YYYY-MM-DD'. */

export interface DeathReviewsTable {
  id: Generated<number>
  partnershipId: number
  caseReference: string
  notifiedOn: string
  notifiedBy: string | null
  circumstances: string | null
  namedAs: string | null
  priorityId: number | null
  decision: Generated<Decision>
  decisionOn: string | null
  decisionReasons: string | null
  homeOfficeNotifiedOn: string | null
  chairName: string | null
  chairAppointedOn: string | null
  termsOfReferenceAgreedOn: string | null
  termsOfReference: string | null
  reportSentOn: string | null
  homeOfficeFeedbackOn: string | null
  homeOfficeFeedback: string | null
  publishedOn: string | null
  anonymisedAt: ColumnType<Date | null, Date | null | undefined, Date | null>
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

export interface DeathReviewPanelMembersTable {
  id: Generated<number>
  partnershipId: number
  reviewId: number
  organisationId: number | null
  organisationName: string | null
  representedBy: string | null
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

export interface DeathReviewMeetingsTable {
  id: Generated<number>
  partnershipId: number
  reviewId: number
  heldOn: string
  purpose: string
  notes: string | null
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

export interface DeathReviewExtensionsTable {
  id: Generated<number>
  partnershipId: number
  reviewId: number
  agreedOn: string
  extendedTo: string
  reason: string
  agreedWith: string | null
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

export interface DeathReviewActionsTable {
  id: Generated<number>
  partnershipId: number
  reviewId: number
  recommendation: string | null
  action: string
  lead: string | null
  dueOn: string | null
  status: Generated<ActionStatus>
  completedOn: string | null
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

export interface DeathReviewActionUpdatesTable {
  id: Generated<number>
  partnershipId: number
  actionId: number
  rag: Rag
  body: string
  authorLabel: string
  createdAt: CreatedAt
}

export interface DeathReviewRemindersTable {
  partnershipId: number
  reviewId: number
  dateKey: string
  dueOn: string
  kind: ReminderKind
  userId: number
  /** When its e-mail was queued in the outbox (which records whether and when it went). */
  queuedAt: Date
}

export interface DeathReviewTables {
  deathReviews: DeathReviewsTable
  deathReviewPanelMembers: DeathReviewPanelMembersTable
  deathReviewMeetings: DeathReviewMeetingsTable
  deathReviewExtensions: DeathReviewExtensionsTable
  deathReviewActions: DeathReviewActionsTable
  deathReviewActionUpdates: DeathReviewActionUpdatesTable
  deathReviewReminders: DeathReviewRemindersTable
}
