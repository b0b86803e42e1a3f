import type { Generated } from 'kysely'

import type { CreatedAt, UpdatedAt } from '../../db/column-types.ts'

import type { ReportStatus } from './domain/highlight-report.ts'

/** Row types of the highlight report tables (migration 0450-highlight-reports). */

export interface HighlightReportsTable {
  id: Generated<number>
  partnershipId: number
  planId: number
  /** The reporting group; null for the partnership's community safety team. */
  groupId: number | null
  /** 'YYYY-MM-01' */
  month: string
  status: Generated<ReportStatus>
  submittedAt: Date | null
  submittedByUserId: number | null
  submittedByLabel: string | null
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

export interface HighlightReportEntriesTable {
  id: Generated<number>
  partnershipId: number
  reportId: number
  priorityId: number
  progress: string | null
  issues: string | null
  risks: string | null
  asks: string | null
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

export interface HighlightReportTables {
  highlightReports: HighlightReportsTable
  highlightReportEntries: HighlightReportEntriesTable
}
