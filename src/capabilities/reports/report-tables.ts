import type { ColumnType, Generated } from 'kysely'

import type { CreatedAt, UpdatedAt } from '../../db/column-types.ts'

import type { ReportKind, ReportStatus } from './domain/report-kinds.ts'
import type { SectionLayoutEntry } from './domain/section-layout.ts'

/** A narrative copied from an earlier report: which one, and the section keys not yet edited or confirmed since. */
export interface CopiedFrom {
  reportId: number
  title: string
  year: number
  sections: string[]
}

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
  /** Where a narrative copied from an earlier report came from, and the sections still as copied (see 0990). */
  copiedFrom: ColumnType<CopiedFrom | null, string | null | undefined, string | null>
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

/**
 * The document of a final report as it was generated when the report was marked final (migration
 * 0501-report-final-documents): downloads of a final report are drawn from it. See document/stored.ts.
 */
export interface ReportFinalDocumentsTable {
  reportId: number
  partnershipId: number
  document: ColumnType<unknown, string, never>
  generatedAt: Date
  createdAt: CreatedAt
}

/** The council's paper front matter of a partnership (migration 0991), printed on its annual report's front page. */
export interface ReportPaperSettingsTable {
  id: Generated<number>
  partnershipId: number
  agendaItem: string | null
  reportOf: string | null
  portfolioHolder: string | null
  wardsAffected: string | null
  keyDecision: boolean | null
  exempt: boolean | null
  exemptReason: string | null
  contactName: string | null
  contactPhone: string | null
  contactEmail: string | null
  /** The council's name, printed with its logo above the title (migration 1020). */
  councilName: string | null
  /** The annual report's sections in order, with their titles and whether each is included (domain/section-layout.ts). */
  sections: ColumnType<SectionLayoutEntry[] | null, string | null | undefined, string | null>
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

/** The council's logo of a partnership (migration 1020): a sanitised SVG and its PNG, or a PNG. */
export interface ReportPaperLogosTable {
  id: Generated<number>
  partnershipId: number
  mediaType: 'image/png' | 'image/svg+xml'
  fileName: string
  byteSize: number
  svg: string | null
  /** Base64 PNG, drawn in the documents. */
  png: string
  width: number
  height: number
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

export interface ReportTables {
  reportPaperSettings: ReportPaperSettingsTable
  reportPaperLogos: ReportPaperLogosTable
  reports: ReportsTable
  reportFinalDocuments: ReportFinalDocumentsTable
}
