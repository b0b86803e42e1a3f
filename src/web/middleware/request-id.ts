import { randomUUID } from 'node:crypto'

import type { NextFunction, Request, Response } from 'express'

/** Each request gets an id, logged with everything it does and shown on the error page. */
export function requestId() {
  return (req: Request, res: Response, next: NextFunction) => {
    const incoming = req.headers['x-request-id']
    req.requestId = typeof incoming === 'string' && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID()
    res.setHeader('x-request-id', req.requestId)
    next()
  }
}
