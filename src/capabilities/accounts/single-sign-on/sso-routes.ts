import { Router } from 'express'

import { safeReturnTo } from '../../../web/request.ts'
import type { SessionManager } from '../../../web/middleware/session.ts'
import type { SignInSteps } from '../sign-in-steps.ts'

import { SignInRefused, type SingleSignOnService } from './sso-service.ts'

/**
 * /sign-in/oidc/{provider} sends the browser to the identity provider; /sign-in/oidc/{provider}/callback
 * is the redirect URI registered there. A refused answer shows its reason on a plain page.
 */
export function singleSignOnRoutes({ sso, sessions, steps }: { sso: SingleSignOnService; sessions: SessionManager; steps: SignInSteps }): Router {
  const routes = Router()

  routes.get('/sign-in/oidc/:provider', async (req, res) => {
    const session = await sessions.ensure(req, res)
    try {
      res.redirect(303, await sso.start(session.id, req.params.provider, safeReturnTo(req.query.returnTo)))
    } catch (error) {
      if (!(error instanceof SignInRefused)) throw error
      res.status(error.status).render('accounts/single-sign-on/views/refused.njk', { message: error.message })
    }
  })

  routes.get('/sign-in/oidc/:provider/callback', async (req, res) => {
    const query = new URLSearchParams(req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '')
    let result
    try {
      result = await sso.complete(req.session?.id, req.params.provider, query)
    } catch (error) {
      if (!(error instanceof SignInRefused)) throw error
      return res.status(error.status).render('accounts/single-sign-on/views/refused.njk', { message: error.message })
    }
    const session = await steps.complete(req, res, result.user.id, result.how)
    await sso.rememberSession(session.id, req.params.provider, result.idToken)
    if (result.granted.length) {
      await req.flash(`You are now a member of ${result.granted.join(' and ')}, through your e-mail address. An admin can change your role.`)
    } else if (!result.user.isSiteAdmin && result.user.roles.length === 0) {
      await req.flash('You are signed in, but you have no role in any partnership yet. Ask an admin of your partnership to give you one.')
    }
    res.redirect(303, result.returnTo)
  })

  return routes
}
