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
      /** How `user` was recognised: by a valid API token (under /api/ only), by the session cookie, or not at all. */
      authenticatedBy?: 'api_token' | 'session' | null
      /** The route takes a file upload (multipart/form-data), whose CSRF token is checked once it is parsed. */
      takesUpload?: boolean
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
