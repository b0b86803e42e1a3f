/** The partnerships capability as other capabilities see it. */
export { partnershipService, type PartnershipService } from './partnership-service.ts'
export type { PartnershipDirectory } from './partnership-directory.ts'
