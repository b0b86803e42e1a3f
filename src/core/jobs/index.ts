/**
 * Background work in the database, for every capability: register a job kind (and, for work that recurs,
 * a schedule) with the runner the app builds in src/services.ts; queue jobs in your own transaction.
 */
export { jobRunner, PermanentJobError, type JobContext, type JobDefinition, type JobRunner, type RunOutcome, type ScheduleDefinition } from './job-runner.ts'
export { jobRepository, type JobRow, type NewJob } from './job-repository.ts'
export { describeCadence, type Cadence } from './domain/cadence.ts'
export type { BackOff } from './domain/back-off.ts'
export type { JobStatus } from './job-tables.ts'
