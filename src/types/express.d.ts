import type { CurrentUser } from '../core/access/current-user.ts'
import type { Viewer } from '../core/access/roles.ts'
import type { PartnershipContext } from '../core/access/partnership-context.ts'
import type { Session } from '../web/middleware/session.ts'

declare global {
  namespace Express {
    interface Request {
      requestId: string
      session?: Session | undefined
      /** Set once the current user is known (null for an anonymous visitor). */
      user?: CurrentUser | null
      viewer?: Viewer | null
      /** Set under /partnerships/:partnershipId once the partnership is loaded and access decided. */
      ctx?: PartnershipContext
      /** Keep a success message for the next page (set by the session middleware). */
      flash(message: string): Promise<void>
    }
    interface Locals {
      user?: CurrentUser | null
      csrfToken?: string
      cspNonce?: string
    }
  }
}

export {}
