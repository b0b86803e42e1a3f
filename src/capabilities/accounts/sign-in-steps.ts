import type { Request, Response } from 'express'

import type { SessionManager } from '../../web/middleware/session.ts'

import type { CurrentUser } from '../../core/access/current-user.ts'

import type { AccountService } from './account-service.ts'
import type { TwoFactorService } from './two-factor/two-factor-service.ts'

/**
 * The end of every way of signing in. A right password (or a password reset link) leads to the second
 * step when the account has two-factor sign-in, or must have it (CSP_HUB_REQUIRE_MFA); single sign-on
 * leaves the second factor to the identity provider. A completed sign-in always starts a new session and
 * is written to the audit log.
 */
export function signInSteps({ sessions, accounts, twoFactor }: { sessions: SessionManager; accounts: AccountService; twoFactor: TwoFactorService }) {
  async function complete(req: Request, res: Response, userId: number, how: string) {
    const session = await sessions.signIn(req, res, userId)
    await accounts.recordSignIn(userId, how, req.requestId)
    // A page rendered straight after (the recovery codes) belongs to the new session.
    res.locals.csrfToken = session.csrfToken
    res.locals.user = (await accounts.loadCurrentUser(userId)) ?? null
    return session
  }

  return {
    complete,

    /** After the password: the second step, or signed in. */
    async afterPassword(req: Request, res: Response, user: CurrentUser, returnTo: string, options: { how?: string; message?: string } = {}) {
      const status = await twoFactor.status(user.id)
      if (status.enabled || twoFactor.isRequired(user)) {
        const session = await sessions.ensure(req, res)
        await twoFactor.startPending(session.id, user.id, returnTo)
        if (options.message) await req.flash(options.message)
        return res.redirect(303, status.enabled ? '/sign-in/two-factor' : '/sign-in/two-factor/set-up')
      }
      await complete(req, res, user.id, options.how ?? 'with a password')
      if (options.message) await req.flash(options.message)
      res.redirect(303, returnTo)
    },
  }
}
export type SignInSteps = ReturnType<typeof signInSteps>
