import type { NextFunction, Request, Response } from 'express'

import { safeEqual } from '../../shared/tokens.ts'

export class CsrfError extends Error {
  constructor() {
    super('The form could not be checked: it may have expired or come from another site')
    this.name = 'CsrfError'
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Synchronizer-token CSRF protection on every state-changing request. The token lives in the session;
 * forms carry it in a hidden `_csrf` field. Multipart forms (file uploads) carry it in the action's query
 * string, because their body is read later by the upload handler. Requests authenticated by an API token
 * (Authorization: Bearer) carry no ambient credentials and are not checked.
 */
export function csrfProtection() {
  return (req: Request, res: Response, next: NextFunction) => {
    res.locals.csrfToken = req.session?.csrfToken
    if (SAFE_METHODS.has(req.method)) return next()
    if (req.headers.authorization?.startsWith('Bearer ')) return next()
    const body = req.body as Record<string, unknown> | undefined
    const submitted = body?._csrf ?? req.query._csrf ?? req.headers['x-csrf-token']
    const expected = req.session?.csrfToken
    if (typeof submitted !== 'string' || !expected || !safeEqual(submitted, expected)) {
      return next(new CsrfError())
    }
    next()
  }
}
