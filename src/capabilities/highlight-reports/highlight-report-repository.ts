import type { Kysely } from 'kysely'

import { monthOf, monthStart, type Month } from '../../core/calendar/index.ts'
import type { Db } from '../../db/database.ts'
import type { Database, Row } from '../../db/tables.ts'

import type { EntryContent, ReportStatus } from './domain/highlight-report.ts'

export type ReportRow = Omit<Row<'highlightReports'>, 'month' | 'status'> & { month: Month; status: ReportStatus }
export type EntryRow = Row<'highlightReportEntries'>

const asReport = (row: Row<'highlightReports'>): ReportRow => ({
  ...row,
  month: monthOf(row.month),
  status: row.status,
})

/** Queries of the highlight report tables. Every query is scoped to a partnership. */
export const highlightReportRepository = {
  async find(db: Kysely<Database>, partnershipId: number, id: number): Promise<ReportRow | undefined> {
    if (!Number.isSafeInteger(id)) return undefined
    const row = await db
      .selectFrom('highlightReports')
      .selectAll()
      .where('partnershipId', '=', partnershipId)
      .where('id', '=', id)
      .executeTakeFirst()
    return row && asReport(row)
  },

  async findFor(
    db: Kysely<Database>,
    partnershipId: number,
    groupId: number | null,
    month: Month,
  ): Promise<ReportRow | undefined> {
    let query = db
      .selectFrom('highlightReports')
      .selectAll()
      .where('partnershipId', '=', partnershipId)
      .where('month', '=', monthStart(month))
    query = groupId === null ? query.where('groupId', 'is', null) : query.where('groupId', '=', groupId)
    const row = await query.executeTakeFirst()
    return row && asReport(row)
  },

  /** A plan's reports, optionally only those of some months, oldest month first. */
  async list(db: Db, partnershipId: number, planId: number, months?: readonly Month[]): Promise<ReportRow[]> {
    let query = db
      .selectFrom('highlightReports')
      .selectAll()
      .where('partnershipId', '=', partnershipId)
      .where('planId', '=', planId)
    if (months) {
      if (months.length === 0) return []
      query = query.where('month', 'in', months.map(monthStart))
    }
    const rows = await query.orderBy('month').orderBy('id').execute()
    return rows.map(asReport)
  },

  async entries(db: Kysely<Database>, partnershipId: number, reportIds: readonly number[]): Promise<EntryRow[]> {
    if (reportIds.length === 0) return []
    return db
      .selectFrom('highlightReportEntries')
      .selectAll()
      .where('partnershipId', '=', partnershipId)
      .where('reportId', 'in', reportIds)
      .orderBy('id')
      .execute()
  },

  /** The groups a person chairs. */
  async chairedGroupIds(db: Db, partnershipId: number, personId: number): Promise<number[]> {
    const rows = await db
      .selectFrom('memberships')
      .select('groupId')
      .where('partnershipId', '=', partnershipId)
      .where('personId', '=', personId)
      .where('role', '=', 'chair')
      .execute()
    return rows.map(r => r.groupId)
  },

  async groups(db: Db, partnershipId: number, ids: readonly number[]) {
    if (ids.length === 0) return []
    return db
      .selectFrom('groups')
      .select(['id', 'name', 'shortName'])
      .where('partnershipId', '=', partnershipId)
      .where('id', 'in', ids)
      .execute()
  },

  async insert(
    trx: Kysely<Database>,
    values: { partnershipId: number; planId: number; groupId: number | null; month: Month },
  ): Promise<ReportRow> {
    const row = await trx
      .insertInto('highlightReports')
      .values({ ...values, month: monthStart(values.month) })
      .returningAll()
      .executeTakeFirstOrThrow()
    return asReport(row)
  },

  async setStatus(
    trx: Kysely<Database>,
    partnershipId: number,
    id: number,
    values: {
      status: ReportStatus
      submittedAt: Date | null
      submittedByUserId: number | null
      submittedByLabel: string | null
    },
    now: Date,
  ): Promise<ReportRow> {
    const row = await trx
      .updateTable('highlightReports')
      .set({ ...values, updatedAt: now })
      .where('partnershipId', '=', partnershipId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
    return asReport(row)
  },

  async touch(trx: Kysely<Database>, partnershipId: number, id: number, now: Date): Promise<void> {
    await trx
      .updateTable('highlightReports')
      .set({ updatedAt: now })
      .where('partnershipId', '=', partnershipId)
      .where('id', '=', id)
      .execute()
  },

  /** Write each priority's entry: a new row, a changed one, or none left when it is all empty. */
  async saveEntries(
    trx: Kysely<Database>,
    partnershipId: number,
    reportId: number,
    entries: ReadonlyMap<number, EntryContent>,
    now: Date,
  ): Promise<void> {
    const existing = await trx
      .selectFrom('highlightReportEntries')
      .selectAll()
      .where('reportId', '=', reportId)
      .execute()
    for (const [priorityId, content] of entries) {
      const old = existing.find(e => e.priorityId === priorityId)
      const empty = !content.progress && !content.issues && !content.risks && !content.asks
      if (old && empty) await trx.deleteFrom('highlightReportEntries').where('id', '=', old.id).execute()
      else if (old)
        await trx
          .updateTable('highlightReportEntries')
          .set({ ...content, updatedAt: now })
          .where('id', '=', old.id)
          .execute()
      else if (!empty)
        await trx
          .insertInto('highlightReportEntries')
          .values({ partnershipId, reportId, priorityId, ...content })
          .execute()
    }
  },

  async remove(trx: Kysely<Database>, partnershipId: number, id: number): Promise<void> {
    await trx.deleteFrom('highlightReports').where('partnershipId', '=', partnershipId).where('id', '=', id).execute()
  },
}
