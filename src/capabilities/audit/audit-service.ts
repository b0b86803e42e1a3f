import type { Db } from '../../db/database.ts'
import { ForbiddenError } from '../../shared/errors.ts'
import type { CurrentUser } from '../../core/access/current-user.ts'
import { requirePermission, type PartnershipContext } from '../../core/access/partnership-context.ts'

import { auditRepository, type AuditFilter } from './audit-repository.ts'
import { changedFields } from './domain/field-changes.ts'

const AUDIT_PAGE_SIZE = 50

export function auditService({ db }: { db: Db }) {
  async function page(filter: AuditFilter, pageNumber: number) {
    const { events, total } = await auditRepository.list(db, filter, { limit: AUDIT_PAGE_SIZE, offset: (pageNumber - 1) * AUDIT_PAGE_SIZE })
    return {
      events: events.map(event => ({ ...event, changes: changedFields(event.before, event.after) })),
      total,
      page: pageNumber,
      pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
    }
  }

  return {
    /** A partnership's audit log: admins and coordinators only. */
    async forPartnership(ctx: PartnershipContext, filter: Omit<AuditFilter, 'partnershipId'>, pageNumber: number) {
      requirePermission(ctx, 'view_audit')
      const [result, facets] = await Promise.all([
        page({ ...filter, partnershipId: ctx.partnership.id }, pageNumber),
        auditRepository.facets(db, ctx.partnership.id),
      ])
      return { ...result, facets }
    },

    /** Events that belong to no partnership (accounts, tokens): site admins only. */
    async siteWide(user: CurrentUser, filter: Omit<AuditFilter, 'partnershipId'>, pageNumber: number) {
      if (!user.isSiteAdmin) throw new ForbiddenError('Only a site administrator can see the site’s audit log')
      const [result, facets] = await Promise.all([page({ ...filter, partnershipId: null }, pageNumber), auditRepository.facets(db, null)])
      return { ...result, facets }
    },
  }
}
export type AuditService = ReturnType<typeof auditService>
