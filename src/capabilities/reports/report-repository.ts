import type { Kysely } from 'kysely'

import type { Database, NewRow } from '../../db/tables.ts'

import type { ReportKind } from './domain/report-kinds.ts'

type Db = Kysely<Database>

/**
 * Queries of the reports table, scoped to the partnership. The plans a report is about are read through the
 * plans capability (services.plans), never from their tables here.
 */
export const reportRepository = {
  async list(db: Db, partnershipId: number) {
    return db
      .selectFrom('reports')
      .select(['id', 'kind', 'title', 'year', 'quarter', 'status', 'planId', 'updatedAt', 'finalisedAt'])
      .where('partnershipId', '=', partnershipId)
      .orderBy('year', 'desc')
      .orderBy('quarter', 'desc')
      .orderBy('id', 'desc')
      .execute()
  },

  async find(db: Db, partnershipId: number, id: number) {
    return db.selectFrom('reports').selectAll().where('partnershipId', '=', partnershipId).where('id', '=', id).executeTakeFirst()
  },

  /** The narrative of the partnership's latest report of a kind, to start a new one from. */
  async latestNarrative(db: Db, partnershipId: number, kind: ReportKind) {
    const row = await db
      .selectFrom('reports')
      .select(['id', 'narrative', 'title', 'year', 'committee'])
      .where('partnershipId', '=', partnershipId)
      .where('kind', '=', kind)
      .orderBy('year', 'desc')
      .orderBy('quarter', ob => ob.desc().nullsLast())
      .orderBy('id', 'desc')
      .executeTakeFirst()
    return row ?? null
  },

  /** The partnership's paper front matter, if it has filled it in. */
  async paperSettings(db: Db, partnershipId: number) {
    return db.selectFrom('reportPaperSettings').selectAll().where('partnershipId', '=', partnershipId).executeTakeFirst()
  },

  /** The partnership's council logo, if it has uploaded one. */
  async paperLogo(db: Db, partnershipId: number) {
    return db.selectFrom('reportPaperLogos').selectAll().where('partnershipId', '=', partnershipId).executeTakeFirst()
  },

  /** Keep the council logo, replacing the one before. */
  async putPaperLogo(db: Db, values: Omit<NewRow<'reportPaperLogos'>, 'id' | 'createdAt' | 'updatedAt'>, now: Date) {
    const existing = await reportRepository.paperLogo(db, values.partnershipId)
    if (existing) {
      await db.updateTable('reportPaperLogos').set({ ...values, updatedAt: now }).where('id', '=', existing.id).execute()
      return existing
    }
    await db.insertInto('reportPaperLogos').values(values).execute()
    return null
  },

  async removePaperLogo(db: Db, partnershipId: number) {
    return db.deleteFrom('reportPaperLogos').where('partnershipId', '=', partnershipId).returning(['id', 'fileName', 'mediaType', 'byteSize', 'width', 'height']).executeTakeFirst()
  },

  /** The document a final report was issued with. */
  async finalDocument(db: Db, partnershipId: number, reportId: number) {
    return db.selectFrom('reportFinalDocuments').select(['document', 'generatedAt']).where('partnershipId', '=', partnershipId).where('reportId', '=', reportId).executeTakeFirst()
  },

  /** Keep a final report's document as it was issued. */
  async insertFinalDocument(db: Db, values: NewRow<'reportFinalDocuments'>): Promise<void> {
    await db.insertInto('reportFinalDocuments').values(values).execute()
  },

  async removeFinalDocument(db: Db, partnershipId: number, reportId: number): Promise<void> {
    await db.deleteFrom('reportFinalDocuments').where('partnershipId', '=', partnershipId).where('reportId', '=', reportId).execute()
  },
}
