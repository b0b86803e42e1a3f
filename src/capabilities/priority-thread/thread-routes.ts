import { Router } from 'express'

import type { Capability } from '../../web/capability.ts'
import { idParam, partnershipContext } from '../../web/request.ts'

import type { ThreadService } from './thread-service.ts'

/** The thread's page, beside the priority's own page in the plan. */
export const threadPath = (partnershipId: number, priorityId: number) => `/partnerships/${partnershipId}/priorities/${priorityId}/thread`

export function threadRoutes({ priorityThread }: { priorityThread: ThreadService }): Router {
  const router = Router({ mergeParams: true })
  router.get('/priorities/:priorityId/thread', async (req, res) => {
    const ctx = partnershipContext(req)
    const t = await priorityThread.priorityThread(ctx, idParam(req, 'priorityId'))
    res.render('priority-thread/views/thread.njk', { t, priorityHref: `/partnerships/${ctx.partnership.id}/priorities/${t.priority.id}` })
  })
  return router
}

export function priorityThreadCapability({ services }: { services: { priorityThread: ThreadService } }): Capability {
  return { name: 'priority-thread', partnershipRoutes: threadRoutes(services) }
}
