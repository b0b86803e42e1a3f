import type { CreatedAt, UpdatedAt } from '../../db/column-types.ts'

/** The reminders' tables (migration 0851-reminders). */

export interface ReminderSettingsTable {
  partnershipId: number
  dueReminder: boolean
  daysBefore: number
  overdueReminder: boolean
  daysAfter: number
  escalation: boolean
  escalateAfterDays: number
  weeklyDigest: boolean
  updatedAt: UpdatedAt
}

export interface ReminderOptOutsTable {
  partnershipId: number
  /** Lower case. */
  email: string
  createdAt: CreatedAt
}

export interface ReminderTables {
  reminderSettings: ReminderSettingsTable
  reminderOptOuts: ReminderOptOutsTable
}
