import type { Router } from 'express'

import type { NavigationItem } from './middleware/partnership-context.ts'

/**
 * What a capability (accounts, partnerships, plans, indicators…) adds to the app. `routes` are mounted
 * at '/', `partnershipRoutes` under /partnerships/:partnershipId once the partnership context is set
 * (use `partnershipContext(req)`), and `navigation` adds sections to the partnership's navigation.
 */
export interface Capability {
  name: string
  routes?: Router
  partnershipRoutes?: Router
  navigation?: NavigationItem[]
}
