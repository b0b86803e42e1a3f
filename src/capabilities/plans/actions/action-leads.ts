import type { Db } from '../../../db/database.ts'
import { ForbiddenError } from '../../../shared/errors.ts'
import { allows, type PartnershipContext } from '../../../core/access/partnership-context.ts'

import { actionRepository as repo } from './action-repository.ts'

/** Who may post and correct an action's quarterly updates: its lead people, and the partnership's coordinators. */
export function actionLeads(db: Db) {
  async function requireMayUpdate(ctx: PartnershipContext, actionId: number) {
    if (allows(ctx, 'edit_records')) return
    if (ctx.personId !== null && (await repo.isLeadPerson(db, ctx.partnership.id, actionId, ctx.personId))) return
    throw new ForbiddenError('Only the action’s lead people and the partnership’s coordinators can post or change its updates')
  }

  return {
    requireMayUpdate,

    async mayUpdate(ctx: PartnershipContext, actionId: number): Promise<boolean> {
      if (!allows(ctx, 'post_own_updates')) return false
      return requireMayUpdate(ctx, actionId).then(
        () => true,
        () => false,
      )
    },
  }
}
