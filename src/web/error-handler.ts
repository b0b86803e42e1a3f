import type { NextFunction, Request, Response } from 'express'

import { isDatabaseUnavailable } from '../db/errors.ts'
import type { DatabaseHealth } from '../db/health.ts'
import type { Logger } from '../logger.ts'
import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from '../shared/errors.ts'

import { CsrfError } from './middleware/csrf.ts'

interface ErrorPage {
  status: number
  title: string
  paragraphs: string[]
}

function pageFor(error: unknown): ErrorPage | undefined {
  if (error instanceof NotFoundError) {
    return {
      status: 404,
      title: 'Page not found',
      paragraphs: ['If you typed the web address, check it is correct.', 'If you pasted the web address, check you copied the entire address.'],
    }
  }
  if (error instanceof ForbiddenError) {
    return { status: 403, title: 'You cannot do that', paragraphs: [error.message, 'Ask your partnership’s coordinator if you need to.'] }
  }
  if (error instanceof CsrfError) {
    return {
      status: 403,
      title: 'Sorry, the form could not be sent',
      paragraphs: ['The page may have been open too long, or you signed out in another window.', 'Go back, reload the page and try again.'],
    }
  }
  if (error instanceof ConflictError) {
    return { status: 409, title: 'That could not be saved', paragraphs: [error.message] }
  }
  if (error instanceof ValidationError) {
    return { status: 400, title: 'That could not be saved', paragraphs: Object.values(error.fieldErrors) }
  }
  const status = (error as { status?: unknown })?.status
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // Errors from Express's own parsers: a malformed body, a body or file too large.
    const code = (error as { code?: string }).code
    const tooLarge = status === 413 || code === 'LIMIT_FILE_SIZE'
    return {
      status: tooLarge ? 413 : status,
      title: tooLarge ? 'The file is too large' : 'Sorry, the request could not be read',
      paragraphs: [tooLarge ? 'Choose a smaller file, or split it into several.' : 'Go back and try again.'],
    }
  }
  return undefined
}

export function notFoundHandler() {
  return (_req: Request, _res: Response, next: NextFunction) => next(new NotFoundError())
}

/**
 * Errors that mean something to users become their page and status; anything else is a 500 that is
 * logged with the request id, and shows the stack only in development. Under /api the answer is JSON.
 */
export function errorHandler(logger: Logger, options: { showStack: boolean; databaseHealth?: DatabaseHealth }) {
  // Express recognises an error handler by its four parameters.
  return (error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const isApi = req.path.startsWith('/api/')
    if (isDatabaseUnavailable(error) && !res.headersSent) {
      // The database is restarting or out of reach: nothing of this request was saved. Say so plainly and
      // ask the visitor (or the load balancer, through /readyz) to come back; the pool reconnects by itself.
      options.databaseHealth?.markUnavailable(error)
      logger.warn({ err: error, requestId: req.requestId, url: req.originalUrl }, 'The database is unavailable')
      res.set('Retry-After', '30')
      if (isApi) return res.status(503).json({ error: 'unavailable', message: 'The database cannot be reached at the moment. Nothing was saved. Try again in a minute.' })
      return res.status(503).render('errors/error.njk', {
        title: 'Sorry, the service is unavailable',
        paragraphs: ['The database cannot be reached at the moment, so nothing you sent has been saved.', 'Try again in a minute.'],
        requestId: req.requestId,
      })
    }
    if (error instanceof UnauthenticatedError) {
      if (isApi) return res.status(401).json({ error: 'unauthenticated', message: 'Send a valid API token: Authorization: Bearer …' })
      return res.redirect(303, `/sign-in?returnTo=${encodeURIComponent(req.originalUrl)}`)
    }
    const page = pageFor(error)
    if (res.headersSent) {
      logger.error({ err: error, requestId: req.requestId }, 'Error after the response had started')
      return res.end()
    }
    if (page) {
      if (page.status >= 500 || error instanceof CsrfError) logger.warn({ err: error, requestId: req.requestId }, page.title)
      if (isApi) return res.status(page.status).json({ error: page.title, message: page.paragraphs.join(' ') })
      return res.status(page.status).render('errors/error.njk', page)
    }
    logger.error({ err: error, requestId: req.requestId, userId: res.locals.user?.id, url: req.originalUrl }, 'Unhandled error')
    if (isApi) return res.status(500).json({ error: 'internal_error', requestId: req.requestId })
    res.status(500).render('errors/error.njk', {
      title: 'Sorry, there is a problem with the service',
      paragraphs: ['Try again later. Anything you were entering may not have been saved.'],
      requestId: req.requestId,
      stack: options.showStack && error instanceof Error ? error.stack : undefined,
    })
  }
}
