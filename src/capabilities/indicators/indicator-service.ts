import { requirePermission, type PartnershipContext } from '../../core/access/partnership-context.ts'
import { auditLog } from '../../core/audit/audit-log.ts'
import { auditedDelete, auditedInsert, auditedUpdate, findInPartnership, type ChangeTarget } from '../../core/audit/audited-changes.ts'
import { financialYearLabel, financialYearOfUtcDate, monthOf, periodFromStartDate, periodKey, periodLabel, periodStartDate } from '../../core/calendar/index.ts'
import type { Db } from '../../db/database.ts'
import { isUniqueViolation, isForeignKeyViolation } from '../../db/errors.ts'
import type { Clock } from '../../shared/clock.ts'
import { ConflictError, NotFoundError, ValidationError } from '../../shared/errors.ts'

import { checkActualRows, type RawActualRow, type RowError } from './domain/import.ts'
import type { RawBaselineRow, RawTargetRow } from './domain/record-import.ts'
import { isCounted, type PoliceDataDefinition } from './domain/indicator.ts'
import {
  buildReport,
  isInYear,
  monthlyCountsToActuals,
  performanceRow,
  type IndicatorRecord,
  type IndicatorReport,
  type PerformanceRow,
} from './domain/report.ts'
import type { ActualInput, BaselineInput, ComparatorInput, IndicatorInput, SettingsInput, TargetInput } from './indicator-forms.ts'
import { checkImportRows, writeImport } from './indicator-imports.ts'
import { indicatorRepository as repo } from './indicator-repository.ts'
import { checkDistrictOf, districtsOf } from './indicator-districts.ts'
import { NO_CHANGE_LABELS, ragLegend, ragRules, ragRulesProblem, type RagRules } from './domain/rag-rules.ts'

/** The partnership's RAG rules from its settings row. */
const rulesOf = (settings: { ragTolerancePercent: number; ragNoChange: RagRules['noChange']; ragNoChangeBandPercent: number }): RagRules =>
  ragRules({ tolerancePercent: settings.ragTolerancePercent, noChange: settings.ragNoChange, noChangeBandPercent: settings.ragNoChangeBandPercent })

/**
 * The seam for indicators whose figures come from imported police data (source_kind 'police_data').
 * The police data capability provides this function: given the indicator's definition (crime types and
 * area), it returns a count per month ('YYYY-MM') for the months its data covers. Without one, such
 * indicators show no figures and say why.
 */
export interface PoliceActualsRequest {
  partnershipId: number
  indicatorId: number
  definition: PoliceDataDefinition
}
export type PoliceActualsProvider = (request: PoliceActualsRequest) => Promise<{ month: string; count: number }[]>

export type ImportResult = { ok: true; created: number; updated: number; unchanged: number } | { ok: false; errors: RowError[] }

export interface PerformanceTable {
  year: number
  yearLabel: string
  /** Financial years that have a target or a figure, latest first. */
  years: number[]
  headers: { lastYear: string; thisYear: string }
  groups: { heading: string | null; rows: PerformanceRow[] }[]
  tolerancePercent: number
  /** The rules every RAG in the table was decided by, and the legend that states them in words. */
  ragRules: RagRules
  ragLegend: string
  /** Every indicator's report, in order (the page lists them all under the table). */
  reports: IndicatorReport[]
}

const targets = {
  indicator: { table: 'indicators', entityType: 'indicator', describe: (row: { name: string }) => row.name },
  baseline: { table: 'indicatorBaselines', entityType: 'indicator baseline', describe: (row: { year: number; value: number }) => `${financialYearLabel(row.year)}: ${row.value}` },
  target: { table: 'indicatorTargets', entityType: 'indicator target', describe: (row: { year: number; kind: string }) => `${financialYearLabel(row.year)} (${row.kind.replace('_', ' ')})` },
  actual: {
    table: 'indicatorActuals',
    entityType: 'indicator actual',
    describe: (row: { periodStart: string; periodMonths?: number; cumulative?: boolean; value: number }) =>
      row.cumulative ? `${periodKey(periodFromStartDate(row.periodStart, row.periodMonths ?? 1, true))}: ${row.value}` : `${monthOf(row.periodStart)}: ${row.value}`,
  },
  comparator: {
    table: 'indicatorComparators',
    entityType: 'indicator comparator',
    describe: (row: { areaName: string; year: number; groupName: string }) => `${row.areaName}, ${row.groupName}, ${financialYearLabel(row.year)}`,
  },
} as const
type TargetName = keyof typeof targets
function target<K extends TargetName>(name: K, ctx: PartnershipContext): ChangeTarget<(typeof targets)[K]['table']> {
  return { ...targets[name], partnershipId: ctx.partnership.id } as unknown as ChangeTarget<(typeof targets)[K]['table']>
}

export function indicatorService({ db, clock, policeActuals }: { db: Db; clock: Clock; policeActuals?: PoliceActualsProvider | undefined }) {
  async function reports(ctx: PartnershipContext, ids?: number[]): Promise<IndicatorReport[]> {
    const partnershipId = ctx.partnership.id
    // Two waits for the database, each of queries asked together: under load every wait is a turn of the
    // queue (npm run bench:load). The figures from police data are asked beside the typed-in ones.
    const [indicators, settings] = await Promise.all([repo.indicators(db, partnershipId, ids), repo.partnershipSettings(db, partnershipId)])
    const indicatorIds = indicators.map(i => i.id)
    const [baselines, targetRows, actuals, comparators, policeActualsOf] = await Promise.all([
      repo.baselines(db, partnershipId, indicatorIds),
      repo.targets(db, partnershipId, indicatorIds),
      repo.actuals(db, partnershipId, indicatorIds),
      repo.comparators(db, partnershipId, indicatorIds),
      Promise.all(indicators.map(indicator => (indicator.sourceKind === 'police_data' ? policeFigures(ctx, indicator) : undefined))),
    ])
    const out: IndicatorReport[] = []
    for (const [i, indicator] of indicators.entries()) {
      out.push(
        buildReport({
          indicator,
          baselines: baselines.filter(b => b.indicatorId === indicator.id),
          targets: targetRows.filter(t => t.indicatorId === indicator.id),
          actuals: policeActualsOf[i] ?? actuals.filter(a => a.indicatorId === indicator.id),
          comparators: comparators.filter(c => c.indicatorId === indicator.id),
          tolerancePercent: settings.ragTolerancePercent,
          noChange: rulesOf(settings),
          ownAreaName: indicator.areaName ?? settings.shortName ?? settings.name,
        }),
      )
    }
    return out
  }

  async function policeFigures(ctx: PartnershipContext, indicator: IndicatorRecord) {
    if (!policeActuals || !indicator.policeDefinition) return []
    const months = await policeActuals({ partnershipId: ctx.partnership.id, indicatorId: indicator.id, definition: indicator.policeDefinition })
    return monthlyCountsToActuals(months, indicator.frequency)
  }

  /** The indicator, or a 404 when it is not one of this partnership's. */
  async function indicatorOf(ctx: PartnershipContext, id: number): Promise<IndicatorRecord> {
    const [indicator] = await repo.indicators(db, ctx.partnership.id, [id])
    if (!indicator) throw new NotFoundError('Indicator')
    return indicator
  }

  async function manualIndicator(ctx: PartnershipContext, id: number): Promise<IndicatorRecord> {
    const indicator = await indicatorOf(ctx, id)
    if (indicator.sourceKind !== 'manual') {
      throw new ConflictError('This indicator takes its figures from police data: they cannot be typed in or imported')
    }
    return indicator
  }

  /** A child record (baseline, target, actual, comparator) of the indicator, or a 404. */
  async function childOf<K extends 'baseline' | 'target' | 'actual' | 'comparator'>(trx: Db, ctx: PartnershipContext, kind: K, indicatorId: number, id: number) {
    const row = await findInPartnership(trx, target(kind, ctx), id)
    if ((row as { indicatorId: number }).indicatorId !== indicatorId) throw new NotFoundError()
    return row
  }

  type ChildKind = 'baseline' | 'target' | 'actual' | 'comparator'

  /** One baseline, target, actual or comparator of an indicator the reader may see. */
  async function readChild<K extends ChildKind>(ctx: PartnershipContext, kind: K, indicatorId: number, id: number) {
    requirePermission(ctx, 'view_published')
    await indicatorOf(ctx, indicatorId)
    return childOf(db, ctx, kind, indicatorId, id)
  }

  /** Add (id null) or change one row of the indicator's, audited, inside the caller's transaction. */
  async function writeChild<K extends ChildKind>(trx: Db, ctx: PartnershipContext, kind: K, indicatorId: number, id: number | null, values: Record<string, unknown>) {
    if (id === null) return auditedInsert(trx, ctx.actor, target(kind, ctx), { ...values, indicatorId })
    await childOf(trx, ctx, kind, indicatorId, id)
    return auditedUpdate(trx, ctx.actor, target(kind, ctx), id, values, clock.now())
  }

  /** Delete one row of the indicator's, audited. */
  async function removeChild(ctx: PartnershipContext, kind: ChildKind, indicatorId: number, id: number) {
    requirePermission(ctx, 'edit_records')
    await indicatorOf(ctx, indicatorId)
    await db.transaction().execute(async trx => {
      await childOf(trx, ctx, kind, indicatorId, id)
      await auditedDelete(trx, ctx.actor, target(kind, ctx), id)
    })
  }

  const duplicate = (error: unknown, field: string, message: string): never => {
    if (isUniqueViolation(error)) throw new ValidationError({ [field]: message })
    throw error
  }

  return {
    /** Whether indicators may take their figures from police data in this installation. */
    policeDataAvailable: Boolean(policeActuals),

    async list(ctx: PartnershipContext): Promise<IndicatorReport[]> {
      requirePermission(ctx, 'view_published')
      return reports(ctx)
    },

    async report(ctx: PartnershipContext, id: number): Promise<IndicatorReport> {
      requirePermission(ctx, 'view_published')
      await indicatorOf(ctx, id)
      return (await reports(ctx, [id]))[0]!
    },

    async indicator(ctx: PartnershipContext, id: number): Promise<IndicatorRecord> {
      requirePermission(ctx, 'view_published')
      return indicatorOf(ctx, id)
    },

    /** The partnership a (numbered) indicator belongs to, for the API's /indicators/{id}. */
    async partnershipOf(indicatorId: number): Promise<number> {
      const partnershipId = Number.isSafeInteger(indicatorId) ? await repo.partnershipOf(db, indicatorId) : undefined
      if (partnershipId === undefined) throw new NotFoundError('Indicator')
      return partnershipId
    },

    /** The partnership's performance table for a financial year (by default the latest with figures or targets). */
    async performance(ctx: PartnershipContext, requestedYear?: number | null): Promise<PerformanceTable> {
      requirePermission(ctx, 'view_published')
      const [all, settings] = await Promise.all([reports(ctx), repo.partnershipSettings(db, ctx.partnership.id)])
      const { ragTolerancePercent } = settings
      const years = [...new Set(all.flatMap(r => [...r.targets.map(t => t.year), ...r.actuals.map(a => a.year)]))].sort((a, b) => b - a)
      const thisYear = financialYearOfUtcDate(clock.now())
      const year = requestedYear ?? years.find(y => y <= thisYear) ?? years[0] ?? thisYear
      const inYear = all.filter(r => isInYear(r, year))
      const rows = inYear.map(r => ({ report: r, row: performanceRow(r, year) }))
      const groups: PerformanceTable['groups'] = []
      for (const { report, row } of rows) {
        const priority = report.indicator.priority && report.indicator.priority.planYear === year ? report.indicator.priority : null
        const heading = priority?.title ?? null
        let group = groups.find(g => g.heading === heading)
        if (!group) groups.push((group = { heading, rows: [] }))
        group.rows.push(row)
      }
      groups.sort((a, b) => (a.heading === null ? 1 : 0) - (b.heading === null ? 1 : 0))
      if (groups.some(g => g.heading !== null)) for (const g of groups) g.heading ??= 'Other indicators'
      // Column headings take the months most rows cover; a row covering others says so in its cell.
      const commonest = (pick: (r: PerformanceRow) => string) => {
        const counts = new Map<string, number>()
        for (const { row } of rows) if (row.thisYear.value !== null) counts.set(pick(row), (counts.get(pick(row)) ?? 0) + 1)
        return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0]
      }
      const lastLabel = commonest(r => r.lastYear.label)
      const thisLabel = commonest(r => r.thisYear.label)
      return {
        year,
        yearLabel: financialYearLabel(year),
        years: years.includes(year) ? years : [year, ...years].sort((a, b) => b - a),
        headers: {
          lastYear: lastLabel ? `Year to date (${lastLabel})` : financialYearLabel(year - 1),
          thisYear: thisLabel ? `Year to date (${thisLabel})` : financialYearLabel(year),
        },
        groups,
        tolerancePercent: ragTolerancePercent,
        ragRules: rulesOf(settings),
        ragLegend: ragLegend(rulesOf(settings)),
        reports: all,
      }
    },

    /** Choices for the indicator form: the partnership's plan priorities and areas. */
    async formOptions(ctx: PartnershipContext, id: number | null = null) {
      requirePermission(ctx, 'edit_records')
      // A district's indicator can be part of any whole-partnership indicator (one that is not itself a district's).
      const wholes = (await repo.indicators(db, ctx.partnership.id)).filter(i => i.id !== id && !i.parentIndicatorId)
      return { priorities: await repo.priorities(db, ctx.partnership.id), areas: await repo.areas(db, ctx.partnership.id), wholes }
    },

    /** The districts' indicators under a whole partnership's indicator, with their latest baseline and figure and the sum. */
    async districts(ctx: PartnershipContext, id: number) {
      requirePermission(ctx, 'view_published')
      const whole = await indicatorOf(ctx, id)
      const all = await reports(ctx)
      return districtsOf(whole, all)
    },

    // --- Indicators ------------------------------------------------------------------------------

    async save(ctx: PartnershipContext, id: number | null, given: Omit<IndicatorInput, 'rateOf' | 'parentIndicatorId'> & Partial<IndicatorInput>) {
      const input: IndicatorInput = { rateOf: null, parentIndicatorId: null, ...given }
      requirePermission(ctx, 'edit_records')
      if (input.sourceKind === 'police_data' && !policeActuals) {
        throw new ValidationError({ sourceKind: 'Figures from police data are not available here yet: choose typed in or imported' })
      }
      try {
        return await db.transaction().execute(async trx => {
          const areas = await repo.areas(trx, ctx.partnership.id)
          const priorities = await repo.priorities(trx, ctx.partnership.id)
          if (input.areaId !== null && !areas.some(a => a.id === input.areaId)) throw new ValidationError({ areaId: 'Select an area from the list' })
          if (input.priorityId !== null && !priorities.some(p => p.id === input.priorityId)) throw new ValidationError({ priorityId: 'Select a priority from the list' })
          await checkDistrictOf(trx, ctx, id, input)
          const values = {
            name: input.name,
            definition: input.definition,
            source: input.source,
            unit: input.unit,
            polarity: input.polarity,
            frequency: input.frequency,
            countedAs: input.countedAs,
            areaId: input.areaId,
            denominator: input.denominator,
            denominatorNote: input.denominatorNote,
            rateOf: input.rateOf,
            priorityId: input.priorityId,
            notes: input.notes,
            sourceKind: input.sourceKind,
            policeDefinition: input.policeDefinition ? JSON.stringify(input.policeDefinition) : null,
            parentIndicatorId: input.parentIndicatorId ?? null,
          }
          if (id === null) {
            return auditedInsert(trx, ctx.actor, target('indicator', ctx), { ...values, position: await repo.nextPosition(trx, ctx.partnership.id) })
          }
          const before = await findInPartnership(trx, target('indicator', ctx), id)
          const hasActuals = await repo.hasActuals(trx, id)
          if (hasActuals && before.frequency !== input.frequency) {
            throw new ValidationError({ frequency: `The indicator has figures recorded ${before.frequency === 'annual' ? 'annually' : before.frequency}: delete them before changing how often figures are recorded` })
          }
          const sameKind = (a: typeof input.unit, b: typeof input.unit) => a === b || (isCounted(a) && isCounted(b))
          if (!sameKind(before.unit, input.unit) && (hasActuals || (await hasFigures(trx, id)))) {
            throw new ValidationError({ unit: 'The indicator already has figures in its unit: delete them before changing what it is measured in' })
          }
          if (hasActuals && input.sourceKind === 'police_data') {
            throw new ValidationError({ sourceKind: 'The indicator has figures typed in or imported: delete them before taking its figures from police data' })
          }
          return auditedUpdate(trx, ctx.actor, target('indicator', ctx), id, values, clock.now())
        })
      } catch (error) {
        return duplicate(error, 'name', 'There is already an indicator with this name')
      }
    },

    async remove(ctx: PartnershipContext, id: number) {
      requirePermission(ctx, 'edit_records')
      await db.transaction().execute(trx => auditedDelete(trx, ctx.actor, target('indicator', ctx), id))
    },

    // --- Baselines -------------------------------------------------------------------------------

    async baseline(ctx: PartnershipContext, indicatorId: number, id: number) {
      return readChild(ctx, 'baseline', indicatorId, id)
    },

    /** Save a baseline; a label, the RAG mark and a rate's count and denominator are optional. */
    async saveBaseline(ctx: PartnershipContext, indicatorId: number, id: number | null, given: Pick<BaselineInput, 'year' | 'value' | 'note'> & Partial<BaselineInput>) {
      const input: BaselineInput = { label: null, judged: false, count: null, denominator: null, ...given }
      requirePermission(ctx, 'edit_records')
      await indicatorOf(ctx, indicatorId)
      try {
        return await db.transaction().execute(async trx => {
          // One baseline is the one RAG is judged against: marking this one unmarks the others.
          if (input.judged) {
            for (const other of await repo.judgedBaselineIds(trx, indicatorId)) if (other !== id) await writeChild(trx, ctx, 'baseline', indicatorId, other, { judged: false })
          }
          return writeChild(trx, ctx, 'baseline', indicatorId, id, input)
        })
      } catch (error) {
        return duplicate(error, 'year', `There is already a ${input.label ? `${input.label} ` : ''}baseline for ${financialYearLabel(input.year)}: give it a different label, like Local or National`)
      }
    },

    async removeBaseline(ctx: PartnershipContext, indicatorId: number, id: number) {
      try {
        await removeChild(ctx, 'baseline', indicatorId, id)
      } catch (error) {
        if (isForeignKeyViolation(error)) throw new ConflictError('A target is measured from this baseline. Change or delete the target first.')
        throw error
      }
    },

    // --- Targets ---------------------------------------------------------------------------------

    async target(ctx: PartnershipContext, indicatorId: number, id: number) {
      return readChild(ctx, 'target', indicatorId, id)
    },

    /** Save a target; a rule a year, points and a printed figure are optional (a plain percentage, once, without a printed figure). */
    async saveTarget(ctx: PartnershipContext, indicatorId: number, id: number | null, given: Omit<TargetInput, 'perYear' | 'changePoints' | 'printedValue'> & Partial<TargetInput>) {
      const input: TargetInput = { perYear: false, changePoints: null, printedValue: null, ...given }
      requirePermission(ctx, 'edit_records')
      await indicatorOf(ctx, indicatorId)
      try {
        return await db.transaction().execute(async trx => {
          if (input.baselineId !== null) {
            await childOf(trx, ctx, 'baseline', indicatorId, input.baselineId).catch(() => {
              throw new ValidationError({ baselineId: 'Select a baseline from the list' })
            })
          }
          return writeChild(trx, ctx, 'target', indicatorId, id, input)
        })
      } catch (error) {
        return duplicate(error, 'year', `There is already a target for ${financialYearLabel(input.year)}`)
      }
    },

    async removeTarget(ctx: PartnershipContext, indicatorId: number, id: number) {
      await removeChild(ctx, 'target', indicatorId, id)
    },

    // --- Actuals ---------------------------------------------------------------------------------

    async actual(ctx: PartnershipContext, indicatorId: number, id: number) {
      return readChild(ctx, 'actual', indicatorId, id)
    },

    async saveActual(ctx: PartnershipContext, indicatorId: number, id: number | null, given: Pick<ActualInput, 'period' | 'value' | 'note'> & Partial<ActualInput>) {
      const input: ActualInput = { count: null, denominator: null, ...given }
      requirePermission(ctx, 'edit_records')
      await manualIndicator(ctx, indicatorId)
      const values = { periodStart: periodStartDate(input.period), periodMonths: input.period.months, cumulative: Boolean(input.period.cumulative), value: input.value, count: input.count, denominator: input.denominator, note: input.note }
      try {
        return await db.transaction().execute(async trx => {
          return writeChild(trx, ctx, 'actual', indicatorId, id, values)
        })
      } catch (error) {
        return duplicate(error, 'period', `There is already a figure for ${periodLabel(input.period)}: change that one instead`)
      }
    },

    async removeActual(ctx: PartnershipContext, indicatorId: number, id: number) {
      await removeChild(ctx, 'actual', indicatorId, id)
    },

    /**
     * Import a batch of actuals, all or nothing: every row is checked first and, if any is wrong, every
     * problem is returned by row and nothing is saved. Figures for periods already recorded are replaced.
     * One audit record describes the whole import.
     */
    async importActuals(ctx: PartnershipContext, indicatorId: number, rows: RawActualRow[], source: string): Promise<ImportResult> {
      requirePermission(ctx, 'edit_records')
      const indicator = await manualIndicator(ctx, indicatorId)
      const { valid, errors } = checkActualRows(rows, indicator.unit, indicator.frequency)
      if (errors.length) return { ok: false, errors }
      return db.transaction().execute(async trx => ({ ok: true as const, ...(await writeImport(trx, ctx, indicator, { actuals: valid, baselines: [], targets: [] }, source, clock.now())) }))
    },

    /**
     * Import baselines, targets and actuals together (a CSV file of an indicator's plan table, or the API),
     * all or nothing: every row of every kind is checked first and nothing is saved unless all are good.
     */
    async importRecords(ctx: PartnershipContext, indicatorId: number, rows: { actuals?: RawActualRow[]; baselines?: RawBaselineRow[]; targets?: RawTargetRow[] }, source: string): Promise<ImportResult> {
      requirePermission(ctx, 'edit_records')
      const indicator = await (rows.actuals?.length ? manualIndicator(ctx, indicatorId) : indicatorOf(ctx, indicatorId))
      const existing = await repo.baselines(db, ctx.partnership.id, [indicatorId])
      const checked = checkImportRows(rows, indicator.unit, indicator.frequency, existing)
      if (!checked.ok) return checked
      return db.transaction().execute(async trx => ({ ok: true as const, ...(await writeImport(trx, ctx, indicator, checked.rows, source, clock.now())) }))
    },

    // --- Comparators -----------------------------------------------------------------------------

    async comparator(ctx: PartnershipContext, indicatorId: number, id: number) {
      return readChild(ctx, 'comparator', indicatorId, id)
    },

    async saveComparator(ctx: PartnershipContext, indicatorId: number, id: number | null, input: ComparatorInput) {
      requirePermission(ctx, 'edit_records')
      await indicatorOf(ctx, indicatorId)
      try {
        return await db.transaction().execute(async trx => {
          return writeChild(trx, ctx, 'comparator', indicatorId, id, input)
        })
      } catch (error) {
        return duplicate(error, 'areaName', `There is already a figure for ${input.areaName} in ${input.groupName} for ${financialYearLabel(input.year)}`)
      }
    },

    async removeComparator(ctx: PartnershipContext, indicatorId: number, id: number) {
      await removeChild(ctx, 'comparator', indicatorId, id)
    },

    // --- The partnership's RAG tolerance ------------------------------------------------------------

    async settings(ctx: PartnershipContext) {
      requirePermission(ctx, 'view_published')
      const settings = await repo.partnershipSettings(db, ctx.partnership.id)
      const rules = rulesOf(settings)
      return { ragTolerancePercent: rules.tolerancePercent, ragNoChange: rules.noChange, ragNoChangeBandPercent: rules.noChangeBandPercent, rules, legend: ragLegend(rules) }
    },

    async saveSettings(ctx: PartnershipContext, input: SettingsInput) {
      requirePermission(ctx, 'manage_partnership')
      const problem = ragRulesProblem(rulesOf(input))
      if (problem) throw new ValidationError({ [problem.field]: problem.message })
      await db.transaction().execute(async trx => {
        const before = await repo.ragTolerance(trx, ctx.partnership.id)
        const after = await repo.setRagTolerance(trx, ctx.partnership.id, input, clock.now())
        const said = (r: typeof before) =>
          `tolerance ${r.ragTolerancePercent}%, no change ${NO_CHANGE_LABELS[r.ragNoChange]}${r.ragNoChangeBandPercent ? ` within ±${r.ragNoChangeBandPercent}%` : ''}`
        await auditLog.record(trx, ctx.actor, {
          partnershipId: ctx.partnership.id,
          action: 'update',
          entityType: 'partnership',
          entityId: ctx.partnership.id,
          summary: `Changed the RAG rules from ${said(before)} to ${said(after)}`,
          before,
          after,
        })
      })
    },
  }

  async function hasFigures(trx: Db, id: number): Promise<boolean> {
    return repo.hasFigures(trx, id)
  }
}
export type IndicatorService = ReturnType<typeof indicatorService>

