/** The partnerships capability (a partnership, its structure and who has access) as others see it. */
export { partnershipService, type PartnershipService } from './partnership-service.ts'
export type { PartnershipDirectory } from './partnership-directory.ts'
export { partnershipsCapability } from './partnership-routes.ts'
export type { AreaType, AuthorityType, GroupType, MeetingCadence, MembershipRole } from './domain/structure.ts'
export { districtSetupService, type DistrictSetupService } from './setup/district-setup-service.ts'
export type { AreaLookup, DistrictGeography, DistrictMatch } from './setup/area-lookup.ts'
export { teamInvitations, type TeamInvitations } from './team/team-invitations.ts'
export { teamService, type TeamService } from './team/team-service.ts'
