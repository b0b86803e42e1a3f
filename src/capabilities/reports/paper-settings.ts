import type { Db } from '../../db/database.ts'
import type { Clock } from '../../shared/clock.ts'
import { auditedInsert, auditedUpdate, type ChangeTarget } from '../../core/audit/audited-changes.ts'
import { requirePermission, type PartnershipContext } from '../../core/access/partnership-context.ts'

import type { PaperFrontMatter } from './domain/front-matter.ts'
import { reportRepository as repo } from './report-repository.ts'

/**
 * The council's paper front matter of a partnership: read by anyone who may see its reports, changed by those
 * who edit its records, each change in the audit log. Part of the reports service.
 */
export function paperSettings({ db, clock }: { db: Db; clock: Clock }) {
  const target = (ctx: PartnershipContext): ChangeTarget<'reportPaperSettings'> => ({
    table: 'reportPaperSettings',
    partnershipId: ctx.partnership.id,
    entityType: 'report paper settings',
    describe: () => `Paper front matter of ${ctx.partnership.name}`,
  })

  return {
    async paperSettings(ctx: PartnershipContext): Promise<PaperFrontMatter | null> {
      requirePermission(ctx, 'view')
      return (await repo.paperSettings(db, ctx.partnership.id)) ?? null
    },

    async savePaperSettings(ctx: PartnershipContext, input: PaperFrontMatter) {
      requirePermission(ctx, 'edit_records')
      const values = { ...input, exemptReason: input.exempt ? input.exemptReason : null }
      return db.transaction().execute(async trx => {
        const existing = await repo.paperSettings(trx, ctx.partnership.id)
        return existing ? auditedUpdate(trx, ctx.actor, target(ctx), existing.id, values, clock.now()) : auditedInsert(trx, ctx.actor, target(ctx), values)
      })
    },
  }
}
