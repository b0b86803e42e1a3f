import type { Db } from '../../../db/database.ts'

/** Queries of the strategic objectives above a plan's priorities. Every query is scoped to a partnership. */
export const strategicObjectiveRepository = {
  list(db: Db, partnershipId: number, planId: number) {
    return db.selectFrom('strategicObjectives').selectAll().where('partnershipId', '=', partnershipId).where('planId', '=', planId).orderBy('position').orderBy('id').execute()
  },

  async lastPosition(db: Db, planId: number): Promise<number> {
    const last = await db
      .selectFrom('strategicObjectives')
      .select(eb => eb.fn.max('position').as('max'))
      .where('planId', '=', planId)
      .executeTakeFirst()
    return Number(last?.max ?? 0)
  },

  async isOfPlan(db: Db, partnershipId: number, planId: number, id: number): Promise<boolean> {
    const row = await db.selectFrom('strategicObjectives').select('id').where('partnershipId', '=', partnershipId).where('planId', '=', planId).where('id', '=', id).executeTakeFirst()
    return row !== undefined
  },
}
