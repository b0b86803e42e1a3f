import type { AppDeps, Services } from '../services.ts'
import type { Capability } from '../web/capability.ts'
import type { SessionManager } from '../web/middleware/session.ts'

import { accountsCapability } from './accounts/account-routes.ts'
import { apiCapability } from './api/api-routes.ts'
import { auditCapability } from './audit/audit-routes.ts'
import { fundingCapability } from './funding/funding-routes.ts'
import { highlightReportsCapability } from './highlight-reports/highlight-report-routes.ts'
import { indicatorsCapability } from './indicators/indicator-routes.ts'
import { partnershipsCapability } from './partnerships/partnership-routes.ts'
import { peopleCapability } from './people/people-routes.ts'
import { plansCapability } from './plans/plan-routes.ts'
import { policeDataCapability } from './police-data/police-data-routes.ts'
import { reportsCapability } from './reports/report-routes.ts'

export interface CapabilityDeps {
  services: Services
  deps: AppDeps
  sessions: SessionManager
}

/** Every capability of the app, in the order their routes are tried. */
export function capabilities(deps: CapabilityDeps): Capability[] {
  const list = [
    accountsCapability(deps),
    partnershipsCapability(deps),
    policeDataCapability(deps),
    plansCapability(deps),
    indicatorsCapability(deps),
    fundingCapability(deps),
    reportsCapability(deps),
    highlightReportsCapability(deps),
    auditCapability(deps),
    peopleCapability(deps),
  ]
  // The API capability comes last: it serves the OpenAPI document assembled from all the others.
  return [...list, apiCapability(deps, list)]
}
