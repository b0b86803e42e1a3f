import type { Generated } from 'kysely'

import type { CreatedAt, UpdatedAt } from '../../db/column-types.ts'

/** The statutory calendar's tables (migration 0852-statutory-calendar). */

export interface CalendarDatesTable {
  id: Generated<number>
  partnershipId: number
  /** A rule's key (domain/duties.ts), or 'own' for a date of the partnership's own. */
  duty: string
  /** '2016' or '2016Q2' for a rule's date; '' for an own date. */
  period: Generated<string>
  title: string
  dueOn: string
  doneOn: string | null
  notes: string | null
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

export interface CalendarFeedsTable {
  partnershipId: number
  tokenHash: string
  /** When this address was made (a new one replaces it). */
  createdAt: Date
}

export interface CalendarTables {
  calendarDates: CalendarDatesTable
  calendarFeeds: CalendarFeedsTable
}
