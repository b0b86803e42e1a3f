import { Router, type Request, type Response } from 'express'

import { ConflictError } from '../../../shared/errors.ts'
import { attempt, formErrors, parseForm } from '../../../web/form.ts'
import { actorFor, requireUser } from '../../../web/request.ts'
import type { CurrentUser } from '../../../core/access/current-user.ts'
import type { AccountService } from '../account-service.ts'
import type { SignInSteps } from '../sign-in-steps.ts'

import { codeForm } from './two-factor-forms.ts'
import type { TwoFactorService } from './two-factor-service.ts'

const VIEWS = 'accounts/two-factor/views'

/**
 * Two-factor sign-in: the second step of signing in with a password (/sign-in/two-factor), setting up an
 * app when the site requires it before the first sign-in completes, and the account's own settings
 * (/account/two-factor). Pages that show a secret or recovery codes are never cached.
 */
export function twoFactorRoutes(deps: { twoFactor: TwoFactorService; accounts: AccountService; steps: SignInSteps }): Router {
  const { twoFactor, accounts, steps } = deps
  const routes = Router()

  /** The account waiting for its second step in this browser, or a redirect to sign in again. */
  async function pendingUser(req: Request, res: Response): Promise<{ user: CurrentUser; returnTo: string } | undefined> {
    const pending = await twoFactor.pending(req.session?.id)
    const user = pending ? await accounts.loadCurrentUser(pending.userId) : undefined
    if (!pending || !user) {
      await req.flash('Your sign-in has timed out. Sign in again.')
      res.redirect(303, '/sign-in')
      return undefined
    }
    return { user, returnTo: pending.returnTo }
  }

  const noStore = (res: Response) => res.setHeader('Cache-Control', 'no-store')

  routes.get('/sign-in/two-factor', async (req, res) => {
    if (!(await pendingUser(req, res))) return
    res.render(`${VIEWS}/code.njk`, { values: {} })
  })

  routes.post('/sign-in/two-factor', async (req, res) => {
    const pending = await pendingUser(req, res)
    if (!pending) return
    const form = parseForm(codeForm, req.body)
    if (!form.ok) return res.status(400).render(`${VIEWS}/code.njk`, { values: {}, ...form })
    const result = await twoFactor.checkCode(pending.user.id, form.value.code, req.ip ?? 'unknown', { userId: pending.user.id, label: pending.user.email, requestId: req.requestId })
    if (!result.ok) return res.status(result.throttled ? 429 : 400).render(`${VIEWS}/code.njk`, { values: {}, ...formErrors({ code: result.message }) })
    await steps.complete(req, res, pending.user.id, result.usedRecoveryCode ? 'with a password and a recovery code' : 'with a password and an authenticator app code')
    if (result.usedRecoveryCode) {
      await req.flash(`You used a recovery code. You have ${result.recoveryCodesLeft} left: make new ones from your account page if you are running out.`)
    }
    res.redirect(303, pending.returnTo)
  })

  // Setting up an app before the first sign-in completes (the site requires two-factor sign-in).
  routes.get('/sign-in/two-factor/set-up', async (req, res) => {
    const pending = await pendingUser(req, res)
    if (!pending) return
    noStore(res)
    res.render(`${VIEWS}/set-up.njk`, { values: {}, required: true, action: '/sign-in/two-factor/set-up', ...(await twoFactor.setUp(pending.user)) })
  })

  routes.post('/sign-in/two-factor/set-up', async (req, res) => {
    const pending = await pendingUser(req, res)
    if (!pending) return
    noStore(res)
    const actor = { userId: pending.user.id, label: pending.user.email, requestId: req.requestId }
    const form = parseForm(codeForm, req.body)
    const result = form.ok ? await attempt(() => twoFactor.confirmSetUp(pending.user, form.value.code, actor)) : form
    if (!result.ok) {
      return res.status(400).render(`${VIEWS}/set-up.njk`, { values: {}, required: true, action: '/sign-in/two-factor/set-up', ...(await twoFactor.setUp(pending.user)), ...result })
    }
    await steps.complete(req, res, pending.user.id, 'with a password, setting up an authenticator app')
    res.render(`${VIEWS}/recovery-codes.njk`, { codes: result.value, continueHref: pending.returnTo, isNew: true })
  })

  // The account's own settings.
  routes.get('/account/two-factor', async (req, res) => {
    const user = requireUser(req)
    res.render(`${VIEWS}/settings.njk`, { status: await twoFactor.status(user.id), required: twoFactor.isRequired(user) })
  })

  routes.get('/account/two-factor/set-up', async (req, res) => {
    const user = requireUser(req)
    if ((await twoFactor.status(user.id)).enabled) return res.redirect(303, '/account/two-factor')
    noStore(res)
    res.render(`${VIEWS}/set-up.njk`, { values: {}, action: '/account/two-factor/set-up', ...(await twoFactor.setUp(user)) })
  })

  routes.post('/account/two-factor/set-up', async (req, res) => {
    const user = requireUser(req)
    noStore(res)
    const form = parseForm(codeForm, req.body)
    const result = form.ok ? await attempt(() => twoFactor.confirmSetUp(user, form.value.code, actorFor(req))) : form
    if (!result.ok) return res.status(400).render(`${VIEWS}/set-up.njk`, { values: {}, action: '/account/two-factor/set-up', ...(await twoFactor.setUp(user)), ...result })
    res.render(`${VIEWS}/recovery-codes.njk`, { codes: result.value, continueHref: '/account/two-factor', isNew: true })
  })

  /** A current code is asked for before new recovery codes are made or the app is turned off. */
  const confirmPage = (kind: 'recovery-codes' | 'turn-off') => `${VIEWS}/confirm-${kind}.njk`
  for (const kind of ['recovery-codes', 'turn-off'] as const) {
    routes.get(`/account/two-factor/${kind}`, async (req, res) => {
      const user = requireUser(req)
      if (!(await twoFactor.status(user.id)).enabled) return res.redirect(303, '/account/two-factor')
      res.render(confirmPage(kind), { values: {}, required: twoFactor.isRequired(user) })
    })

    routes.post(`/account/two-factor/${kind}`, async (req, res) => {
      const user = requireUser(req)
      if (!(await twoFactor.status(user.id)).enabled) throw new ConflictError('Two-factor sign-in is not turned on')
      const form = parseForm(codeForm, req.body)
      const check = form.ok ? await twoFactor.checkCode(user.id, form.value.code, req.ip ?? 'unknown', actorFor(req)) : undefined
      if (!form.ok || !check?.ok) {
        const failed = form.ok ? formErrors({ code: check && !check.ok ? check.message : 'Enter the code' }) : form
        return res.status(check && !check.ok && check.throttled ? 429 : 400).render(confirmPage(kind), { values: {}, required: twoFactor.isRequired(user), ...failed })
      }
      if (kind === 'turn-off') {
        await twoFactor.turnOff(user, actorFor(req))
        await req.flash('Two-factor sign-in is off. You sign in with your password alone.')
        return res.redirect(303, '/account')
      }
      noStore(res)
      res.render(`${VIEWS}/recovery-codes.njk`, { codes: await twoFactor.newRecoveryCodes(user, actorFor(req)), continueHref: '/account/two-factor', isNew: false })
    })
  }

  return routes
}
