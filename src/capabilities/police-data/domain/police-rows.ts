import { isMonth, type Month } from '../../../core/calendar/index.ts'
import { plainText } from '../../../shared/plain-text.ts'

import { placeLsoa, type Placement } from './geography.ts'

/**
 * The rules for one police.uk street-level CSV file (data.police.uk "street" files): its header, its
 * name, and each row. Rows that break a rule are reported with their line and column; the importer then
 * keeps nothing of the file (or, when asked, skips those rows and reports them).
 */

export const POLICE_COLUMNS = [
  'Crime ID',
  'Month',
  'Reported by',
  'Falls within',
  'Longitude',
  'Latitude',
  'Location',
  'LSOA code',
  'LSOA name',
  'Crime type',
  'Last outcome category',
  'Context',
] as const

const normaliseHeading = (text: string) => text.trim().toLowerCase().replace(/[_\s]+/g, ' ')

/**
 * Null when the header is police.uk's (letter case, spaces and underscores aside: one source wrote it in
 * snake_case), else what is wrong with it.
 */
export function headerProblem(fields: readonly string[]): string | null {
  const expected = POLICE_COLUMNS.map(normaliseHeading)
  const found = fields.map(normaliseHeading)
  if (found.length === 1 && found[0] === '') return 'The first line is empty: expected the police.uk header'
  const missing = expected.filter(name => !found.includes(name))
  const extra = found.filter(name => !expected.includes(name))
  if (missing.length || extra.length) {
    const parts = []
    if (missing.length) parts.push(`missing ${missing.map(m => `“${POLICE_COLUMNS[expected.indexOf(m)]}”`).join(', ')}`)
    if (extra.length) parts.push(`unexpected ${extra.slice(0, 5).map(e => `“${plainText(e, 40)}”`).join(', ')}${extra.length > 5 ? ` and ${extra.length - 5} more` : ''}`)
    return `The header is not a police.uk street-level header (${parts.join('; ')}). Expected: ${POLICE_COLUMNS.join(',')}`
  }
  if (found.some((name, i) => name !== expected[i])) {
    return `The header has the police.uk columns in a different order. Expected: ${POLICE_COLUMNS.join(',')}`
  }
  return null
}

export interface StreetFileName {
  month: Month
  force: string
}

/** '2018-01-essex-street.csv' → { month: '2018-01', force: 'essex' }; other names → null. */
export function parseStreetFileName(fileName: string): StreetFileName | null {
  const base = fileName.split(/[\\/]/).pop() ?? ''
  const match = /^(\d{4}-\d{2})-([a-z0-9-]+?)-street\.csv$/i.exec(base)
  if (!match || !isMonth(match[1])) return null
  return { month: match[1]!, force: match[2]!.toLowerCase() }
}

/** police.uk's own identifiers where the rule below would not give them. */
const FORCE_SLUG_EXCEPTIONS: Record<string, string> = {
  'british-transport': 'btp',
  'police-service-of-northern-ireland': 'northern-ireland',
  'devon-and-cornwall': 'devon-and-cornwall',
}

/** 'Essex Police' → 'essex'; 'Metropolitan Police Service' → 'metropolitan' (police.uk's force ids). */
export function forceSlug(fallsWithin: string): string {
  const slug = fallsWithin
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .replace(/^the-/, '')
    .replace(/-(police-service|constabulary|police)$/, '')
  return FORCE_SLUG_EXCEPTIONS[slug] ?? slug
}

export interface RowProblem {
  line: number
  column: string | null
  message: string
}

/** A row that passed: its fields as read (trimmed where needed), and where it lies. */
export interface CheckedRow {
  fields: string[]
  /** True when a field was changed (trimmed), so the raw line may not be copied as it is. */
  changed: boolean
  /** District code; null for a row with no location. */
  districtCode: string | null
  placedByName: boolean
  /** LSOA code only in the 2011 set (2011), only in the 2021 set (2021), in both or none (null). */
  vintage: 2011 | 2021 | null
}

const COORDINATE = /^-?\d{1,3}(\.\d{1,15})?$/
const LSOA_CODE = /^[EW]01\d{6}$/
const MAX_TEXT = 500

export const ANTI_SOCIAL_BEHAVIOUR = 'Anti-social behaviour'

function addProblem(problems: RowProblem[], line: number, column: number, message: string): void {
  problems.push({ line, column: POLICE_COLUMNS[column]!, message })
}

/**
 * Checks each row of one file against the rules. The file's month comes from its name, or else from its
 * first row; every row must have that month. Written for speed: it runs once per row of millions.
 */
export class PoliceRowChecker {
  month: Month | null

  constructor(
    private readonly placement: Placement,
    month: Month | null,
  ) {
    this.month = month
  }

  /** `raw` is the line as read, when it had no quotes: one look at it clears most rows of the text checks. */
  check(line: number, fields: string[], raw: string | null = null): CheckedRow | RowProblem[] {
    if (fields.length !== 12) {
      return [{ line, column: null, message: `Expected 12 columns, found ${fields.length}${fields.length < 12 ? ': the line may be cut short' : ''}` }]
    }
    const problems: RowProblem[] = []

    if (raw === null || raw.length > MAX_TEXT || raw.indexOf('\0') !== -1 || raw.indexOf('\r') !== -1) {
      for (let i = 0; i < 12; i++) {
        const value = fields[i]!
        if (value.length > MAX_TEXT) addProblem(problems, line, i, `Longer than ${MAX_TEXT} characters`)
        else if (/[\0\r\n]/.test(value)) addProblem(problems, line, i, value.includes('\0') ? 'Contains a NUL character' : 'Contains a line break')
      }
      if (problems.length) return problems
    }

    const month = fields[1]!
    if (month !== this.month) {
      if (!isMonth(month)) addProblem(problems, line, 1, `“${month}” is not a month like 2024-01`)
      else if (this.month === null) this.month = month
      else addProblem(problems, line, 1, `Month ${month} differs from the file’s month ${this.month}`)
    }

    if (!fields[3]) addProblem(problems, line, 3, 'Empty: every row says which force it falls within')

    const longitude = fields[4]!
    const latitude = fields[5]!
    if (longitude || latitude) {
      if (!COORDINATE.test(longitude) || Math.abs(Number(longitude)) > 180) addProblem(problems, line, 4, `“${longitude}” is not a longitude`)
      if (!COORDINATE.test(latitude) || Math.abs(Number(latitude)) > 90) addProblem(problems, line, 5, `“${latitude}” is not a latitude`)
    }

    let changed = false
    let crimeType = fields[9]!
    if (crimeType.charCodeAt(0) === 32 || crimeType.charCodeAt(crimeType.length - 1) === 32) {
      crimeType = crimeType.trim()
      fields[9] = crimeType
      changed = true
    }
    if (!crimeType) addProblem(problems, line, 9, 'Empty: every row has a crime type')

    let districtCode: string | null = null
    let placedByName = false
    let vintage: CheckedRow['vintage'] = null
    const lsoaCode = fields[7]!
    if (lsoaCode) {
      if (!LSOA_CODE.test(lsoaCode)) addProblem(problems, line, 7, `“${lsoaCode}” is not an LSOA code like E01021296`)
      else {
        const placed = placeLsoa(this.placement, lsoaCode, fields[8]!)
        if (!placed) {
          addProblem(problems, line, 7, `Unknown LSOA ${lsoaCode}${fields[8] ? ` (“${fields[8]}”)` : ''}: it is in no ONS lookup imported and its name does not start with a known district`)
        } else {
          districtCode = placed.districtCode
          placedByName = placed.byName
          vintage = placed.in2011 && !placed.in2021 ? 2011 : placed.in2021 && !placed.in2011 ? 2021 : null
        }
      }
    } else if (fields[8]) {
      addProblem(problems, line, 7, 'Empty, but the row has an LSOA name')
    }
    if (problems.length) return problems
    return { fields, changed, districtCode, placedByName, vintage }
  }
}

/** The LSOA vintage of a file from the codes only one vintage has. */
export function vintageOf(counts: { only2011: number; only2021: number }): '2011' | '2021' | 'mixed' | 'either' {
  if (counts.only2011 && counts.only2021) return 'mixed'
  if (counts.only2011) return '2011'
  if (counts.only2021) return '2021'
  return 'either'
}

// --- Writing rows for PostgreSQL COPY ----------------------------------------------------------------

/**
 * Columns of police_records in the order `recordCsvLine` writes them: the force, then the 12 police.uk
 * columns as published. COPY reads it as CSV, where an empty unquoted field is NULL.
 */
export const RECORD_COPY_COLUMNS = [
  'force',
  'crime_id',
  'month',
  'reported_by',
  'falls_within',
  'longitude',
  'latitude',
  'location',
  'lsoa_code',
  'lsoa_name',
  'crime_type',
  'last_outcome',
  'context',
] as const

const csvField = (value: string) => (value === '' ? '' : /[",]/.test(value) || value === '\\.' ? `"${value.replace(/"/g, '""')}"` : value)

/**
 * One police_records row as a CSV line for COPY. A line read without quotes and left unchanged is copied
 * as it came (the fastest path: no field is touched); others are written field by field.
 */
export function recordCsvLine(force: string, row: CheckedRow, raw: string | null): string {
  if (raw !== null && !row.changed) return `${force},${raw}\n`
  return `${force},${row.fields.map(csvField).join(',')}\n`
}

const NEEDS_ESCAPE = /[\\\t\n\r]/

function copyValue(value: string): string {
  return NEEDS_ESCAPE.test(value) ? value.replace(/[\\\t\n\r]/g, c => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : value
}

/** One row of any table in COPY text format (tab separated, \N for null), with its line break. */
export function copyRow(values: readonly (string | number | null)[]): string {
  return `${values.map(v => (v === null ? '\\N' : copyValue(String(v)))).join('\t')}\n`
}
