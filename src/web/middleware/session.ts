import type { NextFunction, Request, Response } from 'express'

import type { Clock } from '../../shared/clock.ts'
import { hashToken, newToken } from '../../shared/tokens.ts'

export const SESSION_COOKIE = 'csp_hub_session'

export interface Session {
  /** The hash of the cookie's token (the token itself is never stored). */
  id: string
  userId: number | null
  csrfToken: string
  flash: Record<string, unknown> | null
}

/** A session as it is kept: the session and its times. */
export interface StoredSession extends Session {
  createdAt: Date
  lastSeenAt: Date
  expiresAt: Date
}

/** Where sessions are kept, so any app server can answer any request (the accounts capability's session repository). */
export interface SessionStore {
  find(id: string, now: Date, idleMinutes: number): Promise<StoredSession | undefined>
  create(session: StoredSession): Promise<void>
  touch(id: string, now: Date): Promise<void>
  setFlash(id: string, flash: Record<string, unknown> | null): Promise<void>
  remove(id: string): Promise<void>
}

export interface SessionOptions {
  idleMinutes: number
  maxDays: number
  secureCookies: boolean
}

/** Write `last_seen_at` at most this often, so reading pages does not write on every request. */
const TOUCH_EVERY_MS = 5 * 60_000

function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie
  if (!header) return undefined
  for (const part of header.split(';')) {
    const index = part.indexOf('=')
    if (index > 0 && part.slice(0, index).trim() === name) return decodeURIComponent(part.slice(index + 1).trim())
  }
  return undefined
}

export function sessionManager(sessions: SessionStore, clock: Clock, options: SessionOptions) {
  const cookieOptions = {
    httpOnly: true,
    secure: options.secureCookies,
    sameSite: 'lax' as const,
    path: '/',
  }

  async function create(res: Response, userId: number | null): Promise<Session> {
    const token = newToken()
    const now = clock.now()
    const session: Session = { id: hashToken(token), userId, csrfToken: newToken(), flash: null }
    await sessions.create({
      ...session,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + options.maxDays * 86_400_000),
    })
    res.cookie(SESSION_COOKIE, token, { ...cookieOptions, maxAge: options.maxDays * 86_400_000 })
    return session
  }

  const manager = {
    /** Loads the session named by the cookie, if it is still valid. */
    middleware() {
      return async (req: Request, res: Response, next: NextFunction) => {
        req.flash = message => manager.flash(req, res, message)
        const token = readCookie(req, SESSION_COOKIE)
        if (token) {
          const now = clock.now()
          const stored = await sessions.find(hashToken(token), now, options.idleMinutes)
          if (stored) {
            req.session = { id: stored.id, userId: stored.userId, csrfToken: stored.csrfToken, flash: stored.flash }
            if (now.getTime() - stored.lastSeenAt.getTime() > TOUCH_EVERY_MS) await sessions.touch(stored.id, now)
          } else {
            res.clearCookie(SESSION_COOKIE, cookieOptions)
          }
        }
        next()
      }
    },

    /** A session for an anonymous visitor who is about to fill in a form (so it has a CSRF token). */
    async ensure(req: Request, res: Response): Promise<Session> {
      if (!req.session) req.session = await create(res, null)
      return req.session
    },

    /** Sign in: always a new session, so a session fixed before sign-in is worthless after it. */
    async signIn(req: Request, res: Response, userId: number): Promise<Session> {
      if (req.session) await sessions.remove(req.session.id)
      req.session = await create(res, userId)
      return req.session
    },

    async signOut(req: Request, res: Response): Promise<void> {
      if (req.session) await sessions.remove(req.session.id)
      req.session = undefined
      res.clearCookie(SESSION_COOKIE, cookieOptions)
    },

    /** A one-time message for the next page (a success banner after a redirect). */
    async flash(req: Request, res: Response, message: string): Promise<void> {
      const session = await manager.ensure(req, res)
      session.flash = { ...(session.flash ?? {}), success: message }
      await sessions.setFlash(session.id, session.flash)
    },

    async takeFlash(req: Request): Promise<Record<string, unknown> | null> {
      const flash = req.session?.flash ?? null
      if (flash && req.session) {
        req.session.flash = null
        await sessions.setFlash(req.session.id, null)
      }
      return flash
    },
  }
  return manager
}
export type SessionManager = ReturnType<typeof sessionManager>
