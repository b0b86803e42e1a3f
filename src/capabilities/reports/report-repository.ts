import type { Kysely } from 'kysely'

import type { Database } from '../../db/tables.ts'

import type { ActionSnapshot, PlanSnapshot, PrioritySnapshot, UpdateSnapshot } from './domain/plan-snapshot.ts'
import type { ReportKind } from './domain/report-kinds.ts'

type Db = Kysely<Database>

/**
 * Queries of the reports capability. The plan tables belong to the plans capability; the reports read them
 * with their own queries here (read only), scoped to the partnership like every other query.
 */
export const reportRepository = {
  async list(db: Db, partnershipId: number) {
    return db
      .selectFrom('reports')
      .leftJoin('plans', 'plans.id', 'reports.planId')
      .select([
        'reports.id',
        'reports.kind',
        'reports.title',
        'reports.year',
        'reports.quarter',
        'reports.status',
        'reports.planId',
        'reports.updatedAt',
        'plans.title as planTitle',
      ])
      .where('reports.partnershipId', '=', partnershipId)
      .orderBy('reports.year', 'desc')
      .orderBy('reports.quarter', 'desc')
      .orderBy('reports.id', 'desc')
      .execute()
  },

  async find(db: Db, partnershipId: number, id: number) {
    return db.selectFrom('reports').selectAll().where('partnershipId', '=', partnershipId).where('id', '=', id).executeTakeFirst()
  },

  /** The narrative of the partnership's latest report of a kind, to start a new one from. */
  async latestNarrative(db: Db, partnershipId: number, kind: ReportKind) {
    const row = await db
      .selectFrom('reports')
      .select(['narrative', 'title', 'committee'])
      .where('partnershipId', '=', partnershipId)
      .where('kind', '=', kind)
      .orderBy('year', 'desc')
      .orderBy('quarter', (ob) => ob.desc().nullsLast())
      .orderBy('id', 'desc')
      .executeTakeFirst()
    return row ?? null
  },

  async plans(db: Db, partnershipId: number) {
    return db
      .selectFrom('plans')
      .select(['id', 'title', 'planYear', 'status'])
      .where('partnershipId', '=', partnershipId)
      .orderBy('planYear', 'desc')
      .orderBy('id', 'desc')
      .execute()
  },

  async plan(db: Db, partnershipId: number, planId: number) {
    return db.selectFrom('plans').select(['id', 'title', 'planYear']).where('partnershipId', '=', partnershipId).where('id', '=', planId).executeTakeFirst()
  },

  async partnership(db: Db, partnershipId: number) {
    return db.selectFrom('partnerships').select(['id', 'name', 'shortName', 'ragDefinitions']).where('id', '=', partnershipId).executeTakeFirstOrThrow()
  },

  /** The whole plan as the documents read it: priorities, objectives, actions, leads and updates. */
  async planSnapshot(db: Db, partnershipId: number, planId: number): Promise<PlanSnapshot | null> {
    const plan = await db
      .selectFrom('plans')
      .select(['id', 'title', 'planYear', 'periodStartYear', 'periodEndYear', 'vision', 'status', 'versionLabel', 'agreedOn', 'agreedBy'])
      .where('partnershipId', '=', partnershipId)
      .where('id', '=', planId)
      .executeTakeFirst()
    if (!plan) return null

    const [priorities, risks, objectives, actions, organisations, people, updates] = await Promise.all([
      db
        .selectFrom('priorities')
        .leftJoin('groups', 'groups.id', 'priorities.deliveringGroupId')
        .select([
          'priorities.id',
          'priorities.title',
          'priorities.subThemes',
          'priorities.headlineTarget',
          'priorities.resources',
          'priorities.progressComment',
          'groups.name as deliveringGroup',
        ])
        .where('priorities.partnershipId', '=', partnershipId)
        .where('priorities.planId', '=', planId)
        .orderBy('priorities.position')
        .orderBy('priorities.id')
        .execute(),
      db
        .selectFrom('priorityRisks')
        .innerJoin('priorities', 'priorities.id', 'priorityRisks.priorityId')
        .select(['priorityRisks.priorityId', 'priorityRisks.risk', 'priorityRisks.mitigation'])
        .where('priorityRisks.partnershipId', '=', partnershipId)
        .where('priorities.planId', '=', planId)
        .orderBy('priorityRisks.position')
        .orderBy('priorityRisks.id')
        .execute(),
      db
        .selectFrom('objectives')
        .innerJoin('priorities', 'priorities.id', 'objectives.priorityId')
        .select(['objectives.id', 'objectives.priorityId', 'objectives.title'])
        .where('objectives.partnershipId', '=', partnershipId)
        .where('priorities.planId', '=', planId)
        .orderBy('objectives.position')
        .orderBy('objectives.id')
        .execute(),
      db
        .selectFrom('actions')
        .innerJoin('priorities', 'priorities.id', 'actions.priorityId')
        .select([
          'actions.id',
          'actions.priorityId',
          'actions.objectiveId',
          'actions.title',
          'actions.outcomes',
          'actions.leadNote',
          'actions.quarters',
          'actions.dueDate',
          'actions.timescaleNote',
          'actions.dependencies',
          'actions.status',
        ])
        .where('actions.partnershipId', '=', partnershipId)
        .where('priorities.planId', '=', planId)
        .orderBy('actions.position')
        .orderBy('actions.id')
        .execute(),
      db
        .selectFrom('actionLeadOrganisations')
        .innerJoin('actions', 'actions.id', 'actionLeadOrganisations.actionId')
        .innerJoin('priorities', 'priorities.id', 'actions.priorityId')
        .innerJoin('organisations', 'organisations.id', 'actionLeadOrganisations.organisationId')
        .select(['actionLeadOrganisations.actionId', 'actionLeadOrganisations.role', 'organisations.name'])
        .where('actionLeadOrganisations.partnershipId', '=', partnershipId)
        .where('priorities.planId', '=', planId)
        .orderBy('organisations.name')
        .execute(),
      db
        .selectFrom('actionLeadPeople')
        .innerJoin('actions', 'actions.id', 'actionLeadPeople.actionId')
        .innerJoin('priorities', 'priorities.id', 'actions.priorityId')
        .innerJoin('people', 'people.id', 'actionLeadPeople.personId')
        .leftJoin('organisations', 'organisations.id', 'people.organisationId')
        .select(['actionLeadPeople.actionId', 'people.name', 'organisations.name as organisationName', 'organisations.shortName as organisationShortName'])
        .where('actionLeadPeople.partnershipId', '=', partnershipId)
        .where('priorities.planId', '=', planId)
        .orderBy('people.name')
        .execute(),
      db
        .selectFrom('actionUpdates')
        .innerJoin('actions', 'actions.id', 'actionUpdates.actionId')
        .innerJoin('priorities', 'priorities.id', 'actions.priorityId')
        .select([
          'actionUpdates.id',
          'actionUpdates.actionId',
          'actionUpdates.quarter',
          'actionUpdates.body',
          'actionUpdates.rag',
          'actionUpdates.authorLabel',
          'actionUpdates.createdAt',
        ])
        .where('actionUpdates.partnershipId', '=', partnershipId)
        .where('priorities.planId', '=', planId)
        .orderBy('actionUpdates.createdAt')
        .orderBy('actionUpdates.id')
        .execute(),
    ])

    const group = <T, K>(rows: T[], key: (row: T) => K) => {
      const map = new Map<K, T[]>()
      for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), row])
      return map
    }
    const orgsByAction = group(organisations, row => row.actionId)
    const peopleByAction = group(people, row => row.actionId)
    const updatesByAction = group(updates, row => row.actionId)

    const toAction = (row: (typeof actions)[number]): ActionSnapshot => ({
      id: row.id,
      title: row.title,
      outcomes: row.outcomes ?? [],
      leadOrganisations: (orgsByAction.get(row.id) ?? []).filter(o => o.role === 'lead').map(o => o.name),
      supportingOrganisations: (orgsByAction.get(row.id) ?? []).filter(o => o.role === 'supporting').map(o => o.name),
      leadPeople: (peopleByAction.get(row.id) ?? []).map(p => {
        const organisation = p.organisationShortName ?? p.organisationName
        return organisation ? `${p.name} (${organisation})` : p.name
      }),
      leadNote: row.leadNote,
      quarters: row.quarters ?? [],
      dueDate: row.dueDate,
      timescaleNote: row.timescaleNote,
      dependencies: row.dependencies,
      status: row.status,
      updates: (updatesByAction.get(row.id) ?? []).map(
        (u): UpdateSnapshot => ({ id: u.id, quarter: u.quarter, body: u.body, rag: u.rag, authorLabel: u.authorLabel, createdAt: new Date(u.createdAt) }),
      ),
    })
    const actionsByObjective = group(
      actions.filter(a => a.objectiveId !== null),
      a => a.objectiveId!,
    )
    const directActions = group(
      actions.filter(a => a.objectiveId === null),
      a => a.priorityId,
    )
    const objectivesByPriority = group(objectives, o => o.priorityId)
    const risksByPriority = group(risks, r => r.priorityId)

    return {
      plan,
      priorities: priorities.map(
        (p): PrioritySnapshot => ({
          id: p.id,
          title: p.title,
          subThemes: p.subThemes ?? [],
          headlineTarget: p.headlineTarget,
          resources: p.resources,
          progressComment: p.progressComment,
          deliveringGroup: p.deliveringGroup,
          risks: (risksByPriority.get(p.id) ?? []).map(r => ({ risk: r.risk, mitigation: r.mitigation })),
          actions: (directActions.get(p.id) ?? []).map(toAction),
          objectives: (objectivesByPriority.get(p.id) ?? []).map(o => ({ id: o.id, title: o.title, actions: (actionsByObjective.get(o.id) ?? []).map(toAction) })),
        }),
      ),
    }
  },
}
