import type { ColumnType, Generated } from 'kysely'

import type { CreatedAt, UpdatedAt } from '../../db/column-types.ts'

/** The outbox's tables (migration 0850-jobs-and-outbox). */

type JsonColumn<T> = ColumnType<T, string | undefined, string>

export type OutboundStatus = 'queued' | 'sending' | 'sent' | 'skipped' | 'failed'

export interface OutboundEmailsTable {
  id: Generated<number>
  partnershipId: number | null
  /** What kind of e-mail: 'reminder.due', 'digest.weekly', 'police-data.fetch-failed'… */
  category: string
  /** Unique: one e-mail per key, ever. */
  dedupeKey: string
  recipientEmail: string
  recipientName: string | null
  subject: string
  body: string
  headers: JsonColumn<Record<string, string>>
  /** What the e-mail is about (ids), for the check made just before it goes. */
  context: JsonColumn<Record<string, unknown>>
  status: Generated<OutboundStatus>
  /** Why it was skipped or failed, or the last error of an attempt that will be retried. */
  reason: string | null
  attempts: Generated<number>
  createdAt: CreatedAt
  sentAt: Date | null
  updatedAt: UpdatedAt
}

export interface SigningKeysTable {
  purpose: string
  secret: string
  createdAt: CreatedAt
}

export interface OutboxTables {
  outboundEmails: OutboundEmailsTable
  signingKeys: SigningKeysTable
}
