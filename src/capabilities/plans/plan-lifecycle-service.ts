import { requirePermission, type PartnershipContext } from '../../core/access/partnership-context.ts'
import { auditLog } from '../../core/audit/audit-log.ts'
import { auditedDelete, auditedInsert, auditedUpdate } from '../../core/audit/audited-changes.ts'
import { financialYearLabel, quarterOf, type IsoDate } from '../../core/calendar/index.ts'
import { isUniqueViolation } from '../../db/errors.ts'
import { ConflictError, ValidationError } from '../../shared/errors.ts'

import { resolveDraft, type DraftPriority, type DraftStrategicObjective } from './domain/plan-draft.ts'
import { ragDefinitions } from './domain/rag.ts'
import { refreshPlan } from './domain/refresh.ts'
import { changeTarget, type PlanAccess, type PlanDeps } from './plan-access.ts'
import type { PlanInput, PlanStatusInput, RagDefinitionsInput } from './plan-forms.ts'
import { planRepository as repo, type PlanRow } from './plan-repository.ts'
import { draftOf } from './plan-tree.ts'
import { summarisePlanView, type PlanSummary, type PlanView } from './plan-view.ts'

function explainPlanError(error: unknown, planYear: number): never {
  if (isUniqueViolation(error)) throw new ValidationError({ planYear: `There is already a plan for ${financialYearLabel(planYear)}` })
  throw error
}

/**
 * The plans themselves: listing and reading them (for other capabilities too), starting, changing,
 * agreeing, archiving and deleting one, refreshing it for the next year, and the partnership's wording
 * of the RAG statuses.
 */
export function planLifecycleService({ db, clock }: PlanDeps, access: PlanAccess) {
  const { loadPlan, loadTree, view, seesDrafts, today } = access

  return {
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
      return summarisePlanView(view(ctx, await loadTree(ctx, planId), on))
    },

    summariseView: summarisePlanView,

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

    async ragDefinitions(ctx: PartnershipContext) {
      requirePermission(ctx, 'view_published')
      return ragDefinitions(await repo.ragDefinitions(db, ctx.partnership.id))
    },

    async saveRagDefinitions(ctx: PartnershipContext, input: RagDefinitionsInput) {
      requirePermission(ctx, 'edit_records')
      await db.transaction().execute(async trx => {
        const before = await repo.ragDefinitions(trx, ctx.partnership.id)
        await repo.saveRagDefinitions(trx, ctx.partnership.id, input, clock.now())
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
      return access.names(ctx)
    },

    async savePlan(ctx: PartnershipContext, id: number | null, input: PlanInput) {
      requirePermission(ctx, 'edit_records')
      const problems: Record<string, string> = {}
      if ((input.periodStartYear === null) !== (input.periodEndYear === null)) {
        problems[input.periodStartYear === null ? 'periodStartYear' : 'periodEndYear'] = 'Enter both years of the period, or neither'
      } else if (input.periodStartYear !== null && input.periodEndYear !== null) {
        if (input.periodEndYear < input.periodStartYear) problems.periodEndYear = 'The period must end in or after the year it starts'
        else if (input.planYear < input.periodStartYear || input.planYear > input.periodEndYear) {
          problems.planYear = `The plan year must fall within the period, ${financialYearLabel(input.periodStartYear)} to ${financialYearLabel(input.periodEndYear)}`
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

    /** What a refresh would carry into next year's plan. */
    async refreshPreview(ctx: PartnershipContext, planId: number) {
      requirePermission(ctx, 'edit_records')
      const tree = await loadTree(ctx, planId)
      const result = refreshPlan(tree.plan, tree.priorities.map(p => draftOf(p, tree.strategicObjectives)), tree.strategicObjectives)
      const existing = (await repo.listPlans(db, ctx.partnership.id)).find(p => p.planYear === result.plan.planYear)
      return { plan: tree.plan, next: result.plan, carried: result.carried, leftBehind: result.leftBehind, existing }
    },

    /** A new draft for the next plan year with the priorities, objectives and unfinished actions, without updates. */
    async refresh(ctx: PartnershipContext, planId: number) {
      requirePermission(ctx, 'edit_records')
      const tree = await loadTree(ctx, planId)
      const result = refreshPlan(tree.plan, tree.priorities.map(p => draftOf(p, tree.strategicObjectives)), tree.strategicObjectives)
      try {
        return await db.transaction().execute(async trx => {
          const plan = await repo.insertPlan(trx, { ...result.plan, partnershipId: ctx.partnership.id, status: 'draft', refreshedFromPlanId: planId })
          await repo.insertContents(trx, ctx.partnership.id, plan.id, result.priorities, { postedAt: clock.now(), authorLabel: '', authorUserId: null }, result.strategicObjectives)
          await auditLog.record(trx, ctx.actor, {
            partnershipId: ctx.partnership.id,
            action: 'create',
            entityType: 'plan',
            entityId: plan.id,
            summary: `Refreshed “${tree.plan.title}” into a draft for ${financialYearLabel(plan.planYear)}: ${result.carried.priorities} priorities, ${result.carried.objectives} objectives, ${result.carried.actions} unfinished actions`,
            after: { ...plan, carried: result.carried, leftBehind: result.leftBehind },
          })
          return plan
        })
      } catch (error) {
        if (isUniqueViolation(error)) throw new ConflictError(`There is already a plan for ${financialYearLabel(result.plan.planYear)}. Open that plan instead.`)
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
      strategicObjectives: readonly DraftStrategicObjective[] = [],
    ) {
      requirePermission(ctx, 'edit_records')
      const names = await access.names(ctx)
      return db.transaction().execute(async trx => {
        const resolution = resolveDraft(priorities, names)
        if (!resolution.ok) throw new ValidationError(Object.fromEntries(resolution.problems.map((p, i) => [`${p.column || 'plan'} ${i + 1}`, p.message])))
        const plan = await auditedInsert(trx, ctx.actor, changeTarget('plan', ctx), details)
        const counts = await repo.insertContents(trx, ctx.partnership.id, plan.id, resolution.priorities, { postedAt: clock.now(), authorLabel, authorUserId: null }, strategicObjectives)
        return { plan, counts }
      })
    },
  }
}

export type PlanLifecycleService = ReturnType<typeof planLifecycleService>
