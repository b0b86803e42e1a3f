import { randomBytes } from 'node:crypto'

import type { NextFunction, Request, Response } from 'express'
import helmet from 'helmet'

/** A fresh nonce per response for the one inline script govuk-frontend's template needs. */
export function cspNonce() {
  return (_req: Request, res: Response, next: NextFunction) => {
    res.locals.cspNonce = randomBytes(16).toString('base64')
    next()
  }
}

export function securityHeaders(options: { tileUrl?: string | undefined }) {
  const tileOrigin = options.tileUrl ? originOf(options.tileUrl) : undefined
  return helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce as string}'`],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', ...(tileOrigin ? [tileOrigin] : [])],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'same-origin' },
  })
}

function originOf(template: string): string | undefined {
  try {
    return new URL(template.replace(/\{[a-z]\}/g, 'a')).origin
  } catch {
    return undefined
  }
}
