/**
 * The Serious Violence Duty: the strategic needs assessment and strategy as dated records with their review
 * dates, linked to the strategic assessment's evidence and to the priorities and actions that deliver them.
 * This file is its public surface.
 */
export { seriousViolenceService, seriousViolencePaths, DUTY as SERIOUS_VIOLENCE_DUTY, type SeriousViolenceService, type ViolenceEvidence } from './serious-violence-service.ts'
export { seriousViolenceCapability } from './serious-violence-routes.ts'
export { VIOLENCE_CRIME_TYPES } from './domain/duty.ts'
export { violenceEvidence, type EvidenceSource } from './violence-evidence.ts'
