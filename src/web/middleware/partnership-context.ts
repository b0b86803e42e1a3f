import type { NextFunction, Request, Response } from 'express'

import type { PartnershipService } from '../../capabilities/partnerships/index.ts'
import { allows } from '../../core/access/partnership-context.ts'
import type { Permission } from '../../core/access/roles.ts'
import type { NavigationItem } from '../capability.ts'
import { actorFor, idParam } from '../request.ts'

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
