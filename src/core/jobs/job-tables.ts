import type { ColumnType, Generated } from 'kysely'

import type { CreatedAt, UpdatedAt } from '../../db/column-types.ts'

/** The job runner's tables (migration 0850-jobs-and-outbox). */

type JsonColumn<T> = ColumnType<T, string | undefined, string>

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled'

export interface JobsTable {
  id: Generated<number>
  kind: string
  /** Unique: the same work is queued once, however many servers try. */
  dedupeKey: string | null
  partnershipId: number | null
  payload: JsonColumn<Record<string, unknown>>
  status: Generated<JobStatus>
  attempts: Generated<number>
  maxAttempts: Generated<number>
  /** When the job may next run: when queued, or after a failure the back-off's end. */
  runAt: Date
  /** The runner holding the job, and until when (its lease, extended while it works). */
  lockedBy: string | null
  lockedUntil: Date | null
  lastError: string | null
  result: JsonColumn<unknown> | null
  createdAt: CreatedAt
  startedAt: Date | null
  finishedAt: Date | null
  updatedAt: UpdatedAt
}

export interface JobSchedulesTable {
  name: string
  /** The last slot queued, e.g. '2016-04-04' for a weekly schedule's Monday. */
  lastSlot: string
  lastQueuedAt: Date
}

export interface JobTables {
  jobs: JobsTable
  jobSchedules: JobSchedulesTable
}
