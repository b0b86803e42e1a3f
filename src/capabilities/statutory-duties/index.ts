/**
 * What the statutory duties beyond the plan (death reviews, ASB case reviews, the Serious Violence Duty,
 * events and campaigns) share, and their hub page. This file is its public surface.
 */
export { sortStatutoryDates, type DirectoryAction, type DirectoryPriority, type DutyDirectory, type RetentionOutcome, type StatutoryDate } from './duties.ts'
export { dutyDirectory, type DirectorySource } from './directory.ts'
export { fundingLines, type FundingSource } from './funding-lines.ts'
export type { FundingLine } from './duties.ts'
export { retentionSchedule, type RetentionSchedule } from './retention-schedule.ts'
