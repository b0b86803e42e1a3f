import type { Generated } from 'kysely'

import type { CreatedAt, UpdatedAt } from '../../db/column-types.ts'

import type { EventKind } from './domain/events.ts'

/** Row types of the events tables (migration 0920-events). Dates are 'YYYY-MM-DD'. */

export interface EventsTable {
  id: Generated<number>
  partnershipId: number
  title: string
  kind: EventKind
  startsOn: string
  endsOn: string | null
  areaId: number | null
  venue: string | null
  audience: string | null
  reach: number | null
  fundingAllocationId: number | null
  fundingSpendId: number | null
  feedbackQuestion: string | null
  feedbackResponses: number | null
  feedbackPercent: number | null
  notes: string | null
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

export interface EventPartnersTable {
  partnershipId: number
  eventId: number
  organisationId: number
}

export interface EventActionsTable {
  partnershipId: number
  eventId: number
  actionId: number
}

export interface EventTables {
  events: EventsTable
  eventPartners: EventPartnersTable
  eventActions: EventActionsTable
}
