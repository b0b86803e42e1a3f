import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../../shared/errors.ts'
import type { Actor } from '../audit/audit-entry.ts'

import { can, type Access, type Permission } from './roles.ts'

export interface PartnershipSummary {
  id: number
  name: string
  shortName: string | null
  isPublished: boolean
}

/** Who is asking, about which partnership, with what standing: every partnership use case takes one. */
export interface PartnershipContext {
  partnership: PartnershipSummary
  access: Access
  actor: Actor
  /** Signed in (by session or API token), even if they hold no role here. */
  signedIn: boolean
  /** The person record of this partnership linked to the signed-in user, if any (for "what I lead"). */
  personId: number | null
}

/**
 * Throws unless the context allows the permission. Anonymous visitors are sent to sign in; a signed-in
 * user who may not even see the thing gets a 404 (so nothing is revealed); otherwise a 403.
 */
export function requirePermission(ctx: PartnershipContext, permission: Permission): void {
  if (can(ctx.access, permission)) return
  if (!ctx.signedIn) throw new UnauthenticatedError()
  if (!can(ctx.access, 'view')) throw new NotFoundError()
  throw new ForbiddenError()
}

export function allows(ctx: PartnershipContext, permission: Permission): boolean {
  return can(ctx.access, permission)
}
