import type { NextFunction, Request, Response } from 'express'

import type { AccountService } from '../../capabilities/accounts/index.ts'

/**
 * Who is asking: the user of the session, or, on /api with `Authorization: Bearer <token>`, the owner of
 * a valid API token (and then never the session). An invalid token is a 401 rather than anonymous access.
 */
export function currentUser(accounts: AccountService) {
  return async (req: Request, res: Response, next: NextFunction) => {
    req.user = null
    req.authenticatedBy = null
    const authorization = req.headers.authorization
    if (authorization?.startsWith('Bearer ') && req.path.startsWith('/api/')) {
      const user = await accounts.authenticateApiToken(authorization.slice('Bearer '.length).trim())
      if (!user) {
        res.status(401).json({ error: 'unauthenticated', message: 'The API token is not valid, has expired or was revoked' })
        return
      }
      req.user = user
      req.authenticatedBy = 'api_token'
    } else if (req.session?.userId) {
      req.user = (await accounts.loadCurrentUser(req.session.userId)) ?? null
      if (req.user) req.authenticatedBy = 'session'
    }
    req.viewer = req.user ? accounts.toViewer(req.user) : null
    res.locals.user = req.user
    next()
  }
}
