import { parse } from 'csv-parse/sync'

import type { RawActualRow, RowError } from './domain/import.ts'

const PERIOD_HEADERS = ['period', 'month', 'quarter', 'year', 'financial year']
const VALUE_HEADERS = ['value', 'figure', 'actual', 'count']
const NOTE_HEADERS = ['note', 'notes', 'comment']

/**
 * Read a CSV file of actuals: a header row naming a `period` and a `value` column (and optionally
 * `note`), then one row per period. Rows are numbered as a spreadsheet shows them: the header is row 1.
 */
export function readActualsCsv(text: string): { ok: true; rows: RawActualRow[] } | { ok: false; errors: RowError[] } {
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
  const find = (choices: string[]) => names.findIndex(name => choices.includes(name))
  const periodColumn = find(PERIOD_HEADERS)
  const valueColumn = find(VALUE_HEADERS)
  const noteColumn = find(NOTE_HEADERS)
  if (periodColumn < 0 || valueColumn < 0) {
    return {
      ok: false,
      errors: [{ row: header.info.lines, column: 'file', message: 'The first row must name the columns: period and value (and note, if you like)' }],
    }
  }
  const rows = body
    .filter(({ record }) => record.some(cell => cell !== ''))
    .map(({ record, info }) => ({
      row: info.lines,
      period: record[periodColumn] ?? '',
      value: record[valueColumn] ?? '',
      ...(noteColumn >= 0 ? { note: record[noteColumn] ?? '' } : {}),
    }))
  return { ok: true, rows }
}
