/**
 * Checking baselines and targets from a CSV file or the API before anything is saved, as `import.ts` checks
 * actuals: every row is read in the indicator's unit, and every problem is reported with its row and column.
 * Baselines may be labelled ("Local", "National") and, for a rate, given as a count over its denominator;
 * targets may be of any kind the forms take (a percentage change, once or a year; percentage points; a figure
 * to reach; a direction; to be agreed), with the figure the plan printed.
 */
import { financialYearLabel, parseFinancialYearText } from '../../../core/calendar/index.ts'

import { baselineTitle, readBaselineLabel, readYesNo } from './baselines.ts'
import type { RowError } from './import.ts'
import { parseValue, type Unit } from './indicator.ts'
import { isRateUnit, readRateFigure } from './rates.ts'
import type { TargetKind } from './targets.ts'

export interface RawBaselineRow {
  row: number
  year: unknown
  label?: unknown
  value?: unknown
  count?: unknown
  denominator?: unknown
  judged?: unknown
  note?: unknown
}

export interface ValidBaselineRow {
  row: number
  year: number
  label: string | null
  value: number
  count: number | null
  denominator: number | null
  judged: boolean
  note: string | null
}

export interface RawTargetRow {
  row: number
  year: unknown
  kind: unknown
  /** Signed: −5 is a 5% reduction (or, for a change in points, a 5 point reduction). */
  change?: unknown
  perYear?: unknown
  /** The figure to reach, for a target of kind 'absolute'. */
  value?: unknown
  printed?: unknown
  /** The baseline the target is measured from, by its label and year: "Local 2023/24" (or "2023/24"). */
  baseline?: unknown
  statement?: unknown
}

export interface ValidTargetRow {
  row: number
  year: number
  kind: TargetKind
  changePercent: number | null
  perYear: boolean
  changePoints: number | null
  absoluteValue: number | null
  printedValue: number | null
  /** The title of the baseline it names ("Local 2023/24"), or null for the one RAG is judged against. */
  baseline: string | null
  statement: string | null
}

const MAX_ROWS = 5000

/** The kinds of target as a CSV cell or API field may name them. */
const KIND_WORDS: Record<string, TargetKind> = {
  percent_change: 'percent_change',
  percent: 'percent_change',
  percentage: 'percent_change',
  '%': 'percent_change',
  point_change: 'point_change',
  points: 'point_change',
  'percentage points': 'point_change',
  pp: 'point_change',
  absolute: 'absolute',
  figure: 'absolute',
  direction: 'direction',
  to_be_agreed: 'to_be_agreed',
  'to be agreed': 'to_be_agreed',
  tba: 'to_be_agreed',
}

const text = (input: unknown): string | null => (input === undefined || input === null ? '' : typeof input === 'string' ? input.trim() : typeof input === 'number' ? String(input) : null)

function readYear(input: unknown): { ok: true; year: number } | { ok: false; message: string } {
  const value = text(input)
  if (!value) return { ok: false, message: 'Enter the financial year, like 2024/25' }
  const year = parseFinancialYearText(value)
  if (year === null || year < 1990 || year > 2100) return { ok: false, message: `“${value}” is not a financial year: write it like 2024/25` }
  return { ok: true, year }
}

function readNote(input: unknown, max: number, what: string): { ok: true; note: string | null } | { ok: false; message: string } {
  const value = text(input)
  if (value === null) return { ok: false, message: `The ${what} must be text` }
  if (value.length > max) return { ok: false, message: `The ${what} must be ${max} characters or fewer` }
  return { ok: true, note: value || null }
}

/** A signed number with at most two decimal places: "-5", "−5%", "+2.5". */
function readSigned(input: unknown): number | null {
  const value = text(input)?.replace(/^−/, '-').replace(/%$/, '').replace(/\s*(percentage )?points?$/i, '').trim()
  if (!value || !/^[-+]?\d+(\.\d{1,2})?$/.test(value)) return null
  return Number(value)
}

function tooMany(rows: unknown[]): RowError[] {
  if (!rows.length) return [{ row: 0, column: 'file', message: 'There are no rows to import' }]
  if (rows.length > MAX_ROWS) return [{ row: 0, column: 'file', message: `There are ${rows.length} rows: import at most ${MAX_ROWS} at a time` }]
  return []
}

/** The titles of the baselines rows name ("Local 2023/24"), whether or not the rest of each row is right. */
export function baselineTitlesOf(rows: RawBaselineRow[]): string[] {
  return rows.flatMap(row => {
    const year = readYear(row.year)
    const label = readBaselineLabel(row.label === '' ? null : row.label)
    return year.ok && label.ok ? [baselineTitle({ year: year.year, label: label.label })] : []
  })
}

export function checkBaselineRows(rows: RawBaselineRow[], unit: Unit): { valid: ValidBaselineRow[]; errors: RowError[] } {
  const errors: RowError[] = rows.length > MAX_ROWS ? tooMany(rows) : []
  if (errors.length) return { valid: [], errors }
  const valid: ValidBaselineRow[] = []
  const seen = new Map<string, { row: number; title: string }>()
  let judgedRow: number | null = null
  for (const row of rows) {
    const before = errors.length
    const year = readYear(row.year)
    if (!year.ok) errors.push({ row: row.row, column: 'year', message: year.message })
    const label = readBaselineLabel(row.label === '' ? null : row.label)
    if (!label.ok) errors.push({ row: row.row, column: 'label', message: label.message })
    let figure = { value: 0, count: null as number | null, denominator: null as number | null }
    if (isRateUnit(unit)) {
      const read = readRateFigure(row, unit, 'the baseline')
      if (read.ok) figure = read.figure
      else for (const e of read.errors) errors.push({ row: row.row, column: e.field, message: e.message })
    } else {
      const parsed = typeof row.value === 'string' || typeof row.value === 'number' ? parseValue(row.value, unit, 'the baseline') : { ok: false as const, message: 'Enter the baseline' }
      if (parsed.ok) figure = { value: parsed.value, count: null, denominator: null }
      else errors.push({ row: row.row, column: 'value', message: parsed.message })
      if (text(row.count) || text(row.denominator)) {
        errors.push({ row: row.row, column: text(row.count) ? 'count' : 'denominator', message: 'A count and denominator are for an indicator measured as a rate per 1,000 or per 100,000: give the baseline as a value' })
      }
    }
    const judged = readYesNo(row.judged)
    if (judged === null) errors.push({ row: row.row, column: 'judged', message: 'Write yes or no: whether RAG is judged against this baseline' })
    else if (judged) {
      if (judgedRow !== null) errors.push({ row: row.row, column: 'judged', message: `Row ${judgedRow} is already the baseline RAG is judged against: mark only one` })
      else judgedRow = row.row
    }
    const note = readNote(row.note, 500, 'note')
    if (!note.ok) errors.push({ row: row.row, column: 'note', message: note.message })
    if (year.ok && label.ok) {
      const title = baselineTitle({ year: year.year, label: label.label })
      const key = title.toLowerCase()
      const earlier = seen.get(key)
      if (earlier !== undefined) errors.push({ row: row.row, column: label.label ? 'label' : 'year', message: `The ${earlier.title} baseline is also in row ${earlier.row}: give each year and label once` })
      else seen.set(key, { row: row.row, title })
    }
    if (errors.length === before && year.ok && label.ok && note.ok) {
      valid.push({ row: row.row, year: year.year, label: label.label, ...figure, judged: judged === true, note: note.note })
    }
  }
  return { valid: errors.length ? [] : valid, errors }
}

/**
 * Check target rows. `baselineTitles` are the titles of the baselines the targets may name: those the
 * indicator has and those imported with them ("Local 2023/24", "2023/24").
 */
export function checkTargetRows(rows: RawTargetRow[], unit: Unit, baselineTitles: string[]): { valid: ValidTargetRow[]; errors: RowError[] } {
  const errors: RowError[] = rows.length > MAX_ROWS ? tooMany(rows) : []
  if (errors.length) return { valid: [], errors }
  const valid: ValidTargetRow[] = []
  const seen = new Map<number, number>()
  const titles = new Map(baselineTitles.map(t => [t.toLowerCase(), t]))
  for (const row of rows) {
    const before = errors.length
    const year = readYear(row.year)
    if (!year.ok) errors.push({ row: row.row, column: 'year', message: year.message })
    else {
      const earlier = seen.get(year.year)
      if (earlier !== undefined) errors.push({ row: row.row, column: 'year', message: `The target for ${financialYearLabel(year.year)} is also in row ${earlier}: give each year once` })
      else seen.set(year.year, row.row)
    }
    const kindText = (text(row.kind) ?? '').toLowerCase()
    const kind = KIND_WORDS[kindText] ?? null
    if (!kind) {
      errors.push({
        row: row.row,
        column: 'kind',
        message: kindText
          ? `“${text(row.kind)}” is not a kind of target: write percent, points, absolute, direction or to be agreed`
          : 'Enter the kind of target: percent, points, absolute, direction or to be agreed',
      })
    }
    let changePercent: number | null = null
    let changePoints: number | null = null
    let absoluteValue: number | null = null
    if (kind === 'percent_change' || kind === 'point_change') {
      const change = readSigned(row.change)
      if (change === null) {
        errors.push({ row: row.row, column: 'change', message: kind === 'percent_change' ? 'Enter the change as a signed percentage, like -5 for a 5% reduction' : 'Enter the change in percentage points, signed, like -2 for a 2 point reduction' })
      } else if (change === 0) {
        errors.push({ row: row.row, column: 'change', message: 'The change cannot be 0: for no change, set a figure to reach' })
      } else if (kind === 'percent_change') {
        if (change < -100) errors.push({ row: row.row, column: 'change', message: 'A reduction cannot be more than 100%' })
        else if (change > 1000) errors.push({ row: row.row, column: 'change', message: 'An increase must be 1,000% or less' })
        else changePercent = change
      } else if (Math.abs(change) > 100) errors.push({ row: row.row, column: 'change', message: 'A change in percentage points must be 100 or less' })
      else changePoints = change
    } else if (text(row.change)) {
      errors.push({ row: row.row, column: 'change', message: 'A change is only for a percent or points target: leave it empty' })
    }
    if (kind === 'point_change' && unit !== 'percentage') {
      errors.push({ row: row.row, column: 'kind', message: 'A change in percentage points is for a percentage indicator: use percent or absolute' })
    }
    if (kind === 'absolute') {
      const parsed = typeof row.value === 'string' || typeof row.value === 'number' ? parseValue(row.value, unit, 'the target figure') : { ok: false as const, message: 'Enter the target figure' }
      if (parsed.ok) absoluteValue = parsed.value
      else errors.push({ row: row.row, column: 'value', message: parsed.message })
    } else if (text(row.value)) {
      errors.push({ row: row.row, column: 'value', message: 'A figure to reach is only for an absolute target: put a figure the plan printed in the printed column' })
    }
    const perYear = readYesNo(row.perYear)
    if (perYear === null) errors.push({ row: row.row, column: 'per year', message: 'Write yes or no: whether the percentage applies once a year' })
    else if (perYear && kind !== 'percent_change') errors.push({ row: row.row, column: 'per year', message: 'Only a percent target can apply once a year' })
    let printedValue: number | null = null
    if (text(row.printed)) {
      const parsed = parseValue(row.printed as string | number, unit, 'the figure the plan printed')
      if (parsed.ok) printedValue = parsed.value
      else errors.push({ row: row.row, column: 'printed', message: parsed.message })
    }
    const baselineText = text(row.baseline)
    let baseline: string | null = null
    if (baselineText === null) errors.push({ row: row.row, column: 'baseline', message: 'The baseline must be text, like Local 2023/24' })
    else if (baselineText) {
      const found = titles.get(baselineText.replace(/\s+/g, ' ').toLowerCase()) ?? titles.get((parseFinancialYearText(baselineText) !== null ? financialYearLabel(parseFinancialYearText(baselineText)!) : '').toLowerCase())
      if (!found) {
        errors.push({
          row: row.row,
          column: 'baseline',
          message: `There is no baseline “${baselineText}”: name one by its label and year${baselineTitles.length ? `, one of ${baselineTitles.join(', ')}` : ', and add it first'}`,
        })
      } else baseline = found
    }
    const statement = readNote(row.statement, 300, 'statement')
    if (!statement.ok) errors.push({ row: row.row, column: 'statement', message: statement.message })
    if (errors.length === before && year.ok && kind && statement.ok) {
      valid.push({ row: row.row, year: year.year, kind, changePercent, perYear: perYear === true, changePoints, absoluteValue, printedValue, baseline, statement: statement.note })
    }
  }
  return { valid: errors.length ? [] : valid, errors }
}
