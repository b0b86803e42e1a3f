/**
 * Checking a batch of actuals (from a CSV file or the API) before anything is saved: every row is read
 * in the indicator's unit and frequency, and every problem is reported with its row and column, so the
 * whole batch can be put right at once. Nothing is saved unless every row is good.
 */
import { parsePeriod, periodKey, periodLabel, type Frequency, type Period } from '../../../core/calendar/index.ts'

import { parseValue, type Unit } from './indicator.ts'
import { isRateUnit, readRateFigure } from './rates.ts'

export interface RawActualRow {
  /** The row as the person sees it: the line of the CSV file, or the position in the API's list (from 1). */
  row: number
  period: unknown
  value: unknown
  note?: unknown
  /** For an indicator measured as a rate: the count and the denominator it is over (the value is then worked out). */
  count?: unknown
  denominator?: unknown
}

export interface ValidActualRow {
  row: number
  period: Period
  value: number
  note: string | null
  count?: number | null
  denominator?: number | null
}

export interface RowError {
  row: number
  /** The column (CSV) or field (API) the problem is in: period, year, value, count, denominator, label, kind, change… */
  column: string
  message: string
}

const MAX_IMPORT_ROWS = 5000

export function checkActualRows(rows: RawActualRow[], unit: Unit, frequency: Frequency): { valid: ValidActualRow[]; errors: RowError[] } {
  const errors: RowError[] = []
  const valid: ValidActualRow[] = []
  if (!rows.length) return { valid, errors: [{ row: 0, column: 'file', message: 'There are no figures to import' }] }
  if (rows.length > MAX_IMPORT_ROWS) {
    return { valid, errors: [{ row: 0, column: 'file', message: `There are ${rows.length} rows: import at most ${MAX_IMPORT_ROWS} at a time` }] }
  }
  const seen = new Map<string, number>()
  for (const row of rows) {
    const periodText = typeof row.period === 'string' || typeof row.period === 'number' ? String(row.period) : ''
    const period = parsePeriod(periodText, frequency, { partYear: true })
    const rate = isRateUnit(unit) ? readRateFigure(row, unit, 'the figure') : null
    const value = rate
      ? rate.ok
        ? ({ ok: true, value: rate.figure.value } as const)
        : ({ ok: false, message: '' } as const)
      : typeof row.value === 'string' || typeof row.value === 'number'
        ? parseValue(row.value, unit, 'the figure')
        : ({ ok: false, message: row.value === undefined || row.value === null ? 'Enter the figure' : 'The figure must be a number or text' } as const)
    if (rate && !rate.ok) for (const e of rate.errors) errors.push({ row: row.row, column: e.field, message: e.message })
    const note = row.note === undefined || row.note === null ? '' : typeof row.note === 'string' ? row.note.trim() : null
    let ok = true
    if (!period.ok) {
      errors.push({ row: row.row, column: 'period', message: period.message })
      ok = false
    } else {
      const key = periodKey(period.period)
      const earlier = seen.get(key)
      if (earlier !== undefined) {
        errors.push({ row: row.row, column: 'period', message: `${periodLabel(period.period)} is also in row ${earlier}: give each period once` })
        ok = false
      } else seen.set(key, row.row)
    }
    if (!value.ok) {
      if (!rate) errors.push({ row: row.row, column: 'value', message: value.message })
      ok = false
    }
    if (note === null) {
      errors.push({ row: row.row, column: 'note', message: 'The note must be text' })
      ok = false
    } else if (note.length > 500) {
      errors.push({ row: row.row, column: 'note', message: 'The note must be 500 characters or fewer' })
      ok = false
    }
    if (ok && period.ok && value.ok) {
      const counted = rate?.ok ? { count: rate.figure.count, denominator: rate.figure.denominator } : {}
      valid.push({ row: row.row, period: period.period, value: value.value, note: note || null, ...counted })
    }
  }
  return { valid: errors.length ? [] : valid, errors }
}
