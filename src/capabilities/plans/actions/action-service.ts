import { NotFoundError, ValidationError } from '../../../shared/errors.ts'
import { auditLog } from '../../../core/audit/audit-log.ts'
import { requirePermission, type PartnershipContext } from '../../../core/access/partnership-context.ts'
import type { Directory } from '../domain/directory.ts'
import { quarterOf } from '../../../core/calendar/index.ts'
import { isDueOrOverdue, type UpdateState } from '../domain/schedule.ts'
import { json, type PlanAccess, type PlanDeps } from '../plan-access.ts'
import { priorityRepository } from '../priorities/priority-repository.ts'
import { planRepository, type PlanRow } from '../plan-repository.ts'
import { withGroups, type ActionFilter, type ActionView, type PlanView, type PriorityView } from '../plan-view.ts'

import type { ActionInput } from './action-forms.ts'
import { actionLeads } from './action-leads.ts'
import { actionRepository as repo } from './action-repository.ts'

/**
 * The actions of a plan: each action's page and form, the plan-wide list filtered by lead, group,
 * quarter and RAG, and the actions a lead leads ("My actions").
 */
export function actionService({ db, clock }: PlanDeps, access: PlanAccess) {
  const { actionContext, priorityContext, touchPlan, view, today } = access
  const leads = actionLeads(db)

  /** Leads, supporting partners and the objective must be the partnership's and the priority's. */
  async function checkLinks(ctx: PartnershipContext, input: ActionInput, priorityId: number) {
    const problems: Record<string, string> = {}
    const orgIds = [...input.leadOrganisationIds, ...input.supportingOrganisationIds]
    const names: Directory = orgIds.length || input.leadPersonIds.length || input.districtAreaId !== null ? await access.names(ctx) : { organisations: [], people: [], groups: [] }
    if (input.districtAreaId !== null && !(names.districts ?? []).some(d => d.id === input.districtAreaId)) problems.districtAreaId = 'Select a district of the partnership, or the whole partnership'
    if (orgIds.length) {
      const known = new Set(names.organisations.map(o => o.id))
      if (input.leadOrganisationIds.some(id => !known.has(id))) problems.leadOrganisationIds = 'Select organisations from the list'
      if (input.supportingOrganisationIds.some(id => !known.has(id))) problems.supportingOrganisationIds = 'Select organisations from the list'
    }
    if (input.leadPersonIds.length) {
      const known = new Set(names.people.map(p => p.id))
      const found = new Set(input.leadPersonIds.filter(id => known.has(id)))
      if (found.size !== input.leadPersonIds.length) problems.leadPersonIds = 'Select people from the list'
    }
    if (input.objectiveId !== null && !(await priorityRepository.isObjectiveOf(db, ctx.partnership.id, input.objectiveId, priorityId))) {
      problems.objectiveId = 'Select an objective of this priority, or none'
    }
    if (Object.keys(problems).length) throw new ValidationError(problems)
  }

  return {
    /** An action as its form shows it. */
    async action(ctx: PartnershipContext, actionId: number) {
      const { plan, priority } = await actionContext(ctx, actionId)
      return { plan, priority, action: await repo.snapshot(db, actionId) }
    },

    async actionView(ctx: PartnershipContext, actionId: number) {
      const { plan } = await actionContext(ctx, actionId)
      const planView = view(ctx, await access.loadTree(ctx, plan.id))
      const priority = planView.priorities.find(p => p.actions.some(a => a.id === actionId))!
      const action = priority.actions.find(a => a.id === actionId)!
      return {
        plan: planView.plan,
        priority,
        objective: priority.objectives.find(o => o.id === action.objectiveId) ?? null,
        action,
        ragDimensions: planView.ragDimensions,
        districtsInPlay: planView.districts.length > 0,
        showsPeople: planView.showsPeople,
        mayUpdate: plan.status === 'agreed' && (await leads.mayUpdate(ctx, actionId)),
        mayEditUpdates: await leads.mayUpdate(ctx, actionId),
      }
    },

    async saveAction(ctx: PartnershipContext, priorityId: number, id: number | null, input: ActionInput) {
      requirePermission(ctx, 'edit_records')
      const { plan } = await priorityContext(ctx, priorityId)
      if (id !== null) {
        const { row } = await actionContext(ctx, id)
        if (row.priorityId !== priorityId) throw new NotFoundError('Action')
      }
      await checkLinks(ctx, input, priorityId)
      return db.transaction().execute(async trx => {
        const before = id === null ? null : await repo.snapshot(trx, id)
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
          districtAreaId: input.districtAreaId,
        }
        const pid = ctx.partnership.id
        let actionId: number
        if (id === null) {
          const last = await priorityRepository.lastPosition(trx, 'actions', priorityId)
          actionId = await repo.insertAction(trx, { ...values, partnershipId: pid, priorityId, position: last + 1 })
        } else {
          actionId = id
          await repo.updateAction(trx, pid, id, values, clock.now())
        }
        await repo.saveLinks(trx, pid, actionId, input, id !== null)
        const after = await repo.snapshot(trx, actionId)
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
        const before = await repo.snapshot(trx, actionId)
        await repo.deleteAction(trx, ctx.partnership.id, actionId)
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

    /** The plan's actions, filtered by lead organisation, delivering group, quarter and current RAG. */
    async filteredView(
      ctx: PartnershipContext,
      planId: number,
      filter: ActionFilter,
    ): Promise<
      PlanView & { matched: number; total: number; organisations: { id: number; name: string }[]; groups: { id: number; name: string }[]; districtOptions: { id: number; name: string }[] }
    > {
      const planView = view(ctx, await access.loadTree(ctx, planId))
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
            if (filter.district === 'whole' && action.district !== null) return false
            if (typeof filter.district === 'number' && action.district?.id !== filter.district) return false
            return true
          })
          matched += actions.length
          return withGroups({ ...priority, actions }, false)
        })
        .filter(priority => priority.actions.length > 0 || !(filter.organisationId || filter.quarter || filter.rag || filter.dueOnly || filter.district))
      return { ...planView, priorities, matched, total, organisations: sorted(organisations), groups: sorted(groups), districtOptions: planView.districts }
    },

    /**
     * The actions the signed-in user leads (through their person record), in agreed plans: those with an
     * update due or overdue first.
     */
    async myActions(ctx: PartnershipContext) {
      requirePermission(ctx, 'post_own_updates')
      if (ctx.personId === null) return { linked: false as const, dueOrOverdue: [], others: [], plans: [], today: today() }
      const ids = new Set(await repo.actionIdsLedBy(db, ctx.partnership.id, ctx.personId))
      const plans = (await planRepository.listPlans(db, ctx.partnership.id)).filter(p => p.status === 'agreed')
      const names = plans.length ? await access.names(ctx) : undefined
      const rows: { plan: PlanRow; priority: PriorityView; action: ActionView }[] = []
      for (const plan of plans) {
        const planView = view(ctx, (await access.treeOf(ctx, plan.id, names))!)
        for (const priority of planView.priorities) for (const action of priority.actions) if (ids.has(action.id)) rows.push({ plan, priority, action })
      }
      const order = (state: UpdateState) => (state.kind === 'overdue' ? 0 : state.kind === 'due' ? 1 : 2)
      const dueOrOverdue = rows.filter(r => isDueOrOverdue(r.action.state)).sort((a, b) => order(a.action.state) - order(b.action.state))
      const withMine = plans.filter(plan => rows.some(r => r.plan.id === plan.id)).map(plan => ({ id: plan.id, title: plan.title }))
      return { linked: true as const, dueOrOverdue, others: rows.filter(r => !isDueOrOverdue(r.action.state)), plans: withMine, today: today() }
    },
  }
}

export type ActionService = ReturnType<typeof actionService>
