import { Router, type Request } from 'express'
import { z } from 'zod'

import { MAX_ROW_ID } from '../../shared/ids.ts'
import type { Capability } from '../../web/capability.ts'
import { partnershipContext, requireSiteAdmin } from '../../web/request.ts'
import type { AuditService } from './audit-service.ts'

const filterQuery = z.object({
  entityType: z.string().max(60).optional().catch(undefined),
  action: z.string().max(60).optional().catch(undefined),
  actor: z.coerce.number().int().positive().max(MAX_ROW_ID).optional().catch(undefined),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
})

function readFilter(req: Request) {
  const query = filterQuery.parse(req.query)
  const filter = {
    entityType: query.entityType || undefined,
    action: query.action || undefined,
    actorUserId: query.actor,
    from: query.from ? new Date(`${query.from}T00:00:00Z`) : undefined,
    // "To" is inclusive: up to the end of that day.
    to: query.to ? new Date(new Date(`${query.to}T00:00:00Z`).getTime() + 86_400_000) : undefined,
  }
  const params = new URLSearchParams()
  for (const key of ['entityType', 'action', 'actor', 'from', 'to'] as const) {
    const value = query[key]
    if (value !== undefined && value !== '') params.set(key, String(value))
  }
  return { filter, page: query.page, query, queryString: params.toString() }
}

const words = (value: string) => value.replaceAll('_', ' ')

/** Select options for the filter form, from the values the log holds. */
function filterOptions(facets: { entityTypes: string[]; actions: string[]; actors: { id: number; label: string }[] }) {
  return {
    entityTypes: facets.entityTypes.map(value => ({ value, text: words(value) })),
    actions: facets.actions.map(value => ({ value, text: words(value) })),
    actors: facets.actors.map(actor => ({ value: actor.id, text: actor.label })),
  }
}

export function auditCapability({ services }: { services: { audit: AuditService } }): Capability {
  const partnershipRoutes = Router({ mergeParams: true })
  partnershipRoutes.get('/audit', async (req, res) => {
    const ctx = partnershipContext(req)
    const { filter, page, query, queryString } = readFilter(req)
    const result = await services.audit.forPartnership(ctx, filter, page)
    res.render('audit/views/audit-log.njk', {
      ...result,
      filters: filterOptions(result.facets),
      query,
      queryString,
      baseHref: `/partnerships/${ctx.partnership.id}/audit`,
    })
  })

  const routes = Router()
  routes.get('/audit', async (req, res) => {
    const user = requireSiteAdmin(req, 'see the site’s audit log')
    const { filter, page, query, queryString } = readFilter(req)
    const result = await services.audit.siteWide(user, filter, page)
    res.render('audit/views/audit-log.njk', {
      ...result,
      filters: filterOptions(result.facets),
      query,
      queryString,
      baseHref: '/audit',
      siteWide: true,
    })
  })

  return {
    name: 'audit',
    routes,
    partnershipRoutes,
    navigation: [{ text: 'Audit log', path: '/audit', permission: 'view_audit', order: 90 }],
  }
}
