/**
 * Domestic abuse related death reviews: each review from notification to publication, its deadlines against
 * the statutory timescales, its action plan, who may see the records (the 'reviews' grant) and the retention
 * rules the system applies. This file is its public surface.
 */
export { deathReviewService, DUTY as DEATH_REVIEW_DUTY, type DeathReviewService } from './death-review-service.ts'
export { deathReviewsCapability } from './death-review-routes.ts'
export { deathReviewReminders } from './death-review-reminders.ts'
export { deathReviewPaths } from './death-review-paths.ts'
export { DEATH_REVIEW_RETENTION_RULES, type RetentionRule } from './domain/retention.ts'
export { STAGE_LABELS as DEATH_REVIEW_STAGE_LABELS, STAGES as DEATH_REVIEW_STAGES, type Stage as DeathReviewStage } from './domain/timescales.ts'
export type { DeathReviewFigures } from './domain/figures.ts'
