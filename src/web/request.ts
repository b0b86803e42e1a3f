import type { Request, Response } from 'express'

import type { Actor } from '../core/audit/audit-entry.ts'
import type { PartnershipContext } from '../core/access/partnership-context.ts'
import type { CurrentUser } from '../core/access/current-user.ts'
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../shared/errors.ts'
import { parseRowId } from '../shared/ids.ts'

/** The partnership context set by the partnership middleware (every route under /partnerships/:id). */
export function partnershipContext(req: Request): PartnershipContext {
  if (!req.ctx) throw new Error('partnershipContext() used outside /partnerships/:partnershipId')
  return req.ctx
}

/** Who is acting, for the audit log. */
export function actorFor(req: Request): Actor {
  return { userId: req.user?.id ?? null, label: req.user?.email ?? 'anonymous', requestId: req.requestId }
}

/** A success banner for the next page. */
export async function flash(req: Request, _res: Response, message: string): Promise<void> {
  await req.flash(message)
}

/**
 * A record id from the URL (`:planId`, `:id`…), or a 404: every route reads its ids through here, so an
 * id no record can have (0, 2147483648, '1e3') is "page not found" everywhere, before the database sees it.
 */
export function idParam(req: Request, name: string): number {
  const value = parseRowId(req.params[name])
  if (value === undefined) throw new NotFoundError()
  return value
}

/** A local path to return to after signing in; anything else becomes '/'. */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/'
}

/** The signed-in user, or a redirect to sign in. */
export function requireUser(req: Request): CurrentUser {
  if (!req.user) throw new UnauthenticatedError()
  return req.user
}

/** A site administrator, or a redirect to sign in (anonymous) or a 403. */
export function requireSiteAdmin(req: Request, what: string): CurrentUser {
  const user = requireUser(req)
  if (!user.isSiteAdmin) throw new ForbiddenError(`Only a site administrator can ${what}`)
  return user
}
