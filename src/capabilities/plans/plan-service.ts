import type { Kysely } from 'kysely'

import { allows, requirePermission, type PartnershipContext } from '../../core/access/partnership-context.ts'
import { auditLog } from '../../core/audit/audit-log.ts'
import { auditedDelete, auditedInsert, auditedUpdate, findInPartnership, type ChangeTarget } from '../../core/audit/audited-changes.ts'
import { formatQuarters, financialYearLabel as planYearLabel, quarterOf, ukDate, type IsoDate, type Quarter } from '../../core/calendar/index.ts'
import type { Db } from '../../db/database.ts'
import { isUniqueViolation } from '../../db/errors.ts'
import type { Database } from '../../db/tables.ts'
import type { Clock } from '../../shared/clock.ts'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../shared/errors.ts'
import type { Table } from '../../shared/spreadsheet.ts'

import { personLabel, type Directory } from './domain/directory.ts'
import { resolveDraft, type DraftPriority, type DraftProblem, type ResolvedPriority } from './domain/plan-draft.ts'
import { exportHeaders, readSheet, sortProblems, writeSheet, type SheetProblem } from './domain/plan-sheet.ts'
import { countRags, currentRag, latestPerQuarter, RAG_LABELS, ragDefinitions, type Rag, type RagCounts } from './domain/rag.ts'
import { refreshPlan } from './domain/refresh.ts'
import { isDueOrOverdue, quarterProblem, suggestedQuarter, updateState, updateStateLabel, type UpdateState } from './domain/schedule.ts'
import type { ActionInput, ObjectiveInput, PlanInput, PlanStatusInput, PriorityInput, RagDefinitionsInput, RiskInput, UpdateInput } from './plan-forms.ts'
import { planRepository as repo, type ActionNode, type PlanRow, type PlanTree, type PriorityNode } from './plan-repository.ts'

/** An action with what the clock says about it: its current RAG and whether an update is due. */
export interface ActionView extends ActionNode {
  currentRag: Rag | null
  latestUpdate: ActionNode['updates'][number] | undefined
  state: UpdateState
  stateLabel: string
  timescale: string
}

export interface ObjectiveGroup {
  /** Null for the actions directly under the priority. */
  objective: PriorityNode['objectives'][number] | null
  actions: ActionView[]
}

export interface PriorityView extends Omit<PriorityNode, 'actions'> {
  actions: ActionView[]
  /** The actions by objective, as the plan's table shows them (objectives without actions included). */
  groups: ObjectiveGroup[]
}

function groupByObjective(priority: Omit<PriorityView, 'groups'>, includeEmpty: boolean): ObjectiveGroup[] {
  const direct = priority.actions.filter(a => a.objectiveId === null)
  const groups: ObjectiveGroup[] = direct.length ? [{ objective: null, actions: direct }] : []
  for (const objective of priority.objectives) {
    const actions = priority.actions.filter(a => a.objectiveId === objective.id)
    if (actions.length || includeEmpty) groups.push({ objective, actions })
  }
  return groups
}

export interface PlanView {
  plan: PlanRow
  priorities: PriorityView[]
  /** The day the due and overdue updates are worked out for. */
  today: IsoDate
  /** The reader may see people (a member of the partnership, not the public). */
  showsPeople: boolean
}

export interface PrioritySummary {
  id: number
  position: number
  title: string
  actions: number
  rag: RagCounts
  complete: number
  cancelled: number
  /** Open actions whose update for the current quarter is due. */
  due: number
  /** Open actions whose update for an ended quarter is missing. */
  overdue: number
}

export interface PlanSummary {
  plan: { id: number; title: string; planYear: number; planYearLabel: string; status: PlanRow['status'] }
  on: IsoDate
  priorities: PrioritySummary[]
  totals: Omit<PrioritySummary, 'id' | 'position' | 'title'>
}

export interface ActionFilter {
  organisationId?: number | null
  groupId?: number | null
  quarter?: Quarter | null
  rag?: Rag | 'none' | null
  /** Only actions whose update is due or overdue. */
  dueOnly?: boolean
}

export type ImportResult =
  | { ok: true; counts: { priorities: number; objectives: number; actions: number; updates: number } }
  | { ok: false; problems: SheetProblem[] }

const target = {
  plan: { table: 'plans', entityType: 'plan', describe: (row: { title: string }) => row.title },
  priority: { table: 'priorities', entityType: 'priority', describe: (row: { title: string }) => row.title },
  objective: { table: 'objectives', entityType: 'objective', describe: (row: { title: string }) => row.title },
  risk: { table: 'priorityRisks', entityType: 'priority risk', describe: (row: { risk: string }) => row.risk },
  update: { table: 'actionUpdates', entityType: 'action update', describe: (row: { quarter: number; body: string }) => `Q${row.quarter}: ${row.body.slice(0, 60)}` },
} as const

function changeTarget<K extends keyof typeof target>(name: K, ctx: PartnershipContext) {
  return { ...target[name], partnershipId: ctx.partnership.id } as unknown as ChangeTarget<(typeof target)[K]['table']>
}

const json = (value: unknown) => JSON.stringify(value)

/** A record's number from a URL, or a 404. */
function ensureId(id: number, what: string): number {
  if (!Number.isSafeInteger(id) || id <= 0) throw new NotFoundError(what)
  return id
}

/**
 * A plan as its pages show it on a day: each action with its current RAG, latest update and whether an
 * update is due, grouped by objective. People are left out when the reader may not see them. Pure: the
 * plan pages and the documents of the reports capability both read a plan through this.
 */
export function planViewOf(tree: PlanTree, { on, showsPeople }: { on: IsoDate; showsPeople: boolean }): PlanView {
  const expectsUpdates = tree.plan.status === 'agreed'
  return {
    plan: tree.plan,
    today: on,
    showsPeople,
    priorities: tree.priorities.map(priority => {
      const actions = priority.actions.map(action => {
        const state = updateState(action, action.updates.map(u => u.quarter), { planYear: tree.plan.planYear, expectsUpdates }, on)
        return {
          ...action,
          leadPeople: showsPeople ? action.leadPeople : [],
          updates: showsPeople ? action.updates : action.updates.map(u => ({ ...u, authorLabel: '', authorUserId: null })),
          currentRag: currentRag(action.updates),
          latestUpdate: action.updates[0],
          state,
          stateLabel: updateStateLabel(state),
          timescale: formatQuarters(action.quarters),
        }
      })
      return { ...priority, actions, groups: groupByObjective({ ...priority, actions }, true) }
    }),
  }
}

/** Per priority and in all: actions counted by current RAG, complete, cancelled, and updates due or overdue. */
export function summarisePlanView(planView: PlanView): PlanSummary {
  const summaries = planView.priorities.map(priority => {
    const actions = priority.actions
    return {
      id: priority.id,
      position: priority.position,
      title: priority.title,
      actions: actions.length,
      rag: countRags(actions.map(a => a.currentRag)),
      complete: actions.filter(a => a.status === 'complete').length,
      cancelled: actions.filter(a => a.status === 'cancelled').length,
      due: actions.filter(a => a.state.kind === 'due').length,
      overdue: actions.filter(a => a.state.kind === 'overdue').length,
    }
  })
  const sum = (pick: (p: PrioritySummary) => number) => summaries.reduce((total, p) => total + pick(p), 0)
  const { plan } = planView
  return {
    plan: { id: plan.id, title: plan.title, planYear: plan.planYear, planYearLabel: planYearLabel(plan.planYear), status: plan.status },
    on: planView.today,
    priorities: summaries,
    totals: {
      actions: sum(p => p.actions),
      rag: { red: sum(p => p.rag.red), amber: sum(p => p.rag.amber), green: sum(p => p.rag.green), none: sum(p => p.rag.none) },
      complete: sum(p => p.complete),
      cancelled: sum(p => p.cancelled),
      due: sum(p => p.due),
      overdue: sum(p => p.overdue),
    },
  }
}

export function planService({ db, clock }: { db: Db; clock: Clock }) {
  const today = () => ukDate(clock.now())
  const seesDrafts = (ctx: PartnershipContext) => allows(ctx, 'view')

  function checkVisible(ctx: PartnershipContext, plan: PlanRow | undefined): PlanRow {
    if (!plan || (plan.status === 'draft' && !seesDrafts(ctx))) throw new NotFoundError('Plan')
    return plan
  }

  async function loadPlan(ctx: PartnershipContext, planId: number, trx: Kysely<Database> = db): Promise<PlanRow> {
    requirePermission(ctx, 'view_published')
    return checkVisible(ctx, await repo.findPlan(trx, ctx.partnership.id, planId))
  }

  async function loadTree(ctx: PartnershipContext, planId: number, trx: Kysely<Database> = db): Promise<PlanTree> {
    requirePermission(ctx, 'view_published')
    const tree = await repo.tree(trx, ctx.partnership.id, planId)
    checkVisible(ctx, tree?.plan)
    return tree!
  }

  function view(ctx: PartnershipContext, tree: PlanTree, on: IsoDate = today()): PlanView {
    return planViewOf(tree, { on, showsPeople: allows(ctx, 'view') })
  }

  function withGroups(priority: Omit<PriorityView, 'groups'>, includeEmpty: boolean): PriorityView {
    return { ...priority, groups: groupByObjective(priority, includeEmpty) }
  }

  const summarise = summarisePlanView

  async function directory(trx: Kysely<Database>, partnershipId: number): Promise<Directory> {
    return repo.directory(trx, partnershipId)
  }

  /** A ResolvedPriority (ids) from a loaded priority, for the refresh and the export. */
  function draftOf(priority: PriorityNode): ResolvedPriority {
    const objectiveTitle = new Map(priority.objectives.map(o => [o.id, o.title]))
    return {
      title: priority.title,
      subThemes: priority.subThemes,
      headlineTarget: priority.headlineTarget,
      deliveringGroup: priority.deliveringGroupId,
      resources: priority.resources,
      risks: priority.risks.map(r => ({ risk: r.risk, mitigation: r.mitigation })),
      progressComment: priority.progressComment,
      objectives: priority.objectives.map(o => o.title),
      actions: priority.actions.map(action => ({
        objective: action.objectiveId === null ? null : (objectiveTitle.get(action.objectiveId) ?? null),
        title: action.title,
        outcomes: action.outcomes,
        leadOrganisations: action.leadOrganisations.map(o => o.id),
        leadPeople: action.leadPeople.map(p => p.id),
        leadNote: action.leadNote,
        supportingPartners: action.supportingPartners.map(o => o.id),
        quarters: action.quarters,
        dueDate: action.dueDate,
        timescaleNote: action.timescaleNote,
        dependencies: action.dependencies,
        status: action.status,
        updates: [...latestPerQuarter(action.updates).values()]
          .sort((a, b) => a.quarter - b.quarter)
          .map(u => ({ quarter: u.quarter, body: u.body, rag: u.rag })),
      })),
    }
  }

  /** Insert priorities (with everything under them) at the end of a plan, in the caller's transaction. */
  async function insertPriorities(
    trx: Kysely<Database>,
    ctx: PartnershipContext,
    planId: number,
    priorities: readonly ResolvedPriority[],
    defaults: { postedAt: Date; authorLabel: string; authorUserId: number | null },
  ) {
    const partnershipId = ctx.partnership.id
    const counts = { priorities: 0, objectives: 0, actions: 0, updates: 0 }
    const start = (await repo.priorityCount(trx, planId)) + 1
    for (const [p, priority] of priorities.entries()) {
      const { id: priorityId } = await trx
        .insertInto('priorities')
        .values({
          partnershipId,
          planId,
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
      const organisationLinks: { partnershipId: number; actionId: number; organisationId: number; role: 'lead' | 'supporting'; position: number }[] = []
      const personLinks: { partnershipId: number; actionId: number; personId: number; position: number }[] = []
      const updates: { partnershipId: number; actionId: number; quarter: number; body: string; rag: Rag | null; authorUserId: number | null; authorLabel: string; createdAt: Date; updatedAt: Date }[] = []
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
  }

  async function authorLabelFor(trx: Kysely<Database>, ctx: PartnershipContext): Promise<string> {
    const user = ctx.actor.userId === null ? undefined : await trx.selectFrom('users').select('name').where('id', '=', ctx.actor.userId).executeTakeFirst()
    const person =
      ctx.personId === null
        ? undefined
        : await trx
            .selectFrom('people')
            .leftJoin('organisations', 'organisations.id', 'people.organisationId')
            .select(['people.name', 'organisations.name as organisationName'])
            .where('people.id', '=', ctx.personId)
            .executeTakeFirst()
    const role = person ? [person.name, person.organisationName].filter(Boolean).join(', ') : null
    const name = user?.name ?? ctx.actor.label
    return role && role !== name ? `${name} (${role})` : name
  }

  /** A lead may post and correct the updates of actions they lead; coordinators, of any action. */
  async function requireMayUpdate(ctx: PartnershipContext, actionId: number, trx: Kysely<Database> = db) {
    if (allows(ctx, 'edit_records')) return
    if (ctx.personId !== null && (await repo.isLeadPerson(trx, ctx.partnership.id, actionId, ctx.personId))) return
    throw new ForbiddenError('Only the action’s lead people and the partnership’s coordinators can post or change its updates')
  }

  async function mayUpdate(ctx: PartnershipContext, actionId: number): Promise<boolean> {
    if (!allows(ctx, 'post_own_updates')) return false
    return requireMayUpdate(ctx, actionId).then(
      () => true,
      () => false,
    )
  }

  /** The action, its priority and its plan, as the reader may see them. */
  async function actionContext(ctx: PartnershipContext, actionId: number, trx: Kysely<Database> = db) {
    requirePermission(ctx, 'view_published')
    const row = await repo.findAction(trx, ctx.partnership.id, actionId)
    if (!row) throw new NotFoundError('Action')
    const priority = (await repo.findPriority(trx, ctx.partnership.id, row.priorityId))!
    const plan = checkVisible(ctx, await repo.findPlan(trx, ctx.partnership.id, priority.planId))
    return { row, priority, plan }
  }

  async function priorityContext(ctx: PartnershipContext, priorityId: number, trx: Kysely<Database> = db) {
    requirePermission(ctx, 'view_published')
    const priority = await repo.findPriority(trx, ctx.partnership.id, priorityId)
    if (!priority) throw new NotFoundError('Priority')
    const plan = checkVisible(ctx, await repo.findPlan(trx, ctx.partnership.id, priority.planId))
    return { priority, plan }
  }

  async function touchPlan(trx: Kysely<Database>, planId: number) {
    await trx.updateTable('plans').set({ updatedAt: clock.now() }).where('id', '=', planId).execute()
  }

  /** The objectives and key risks of a priority: ordered rows that belong to it. */
  const PRIORITY_CHILDREN = {
    objective: { table: 'objectives', label: 'Objective' },
    risk: { table: 'priorityRisks', label: 'Risk' },
  } as const
  type PriorityChildKind = keyof typeof PRIORITY_CHILDREN

  async function priorityChild<K extends PriorityChildKind>(ctx: PartnershipContext, kind: K, priorityId: number, id: number) {
    await priorityContext(ctx, priorityId)
    const row = await findInPartnership(db, changeTarget(kind, ctx), ensureId(id, PRIORITY_CHILDREN[kind].label))
    if ((row as { priorityId: number }).priorityId !== priorityId) throw new NotFoundError(PRIORITY_CHILDREN[kind].label)
    return row
  }

  /** Add one (last in the priority's order) or change it, audited, and mark the plan changed. */
  async function savePriorityChild(ctx: PartnershipContext, kind: PriorityChildKind, priorityId: number, id: number | null, input: Record<string, unknown>) {
    requirePermission(ctx, 'edit_records')
    const { plan } = await priorityContext(ctx, priorityId)
    if (id !== null) await priorityChild(ctx, kind, priorityId, id)
    return db.transaction().execute(async trx => {
      const last = await trx.selectFrom(PRIORITY_CHILDREN[kind].table).select(eb => eb.fn.max('position').as('max')).where('priorityId', '=', priorityId).executeTakeFirst()
      const saved =
        id === null
          ? await auditedInsert(trx, ctx.actor, changeTarget(kind, ctx), { ...input, priorityId, position: Number(last?.max ?? 0) + 1 })
          : await auditedUpdate(trx, ctx.actor, changeTarget(kind, ctx), id, input, clock.now())
      await touchPlan(trx, plan.id)
      return saved
    })
  }

  async function deletePriorityChild(ctx: PartnershipContext, kind: PriorityChildKind, priorityId: number, id: number) {
    requirePermission(ctx, 'edit_records')
    const { plan } = await priorityContext(ctx, priorityId)
    await priorityChild(ctx, kind, priorityId, id)
    await db.transaction().execute(async trx => {
      await auditedDelete(trx, ctx.actor, changeTarget(kind, ctx), id)
      await touchPlan(trx, plan.id)
    })
  }


  function explainPlanError(error: unknown, planYear: number): never {
    if (isUniqueViolation(error)) throw new ValidationError({ planYear: `There is already a plan for ${planYearLabel(planYear)}` })
    throw error
  }

  async function checkLinks(trx: Kysely<Database>, ctx: PartnershipContext, input: ActionInput, priorityId: number) {
    const pid = ctx.partnership.id
    const problems: Record<string, string> = {}
    const orgIds = [...input.leadOrganisationIds, ...input.supportingOrganisationIds]
    if (orgIds.length) {
      const found = await trx.selectFrom('organisations').select('id').where('partnershipId', '=', pid).where('id', 'in', orgIds).execute()
      const known = new Set(found.map(r => r.id))
      if (input.leadOrganisationIds.some(id => !known.has(id))) problems.leadOrganisationIds = 'Select organisations from the list'
      if (input.supportingOrganisationIds.some(id => !known.has(id))) problems.supportingOrganisationIds = 'Select organisations from the list'
    }
    if (input.leadPersonIds.length) {
      const found = await trx.selectFrom('people').select('id').where('partnershipId', '=', pid).where('id', 'in', input.leadPersonIds).execute()
      if (found.length !== input.leadPersonIds.length) problems.leadPersonIds = 'Select people from the list'
    }
    if (input.objectiveId !== null) {
      const objective = await trx.selectFrom('objectives').select('id').where('partnershipId', '=', pid).where('id', '=', input.objectiveId).where('priorityId', '=', priorityId).executeTakeFirst()
      if (!objective) problems.objectiveId = 'Select an objective of this priority, or none'
    }
    if (Object.keys(problems).length) throw new ValidationError(problems)
  }

  async function actionSnapshot(trx: Kysely<Database>, actionId: number) {
    const row = await trx.selectFrom('actions').selectAll().where('id', '=', actionId).executeTakeFirstOrThrow()
    const orgs = await trx.selectFrom('actionLeadOrganisations').select(['organisationId', 'role']).where('actionId', '=', actionId).orderBy('position').execute()
    const people = await trx.selectFrom('actionLeadPeople').select('personId').where('actionId', '=', actionId).orderBy('position').execute()
    return {
      ...row,
      leadOrganisationIds: orgs.filter(o => o.role === 'lead').map(o => o.organisationId),
      supportingOrganisationIds: orgs.filter(o => o.role === 'supporting').map(o => o.organisationId),
      leadPersonIds: people.map(p => p.personId),
    }
  }

  const service = {
    // --- Reading -------------------------------------------------------------------------------

    /** The plans the reader may see: all of them for the partnership's members, agreed and archived for the public. */
    async list(ctx: PartnershipContext) {
      requirePermission(ctx, 'view_published')
      const plans = await repo.listPlans(db, ctx.partnership.id)
      return plans.filter(plan => plan.status !== 'draft' || seesDrafts(ctx))
    },

    async plan(ctx: PartnershipContext, planId: number) {
      return loadPlan(ctx, planId)
    },

    /** A plan with all its priorities, objectives, actions, leads and updates, and each action's state. */
    async planView(ctx: PartnershipContext, planId: number, on?: IsoDate): Promise<PlanView> {
      return view(ctx, await loadTree(ctx, planId), on)
    },

    /**
     * Per priority: actions counted by current RAG, complete, and due or overdue updates. For other
     * capabilities (reports, highlight reports) as well as the plan overview.
     */
    async summary(ctx: PartnershipContext, planId: number, on?: IsoDate): Promise<PlanSummary> {
      return summarise(view(ctx, await loadTree(ctx, planId), on))
    },

    summariseView: summarise,

    /**
     * The partnership's plan for a day: the agreed (or since archived) plan whose plan year the day falls
     * in, otherwise the latest agreed plan before it; undefined when there is none.
     */
    async current(ctx: PartnershipContext, on: IsoDate = today()): Promise<PlanRow | undefined> {
      requirePermission(ctx, 'view_published')
      const plans = (await repo.listPlans(db, ctx.partnership.id)).filter(p => p.status !== 'draft')
      const { planYear } = quarterOf(on)
      return plans.find(p => p.planYear === planYear) ?? plans.filter(p => p.status === 'agreed' && p.planYear < planYear).sort((a, b) => b.planYear - a.planYear)[0]
    },

    async priorityView(ctx: PartnershipContext, priorityId: number) {
      const { plan } = await priorityContext(ctx, priorityId)
      const planView = view(ctx, await loadTree(ctx, plan.id))
      const index = planView.priorities.findIndex(p => p.id === priorityId)
      return { ...planView, priority: planView.priorities[index]!, previous: planView.priorities[index - 1], next: planView.priorities[index + 1] }
    },

    async actionView(ctx: PartnershipContext, actionId: number) {
      const { plan } = await actionContext(ctx, actionId)
      const planView = view(ctx, await loadTree(ctx, plan.id))
      const priority = planView.priorities.find(p => p.actions.some(a => a.id === actionId))!
      const action = priority.actions.find(a => a.id === actionId)!
      return {
        plan: planView.plan,
        priority,
        objective: priority.objectives.find(o => o.id === action.objectiveId) ?? null,
        action,
        showsPeople: planView.showsPeople,
        mayUpdate: plan.status === 'agreed' && (await mayUpdate(ctx, actionId)),
        mayEditUpdates: await mayUpdate(ctx, actionId),
      }
    },

    /** The plan's actions, filtered by lead organisation, delivering group, quarter and current RAG. */
    async filteredView(
      ctx: PartnershipContext,
      planId: number,
      filter: ActionFilter,
    ): Promise<PlanView & { matched: number; total: number; organisations: { id: number; name: string }[]; groups: { id: number; name: string }[] }> {
      const planView = view(ctx, await loadTree(ctx, planId))
      // The choices of the filter: the organisations and groups the plan names.
      const organisations = new Map<number, string>()
      const groups = new Map<number, string>()
      for (const priority of planView.priorities) {
        if (priority.deliveringGroup) groups.set(priority.deliveringGroup.id, priority.deliveringGroup.name)
        for (const action of priority.actions) for (const org of [...action.leadOrganisations, ...action.supportingPartners]) organisations.set(org.id, org.name)
      }
      const sorted = (map: Map<number, string>) => [...map].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name))
      let total = 0
      let matched = 0
      const priorities = planView.priorities
        .filter(priority => !filter.groupId || priority.deliveringGroupId === filter.groupId)
        .map(priority => {
          total += priority.actions.length
          const actions = priority.actions.filter(action => {
            if (filter.organisationId && !action.leadOrganisations.some(o => o.id === filter.organisationId) && !action.supportingPartners.some(o => o.id === filter.organisationId)) return false
            if (filter.quarter && !action.quarters.includes(filter.quarter) && !(action.quarters.length === 0 && (action.dueDate === null || quarterOf(action.dueDate).quarter === filter.quarter))) return false
            if (filter.rag && (action.currentRag ?? 'none') !== filter.rag) return false
            if (filter.dueOnly && !isDueOrOverdue(action.state)) return false
            return true
          })
          matched += actions.length
          return withGroups({ ...priority, actions }, false)
        })
        .filter(priority => priority.actions.length > 0 || !(filter.organisationId || filter.quarter || filter.rag || filter.dueOnly))
      return { ...planView, priorities, matched, total, organisations: sorted(organisations), groups: sorted(groups) }
    },

    /**
     * The actions the signed-in user leads (through their person record), in agreed plans: those with an
     * update due or overdue first.
     */
    async myActions(ctx: PartnershipContext) {
      requirePermission(ctx, 'post_own_updates')
      if (ctx.personId === null) return { linked: false as const, dueOrOverdue: [], others: [], today: today() }
      const ids = new Set(await repo.actionIdsLedBy(db, ctx.partnership.id, ctx.personId))
      const plans = (await repo.listPlans(db, ctx.partnership.id)).filter(p => p.status === 'agreed')
      const rows: { plan: PlanRow; priority: PriorityView; action: ActionView }[] = []
      for (const plan of plans) {
        const planView = view(ctx, (await repo.tree(db, ctx.partnership.id, plan.id))!)
        for (const priority of planView.priorities) for (const action of priority.actions) if (ids.has(action.id)) rows.push({ plan, priority, action })
      }
      const order = (state: UpdateState) => (state.kind === 'overdue' ? 0 : state.kind === 'due' ? 1 : 2)
      const dueOrOverdue = rows.filter(r => isDueOrOverdue(r.action.state)).sort((a, b) => order(a.action.state) - order(b.action.state))
      return { linked: true as const, dueOrOverdue, others: rows.filter(r => !isDueOrOverdue(r.action.state)), today: today() }
    },

    async ragDefinitions(ctx: PartnershipContext) {
      requirePermission(ctx, 'view_published')
      return ragDefinitions(await repo.ragDefinitions(db, ctx.partnership.id))
    },

    async saveRagDefinitions(ctx: PartnershipContext, input: RagDefinitionsInput) {
      requirePermission(ctx, 'edit_records')
      await db.transaction().execute(async trx => {
        const before = await repo.ragDefinitions(trx, ctx.partnership.id)
        await trx.updateTable('partnerships').set({ ragDefinitions: json(input), updatedAt: clock.now() }).where('id', '=', ctx.partnership.id).execute()
        await auditLog.record(trx, ctx.actor, {
          partnershipId: ctx.partnership.id,
          action: 'update',
          entityType: 'rag definitions',
          entityId: ctx.partnership.id,
          summary: 'Changed the wording of the RAG statuses',
          before: before ?? {},
          after: input,
        })
      })
    },

    /** Organisations, people and groups, for the forms' lists and the import template. */
    async directory(ctx: PartnershipContext) {
      requirePermission(ctx, 'view')
      return directory(db, ctx.partnership.id)
    },

    // --- Plans ---------------------------------------------------------------------------------

    async savePlan(ctx: PartnershipContext, id: number | null, input: PlanInput) {
      requirePermission(ctx, 'edit_records')
      const problems: Record<string, string> = {}
      if ((input.periodStartYear === null) !== (input.periodEndYear === null)) {
        problems[input.periodStartYear === null ? 'periodStartYear' : 'periodEndYear'] = 'Enter both years of the period, or neither'
      } else if (input.periodStartYear !== null && input.periodEndYear !== null) {
        if (input.periodEndYear < input.periodStartYear) problems.periodEndYear = 'The period must end in or after the year it starts'
        else if (input.planYear < input.periodStartYear || input.planYear > input.periodEndYear) {
          problems.planYear = `The plan year must fall within the period, ${planYearLabel(input.periodStartYear)} to ${planYearLabel(input.periodEndYear)}`
        }
      }
      if (Object.keys(problems).length) throw new ValidationError(problems)
      try {
        return await db.transaction().execute(trx =>
          id === null ? auditedInsert(trx, ctx.actor, changeTarget('plan', ctx), input) : auditedUpdate(trx, ctx.actor, changeTarget('plan', ctx), id, input, clock.now()),
        )
      } catch (error) {
        explainPlanError(error, input.planYear)
      }
    },

    async setStatus(ctx: PartnershipContext, planId: number, input: PlanStatusInput) {
      requirePermission(ctx, 'edit_records')
      await loadPlan(ctx, planId)
      const values = input.status === 'draft' ? { status: input.status, agreedOn: null, agreedBy: null } : input.status === 'agreed' ? input : { status: input.status }
      return db.transaction().execute(trx => auditedUpdate(trx, ctx.actor, changeTarget('plan', ctx), planId, values, clock.now()))
    },

    async deletePlan(ctx: PartnershipContext, planId: number) {
      requirePermission(ctx, 'edit_records')
      await loadPlan(ctx, planId)
      await db.transaction().execute(trx => auditedDelete(trx, ctx.actor, changeTarget('plan', ctx), planId))
    },

    // --- Priorities, objectives, risks -------------------------------------------------------------

    async priority(ctx: PartnershipContext, priorityId: number) {
      const { priority, plan } = await priorityContext(ctx, priorityId)
      return { priority: { ...priority, subThemes: priority.subThemes as unknown as string[] }, plan }
    },

    async savePriority(ctx: PartnershipContext, planId: number, id: number | null, input: PriorityInput) {
      requirePermission(ctx, 'edit_records')
      return db.transaction().execute(async trx => {
        await loadPlan(ctx, planId, trx)
        if (input.deliveringGroupId !== null) {
          const group = await trx.selectFrom('groups').select('id').where('partnershipId', '=', ctx.partnership.id).where('id', '=', input.deliveringGroupId).executeTakeFirst()
          if (!group) throw new ValidationError({ deliveringGroupId: 'Select a group from the list' })
        }
        const siblings = await trx.selectFrom('priorities').select(['id', 'position']).where('planId', '=', planId).orderBy('position').orderBy('id').execute()
        const others = siblings.filter(s => s.id !== id)
        const wanted = Math.min(input.position ?? others.length + 1, others.length + 1)
        const { position: _p, subThemes, ...rest } = input
        const values = { ...rest, subThemes: json(subThemes), planId, position: wanted }
        const saved =
          id === null ? await auditedInsert(trx, ctx.actor, changeTarget('priority', ctx), values) : await auditedUpdate(trx, ctx.actor, changeTarget('priority', ctx), id, values, clock.now())
        // Renumber the others around it.
        others.splice(wanted - 1, 0, { id: saved.id, position: wanted })
        for (const [i, sibling] of others.entries()) {
          if (sibling.id !== saved.id && sibling.position !== i + 1) await trx.updateTable('priorities').set({ position: i + 1 }).where('id', '=', sibling.id).execute()
        }
        await touchPlan(trx, planId)
        return saved
      })
    },

    async deletePriority(ctx: PartnershipContext, priorityId: number) {
      requirePermission(ctx, 'edit_records')
      const { plan } = await priorityContext(ctx, priorityId)
      await db.transaction().execute(async trx => {
        await auditedDelete(trx, ctx.actor, changeTarget('priority', ctx), priorityId)
        const rest = await trx.selectFrom('priorities').select(['id', 'position']).where('planId', '=', plan.id).orderBy('position').orderBy('id').execute()
        for (const [i, sibling] of rest.entries()) if (sibling.position !== i + 1) await trx.updateTable('priorities').set({ position: i + 1 }).where('id', '=', sibling.id).execute()
        await touchPlan(trx, plan.id)
      })
      return plan
    },

    async objective(ctx: PartnershipContext, priorityId: number, objectiveId: number) {
      return priorityChild(ctx, 'objective', priorityId, objectiveId)
    },

    async saveObjective(ctx: PartnershipContext, priorityId: number, id: number | null, input: ObjectiveInput) {
      try {
        return await savePriorityChild(ctx, 'objective', priorityId, id, input)
      } catch (error) {
        if (isUniqueViolation(error)) throw new ValidationError({ title: 'The priority already has an objective with this wording' })
        throw error
      }
    },

    async deleteObjective(ctx: PartnershipContext, priorityId: number, objectiveId: number) {
      await deletePriorityChild(ctx, 'objective', priorityId, objectiveId)
    },

    async risk(ctx: PartnershipContext, priorityId: number, riskId: number) {
      return priorityChild(ctx, 'risk', priorityId, riskId)
    },

    async saveRisk(ctx: PartnershipContext, priorityId: number, id: number | null, input: RiskInput) {
      return savePriorityChild(ctx, 'risk', priorityId, id, input)
    },

    async deleteRisk(ctx: PartnershipContext, priorityId: number, riskId: number) {
      await deletePriorityChild(ctx, 'risk', priorityId, riskId)
    },

    // --- Actions -------------------------------------------------------------------------------

    /** An action as its form shows it. */
    async action(ctx: PartnershipContext, actionId: number) {
      const { plan, priority } = await actionContext(ctx, actionId)
      return { plan, priority, action: await actionSnapshot(db, actionId) }
    },

    async saveAction(ctx: PartnershipContext, priorityId: number, id: number | null, input: ActionInput) {
      requirePermission(ctx, 'edit_records')
      const { plan } = await priorityContext(ctx, priorityId)
      if (id !== null) {
        const { row } = await actionContext(ctx, id)
        if (row.priorityId !== priorityId) throw new NotFoundError('Action')
      }
      return db.transaction().execute(async trx => {
        await checkLinks(trx, ctx, input, priorityId)
        const before = id === null ? null : await actionSnapshot(trx, id)
        const values = {
          objectiveId: input.objectiveId,
          title: input.title,
          outcomes: json(input.outcomes),
          leadNote: input.leadNote,
          quarters: json(input.quarters),
          dueDate: input.dueDate,
          timescaleNote: input.timescaleNote,
          dependencies: input.dependencies,
          status: input.status,
        }
        let actionId: number
        if (id === null) {
          const last = await trx.selectFrom('actions').select(eb => eb.fn.max('position').as('max')).where('priorityId', '=', priorityId).executeTakeFirst()
          const row = await trx
            .insertInto('actions')
            .values({ ...values, partnershipId: ctx.partnership.id, priorityId, position: Number(last?.max ?? 0) + 1 })
            .returning('id')
            .executeTakeFirstOrThrow()
          actionId = row.id
        } else {
          actionId = id
          await trx.updateTable('actions').set({ ...values, updatedAt: clock.now() }).where('id', '=', id).where('partnershipId', '=', ctx.partnership.id).execute()
          await trx.deleteFrom('actionLeadOrganisations').where('actionId', '=', id).execute()
          await trx.deleteFrom('actionLeadPeople').where('actionId', '=', id).execute()
        }
        const pid = ctx.partnership.id
        const orgLinks = [
          ...input.leadOrganisationIds.map((organisationId, i) => ({ partnershipId: pid, actionId, organisationId, role: 'lead' as const, position: i })),
          ...input.supportingOrganisationIds.map((organisationId, i) => ({ partnershipId: pid, actionId, organisationId, role: 'supporting' as const, position: i })),
        ]
        if (orgLinks.length) await trx.insertInto('actionLeadOrganisations').values(orgLinks).execute()
        if (input.leadPersonIds.length) {
          await trx.insertInto('actionLeadPeople').values(input.leadPersonIds.map((personId, i) => ({ partnershipId: pid, actionId, personId, position: i }))).execute()
        }
        const after = await actionSnapshot(trx, actionId)
        await auditLog.record(trx, ctx.actor, {
          partnershipId: pid,
          action: id === null ? 'create' : 'update',
          entityType: 'action',
          entityId: actionId,
          summary: `${id === null ? 'Created' : 'Updated'} action “${after.title.slice(0, 100)}”${plan.status === 'agreed' ? ` of the agreed plan “${plan.title}”` : ''}`,
          before,
          after,
        })
        await touchPlan(trx, plan.id)
        return after
      })
    },

    async deleteAction(ctx: PartnershipContext, actionId: number) {
      requirePermission(ctx, 'edit_records')
      const { plan, priority } = await actionContext(ctx, actionId)
      await db.transaction().execute(async trx => {
        const before = await actionSnapshot(trx, actionId)
        await trx.deleteFrom('actions').where('id', '=', actionId).where('partnershipId', '=', ctx.partnership.id).execute()
        await auditLog.record(trx, ctx.actor, {
          partnershipId: ctx.partnership.id,
          action: 'delete',
          entityType: 'action',
          entityId: actionId,
          summary: `Deleted action “${before.title.slice(0, 100)}” and its updates`,
          before,
        })
        await touchPlan(trx, plan.id)
      })
      return priority
    },

    // --- Quarterly updates ---------------------------------------------------------------------

    /** What the update form needs: the action, who may post, the suggested quarter, the RAG wording. */
    async updatePage(ctx: PartnershipContext, actionId: number) {
      requirePermission(ctx, 'post_own_updates')
      const page = await this.actionView(ctx, actionId)
      await requireMayUpdate(ctx, actionId)
      return {
        ...page,
        suggestedQuarter: suggestedQuarter(page.action.state, page.plan.planYear, today()),
        openQuarters: ([1, 2, 3, 4] as const).filter(q => quarterProblem(page.plan.planYear, q, today()) === null),
        ragDefinitions: await this.ragDefinitions(ctx),
      }
    },

    async postUpdate(ctx: PartnershipContext, actionId: number, input: UpdateInput) {
      requirePermission(ctx, 'post_own_updates')
      const { plan, row } = await actionContext(ctx, actionId)
      await requireMayUpdate(ctx, actionId)
      if (plan.status !== 'agreed') throw new ConflictError(`Updates can be posted only on an agreed plan: “${plan.title}” is ${plan.status === 'draft' ? 'a draft' : 'archived'}.`)
      const problem = quarterProblem(plan.planYear, input.quarter as Quarter, today())
      if (problem) throw new ValidationError({ quarter: problem })
      return db.transaction().execute(async trx => {
        const now = clock.now()
        const update = await auditedInsert(trx, ctx.actor, changeTarget('update', ctx), {
          actionId,
          quarter: input.quarter,
          body: input.body,
          rag: input.rag,
          authorUserId: ctx.actor.userId,
          authorLabel: await authorLabelFor(trx, ctx),
          createdAt: now,
          updatedAt: now,
        })
        if (input.markComplete && row.status !== 'complete') {
          await trx.updateTable('actions').set({ status: 'complete', updatedAt: now }).where('id', '=', actionId).execute()
          await auditLog.record(trx, ctx.actor, {
            partnershipId: ctx.partnership.id,
            action: 'update',
            entityType: 'action',
            entityId: actionId,
            summary: `Marked action “${row.title.slice(0, 100)}” complete with its Q${input.quarter} update`,
            before: { status: row.status },
            after: { status: 'complete' },
          })
        }
        await touchPlan(trx, plan.id)
        return update
      })
    },

    async update(ctx: PartnershipContext, actionId: number, updateId: number) {
      requirePermission(ctx, 'post_own_updates')
      await actionContext(ctx, actionId)
      const update = await findInPartnership(db, changeTarget('update', ctx), ensureId(updateId, 'Update'))
      if (update.actionId !== actionId) throw new NotFoundError('Update')
      await requireMayUpdate(ctx, actionId)
      return update
    },

    async editUpdate(ctx: PartnershipContext, actionId: number, updateId: number, input: UpdateInput) {
      const { plan } = await actionContext(ctx, actionId)
      await this.update(ctx, actionId, updateId)
      const problem = quarterProblem(plan.planYear, input.quarter as Quarter, today())
      if (problem) throw new ValidationError({ quarter: problem })
      return db.transaction().execute(async trx => {
        const saved = await auditedUpdate(trx, ctx.actor, changeTarget('update', ctx), updateId, { quarter: input.quarter, body: input.body, rag: input.rag }, clock.now())
        await touchPlan(trx, plan.id)
        return saved
      })
    },

    async deleteUpdate(ctx: PartnershipContext, actionId: number, updateId: number) {
      requirePermission(ctx, 'edit_records')
      const { plan } = await actionContext(ctx, actionId)
      const update = await findInPartnership(db, changeTarget('update', ctx), ensureId(updateId, 'Update'))
      if (update.actionId !== actionId) throw new NotFoundError('Update')
      await db.transaction().execute(async trx => {
        await auditedDelete(trx, ctx.actor, changeTarget('update', ctx), updateId)
        await touchPlan(trx, plan.id)
      })
    },

    // --- Spreadsheet import and export, refresh ------------------------------------------------

    /** Why the plan cannot take an import, or null when it can (a draft with no priorities yet). */
    async importBlocker(ctx: PartnershipContext, planId: number): Promise<string | null> {
      requirePermission(ctx, 'edit_records')
      const plan = await loadPlan(ctx, planId)
      if (plan.status !== 'draft') return 'Only a draft plan can be imported into. Start a new plan for the import, or set this one back to draft.'
      if ((await repo.priorityCount(db, planId)) > 0) return 'This plan already has priorities. Import into a new, empty plan, or delete its priorities first.'
      return null
    },

    /**
     * Import the action plan from spreadsheet rows (first row: headings) into an empty draft plan. Every
     * problem is reported, by row and column; nothing is saved unless the whole file is good, and then
     * everything is saved in one transaction.
     */
    async importSheet(ctx: PartnershipContext, planId: number, rows: readonly (readonly string[])[], fileName: string): Promise<ImportResult> {
      const blocker = await this.importBlocker(ctx, planId)
      if (blocker) throw new ConflictError(blocker)
      const reading = readSheet(rows)
      return db.transaction().execute(async trx => {
        // The names are checked in the same pass as the format, so the file's every problem shows at once.
        const resolution = resolveDraft(reading.priorities, await directory(trx, ctx.partnership.id))
        const nameProblems = resolution.ok ? [] : resolution.problems.map((p: DraftProblem) => ({ ...p, letter: reading.letters[p.column] ?? null }))
        const problems = sortProblems([...reading.problems, ...nameProblems])
        if (!resolution.ok || problems.length > 0) return { ok: false as const, problems }
        const now = clock.now()
        const counts = await insertPriorities(trx, ctx, planId, resolution.priorities, {
          postedAt: now,
          authorLabel: `${await authorLabelFor(trx, ctx)}, imported from ${fileName}`,
          authorUserId: ctx.actor.userId,
        })
        await touchPlan(trx, planId)
        await auditLog.record(trx, ctx.actor, {
          partnershipId: ctx.partnership.id,
          action: 'import',
          entityType: 'plan',
          entityId: planId,
          summary: `Imported ${counts.priorities} priorities, ${counts.objectives} objectives, ${counts.actions} actions and ${counts.updates} updates from ${fileName}`,
          after: { fileName, ...counts },
        })
        return { ok: true as const, counts }
      })
    },

    /**
     * The plan in the spreadsheet's format: the headings and one row per action, with the current RAG after
     * the template's columns (the import ignores it, so the file imports again exactly). For a workbook, two
     * more sheets the import does not read: the priorities with their actions counted by status, and every
     * update with who posted it and when.
     */
    async exportSheet(ctx: PartnershipContext, planId: number) {
      requirePermission(ctx, 'view')
      const tree = await loadTree(ctx, planId)
      const dir = await directory(db, ctx.partnership.id)
      const orgName = new Map(dir.organisations.map(o => [o.id, o.name]))
      const groupName = new Map(dir.groups.map(g => [g.id, g.name]))
      const personName = new Map(dir.people.map(p => [p.id, personLabel(dir, p)]))
      const priorities: DraftPriority[] = tree.priorities.map(priority => {
        const draft = draftOf(priority)
        return {
          ...draft,
          deliveringGroup: draft.deliveringGroup === null ? null : groupName.get(draft.deliveringGroup)!,
          actions: draft.actions.map(action => ({
            ...action,
            leadOrganisations: action.leadOrganisations.map(id => orgName.get(id)!),
            supportingPartners: action.supportingPartners.map(id => orgName.get(id)!),
            leadPeople: action.leadPeople.map(id => personName.get(id)!),
          })),
        }
      })
      const planView = view(ctx, tree)
      const summary = summarise(planView)
      const sheets: Table[] = [
        {
          name: 'Priorities',
          headers: ['Priority', 'Actions', 'Red', 'Amber', 'Green', 'No status yet', 'Complete', 'Cancelled', 'Updates due', 'Updates overdue'],
          rows: summary.priorities.map(p => [p.title, p.actions, p.rag.red, p.rag.amber, p.rag.green, p.rag.none, p.complete, p.cancelled, p.due, p.overdue]),
          notes: [`Actions counted by their current RAG (that of their latest update), and updates due or overdue on ${summary.on}, as the plan’s page shows them.`],
        },
        {
          name: 'Updates',
          headers: ['Priority', 'Strategic objective', 'Action', 'Quarter', 'RAG', 'Update', 'Posted by', 'Posted on'],
          rows: planView.priorities.flatMap(priority =>
            priority.groups.flatMap(group =>
              group.actions.flatMap(action =>
                [...action.updates]
                  .reverse()
                  .map(u => [priority.title, group.objective?.title ?? '', action.title, `Q${u.quarter}`, u.rag ? RAG_LABELS[u.rag] : '', u.body, u.authorLabel, ukDate(u.createdAt)]),
              ),
            ),
          ),
          notes: ['Every quarterly update, oldest first for each action. The Action plan sheet holds the latest update of each quarter, which is what an import reads.'],
        },
      ]
      return { plan: tree.plan, headers: exportHeaders(), rows: writeSheet(priorities, { currentRag: true }), sheets }
    },

    /** What a refresh would carry into next year's plan. */
    async refreshPreview(ctx: PartnershipContext, planId: number) {
      requirePermission(ctx, 'edit_records')
      const tree = await loadTree(ctx, planId)
      const result = refreshPlan(tree.plan, tree.priorities.map(draftOf))
      const existing = (await repo.listPlans(db, ctx.partnership.id)).find(p => p.planYear === result.plan.planYear)
      return { plan: tree.plan, next: result.plan, carried: result.carried, leftBehind: result.leftBehind, existing }
    },

    /** A new draft for the next plan year with the priorities, objectives and unfinished actions, without updates. */
    async refresh(ctx: PartnershipContext, planId: number) {
      requirePermission(ctx, 'edit_records')
      const tree = await loadTree(ctx, planId)
      const result = refreshPlan(tree.plan, tree.priorities.map(draftOf))
      try {
        return await db.transaction().execute(async trx => {
          const plan = await trx
            .insertInto('plans')
            .values({ ...result.plan, partnershipId: ctx.partnership.id, status: 'draft', refreshedFromPlanId: planId })
            .returningAll()
            .executeTakeFirstOrThrow()
          await insertPriorities(trx, ctx, plan.id, result.priorities, { postedAt: clock.now(), authorLabel: '', authorUserId: null })
          await auditLog.record(trx, ctx.actor, {
            partnershipId: ctx.partnership.id,
            action: 'create',
            entityType: 'plan',
            entityId: plan.id,
            summary: `Refreshed “${tree.plan.title}” into a draft for ${planYearLabel(plan.planYear)}: ${result.carried.priorities} priorities, ${result.carried.objectives} objectives, ${result.carried.actions} unfinished actions`,
            after: { ...plan, carried: result.carried, leftBehind: result.leftBehind },
          })
          return plan
        })
      } catch (error) {
        if (isUniqueViolation(error)) throw new ConflictError(`There is already a plan for ${planYearLabel(result.plan.planYear)}. Open that plan instead.`)
        throw error
      }
    },

    /**
     * Create a plan with its contents from names (for the demo data and tools): the names must be the
     * partnership's records, or it throws with every problem.
     */
    async createFromDraft(
      ctx: PartnershipContext,
      details: PlanInput & { status?: PlanRow['status']; agreedOn?: string | null; agreedBy?: string | null },
      priorities: readonly DraftPriority[],
      authorLabel: string,
    ) {
      requirePermission(ctx, 'edit_records')
      return db.transaction().execute(async trx => {
        const resolution = resolveDraft(priorities, await directory(trx, ctx.partnership.id))
        if (!resolution.ok) throw new ValidationError(Object.fromEntries(resolution.problems.map((p, i) => [`${p.column || 'plan'} ${i + 1}`, p.message])))
        const plan = await auditedInsert(trx, ctx.actor, changeTarget('plan', ctx), details)
        const counts = await insertPriorities(trx, ctx, plan.id, resolution.priorities, { postedAt: clock.now(), authorLabel, authorUserId: null })
        return { plan, counts }
      })
    },
  }
  return service
}

export type PlanService = ReturnType<typeof planService>
