import { isUniqueViolation } from '../../../db/errors.ts'
import { NotFoundError, ValidationError } from '../../../shared/errors.ts'
import { auditedDelete, auditedInsert, auditedUpdate, findInPartnership } from '../../../core/audit/audited-changes.ts'
import { requirePermission, type PartnershipContext } from '../../../core/access/partnership-context.ts'
import { changeTarget, ensureId, json, type PlanAccess, type PlanDeps } from '../plan-access.ts'
import { strategicObjectiveRepository } from '../strategic-objectives/strategic-objective-repository.ts'

import type { ObjectiveInput, PriorityInput, RiskInput } from './priority-forms.ts'
import { priorityRepository as repo } from './priority-repository.ts'

/** The objectives and key risks of a priority: ordered records that belong to it. */
const PRIORITY_CHILDREN = {
  objective: { table: 'objectives', label: 'Objective' },
  risk: { table: 'priorityRisks', label: 'Risk' },
} as const
type PriorityChildKind = keyof typeof PRIORITY_CHILDREN

/** A plan's priorities, in their order, with their strategic objectives and key risks. */
export function priorityService({ db, clock }: PlanDeps, access: PlanAccess) {
  const { priorityContext, touchPlan } = access

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
      const last = await repo.lastPosition(trx, PRIORITY_CHILDREN[kind].table, priorityId)
      const saved =
        id === null
          ? await auditedInsert(trx, ctx.actor, changeTarget(kind, ctx), { ...input, priorityId, position: last + 1 })
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

  return {
    async priority(ctx: PartnershipContext, priorityId: number) {
      const { priority, plan } = await priorityContext(ctx, priorityId)
      return { priority: { ...priority, subThemes: priority.subThemes as unknown as string[] }, plan }
    },

    /** A priority as its page shows it, with the priorities before and after it. */
    async priorityView(ctx: PartnershipContext, priorityId: number) {
      const { plan } = await priorityContext(ctx, priorityId)
      const planView = access.view(ctx, await access.loadTree(ctx, plan.id))
      const index = planView.priorities.findIndex(p => p.id === priorityId)
      return { ...planView, priority: planView.priorities[index]!, previous: planView.priorities[index - 1], next: planView.priorities[index + 1] }
    },

    async savePriority(ctx: PartnershipContext, planId: number, id: number | null, input: PriorityInput) {
      requirePermission(ctx, 'edit_records')
      const groups = input.deliveringGroupId === null ? [] : (await access.names(ctx)).groups
      return db.transaction().execute(async trx => {
        await access.loadPlan(ctx, planId, trx)
        if (input.deliveringGroupId !== null && !groups.some(group => group.id === input.deliveringGroupId)) {
          throw new ValidationError({ deliveringGroupId: 'Select a group from the list' })
        }
        if (input.strategicObjectiveId !== null && !(await strategicObjectiveRepository.isOfPlan(trx, ctx.partnership.id, planId, input.strategicObjectiveId))) {
          throw new ValidationError({ strategicObjectiveId: 'Select one of the plan’s strategic objectives, or none' })
        }
        const siblings = await repo.positions(trx, planId)
        const others = siblings.filter(s => s.id !== id)
        const wanted = Math.min(input.position ?? others.length + 1, others.length + 1)
        const { position: _p, subThemes, ...rest } = input
        const values = { ...rest, subThemes: json(subThemes), planId, position: wanted }
        const saved =
          id === null ? await auditedInsert(trx, ctx.actor, changeTarget('priority', ctx), values) : await auditedUpdate(trx, ctx.actor, changeTarget('priority', ctx), id, values, clock.now())
        // Renumber the others around it.
        others.splice(wanted - 1, 0, { id: saved.id, position: wanted })
        for (const [i, sibling] of others.entries()) {
          if (sibling.id !== saved.id && sibling.position !== i + 1) await repo.setPosition(trx, sibling.id, i + 1)
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
        const rest = await repo.positions(trx, plan.id)
        for (const [i, sibling] of rest.entries()) if (sibling.position !== i + 1) await repo.setPosition(trx, sibling.id, i + 1)
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
  }
}

export type PriorityService = ReturnType<typeof priorityService>
