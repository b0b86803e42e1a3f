import { parse } from 'csv-parse/sync'

import type { RawActualRow, RowError } from './domain/import.ts'
import type { RawBaselineRow, RawTargetRow } from './domain/record-import.ts'

const PERIOD_HEADERS = ['period', 'month', 'quarter', 'year', 'financial year']
const VALUE_HEADERS = ['value', 'figure', 'actual', 'rate', 'count']
const NOTE_HEADERS = ['note', 'notes', 'comment']
/** The optional columns of a file that holds baselines and targets as well as figures (see README, "Importing indicators"). */
const OPTIONAL_HEADERS = {
  record: ['record', 'type'],
  count: ['count'],
  denominator: ['denominator', 'population', 'households'],
  label: ['label', 'baseline label'],
  judged: ['judged', 'rag baseline'],
  kind: ['kind', 'target kind'],
  change: ['change'],
  perYear: ['per year', 'a year', 'each year'],
  printed: ['printed', 'printed value', 'printed target'],
  baseline: ['baseline', 'measured from'],
  statement: ['statement', 'wording'],
} as const

export interface IndicatorCsvRows {
  actuals: RawActualRow[]
  baselines: RawBaselineRow[]
  targets: RawTargetRow[]
}

/**
 * Read a CSV file of actuals: a header row naming a `period` and a `value` column (and optionally
 * `note`), then one row per period. Rows are numbered as a spreadsheet shows them: the header is row 1.
 */
export function readActualsCsv(text: string): { ok: true; rows: RawActualRow[] } | { ok: false; errors: RowError[] } {
  const read = readIndicatorCsv(text)
  return read.ok ? { ok: true, rows: read.rows.actuals } : read
}

/**
 * Read a CSV file of an indicator's records. Without a `record` column every row is a figure (period, value,
 * note; for a rate, value or count and denominator). With one, each row says what it is: `actual`,
 * `baseline` (year in the period column, label, value or count and denominator, judged, note) or `target`
 * (year, kind, change, per year, value, printed, baseline, statement).
 */
export function readIndicatorCsv(text: string): { ok: true; rows: IndicatorCsvRows } | { ok: false; errors: RowError[] } {
  let records: { record: string[]; info: { lines: number } }[]
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true, info: true }) as unknown as typeof records
  } catch (error) {
    const line = (error as { lines?: number }).lines
    return { ok: false, errors: [{ row: line ?? 0, column: 'file', message: 'The file could not be read as CSV: check its quotes and commas, or save it again as CSV from your spreadsheet' }] }
  }
  const [header, ...body] = records
  if (!header) return { ok: false, errors: [{ row: 0, column: 'file', message: 'The file is empty' }] }
  const names = header.record.map(name => name.toLowerCase().trim())
  const find = (choices: readonly string[]) => names.findIndex(name => choices.includes(name))
  const columns = Object.fromEntries(Object.entries(OPTIONAL_HEADERS).map(([key, choices]) => [key, find(choices)])) as Record<keyof typeof OPTIONAL_HEADERS, number>
  // "count" is the figure itself unless the file also has a value (or a denominator) column: then it is a rate's count.
  const valueColumn = find(VALUE_HEADERS.filter(name => name !== 'count')) >= 0 ? find(VALUE_HEADERS.filter(name => name !== 'count')) : columns.denominator >= 0 ? -1 : find(['count'])
  if (valueColumn === columns.count) columns.count = -1
  const periodColumn = find(PERIOD_HEADERS)
  const noteColumn = find(NOTE_HEADERS)
  if (periodColumn < 0 || (valueColumn < 0 && columns.count < 0 && columns.record < 0)) {
    return {
      ok: false,
      errors: [{ row: header.info.lines, column: 'file', message: 'The first row must name the columns: period and value (and note, if you like)' }],
    }
  }
  const rows: IndicatorCsvRows = { actuals: [], baselines: [], targets: [] }
  const errors: RowError[] = []
  for (const { record, info } of body) {
    if (!record.some(cell => cell !== '')) continue
    const cell = (column: number) => (column >= 0 ? (record[column] ?? '') : undefined)
    const kind = (cell(columns.record) ?? 'actual').toLowerCase()
    const common = { row: info.lines, value: cell(valueColumn), count: cell(columns.count), denominator: cell(columns.denominator) }
    if (kind === 'actual' || kind === 'figure' || kind === '') {
      rows.actuals.push({ ...common, period: cell(periodColumn) ?? '', value: cell(valueColumn) ?? '', ...(noteColumn >= 0 ? { note: cell(noteColumn) } : {}) })
    } else if (kind === 'baseline') {
      rows.baselines.push({ ...common, year: cell(periodColumn), label: cell(columns.label), judged: cell(columns.judged), note: cell(noteColumn) })
    } else if (kind === 'target') {
      rows.targets.push({
        row: info.lines,
        year: cell(periodColumn),
        kind: cell(columns.kind),
        change: cell(columns.change),
        perYear: cell(columns.perYear),
        value: cell(valueColumn),
        printed: cell(columns.printed),
        baseline: cell(columns.baseline),
        statement: cell(columns.statement),
      })
    } else {
      errors.push({ row: info.lines, column: 'record', message: `“${cell(columns.record)}” is not a kind of row: write actual, baseline or target` })
    }
  }
  if (errors.length) return { ok: false, errors }
  return { ok: true, rows }
}
