import { Router } from 'express'

import type { Capability } from '../../web/capability.ts'
import { partnershipContext } from '../../web/request.ts'

import { fundingApi } from './funding-api.ts'
import { labels } from './funding-pages.ts'
import { withFundingPaths } from './funding-paths.ts'
import type { FundingService } from './funding-service.ts'
import { entryRoutes } from './ledger/entry-routes.ts'
import { yearRoutes } from './ledger/year-routes.ts'
import { projectRoutes } from './projects/project-routes.ts'

/** The funding overview: the years with their headline figures, and the projects. */
function overviewRoutes(funding: Pick<FundingService, 'overview'>): Router {
  const routes = Router({ mergeParams: true })
  routes.get('/funding', async (req, res) => {
    const overview = await funding.overview(partnershipContext(req))
    res.render('funding/views/overview.njk', { ...overview, labels })
  })
  return routes
}

/** The funding capability: the ledger of each financial year, funded projects, downloads and the read API. */
export function fundingCapability({ services }: { services: { funding: FundingService } }): Capability {
  const { funding } = services
  const routes = Router({ mergeParams: true })
  routes.use('/funding', withFundingPaths)
  routes.use(overviewRoutes(funding))
  // Projects before the years, so that "projects" is never read as a year.
  routes.use(projectRoutes(funding))
  routes.use(yearRoutes(funding))
  routes.use(entryRoutes(funding))

  const api = fundingApi(funding)
  return {
    name: 'funding',
    partnershipRoutes: routes,
    navigation: [{ text: 'Funding', path: '/funding', permission: 'view_published', order: 40 }],
    apiPartnershipRoutes: api.routes,
    openapi: api.openapi,
  }
}
