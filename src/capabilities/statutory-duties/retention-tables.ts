/** Row type of retention_runs (migration 0935-retention-runs). */
export interface RetentionRunsTable {
  runOn: string
  runner: string
  startedAt: Date
  finishedAt: Date | null
  outcome: string | null
}

export interface RetentionTables {
  retentionRuns: RetentionRunsTable
}
