import { Router, type Request } from 'express'

import { NotFoundError } from '../../shared/errors.ts'

import type { Capability } from '../../web/capability.ts'
import { attempt, formErrors, parseForm } from '../../web/form.ts'
import { actorFor, idParam, requireUser, safeReturnTo } from '../../web/request.ts'
import type { SessionManager } from '../../web/middleware/session.ts'
import { ROLE_LABELS } from '../../core/access/roles.ts'

import { apiTokenForm, changePasswordForm, forgotPasswordForm, newPasswordForm, signInForm } from './account-forms.ts'
import { MIN_PASSWORD_LENGTH } from './domain/passwords.ts'
import type { AccountService } from './account-service.ts'
import type { SessionRepository } from './session-repository.ts'
import { signInSteps } from './sign-in-steps.ts'
import { singleSignOnRoutes } from './single-sign-on/sso-routes.ts'
import type { SingleSignOnService } from './single-sign-on/sso-service.ts'
import { twoFactorRoutes } from './two-factor/two-factor-routes.ts'
import type { TwoFactorService } from './two-factor/two-factor-service.ts'

export interface AccountsCapabilityDeps {
  services: { accounts: AccountService; twoFactor: TwoFactorService; singleSignOn: SingleSignOnService; sessions: SessionRepository }
  sessions: SessionManager
  deps: { config: { passwordSignIn: boolean } }
}

export function accountsCapability({ services, sessions, deps }: AccountsCapabilityDeps): Capability {
  const { accounts, twoFactor, singleSignOn: sso } = services
  const { passwordSignIn } = deps.config
  const routes = Router()
  const steps = signInSteps({ sessions, accounts, twoFactor })
  /** With CSP_HUB_PASSWORD_SIGN_IN=false, everything about passwords is gone: only single sign-on. */
  const requirePasswords = () => {
    if (!passwordSignIn) throw new NotFoundError()
  }
  const signInPage = (req: Request, extra: Record<string, unknown>) => ({
    providers: sso.providers,
    passwordSignIn,
    returnTo: safeReturnTo(req.query.returnTo),
    values: {},
    ...extra,
  })

  routes.get('/sign-in', async (req, res) => {
    if (req.user) return res.redirect(303, safeReturnTo(req.query.returnTo))
    await sessions.ensure(req, res)
    res.locals.csrfToken = req.session?.csrfToken
    res.render('accounts/views/sign-in.njk', signInPage(req, {}))
  })

  routes.post('/sign-in', async (req, res) => {
    requirePasswords()
    const returnTo = safeReturnTo((req.body as Record<string, unknown>).returnTo)
    const form = parseForm(signInForm, req.body)
    const values = { email: (req.body as Record<string, unknown>).email }
    if (!form.ok) return res.status(400).render('accounts/views/sign-in.njk', signInPage(req, { values, returnTo, ...form }))
    const result = await accounts.signIn(form.value.email, form.value.password, req.ip ?? 'unknown')
    if (!result.ok) {
      const message =
        result.reason === 'throttled'
          ? 'Too many failed attempts to sign in. Wait 15 minutes, or reset your password.'
          : result.reason === 'disabled'
            ? 'Your account has been disabled. Ask an admin of your partnership to enable it.'
            : 'Enter a correct email address and password'
      const status = result.reason === 'throttled' ? 429 : result.reason === 'disabled' ? 403 : 400
      return res.status(status).render('accounts/views/sign-in.njk', signInPage(req, { values, returnTo, ...formErrors({ email: message }) }))
    }
    await steps.afterPassword(req, res, result.user, returnTo)
  })

  routes.post('/sign-out', async (req, res) => {
    // Signed in through an identity provider that supports it: sign out there too.
    const atProvider = await sso.signOutUrl(req.session?.id)
    await sessions.signOut(req, res)
    res.redirect(303, atProvider ?? '/signed-out')
  })

  routes.use(twoFactorRoutes({ twoFactor, accounts, steps }))
  routes.use(singleSignOnRoutes({ sso, sessions, steps }))

  routes.get('/signed-out', (_req, res) => res.render('accounts/views/signed-out.njk'))

  routes.get('/forgot-password', async (req, res) => {
    requirePasswords()
    await sessions.ensure(req, res)
    res.locals.csrfToken = req.session?.csrfToken
    res.render('accounts/views/forgot-password.njk', { values: {} })
  })

  routes.post('/forgot-password', async (req, res) => {
    requirePasswords()
    const form = parseForm(forgotPasswordForm, req.body)
    if (!form.ok) return res.status(400).render('accounts/views/forgot-password.njk', { values: req.body, ...form })
    await accounts.requestPasswordReset(form.value.email, actorFor(req))
    res.render('accounts/views/forgot-password-sent.njk', { email: form.value.email })
  })

  routes.get('/reset-password/:token', async (req, res) => {
    requirePasswords()
    await sessions.ensure(req, res)
    res.locals.csrfToken = req.session?.csrfToken
    const valid = await accounts.isResetTokenValid(req.params.token)
    res.status(valid ? 200 : 410).render('accounts/views/reset-password.njk', { valid, minLength: MIN_PASSWORD_LENGTH })
  })

  routes.post('/reset-password/:token', async (req, res) => {
    requirePasswords()
    if (!(await accounts.isResetTokenValid(req.params.token))) {
      return res.status(410).render('accounts/views/reset-password.njk', { valid: false })
    }
    const form = parseForm(newPasswordForm, req.body)
    const result = form.ok ? await attempt(() => accounts.resetPassword(req.params.token, form.value.newPassword, req.requestId)) : form
    if (!result.ok) {
      return res.status(400).render('accounts/views/reset-password.njk', { valid: true, minLength: MIN_PASSWORD_LENGTH, ...result })
    }
    // The e-mailed link stands for the password, never for the second step.
    await steps.afterPassword(req, res, result.value, '/', { how: 'with a new password from an e-mailed link', message: 'Your password has been changed' })
  })

  routes.get('/account', async (req, res) => {
    const user = requireUser(req)
    const [tokens, twoFactorStatus, identities] = await Promise.all([accounts.listApiTokens(user.id), twoFactor.status(user.id), accounts.externalIdentities(user.id)])
    res.render('accounts/views/account.njk', {
      roles: user.roles.map(role => ({ ...role, roleLabel: ROLE_LABELS[role.role] })),
      tokens,
      twoFactor: twoFactorStatus,
      identities,
      passwordSignIn,
    })
  })

  routes.get('/account/password', (req, res) => {
    requirePasswords()
    requireUser(req)
    res.render('accounts/views/change-password.njk', { minLength: MIN_PASSWORD_LENGTH })
  })

  routes.post('/account/password', async (req, res) => {
    requirePasswords()
    const user = requireUser(req)
    const form = parseForm(changePasswordForm, req.body)
    const result = form.ok
      ? await attempt(() => accounts.changePassword(user, form.value.currentPassword, form.value.newPassword, actorFor(req)))
      : form
    if (!result.ok) return res.status(400).render('accounts/views/change-password.njk', { minLength: MIN_PASSWORD_LENGTH, ...result })
    // Other sessions of this user end; this one carries on.
    await services.sessions.removeForUser(user.id, req.session?.id)
    await req.flash('Your password has been changed. You have been signed out everywhere else.')
    res.redirect(303, '/account')
  })

  routes.get('/account/api-tokens/new', (req, res) => {
    requireUser(req)
    res.render('accounts/views/new-api-token.njk', { values: { expiresInDays: '90' } })
  })

  routes.post('/account/api-tokens/new', async (req, res) => {
    const user = requireUser(req)
    const form = parseForm(apiTokenForm, req.body)
    if (!form.ok) return res.status(400).render('accounts/views/new-api-token.njk', { values: req.body, ...form })
    const created = await accounts.createApiToken(user.id, form.value.name, actorFor(req), form.value.expiresInDays)
    // The token is shown once, on this page, and never again.
    res.setHeader('Cache-Control', 'no-store')
    res.render('accounts/views/api-token-created.njk', { created })
  })

  routes.post('/account/api-tokens/:id/revoke', async (req, res) => {
    await accounts.revokeApiToken(requireUser(req).id, idParam(req, 'id'), actorFor(req))
    await req.flash('API token revoked')
    res.redirect(303, '/account')
  })

  return { name: 'accounts', routes }
}
