import type { Kysely } from 'kysely'

import { periodFromStartDate } from '../../core/calendar/index.ts'
import type { Database, NewRow } from '../../db/tables.ts'

import type { NoChangeRag } from './domain/rag-rules.ts'
import type { ActualRecord, BaselineRecord, ComparatorRecord, IndicatorRecord, TargetRecord } from './domain/report.ts'

type Db = Kysely<Database>

/** Kysely queries of the indicator tables; every query is scoped to one partnership. */
export const indicatorRepository = {
  async indicators(db: Db, partnershipId: number, ids?: number[]): Promise<IndicatorRecord[]> {
    if (ids && !ids.length) return []
    let query = db
      .selectFrom('indicators as i')
      .leftJoin('areas as a', 'a.id', 'i.areaId')
      .leftJoin('priorities as p', 'p.id', 'i.priorityId')
      .leftJoin('plans as pl', 'pl.id', 'p.planId')
      .selectAll('i')
      .select(['a.name as areaName', 'p.title as priorityTitle', 'pl.title as planTitle', 'pl.planYear as planYear'])
      .where('i.partnershipId', '=', partnershipId)
    if (ids) query = query.where('i.id', 'in', ids)
    const rows = await query.orderBy('i.position').orderBy('i.name').execute()
    return rows.map(row => ({
      id: row.id,
      name: row.name,
      definition: row.definition,
      source: row.source,
      unit: row.unit,
      polarity: row.polarity,
      frequency: row.frequency,
      countedAs: row.countedAs,
      denominator: row.denominator,
      denominatorNote: row.denominatorNote,
      rateOf: row.rateOf,
      areaId: row.areaId,
      areaName: row.areaName,
      priority:
        row.priorityId !== null && row.priorityTitle !== null
          ? { id: row.priorityId, title: row.priorityTitle, planTitle: row.planTitle ?? '', planYear: row.planYear ?? 0 }
          : null,
      sourceKind: row.sourceKind,
      policeDefinition: row.policeDefinition,
      notes: row.notes,
      position: row.position,
      parentIndicatorId: row.parentIndicatorId,
    }))
  },

  /** Which partnership an indicator belongs to (for the API's /indicators/{id}), or undefined. */
  async partnershipOf(db: Db, indicatorId: number): Promise<number | undefined> {
    const row = await db.selectFrom('indicators').select('partnershipId').where('id', '=', indicatorId).executeTakeFirst()
    return row?.partnershipId
  },

  async baselines(db: Db, partnershipId: number, indicatorIds: number[]): Promise<(BaselineRecord & { indicatorId: number })[]> {
    if (!indicatorIds.length) return []
    return db
      .selectFrom('indicatorBaselines')
      .select(['id', 'indicatorId', 'year', 'value', 'note', 'label', 'judged', 'count', 'denominator'])
      .where('partnershipId', '=', partnershipId)
      .where('indicatorId', 'in', indicatorIds)
      .orderBy('year')
      .orderBy('label')
      .execute()
  },

  async targets(db: Db, partnershipId: number, indicatorIds: number[]): Promise<(TargetRecord & { indicatorId: number })[]> {
    if (!indicatorIds.length) return []
    return db
      .selectFrom('indicatorTargets')
      .select(['id', 'indicatorId', 'year', 'kind', 'changePercent', 'absoluteValue', 'changePoints', 'perYear', 'printedValue', 'baselineId', 'statement'])
      .where('partnershipId', '=', partnershipId)
      .where('indicatorId', 'in', indicatorIds)
      .orderBy('year')
      .execute()
  },

  async actuals(db: Db, partnershipId: number, indicatorIds: number[]): Promise<(ActualRecord & { indicatorId: number })[]> {
    if (!indicatorIds.length) return []
    const rows = await db
      .selectFrom('indicatorActuals')
      .select(['id', 'indicatorId', 'periodStart', 'periodMonths', 'cumulative', 'value', 'note', 'count', 'denominator'])
      .where('partnershipId', '=', partnershipId)
      .where('indicatorId', 'in', indicatorIds)
      .orderBy('periodStart')
      .execute()
    return rows.map(row => ({ id: row.id, indicatorId: row.indicatorId, period: periodFromStartDate(row.periodStart, row.periodMonths, row.cumulative), value: row.value, note: row.note, count: row.count, denominator: row.denominator }))
  },

  async comparators(db: Db, partnershipId: number, indicatorIds: number[]): Promise<(ComparatorRecord & { indicatorId: number })[]> {
    if (!indicatorIds.length) return []
    return db
      .selectFrom('indicatorComparators')
      .select(['id', 'indicatorId', 'year', 'groupName', 'areaName', 'value', 'denominator'])
      .where('partnershipId', '=', partnershipId)
      .where('indicatorId', 'in', indicatorIds)
      .orderBy('year', 'desc')
      .orderBy('groupName')
      .orderBy('areaName')
      .execute()
  },

  /** The partnership's plan priorities, to link an indicator to. */
  async priorities(db: Db, partnershipId: number) {
    return db
      .selectFrom('priorities as p')
      .innerJoin('plans as pl', 'pl.id', 'p.planId')
      .select(['p.id', 'p.title', 'p.position', 'pl.title as planTitle', 'pl.planYear'])
      .where('p.partnershipId', '=', partnershipId)
      .orderBy('pl.planYear', 'desc')
      .orderBy('p.position')
      .execute()
  },

  async areas(db: Db, partnershipId: number) {
    return db.selectFrom('areas').select(['id', 'name', 'type']).where('partnershipId', '=', partnershipId).orderBy('type').orderBy('name').execute()
  },

  async partnershipSettings(db: Db, partnershipId: number) {
    return db
      .selectFrom('partnerships')
      .select(['ragTolerancePercent', 'ragNoChange', 'ragNoChangeBandPercent', 'name', 'shortName'])
      .where('id', '=', partnershipId)
      .executeTakeFirstOrThrow()
  },

  /** The position after the partnership's last indicator. */
  async nextPosition(db: Db, partnershipId: number): Promise<number> {
    const last = await db.selectFrom('indicators').select(eb => eb.fn.max('position').as('position')).where('partnershipId', '=', partnershipId).executeTakeFirst()
    return Number(last?.position ?? 0) + 1
  },

  async hasActuals(db: Db, indicatorId: number): Promise<boolean> {
    const counts = await db.selectFrom('indicatorActuals').select(eb => eb.fn.countAll<number>().as('n')).where('indicatorId', '=', indicatorId).executeTakeFirstOrThrow()
    return Number(counts.n) > 0
  },

  /** Whether an indicator has a baseline, an absolute target or a comparator: figures in its unit. */
  async hasFigures(db: Db, indicatorId: number): Promise<boolean> {
    const b = await db.selectFrom('indicatorBaselines').select('id').where('indicatorId', '=', indicatorId).limit(1).executeTakeFirst()
    const t = await db.selectFrom('indicatorTargets').select('id').where('indicatorId', '=', indicatorId).where('kind', '=', 'absolute').limit(1).executeTakeFirst()
    const c = await db.selectFrom('indicatorComparators').select('id').where('indicatorId', '=', indicatorId).limit(1).executeTakeFirst()
    return Boolean(b ?? t ?? c)
  },

  /** The indicator's baselines marked as the one RAG is judged against (at most one). */
  async judgedBaselineIds(db: Db, indicatorId: number): Promise<number[]> {
    const rows = await db.selectFrom('indicatorBaselines').select('id').where('indicatorId', '=', indicatorId).where('judged', '=', true).execute()
    return rows.map(r => r.id)
  },

  async insertActual(db: Db, values: NewRow<'indicatorActuals'>): Promise<void> {
    await db.insertInto('indicatorActuals').values(values).execute()
  },

  async updateActual(db: Db, id: number, values: { value: number; note: string | null; count?: number | null; denominator?: number | null }, now: Date): Promise<void> {
    await db.updateTable('indicatorActuals').set({ ...values, updatedAt: now }).where('id', '=', id).execute()
  },

  /** The partnership's RAG rules (tolerance and no change), settings of the indicators kept on the partnership's row. */
  ragTolerance(db: Db, partnershipId: number) {
    return db.selectFrom('partnerships').select(['id', 'ragTolerancePercent', 'ragNoChange', 'ragNoChangeBandPercent']).where('id', '=', partnershipId).executeTakeFirstOrThrow()
  },

  setRagTolerance(db: Db, partnershipId: number, rules: { ragTolerancePercent: number; ragNoChange: NoChangeRag; ragNoChangeBandPercent: number }, now: Date) {
    return db
      .updateTable('partnerships')
      .set({ ...rules, updatedAt: now })
      .where('id', '=', partnershipId)
      .returning(['id', 'ragTolerancePercent', 'ragNoChange', 'ragNoChangeBandPercent'])
      .executeTakeFirstOrThrow()
  },
}
