import { auditLog } from '../../../core/audit/audit-log.ts'
import { requirePermission, type PartnershipContext } from '../../../core/access/partnership-context.ts'
import { dimensionsOf } from '../domain/rag.ts'
import type { PlanDeps } from '../plan-access.ts'
import { planRepository } from '../plan-repository.ts'

import type { RagDimensionsInput } from './rag-dimension-forms.ts'

/**
 * The dimensions a partnership assesses its actions on ("Milestone progress" and "Outcome"): each update
 * gives a RAG on each, and the summaries count each. A name given in a position keeps that dimension (and the
 * RAGs already given on it) when it is renamed; a dimension taken away keeps its RAGs in the records but is
 * no longer shown.
 */
export function ragDimensionService({ db, clock }: PlanDeps) {
  return {
    async ragDimensions(ctx: PartnershipContext) {
      requirePermission(ctx, 'view_published')
      return dimensionsOf(await planRepository.ragDimensions(db, ctx.partnership.id))
    },

    /** The dimensions as recorded (empty when the partnership has the one RAG status). */
    async recordedRagDimensions(ctx: PartnershipContext) {
      requirePermission(ctx, 'view_published')
      return planRepository.ragDimensions(db, ctx.partnership.id)
    },

    async saveRagDimensions(ctx: PartnershipContext, names: RagDimensionsInput) {
      requirePermission(ctx, 'edit_records')
      await db.transaction().execute(async trx => {
        const before = await planRepository.ragDimensions(trx, ctx.partnership.id)
        const now = clock.now()
        // Positions are renumbered in two steps so that no name is ever held twice (the names are unique).
        for (const row of before) await trx.updateTable('ragDimensions').set({ name: `#${row.id}`, updatedAt: now }).where('id', '=', row.id).execute()
        for (const [i, name] of names.entries()) {
          const existing = before[i]
          if (existing) await trx.updateTable('ragDimensions').set({ name, position: i + 1, updatedAt: now }).where('id', '=', existing.id).execute()
          else await trx.insertInto('ragDimensions').values({ partnershipId: ctx.partnership.id, position: i + 1, name }).execute()
        }
        for (const row of before.slice(names.length)) await trx.deleteFrom('ragDimensions').where('id', '=', row.id).execute()
        await auditLog.record(trx, ctx.actor, {
          partnershipId: ctx.partnership.id,
          action: 'update',
          entityType: 'rag dimensions',
          entityId: ctx.partnership.id,
          summary: names.length ? `Set the RAG dimensions: ${names.join(', ')}` : 'Set one RAG status, without dimensions',
          before: { dimensions: before.map(r => r.name) },
          after: { dimensions: names },
        })
      })
    },
  }
}

export type RagDimensionService = ReturnType<typeof ragDimensionService>
