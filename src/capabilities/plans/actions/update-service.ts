import { ConflictError, NotFoundError, ValidationError } from '../../../shared/errors.ts'
import { auditedDelete, auditedInsert, auditedUpdate, findInPartnership } from '../../../core/audit/audited-changes.ts'
import { auditLog } from '../../../core/audit/audit-log.ts'
import { requirePermission, type PartnershipContext } from '../../../core/access/partnership-context.ts'
import type { Quarter } from '../../../core/calendar/index.ts'
import { isRag, type Rag, type RagDefinitions, type RagDimension } from '../domain/rag.ts'
import { quarterProblem, suggestedQuarter } from '../domain/schedule.ts'
import { changeTarget, ensureId, type PlanAccess, type PlanDeps } from '../plan-access.ts'

import type { UpdateInput } from './action-forms.ts'
import { actionLeads } from './action-leads.ts'
import { actionRepository } from './action-repository.ts'
import type { ActionService } from './action-service.ts'

/** The quarterly updates of an action: posting one (by its lead people or a coordinator), correcting and deleting one. */
export function updateService(
  { db, clock, partnerships }: PlanDeps,
  access: PlanAccess,
  uses: {
    actionView: ActionService['actionView']
    ragDefinitions(ctx: PartnershipContext): Promise<RagDefinitions>
    ragDimensions(ctx: PartnershipContext): Promise<RagDimension[]>
  },
) {
  const { actionContext, touchPlan, today } = access
  const { requireMayUpdate } = actionLeads(db)

  /** The statuses of the further dimensions, each required: by dimension id, or the problems by field. */
  async function otherRags(ctx: PartnershipContext, given: Record<string, string>): Promise<Record<string, Rag>> {
    const dimensions = (await uses.ragDimensions(ctx)).slice(1)
    const out: Record<string, Rag> = {}
    const problems: Record<string, string> = {}
    for (const dimension of dimensions) {
      const rag = given[String(dimension.id)]
      if (isRag(rag)) out[String(dimension.id)] = rag
      else problems[`rag-${dimension.id}`] = `Select a RAG status for ${dimension.name}`
    }
    if (Object.keys(problems).length) throw new ValidationError(problems)
    return out
  }

  async function update(ctx: PartnershipContext, actionId: number, updateId: number) {
    requirePermission(ctx, 'post_own_updates')
    await actionContext(ctx, actionId)
    const found = await findInPartnership(db, changeTarget('update', ctx), ensureId(updateId, 'Update'))
    if (found.actionId !== actionId) throw new NotFoundError('Update')
    await requireMayUpdate(ctx, actionId)
    return found
  }

  return {
    /** What the update form needs: the action, who may post, the suggested quarter, the RAG wording. */
    async updatePage(ctx: PartnershipContext, actionId: number) {
      requirePermission(ctx, 'post_own_updates')
      const page = await uses.actionView(ctx, actionId)
      await requireMayUpdate(ctx, actionId)
      return {
        ...page,
        suggestedQuarter: suggestedQuarter(page.action.state, page.plan.planYear, today()),
        openQuarters: ([1, 2, 3, 4] as const).filter(q => quarterProblem(page.plan.planYear, q, today()) === null),
        ragDefinitions: await uses.ragDefinitions(ctx),
        ragDimensions: await uses.ragDimensions(ctx),
      }
    },

    async postUpdate(ctx: PartnershipContext, actionId: number, input: UpdateInput) {
      requirePermission(ctx, 'post_own_updates')
      const { plan, row } = await actionContext(ctx, actionId)
      await requireMayUpdate(ctx, actionId)
      if (plan.status !== 'agreed') throw new ConflictError(`Updates can be posted only on an agreed plan: “${plan.title}” is ${plan.status === 'draft' ? 'a draft' : 'archived'}.`)
      const problem = quarterProblem(plan.planYear, input.quarter as Quarter, today())
      if (problem) throw new ValidationError({ quarter: problem })
      const rags = await otherRags(ctx, input.otherRags)
      const authorLabel = await partnerships.signature(ctx)
      return db.transaction().execute(async trx => {
        const now = clock.now()
        const posted = await auditedInsert(trx, ctx.actor, changeTarget('update', ctx), {
          actionId,
          quarter: input.quarter,
          body: input.body,
          rag: input.rag,
          otherRags: JSON.stringify(rags),
          authorUserId: ctx.actor.userId,
          authorLabel,
          createdAt: now,
          updatedAt: now,
        })
        if (input.markComplete && row.status !== 'complete') {
          await actionRepository.setStatus(trx, actionId, 'complete', now)
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
        return posted
      })
    },

    update,

    async editUpdate(ctx: PartnershipContext, actionId: number, updateId: number, input: UpdateInput) {
      const { plan } = await actionContext(ctx, actionId)
      await update(ctx, actionId, updateId)
      const problem = quarterProblem(plan.planYear, input.quarter as Quarter, today())
      if (problem) throw new ValidationError({ quarter: problem })
      const rags = await otherRags(ctx, input.otherRags)
      return db.transaction().execute(async trx => {
        const saved = await auditedUpdate(trx, ctx.actor, changeTarget('update', ctx), updateId, { quarter: input.quarter, body: input.body, rag: input.rag, otherRags: JSON.stringify(rags) }, clock.now())
        await touchPlan(trx, plan.id)
        return saved
      })
    },

    async deleteUpdate(ctx: PartnershipContext, actionId: number, updateId: number) {
      requirePermission(ctx, 'edit_records')
      const { plan } = await actionContext(ctx, actionId)
      const found = await findInPartnership(db, changeTarget('update', ctx), ensureId(updateId, 'Update'))
      if (found.actionId !== actionId) throw new NotFoundError('Update')
      await db.transaction().execute(async trx => {
        await auditedDelete(trx, ctx.actor, changeTarget('update', ctx), updateId)
        await touchPlan(trx, plan.id)
      })
    },
  }
}

export type UpdateService = ReturnType<typeof updateService>
