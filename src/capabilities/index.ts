import type { AppDeps, Services } from '../services.ts'
import type { Capability } from '../web/capability.ts'
import type { SessionManager } from '../web/middleware/session.ts'

import { accountsCapability } from './accounts/index.ts'
import { apiCapability } from './api/index.ts'
import { auditCapability } from './audit/index.ts'
import { fundingCapability } from './funding/index.ts'
import { highlightReportsCapability } from './highlight-reports/index.ts'
import { indicatorsCapability } from './indicators/index.ts'
import { partnershipsCapability } from './partnerships/index.ts'
import { peopleCapability } from './people/index.ts'
import { plansCapability } from './plans/index.ts'
import { policeDataCapability } from './police-data/index.ts'
import { priorityMatrixCapability } from './priority-matrix/index.ts'
import { reportsCapability } from './reports/index.ts'

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
    priorityMatrixCapability(deps),
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
