import type { Db } from '../../db/database.ts'
import type { Clock } from '../../shared/clock.ts'
import { auditLog } from '../../core/audit/audit-log.ts'
import { requirePermission, type PartnershipContext } from '../../core/access/partnership-context.ts'

export interface PrivacyNoticeInput {
  body: string
  contact: string | null
}

/** What a partnership says before it has written its own notice: what CSP Hub holds, why, for how long. */
export function defaultPrivacyNotice(partnershipName: string): string {
  return [
    `${partnershipName} uses CSP Hub to run its partnership plan, its performance figures, its funding and its reports. This notice says what it keeps about the people who work with it, and why.`,
    'What we keep: the name, job title, organisation and work e-mail address of the people in the partnership’s groups and of those who lead its actions; for those who sign in, their account (e-mail address, name, role, when they last signed in and how), and a record of every change they make (the audit log). We do not keep personal data about victims or offenders: the crime figures are open data counted by area.',
    'Why: the partnership’s members are responsible authorities under the Crime and Disorder Act 1998, which requires them to work together on a strategy to reduce crime and disorder. Keeping who leads what, and who changed what, is part of that public task.',
    'How long: while you take part in the partnership. Accounts not used for a long time are disabled. When you leave, ask the partnership’s coordinator: your record can be erased or anonymised, and the audit log then keeps a pseudonym instead of your name.',
    'Your rights: you can ask for everything held about you (signed-in users can download it from their account page), and ask for it to be corrected or erased. You can complain to the Information Commissioner’s Office.',
  ].join('\n\n')
}

/** Each partnership's privacy notice: public, edited by its admins, every change audited. */
export function privacyNoticeService({ db, clock }: { db: Db; clock: Clock }) {
  return {
    async notice(ctx: PartnershipContext) {
      requirePermission(ctx, 'view_published')
      const row = await db.selectFrom('privacyNotices').selectAll().where('partnershipId', '=', ctx.partnership.id).executeTakeFirst()
      return {
        body: row?.body ?? defaultPrivacyNotice(ctx.partnership.name),
        contact: row?.contact ?? null,
        updatedAt: row?.updatedAt ?? null,
        isDefault: !row,
        paragraphs: (row?.body ?? defaultPrivacyNotice(ctx.partnership.name)).split(/\r?\n\s*\r?\n/).map(p => p.trim()).filter(Boolean),
      }
    },

    async save(ctx: PartnershipContext, input: PrivacyNoticeInput) {
      requirePermission(ctx, 'manage_partnership')
      await db.transaction().execute(async trx => {
        const before = await trx.selectFrom('privacyNotices').selectAll().where('partnershipId', '=', ctx.partnership.id).executeTakeFirst()
        const row = { body: input.body, contact: input.contact, updatedAt: clock.now(), updatedByLabel: ctx.actor.label }
        const after = await trx
          .insertInto('privacyNotices')
          .values({ partnershipId: ctx.partnership.id, ...row })
          .onConflict(oc => oc.column('partnershipId').doUpdateSet(row))
          .returningAll()
          .executeTakeFirstOrThrow()
        await auditLog.record(trx, ctx.actor, {
          partnershipId: ctx.partnership.id,
          action: before ? 'update' : 'create',
          entityType: 'privacy_notice',
          entityId: ctx.partnership.id,
          summary: `${before ? 'Updated' : 'Wrote'} the partnership’s privacy notice`,
          before,
          after,
        })
      })
    },
  }
}
export type PrivacyNoticeService = ReturnType<typeof privacyNoticeService>
