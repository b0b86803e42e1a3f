import type { Db } from '../../db/database.ts'
import type { Row } from '../../db/tables.ts'

import type { Quarter } from '../../core/calendar/index.ts'
import type { Rag } from './domain/rag.ts'
import type { ActionStatus } from './domain/schedule.ts'

export type PlanRow = Row<'plans'>
export type PriorityRow = Row<'priorities'>
export type RiskRow = Row<'priorityRisks'>
export type ObjectiveRow = Row<'objectives'>
export type ActionRow = Row<'actions'>
export type UpdateRow = Row<'actionUpdates'>

export interface OrganisationRef {
  id: number
  name: string
  shortName: string | null
}

export interface PersonRef {
  id: number
  name: string
  organisationName: string | null
  organisationShortName: string | null
}

export interface ActionNode extends Omit<ActionRow, 'quarters' | 'status' | 'outcomes'> {
  outcomes: string[]
  quarters: Quarter[]
  status: ActionStatus
  leadOrganisations: OrganisationRef[]
  supportingPartners: OrganisationRef[]
  leadPeople: PersonRef[]
  /** Every update, newest first (see domain/rag.ts `newestFirst`). */
  updates: (UpdateRow & { rag: Rag | null; quarter: Quarter })[]
}

export interface PriorityNode extends Omit<PriorityRow, 'subThemes'> {
  subThemes: string[]
  deliveringGroup: { id: number; name: string; shortName: string | null } | null
  risks: RiskRow[]
  objectives: ObjectiveRow[]
  /** Actions directly under the priority first, then each objective's in the objectives' order. */
  actions: ActionNode[]
}

export interface PlanTree {
  plan: PlanRow
  priorities: PriorityNode[]
}

const asArray = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : typeof value === 'string' ? (JSON.parse(value) as T[]) : [])

/** Queries of the plan tables. Every query is scoped to a partnership. */
export const planRepository = {
  listPlans(db: Db, partnershipId: number) {
    return db.selectFrom('plans').selectAll().where('partnershipId', '=', partnershipId).orderBy('planYear', 'desc').execute()
  },

  findPlan(db: Db, partnershipId: number, id: number) {
    if (!Number.isSafeInteger(id)) return Promise.resolve(undefined)
    return db.selectFrom('plans').selectAll().where('partnershipId', '=', partnershipId).where('id', '=', id).executeTakeFirst()
  },

  findPriority(db: Db, partnershipId: number, id: number) {
    if (!Number.isSafeInteger(id)) return Promise.resolve(undefined)
    return db.selectFrom('priorities').selectAll().where('partnershipId', '=', partnershipId).where('id', '=', id).executeTakeFirst()
  },

  findAction(db: Db, partnershipId: number, id: number) {
    if (!Number.isSafeInteger(id)) return Promise.resolve(undefined)
    return db.selectFrom('actions').selectAll().where('partnershipId', '=', partnershipId).where('id', '=', id).executeTakeFirst()
  },

  priorityCount(db: Db, planId: number) {
    return db
      .selectFrom('priorities')
      .select(eb => eb.fn.countAll<number>().as('n'))
      .where('planId', '=', planId)
      .executeTakeFirstOrThrow()
      .then(row => Number(row.n))
  },

  /** The ids of actions a person leads, in plans of the partnership. */
  async actionIdsLedBy(db: Db, partnershipId: number, personId: number): Promise<number[]> {
    const rows = await db
      .selectFrom('actionLeadPeople')
      .select('actionId')
      .where('partnershipId', '=', partnershipId)
      .where('personId', '=', personId)
      .execute()
    return rows.map(row => row.actionId)
  },

  async isLeadPerson(db: Db, partnershipId: number, actionId: number, personId: number): Promise<boolean> {
    const row = await db
      .selectFrom('actionLeadPeople')
      .select('actionId')
      .where('partnershipId', '=', partnershipId)
      .where('actionId', '=', actionId)
      .where('personId', '=', personId)
      .executeTakeFirst()
    return row !== undefined
  },

  /** A plan with everything under it, in order. */
  async tree(db: Db, partnershipId: number, planId: number): Promise<PlanTree | undefined> {
    const plan = await this.findPlan(db, partnershipId, planId)
    if (!plan) return undefined
    const priorities = await db
      .selectFrom('priorities')
      .leftJoin('groups', 'groups.id', 'priorities.deliveringGroupId')
      .selectAll('priorities')
      .select(['groups.name as groupName', 'groups.shortName as groupShortName'])
      .where('priorities.partnershipId', '=', partnershipId)
      .where('priorities.planId', '=', planId)
      .orderBy('priorities.position')
      .orderBy('priorities.id')
      .execute()
    const priorityIds = priorities.map(p => p.id)
    if (priorityIds.length === 0) return { plan, priorities: [] }

    const [risks, objectives, actions] = await Promise.all([
      db.selectFrom('priorityRisks').selectAll().where('partnershipId', '=', partnershipId).where('priorityId', 'in', priorityIds).orderBy('position').orderBy('id').execute(),
      db.selectFrom('objectives').selectAll().where('partnershipId', '=', partnershipId).where('priorityId', 'in', priorityIds).orderBy('position').orderBy('id').execute(),
      db.selectFrom('actions').selectAll().where('partnershipId', '=', partnershipId).where('priorityId', 'in', priorityIds).orderBy('position').orderBy('id').execute(),
    ])
    const actionIds = actions.map(a => a.id)
    const [organisations, people, updates] = actionIds.length
      ? await Promise.all([
          db
            .selectFrom('actionLeadOrganisations')
            .innerJoin('organisations', 'organisations.id', 'actionLeadOrganisations.organisationId')
            .select(['actionLeadOrganisations.actionId', 'actionLeadOrganisations.role', 'organisations.id', 'organisations.name', 'organisations.shortName'])
            .where('actionLeadOrganisations.partnershipId', '=', partnershipId)
            .where('actionLeadOrganisations.actionId', 'in', actionIds)
            .orderBy('actionLeadOrganisations.position')
            .orderBy('organisations.name')
            .execute(),
          db
            .selectFrom('actionLeadPeople')
            .innerJoin('people', 'people.id', 'actionLeadPeople.personId')
            .leftJoin('organisations', 'organisations.id', 'people.organisationId')
            .select([
              'actionLeadPeople.actionId',
              'people.id',
              'people.name',
              'organisations.name as organisationName',
              'organisations.shortName as organisationShortName',
            ])
            .where('actionLeadPeople.partnershipId', '=', partnershipId)
            .where('actionLeadPeople.actionId', 'in', actionIds)
            .orderBy('actionLeadPeople.position')
            .orderBy('people.name')
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
      : [[], [], []]

    const objectivePosition = new Map(objectives.map((o, i) => [o.id, i]))
    const nodes = actions
      .map(action => ({
        ...action,
        outcomes: asArray<string>(action.outcomes),
        quarters: asArray<Quarter>(action.quarters),
        status: action.status as ActionStatus,
        leadOrganisations: organisations.filter(o => o.actionId === action.id && o.role === 'lead').map(({ id, name, shortName }) => ({ id, name, shortName })),
        supportingPartners: organisations.filter(o => o.actionId === action.id && o.role === 'supporting').map(({ id, name, shortName }) => ({ id, name, shortName })),
        leadPeople: people.filter(p => p.actionId === action.id).map(({ actionId: _a, ...person }) => person),
        updates: updates.filter(u => u.actionId === action.id) as ActionNode['updates'],
      }))
      .sort((a, b) => {
        const oa = a.objectiveId === null ? -1 : (objectivePosition.get(a.objectiveId) ?? 0)
        const ob = b.objectiveId === null ? -1 : (objectivePosition.get(b.objectiveId) ?? 0)
        return oa - ob || a.position - b.position || a.id - b.id
      })

    return {
      plan,
      priorities: priorities.map(({ groupName, groupShortName, ...priority }) => ({
        ...priority,
        subThemes: asArray<string>(priority.subThemes),
        deliveringGroup: priority.deliveringGroupId !== null && groupName ? { id: priority.deliveringGroupId, name: groupName, shortName: groupShortName } : null,
        risks: risks.filter(r => r.priorityId === priority.id),
        objectives: objectives.filter(o => o.priorityId === priority.id),
        actions: nodes.filter(a => a.priorityId === priority.id),
      })),
    }
  },

  /** The plan an action, priority or objective belongs to. */
  async planIdOfPriority(db: Db, partnershipId: number, priorityId: number): Promise<number | undefined> {
    const row = await db.selectFrom('priorities').select('planId').where('partnershipId', '=', partnershipId).where('id', '=', priorityId).executeTakeFirst()
    return row?.planId
  },

  async ragDefinitions(db: Db, partnershipId: number) {
    const row = await db.selectFrom('partnerships').select('ragDefinitions').where('id', '=', partnershipId).executeTakeFirst()
    return (row?.ragDefinitions ?? null) as Record<string, string> | null
  },

  /** Organisations, people and groups of a partnership, for reading names in a plan. */
  async directory(db: Db, partnershipId: number) {
    const [organisations, people, groups] = await Promise.all([
      db.selectFrom('organisations').select(['id', 'name', 'shortName']).where('partnershipId', '=', partnershipId).orderBy('name').execute(),
      db
        .selectFrom('people')
        .leftJoin('organisations', 'organisations.id', 'people.organisationId')
        .select(['people.id', 'people.name', 'organisations.name as organisationName', 'organisations.shortName as organisationShortName'])
        .where('people.partnershipId', '=', partnershipId)
        .orderBy('people.name')
        .orderBy('organisations.name')
        .execute(),
      db.selectFrom('groups').select(['id', 'name', 'shortName']).where('partnershipId', '=', partnershipId).orderBy('name').execute(),
    ])
    return { organisations, people, groups }
  },
}
