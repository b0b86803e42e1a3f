import type { PartnershipContext } from '../core/access/partnership-context.ts'
import type { AppDeps, Services } from '../services.ts'

import type { DemoPartnership } from './structure-data.ts'

type PartnershipKey = DemoPartnership['key']

/** What a capability's demo loader receives: the demo partnerships, ready for its service calls. */
export interface DemoContext {
  deps: AppDeps
  services: Services
  partnerships: Record<PartnershipKey, PartnershipContext>
  /** Look up an id of a demo partnership's structure by name. */
  organisationId(key: PartnershipKey, name: string): Promise<number>
  personId(key: PartnershipKey, name: string, organisation?: string): Promise<number>
  groupId(key: PartnershipKey, name: string): Promise<number>
}
