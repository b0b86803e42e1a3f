import type { ColumnType, Generated } from 'kysely'

import type { CreatedAt, UpdatedAt } from '../../db/tables.ts'

import type { ReportKind, ReportStatus } from './domain/report-kinds.ts'

/** Row types of the reports table (migration 0500-reports). */
export interface ReportsTable {
  id: Generated<number>
  partnershipId: number
  kind: ReportKind
  title: string
  planId: number | null
  /** The financial year the report is about: 2021 means 2021/22. */
  year: number
  quarter: number | null
  status: Generated<ReportStatus>
  committee: string | null
  /** 'YYYY-MM-DD' */
  meetingDate: string | null
  /** The coordinator's words, by narrative section key (see domain/report-kinds.ts). */
  narrative: ColumnType<Record<string, string>, string | undefined, string>
  finalisedAt: Date | null
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

export interface ReportTables {
  reports: ReportsTable
}
