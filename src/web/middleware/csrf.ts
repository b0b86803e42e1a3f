import type { NextFunction, Request, Response } from 'express'

import { safeEqual } from '../../shared/tokens.ts'

export class CsrfError extends Error {
  constructor() {
    super('The form could not be checked: it may have expired or come from another site')
    this.name = 'CsrfError'
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export function isMultipart(req: Request): boolean {
  return /^multipart\/form-data\b/i.test(req.headers['content-type'] ?? '')
}

/** Does the request carry the session's CSRF token (a form's hidden `_csrf` field, or an X-CSRF-Token header)? */
export function hasValidCsrfToken(req: Request): boolean {
  const body = req.body as Record<string, unknown> | undefined
  const submitted = body?._csrf ?? req.headers['x-csrf-token']
  const expected = req.session?.csrfToken
  return typeof submitted === 'string' && Boolean(expected) && safeEqual(submitted, expected!)
}

/**
 * Synchronizer-token CSRF protection on every state-changing request. The token lives in the session;
 * forms carry it in a hidden `_csrf` field (scripts may send an X-CSRF-Token header), never in the address.
 *
 * - A request authenticated by a valid API token (under /api/, see current-user.ts) carries no ambient
 *   credentials and is not checked. Anything else that merely *sends* an Authorization header is: a
 *   signed-in browser's cookie goes with it all the same.
 * - A file upload (multipart/form-data) has no parsed body yet. It is let through only to a route declared
 *   to take uploads (`req.takesUpload`, set in app.ts from each capability's `uploadRoutes`), whose
 *   `receiveUpload` (web/upload.ts) checks the token in the parsed form before the route reads it. A
 *   multipart request to any other route is refused here, so no route can be reached around the check.
 */
export function csrfProtection() {
  return (req: Request, res: Response, next: NextFunction) => {
    res.locals.csrfToken = req.session?.csrfToken
    if (SAFE_METHODS.has(req.method)) return next()
    if (req.authenticatedBy === 'api_token') return next()
    if (isMultipart(req)) return next(req.takesUpload ? undefined : new CsrfError())
    if (!hasValidCsrfToken(req)) return next(new CsrfError())
    next()
  }
}
