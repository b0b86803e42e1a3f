import { isUniqueViolation } from '../../../db/errors.ts'
import { NotFoundError, ValidationError } from '../../../shared/errors.ts'
import { auditedDelete, auditedInsert, auditedUpdate, findInPartnership } from '../../../core/audit/audited-changes.ts'
import { requirePermission, type PartnershipContext } from '../../../core/access/partnership-context.ts'
import { changeTarget, ensureId, type PlanAccess, type PlanDeps } from '../plan-access.ts'

import type { StrategicObjectiveInput } from './strategic-objective-forms.ts'
import { strategicObjectiveRepository as repo } from './strategic-objective-repository.ts'

/**
 * The strategic objectives above a plan's priorities (optional): many plans list a handful and put their
 * local priorities under them; an objective may have no local priority of its own. Deleting one leaves its
 * priorities directly under the plan.
 */
export function strategicObjectiveService({ db, clock }: PlanDeps, access: PlanAccess) {
  async function find(ctx: PartnershipContext, planId: number, id: number) {
    await access.loadPlan(ctx, planId)
    const row = await findInPartnership(db, changeTarget('strategicObjective', ctx), ensureId(id, 'Strategic objective'))
    if (row.planId !== planId) throw new NotFoundError('Strategic objective')
    return row
  }

  return {
    strategicObjective: find,

    /** The plan's strategic objectives, for the priority form's list. */
    async strategicObjectives(ctx: PartnershipContext, planId: number) {
      await access.loadPlan(ctx, planId)
      return repo.list(db, ctx.partnership.id, planId)
    },

    async saveStrategicObjective(ctx: PartnershipContext, planId: number, id: number | null, input: StrategicObjectiveInput) {
      requirePermission(ctx, 'edit_records')
      if (id !== null) await find(ctx, planId, id)
      else await access.loadPlan(ctx, planId)
      try {
        return await db.transaction().execute(async trx => {
          const saved =
            id === null
              ? await auditedInsert(trx, ctx.actor, changeTarget('strategicObjective', ctx), { ...input, planId, position: (await repo.lastPosition(trx, planId)) + 1 })
              : await auditedUpdate(trx, ctx.actor, changeTarget('strategicObjective', ctx), id, input, clock.now())
          await access.touchPlan(trx, planId)
          return saved
        })
      } catch (error) {
        if (isUniqueViolation(error)) throw new ValidationError({ title: 'The plan already has a strategic objective with these words' })
        throw error
      }
    },

    async deleteStrategicObjective(ctx: PartnershipContext, planId: number, id: number) {
      requirePermission(ctx, 'edit_records')
      await find(ctx, planId, id)
      await db.transaction().execute(async trx => {
        await auditedDelete(trx, ctx.actor, changeTarget('strategicObjective', ctx), id)
        await access.touchPlan(trx, planId)
      })
    },
  }
}

export type StrategicObjectiveService = ReturnType<typeof strategicObjectiveService>
