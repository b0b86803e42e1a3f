import type { PartnershipContext } from '../../core/access/partnership-context.ts'
import { auditLog } from '../../core/audit/audit-log.ts'
import { periodKey, periodStartDate, type Frequency, type PeriodMonths } from '../../core/calendar/index.ts'
import type { Db } from '../../db/database.ts'

import { baselineTitle } from './domain/baselines.ts'
import { checkActualRows, type RawActualRow, type RowError, type ValidActualRow } from './domain/import.ts'
import type { Unit } from './domain/indicator.ts'
import { baselineTitlesOf, checkBaselineRows, checkTargetRows, type RawBaselineRow, type RawTargetRow, type ValidBaselineRow, type ValidTargetRow } from './domain/record-import.ts'
import type { IndicatorRecord } from './domain/report.ts'
import { indicatorRepository as repo } from './indicator-repository.ts'

/**
 * Writing a checked import (CSV file or API) inside one transaction: baselines (replaced by year and label),
 * then targets (replaced by year; a named baseline is found by its label and year), then actuals (replaced
 * by period). One audit record describes the whole import, with what each row was before and after.
 */
export interface ImportCounts {
  created: number
  updated: number
  unchanged: number
}

export interface CheckedImport {
  actuals: ValidActualRow[]
  baselines: ValidBaselineRow[]
  targets: ValidTargetRow[]
}

const same = (a: object, b: Record<string, unknown>) => Object.keys(b).every(key => ((a as Record<string, unknown>)[key] ?? null) === (b[key] ?? null))

export async function writeImport(trx: Db, ctx: PartnershipContext, indicator: IndicatorRecord, rows: CheckedImport, source: string, now: Date): Promise<ImportCounts> {
  const partnershipId = ctx.partnership.id
  const indicatorId = indicator.id
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0 }
  const before: Record<string, Record<string, unknown>[]> = {}
  const after: Record<string, Record<string, unknown>[]> = {}
  const note = (kind: string, old: Record<string, unknown> | null, values: Record<string, unknown>) => {
    if (old) (before[kind] ??= []).push(old)
    ;(after[kind] ??= []).push(values)
  }

  // Baselines, by year and label; marking one for RAG unmarks the others.
  const baselines = await repo.baselines(trx, partnershipId, [indicatorId])
  if (rows.baselines.some(b => b.judged)) {
    for (const old of baselines.filter(b => b.judged)) await trx.updateTable('indicatorBaselines').set({ judged: false, updatedAt: now }).where('id', '=', old.id).execute()
  }
  const titles = new Map(baselines.map(b => [baselineTitle(b).toLowerCase(), b.id]))
  for (const row of rows.baselines) {
    const values = { year: row.year, label: row.label, value: row.value, count: row.count, denominator: row.denominator, judged: row.judged, note: row.note }
    const old = baselines.find(b => baselineTitle(b).toLowerCase() === baselineTitle(row).toLowerCase())
    if (old && same(old, values)) {
      counts.unchanged++
      continue
    }
    if (old) {
      await trx.updateTable('indicatorBaselines').set({ ...values, updatedAt: now }).where('id', '=', old.id).execute()
      counts.updated++
    } else {
      const inserted = await trx.insertInto('indicatorBaselines').values({ ...values, partnershipId, indicatorId }).returning('id').executeTakeFirstOrThrow()
      titles.set(baselineTitle(row).toLowerCase(), inserted.id)
      counts.created++
    }
    note('baselines', old ? { year: old.year, label: old.label ?? null, value: old.value, count: old.count ?? null, denominator: old.denominator ?? null, judged: old.judged ?? false, note: old.note } : null, values)
  }

  // Targets, by year.
  const targets = await repo.targets(trx, partnershipId, [indicatorId])
  for (const row of rows.targets) {
    const values = {
      year: row.year,
      kind: row.kind,
      changePercent: row.changePercent,
      perYear: row.perYear,
      changePoints: row.changePoints,
      absoluteValue: row.absoluteValue,
      printedValue: row.printedValue,
      baselineId: row.baseline === null ? null : (titles.get(row.baseline.toLowerCase()) ?? null),
      statement: row.statement,
    }
    const old = targets.find(t => t.year === row.year)
    if (old && same(old as unknown as Record<string, unknown>, values)) {
      counts.unchanged++
      continue
    }
    if (old) {
      await trx.updateTable('indicatorTargets').set({ ...values, updatedAt: now }).where('id', '=', old.id).execute()
      counts.updated++
    } else {
      await trx.insertInto('indicatorTargets').values({ ...values, partnershipId, indicatorId }).execute()
      counts.created++
    }
    note('targets', old ? { ...old, id: undefined, indicatorId: undefined } : null, values)
  }

  // Actuals, by period.
  const existing = await repo.actuals(trx, partnershipId, [indicatorId])
  const byKey = new Map(existing.map(a => [periodKey(a.period), a]))
  for (const row of rows.actuals) {
    const key = periodKey(row.period)
    const old = byKey.get(key)
    const figure = { value: row.value, count: row.count ?? null, denominator: row.denominator ?? null, note: row.note }
    if (old && same(old, figure)) {
      counts.unchanged++
      continue
    }
    if (old) {
      await repo.updateActual(trx, old.id!, figure, now)
      counts.updated++
    } else {
      await repo.insertActual(trx, { ...figure, periodStart: periodStartDate(row.period), periodMonths: row.period.months as PeriodMonths, cumulative: Boolean(row.period.cumulative), indicatorId, partnershipId })
      counts.created++
    }
    note('actuals', old ? { period: key, value: old.value, count: old.count ?? null, denominator: old.denominator ?? null, note: old.note } : null, { period: key, ...figure })
  }

  const total = rows.actuals.length + rows.baselines.length + rows.targets.length
  const what = [
    rows.baselines.length ? `${rows.baselines.length} ${rows.baselines.length === 1 ? 'baseline' : 'baselines'}` : '',
    rows.targets.length ? `${rows.targets.length} ${rows.targets.length === 1 ? 'target' : 'targets'}` : '',
    rows.actuals.length || total === 0 ? `${rows.actuals.length} ${rows.actuals.length === 1 ? 'figure' : 'figures'}` : '',
  ].filter(Boolean)
  await auditLog.record(trx, ctx.actor, {
    partnershipId,
    action: 'import',
    entityType: 'indicator',
    entityId: indicatorId,
    summary: `Imported ${what.join(', ')} for “${indicator.name}” from ${source}: ${counts.created} new, ${counts.updated} replaced, ${counts.unchanged} unchanged`,
    before: Object.keys(before).length ? before : null,
    after,
  })
  return counts
}

/** Check every row of an import, of every kind, against the indicator's unit and frequency and its baselines. */
export function checkImportRows(
  rows: { actuals?: RawActualRow[]; baselines?: RawBaselineRow[]; targets?: RawTargetRow[] },
  unit: Unit,
  frequency: Frequency,
  existingBaselines: { year: number; label?: string | null }[],
): { ok: true; rows: CheckedImport } | { ok: false; errors: RowError[] } {
  const actualRows = rows.actuals ?? []
  const baselineRows = rows.baselines ?? []
  const targetRows = rows.targets ?? []
  if (!actualRows.length && !baselineRows.length && !targetRows.length) return { ok: false, errors: [{ row: 0, column: 'file', message: 'There are no rows to import' }] }
  const actuals = actualRows.length ? checkActualRows(actualRows, unit, frequency) : { valid: [], errors: [] }
  const baselines = checkBaselineRows(baselineRows, unit)
  const titles = [...new Set([...existingBaselines.map(baselineTitle), ...baselineTitlesOf(baselineRows)])]
  const targets = checkTargetRows(targetRows, unit, titles)
  const errors = [...baselines.errors, ...targets.errors, ...actuals.errors].sort((a, b) => a.row - b.row)
  if (errors.length) return { ok: false, errors }
  return { ok: true, rows: { actuals: actuals.valid, baselines: baselines.valid, targets: targets.valid } }
}
