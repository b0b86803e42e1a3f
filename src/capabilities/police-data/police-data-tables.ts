import type { ColumnType, Generated } from 'kysely'

import type { CreatedAt, UpdatedAt } from '../../db/column-types.ts'

/** Row types of the police data and ONS geography tables (migration 0300-police-data). */

type JsonColumn<T> = ColumnType<T, string | undefined, string>

export interface OnsDistrictsTable {
  code: string
  name: string
  countyCode: string | null
  countyName: string | null
  updatedAt: UpdatedAt
}

export interface OnsWardsTable {
  code: string
  name: string
  districtCode: string
  boundaryYear: number
  updatedAt: UpdatedAt
}

export interface OnsLsoasTable {
  vintage: number
  code: string
  name: string
  wardCode: string | null
  wardYear: number | null
  districtCode: string
}

export interface OnsLsoaBestFitTable {
  lsoa11Code: string
  lsoa21Code: string
}

export interface OnsLsoaPlacesTable {
  code: string
  name: string
  districtCode: string
  districtMethod: 'lookup' | 'name_prefix'
  wardCode: string | null
  wardMethod: 'lookup' | 'best_fit' | 'split' | null
  inLsoa11: boolean
  inLsoa21: boolean
}

export interface OnsPopulationsTable {
  areaType: 'district' | 'ward'
  code: string
  midYear: number
  boundaries: string
  population: number
  source: string
}

export interface OnsBoundariesTable {
  districtName: string
  geometry: string
  source: string
}

export interface PoliceRecordsTable {
  force: string
  crimeId: string | null
  /** 'YYYY-MM', as published */
  month: string
  reportedBy: string | null
  fallsWithin: string | null
  longitude: number | null
  latitude: number | null
  location: string | null
  lsoaCode: string | null
  lsoaName: string | null
  crimeType: string
  lastOutcome: string | null
  context: string | null
}

export interface PoliceCountsTable {
  force: string
  month: string
  lsoaCode: string | null
  districtCode: string | null
  crimeType: string
  count: number
}

export interface PoliceDistrictCountsTable {
  force: string
  month: string
  districtCode: string | null
  crimeType: string
  count: number
}

export interface PoliceMonthsTable {
  force: string
  month: string
  forceName: string
  fileName: string
  rowCount: number
  rowsWithoutLocation: number
  rowsPlacedByName: Generated<number>
  skippedRows: Generated<number>
  lsoaVintage: '2011' | '2021' | 'mixed' | 'either'
  importedAt: CreatedAt
  importedBy: string
}

export interface ImportFileOutcome {
  name: string
  status: 'imported' | 'failed' | 'not_started'
  force?: string | undefined
  month?: string | undefined
  rows?: number | undefined
  skipped?: number | undefined
  replaced?: boolean | undefined
  problems?: { line: number; column: string | null; message: string }[] | undefined
  problemCount?: number | undefined
  message?: string | undefined
  /** Rows skipped with --skip-bad-rows (the first few thousand), for the report. */
  skippedRows?: { file: string; line: number; column: string | null; message: string; row: string[] }[] | undefined
}

export interface PoliceImportJobsTable {
  id: Generated<number>
  partnershipId: number
  status: Generated<'queued' | 'running' | 'succeeded' | 'failed'>
  skipBadRows: Generated<boolean>
  files: JsonColumn<{ name: string; size: number }[]>
  totalBytes: ColumnType<number, number | undefined, number>
  outcome: JsonColumn<ImportFileOutcome[]>
  message: string | null
  createdByUserId: number | null
  createdByLabel: string
  createdAt: CreatedAt
  startedAt: Date | null
  finishedAt: Date | null
  updatedAt: UpdatedAt
  /** When the job last showed it was alive; the watchdog fails a queued or running job silent for too long (migration 0600). */
  heartbeatAt: ColumnType<Date, Date | undefined, Date>
  /** The process holding the job, as 'host:pid'. */
  runner: string | null
}

export interface PoliceDataTables {
  onsDistricts: OnsDistrictsTable
  onsWards: OnsWardsTable
  onsLsoas: OnsLsoasTable
  onsLsoaBestFit: OnsLsoaBestFitTable
  onsLsoaPlaces: OnsLsoaPlacesTable
  onsPopulations: OnsPopulationsTable
  onsBoundaries: OnsBoundariesTable
  policeRecords: PoliceRecordsTable
  policeCounts: PoliceCountsTable
  policeDistrictCounts: PoliceDistrictCountsTable
  policeMonths: PoliceMonthsTable
  policeImportJobs: PoliceImportJobsTable
}
