/** The background jobs' table (migration 0950-background-jobs). */
export interface BackgroundJobsTable {
  name: string
  status: 'running' | 'succeeded' | 'failed'
  runner: string
  step: string
  done: number
  total: number
  message: string | null
  startedAt: Date
  heartbeatAt: Date
  finishedAt: Date | null
}

export interface JobTables {
  backgroundJobs: BackgroundJobsTable
}
