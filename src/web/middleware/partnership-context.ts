import type { NextFunction, Request, Response } from 'express'

import type { Permission } from '../../capabilities/accounts/domain/roles.ts'
import { allows } from '../../capabilities/partnerships/domain/partnership-context.ts'
import type { PartnershipService } from '../../capabilities/partnerships/partnership-service.ts'
import { actorFor, idParam } from '../request.ts'

/** A section in a partnership's service navigation. */
export interface NavigationItem {
  text: string
  /** Below /partnerships/:id: '' for the home page, '/plans' for plans. */
  path: string
  permission: Permission
  order: number
}

/**
 * Under /partnerships/:partnershipId: load the partnership and decide the viewer's access (a partnership
 * they may not see is a 404), then give the views the partnership, the permissions and the navigation.
 */
export function loadPartnershipContext(partnerships: PartnershipService, navigation: readonly NavigationItem[]) {
  const sorted = [...navigation].sort((a, b) => a.order - b.order)
  return async (req: Request, res: Response, next: NextFunction) => {
    const ctx = await partnerships.contextFor(req.viewer ?? null, idParam(req, 'partnershipId'), actorFor(req))
    req.ctx = ctx
    const base = `/partnerships/${ctx.partnership.id}`
    const here = req.originalUrl.split('?')[0] ?? ''
    const visible = sorted.filter(item => allows(ctx, item.permission))
    // The current section is the longest path that the page's address starts with.
    const current = visible
      .filter(item => here === base + item.path || (item.path !== '' && here.startsWith(`${base}${item.path}/`)))
      .sort((a, b) => b.path.length - a.path.length)[0]
    res.locals.partnership = ctx.partnership
    res.locals.access = ctx.access
    res.locals.can = (permission: Permission) => allows(ctx, permission)
    res.locals.partnershipBase = base
    res.locals.navigation = visible.map(item => ({
      text: item.text,
      href: base + item.path,
      active: item === current,
      current: item === current && here === base + item.path,
    }))
    next()
  }
}
