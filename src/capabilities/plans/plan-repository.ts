import { sql } from 'kysely'

import type { Db } from '../../db/database.ts'
import type { NewRow, Row } from '../../db/tables.ts'

import type { DraftStrategicObjective, ResolvedPriority } from './domain/plan-draft.ts'
import { nameKey } from './domain/directory.ts'
import type { Rag } from './domain/rag.ts'

export type PlanRow = Row<'plans'>
export type PriorityRow = Row<'priorities'>
export type RiskRow = Row<'priorityRisks'>
export type ObjectiveRow = Row<'objectives'>
export type ActionRow = Row<'actions'>
export type UpdateRow = Row<'actionUpdates'>
export type StrategicObjectiveRow = Row<'strategicObjectives'>
export type RagDimensionRow = Row<'ragDimensions'>

/** A plan's own records, each kind in its order; plan-tree.ts puts them together with the names they refer to. */
export interface PlanRecords {
  plan: PlanRow
  /** The strategic objectives above the priorities, in order (none for most plans). */
  strategicObjectives: StrategicObjectiveRow[]
  /** The partnership's RAG dimensions, in order (none: the one RAG status). */
  ragDimensions: RagDimensionRow[]
  priorities: PriorityRow[]
  risks: RiskRow[]
  objectives: ObjectiveRow[]
  actions: ActionRow[]
  organisationLinks: { actionId: number; organisationId: number; role: 'lead' | 'supporting'; position: number }[]
  personLinks: { actionId: number; personId: number; position: number }[]
  /** Newest first: by quarter, then as posted. */
  updates: UpdateRow[]
}

export interface ContentCounts {
  strategicObjectives?: number
  priorities: number
  objectives: number
  actions: number
  updates: number
}

const json = (value: unknown) => JSON.stringify(value)

/** Queries of the plans and of a plan's contents. Every query is scoped to a partnership. */
export const planRepository = {
  listPlans(db: Db, partnershipId: number) {
    return db.selectFrom('plans').selectAll().where('partnershipId', '=', partnershipId).orderBy('planYear', 'desc').execute()
  },

  findPlan(db: Db, partnershipId: number, id: number) {
    if (!Number.isSafeInteger(id)) return Promise.resolve(undefined)
    return db.selectFrom('plans').selectAll().where('partnershipId', '=', partnershipId).where('id', '=', id).executeTakeFirst()
  },

  insertPlan(db: Db, values: NewRow<'plans'>) {
    return db.insertInto('plans').values(values).returningAll().executeTakeFirstOrThrow()
  },

  /** Lock the plan's row until the end of the transaction (for a change worked out from what the plan holds). */
  async lockPlan(db: Db, partnershipId: number, planId: number) {
    await db.selectFrom('plans').select('id').where('partnershipId', '=', partnershipId).where('id', '=', planId).forUpdate().execute()
  },

  /** Mark the plan changed (its contents changed). */
  async touchPlan(db: Db, planId: number, at: Date) {
    await db.updateTable('plans').set({ updatedAt: at }).where('id', '=', planId).execute()
  },

  priorityCount(db: Db, planId: number) {
    return db
      .selectFrom('priorities')
      .select(eb => eb.fn.countAll<number>().as('n'))
      .where('planId', '=', planId)
      .executeTakeFirstOrThrow()
      .then(row => Number(row.n))
  },

  /** A plan with every record under it. */
  async records(db: Db, partnershipId: number, planId: number): Promise<PlanRecords | undefined> {
    // Every part is asked for at once, the lower levels by subqueries on the plan rather than by the ids of
    // the level above: one wait for the database instead of four, which is what a page pays under load
    // (npm run bench:load). A plan that is not there gives no rows anywhere.
    const priorityIds = db.selectFrom('priorities').select('id').where('partnershipId', '=', partnershipId).where('planId', '=', planId)
    const actionIds = db
      .selectFrom('actions')
      .select('actions.id')
      .where('actions.partnershipId', '=', partnershipId)
      .where('actions.priorityId', 'in', priorityIds)
    const [plan, strategicObjectives, ragDimensions, priorities, risks, objectives, actions, organisationLinks, personLinks, updates] = await Promise.all([
      this.findPlan(db, partnershipId, planId),
      db.selectFrom('strategicObjectives').selectAll().where('partnershipId', '=', partnershipId).where('planId', '=', planId).orderBy('position').orderBy('id').execute(),
      this.ragDimensions(db, partnershipId),
      db.selectFrom('priorities').selectAll().where('partnershipId', '=', partnershipId).where('planId', '=', planId).orderBy('position').orderBy('id').execute(),
      db.selectFrom('priorityRisks').selectAll().where('partnershipId', '=', partnershipId).where('priorityId', 'in', priorityIds).orderBy('position').orderBy('id').execute(),
      db.selectFrom('objectives').selectAll().where('partnershipId', '=', partnershipId).where('priorityId', 'in', priorityIds).orderBy('position').orderBy('id').execute(),
      db.selectFrom('actions').selectAll().where('partnershipId', '=', partnershipId).where('priorityId', 'in', priorityIds).orderBy('position').orderBy('id').execute(),
      db
        .selectFrom('actionLeadOrganisations')
        .select(['actionId', 'organisationId', 'role', 'position'])
        .where('partnershipId', '=', partnershipId)
        .where('actionId', 'in', actionIds)
        .orderBy('position')
        .execute(),
      db
        .selectFrom('actionLeadPeople')
        .select(['actionId', 'personId', 'position'])
        .where('partnershipId', '=', partnershipId)
        .where('actionId', 'in', actionIds)
        .orderBy('position')
        .execute(),
      db
        .selectFrom('actionUpdates')
        .selectAll()
        .where('partnershipId', '=', partnershipId)
        .where('actionId', 'in', actionIds)
        .orderBy('quarter', 'desc')
        .orderBy('createdAt', 'desc')
        .orderBy('id', 'desc')
        .execute(),
    ])
    if (!plan) return undefined
    return { plan, strategicObjectives, ragDimensions, priorities, risks, objectives, actions, organisationLinks, personLinks, updates }
  },

  /**
   * Insert priorities, with their risks, objectives, actions, leads and updates, at the end of a plan (in
   * the caller's transaction). The names are already resolved to the partnership's records.
   */
  async insertContents(
    trx: Db,
    partnershipId: number,
    planId: number,
    priorities: readonly ResolvedPriority[],
    defaults: { postedAt: Date; authorLabel: string; authorUserId: number | null },
    strategicObjectives: readonly DraftStrategicObjective[] = [],
  ): Promise<ContentCounts> {
    const counts = { strategicObjectives: 0, priorities: 0, objectives: 0, actions: 0, updates: 0 }
    const start = (await this.priorityCount(trx, planId)) + 1
    // The strategic objectives listed, then any a priority names that is not listed.
    const strategicIds = new Map<string, number>()
    const wanted = [...strategicObjectives]
    for (const priority of priorities) {
      const title = priority.strategicObjective
      if (title && !wanted.some(o => nameKey(o.title) === nameKey(title))) wanted.push({ title, description: null })
    }
    for (const objective of wanted) {
      const existing = await trx.selectFrom('strategicObjectives').select('id').where('planId', '=', planId).where(sql<boolean>`lower(title) = lower(${objective.title})`).executeTakeFirst()
      if (existing) {
        strategicIds.set(nameKey(objective.title), existing.id)
        continue
      }
      const last = await trx.selectFrom('strategicObjectives').select(eb => eb.fn.max('position').as('max')).where('planId', '=', planId).executeTakeFirst()
      const { id } = await trx
        .insertInto('strategicObjectives')
        .values({ partnershipId, planId, position: Number(last?.max ?? 0) + 1, title: objective.title, description: objective.description })
        .returning('id')
        .executeTakeFirstOrThrow()
      strategicIds.set(nameKey(objective.title), id)
      counts.strategicObjectives++
    }
    for (const [p, priority] of priorities.entries()) {
      const { id: priorityId } = await trx
        .insertInto('priorities')
        .values({
          partnershipId,
          planId,
          strategicObjectiveId: priority.strategicObjective ? (strategicIds.get(nameKey(priority.strategicObjective)) ?? null) : null,
          position: start + p,
          title: priority.title,
          subThemes: json(priority.subThemes),
          headlineTarget: priority.headlineTarget,
          deliveringGroupId: priority.deliveringGroup,
          resources: priority.resources,
          progressComment: priority.progressComment,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      counts.priorities++
      if (priority.risks.length) {
        await trx
          .insertInto('priorityRisks')
          .values(priority.risks.map((r, i) => ({ partnershipId, priorityId, position: i + 1, risk: r.risk, mitigation: r.mitigation })))
          .execute()
      }
      const objectiveIds = new Map<string, number>()
      for (const [i, title] of priority.objectives.entries()) {
        const { id } = await trx.insertInto('objectives').values({ partnershipId, priorityId, position: i + 1, title }).returning('id').executeTakeFirstOrThrow()
        objectiveIds.set(title, id)
        counts.objectives++
      }
      const organisationLinks: NewRow<'actionLeadOrganisations'>[] = []
      const personLinks: NewRow<'actionLeadPeople'>[] = []
      const updates: (NewRow<'actionUpdates'> & { rag: Rag | null })[] = []
      for (const [a, action] of priority.actions.entries()) {
        const objectiveId = action.objective === null ? null : objectiveIds.get(action.objective)
        if (objectiveId === undefined) throw new Error(`Objective “${action.objective}” is not in the list of the priority’s objectives`)
        const { id: actionId } = await trx
          .insertInto('actions')
          .values({
            partnershipId,
            priorityId,
            objectiveId,
            position: a + 1,
            title: action.title,
            outcomes: json(action.outcomes),
            leadNote: action.leadNote,
            quarters: json(action.quarters),
            dueDate: action.dueDate,
            timescaleNote: action.timescaleNote,
            dependencies: action.dependencies,
            status: action.status,
            districtAreaId: action.district ?? null,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        counts.actions++
        action.leadOrganisations.forEach((organisationId, i) => organisationLinks.push({ partnershipId, actionId, organisationId, role: 'lead', position: i }))
        action.supportingPartners.forEach((organisationId, i) => organisationLinks.push({ partnershipId, actionId, organisationId, role: 'supporting', position: i }))
        action.leadPeople.forEach((personId, i) => personLinks.push({ partnershipId, actionId, personId, position: i }))
        for (const update of action.updates) {
          const at = update.postedAt ?? defaults.postedAt
          updates.push({
            partnershipId,
            actionId,
            quarter: update.quarter,
            body: update.body,
            rag: update.rag,
            otherRags: json(update.otherRags ?? {}),
            authorUserId: update.authorLabel ? null : defaults.authorUserId,
            authorLabel: update.authorLabel ?? defaults.authorLabel,
            createdAt: at,
            updatedAt: at,
          })
        }
      }
      if (organisationLinks.length) await trx.insertInto('actionLeadOrganisations').values(organisationLinks).execute()
      if (personLinks.length) await trx.insertInto('actionLeadPeople').values(personLinks).execute()
      if (updates.length) await trx.insertInto('actionUpdates').values(updates).execute()
      counts.updates += updates.length
    }
    return counts
  },

  /** The partnership's RAG dimensions in order (none: the one RAG status). */
  ragDimensions(db: Db, partnershipId: number) {
    return db.selectFrom('ragDimensions').selectAll().where('partnershipId', '=', partnershipId).orderBy('position').orderBy('id').execute()
  },

  /** The partnership's own wording of the RAG statuses (a column the plans migration adds to partnerships). */
  async ragDefinitions(db: Db, partnershipId: number) {
    const row = await db.selectFrom('partnerships').select('ragDefinitions').where('id', '=', partnershipId).executeTakeFirst()
    return (row?.ragDefinitions ?? null) as Record<string, string> | null
  },

  async saveRagDefinitions(db: Db, partnershipId: number, wording: Record<string, string>, at: Date) {
    await db.updateTable('partnerships').set({ ragDefinitions: json(wording), updatedAt: at }).where('id', '=', partnershipId).execute()
  },
}
