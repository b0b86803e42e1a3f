import { auditedInsert } from '../../core/audit/audited-changes.ts'
import type { Actor } from '../../core/audit/audit-entry.ts'
import { financialYearLabel } from '../../core/calendar/index.ts'
import type { Db } from '../../db/database.ts'
import { ValidationError } from '../../shared/errors.ts'

import type { PlanRow } from './plan-repository.ts'

export interface DraftPlanInput {
  title: string
  planYear: number
  periodEndYear: number
  /** The priorities' titles, in order. */
  priorities: string[]
}

/**
 * A new draft plan with its priorities in order, each audited, in the caller's transaction: the priority
 * scoring matrix makes one from its agreed choice, and the plans capability takes it from there.
 */
export async function insertDraftPlan(trx: Db, actor: Actor, partnershipId: number, input: DraftPlanInput): Promise<PlanRow> {
  const existing = await trx.selectFrom('plans').select('id').where('partnershipId', '=', partnershipId).where('planYear', '=', input.planYear).executeTakeFirst()
  if (existing) throw new ValidationError({ planYear: `There is already a plan for ${financialYearLabel(input.planYear)}: choose another year, or add these priorities to that plan` })
  const plan = await auditedInsert(
    trx,
    actor,
    { table: 'plans', partnershipId, entityType: 'plan', describe: row => row.title },
    { title: input.title, planYear: input.planYear, periodStartYear: input.planYear, periodEndYear: input.periodEndYear, status: 'draft' },
  )
  for (const [position, title] of input.priorities.entries()) {
    await auditedInsert(
      trx,
      actor,
      { table: 'priorities', partnershipId, entityType: 'priority', describe: row => row.title },
      { planId: plan.id, position: position + 1, title, subThemes: JSON.stringify([]) },
    )
  }
  return plan
}
