import type { Db } from '../../../db/database.ts'
import type { Logger } from '../../../logger.ts'
import type { Mailer } from '../../../mailer.ts'
import type { AccountService } from '../../accounts/index.ts'
import { ROLE_DESCRIPTIONS, ROLE_LABELS, type Role } from '../../../core/access/roles.ts'
import { auditLog } from '../../../core/audit/audit-log.ts'
import type { PartnershipContext } from '../../../core/access/partnership-context.ts'

import { invitationEmail } from './domain/invitation.ts'

/** What became of an invitation: sent, or not sent and handed to the admin to pass on. */
export type Delivery =
  | { sent: true }
  | { sent: false; reason: 'no_smtp' | 'failed'; link: string | null; subject: string; text: string }

export interface InvitationDeps {
  db: Db
  accounts: AccountService
  mailer: Mailer
  logger: Logger
  baseUrl: string
  passwordSignIn: boolean
  providerNames: string[]
}

/**
 * Sending the invitation of someone just given access. Without an SMTP server (or when sending fails),
 * nothing pretends it was sent: the admin is shown the e-mail and its one-time link to pass on, and that
 * the link was shown to them is written to the audit log.
 */
export function teamInvitations({ db, accounts, mailer, logger, baseUrl, passwordSignIn, providerNames }: InvitationDeps) {
  return {
    async deliver(ctx: PartnershipContext, user: { id: number; email: string; name: string }, role: Role, message: string | null): Promise<Delivery> {
      const existingAccount = await accounts.canSignIn(user.id)
      const link = !existingAccount && passwordSignIn ? await accounts.issueInvitationLink(user.id) : null
      const inviter = ctx.actor.userId ? await accounts.loadCurrentUser(ctx.actor.userId) : undefined
      const mail = invitationEmail({
        to: { email: user.email, name: user.name },
        inviter: { name: inviter?.name ?? ctx.actor.label, email: inviter?.email ?? ctx.actor.label },
        partnershipName: ctx.partnership.name,
        roleLabel: ROLE_LABELS[role],
        roleDescription: ROLE_DESCRIPTIONS[role],
        message,
        link,
        signInUrl: `${baseUrl}/sign-in`,
        providers: providerNames,
        existingAccount,
      })
      let reason: 'no_smtp' | 'failed' = 'no_smtp'
      if (mailer.delivers) {
        try {
          await mailer.send({ to: user.email, ...mail })
          // A new one-time link replaces the one before: who sent it, and when, is in the log.
          await auditLog.record(db, ctx.actor, {
            partnershipId: ctx.partnership.id,
            action: 'send_invitation',
            entityType: 'user',
            entityId: user.id,
            summary: `E-mailed ${user.email} the invitation${link ? ' with a new one-time link' : ''}`,
          })
          return { sent: true }
        } catch (error) {
          logger.error({ err: error, to: user.email }, 'The invitation e-mail could not be sent')
          reason = 'failed'
        }
      }
      await auditLog.record(db, ctx.actor, {
        partnershipId: ctx.partnership.id,
        action: 'show_link',
        entityType: 'user',
        entityId: user.id,
        summary: `Showed ${ctx.actor.label} the invitation of ${user.email}${link ? ' and its one-time link' : ''} to pass on: ${reason === 'no_smtp' ? 'no e-mail server is set up' : 'the e-mail could not be sent'}`,
      })
      return { sent: false, reason, link: link?.url ?? null, subject: mail.subject, text: mail.text }
    },
  }
}
export type TeamInvitations = ReturnType<typeof teamInvitations>
