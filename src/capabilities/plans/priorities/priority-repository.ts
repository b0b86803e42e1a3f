import type { Db } from '../../../db/database.ts'

/** Queries of a plan's priorities and of their objectives and key risks. Every query is scoped to a partnership. */
export const priorityRepository = {
  findPriority(db: Db, partnershipId: number, id: number) {
    if (!Number.isSafeInteger(id)) return Promise.resolve(undefined)
    return db.selectFrom('priorities').selectAll().where('partnershipId', '=', partnershipId).where('id', '=', id).executeTakeFirst()
  },

  /** The priorities of a plan in their order, for renumbering them. */
  positions(db: Db, planId: number) {
    return db.selectFrom('priorities').select(['id', 'position']).where('planId', '=', planId).orderBy('position').orderBy('id').execute()
  },

  async setPosition(db: Db, priorityId: number, position: number) {
    await db.updateTable('priorities').set({ position }).where('id', '=', priorityId).execute()
  },

  /** The highest position among a priority's objectives, key risks or actions (0 when it has none). */
  async lastPosition(db: Db, table: 'objectives' | 'priorityRisks' | 'actions', priorityId: number): Promise<number> {
    const last = await db
      .selectFrom(table)
      .select(eb => eb.fn.max('position').as('max'))
      .where('priorityId', '=', priorityId)
      .executeTakeFirst()
    return Number(last?.max ?? 0)
  },

  async isObjectiveOf(db: Db, partnershipId: number, objectiveId: number, priorityId: number): Promise<boolean> {
    const objective = await db
      .selectFrom('objectives')
      .select('id')
      .where('partnershipId', '=', partnershipId)
      .where('id', '=', objectiveId)
      .where('priorityId', '=', priorityId)
      .executeTakeFirst()
    return objective !== undefined
  },
}
