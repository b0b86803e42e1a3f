/**
 * Whether the database answers, as this process last saw it. Queries that fail to reach the database
 * (and the pool's connection errors) mark it unavailable; a probe, every few seconds while it is, marks
 * it available again. /healthz reads this without touching the pool; /readyz runs a probe of its own.
 */
export interface DatabaseHealth {
  readonly available: boolean
  /** When it last changed, and what failed. */
  readonly since: Date
  readonly lastError: string | undefined
  markUnavailable(error: unknown): void
  /** Probe now (one probe at a time; callers share it), within `timeoutMs`; true if the database answered. */
  probe(timeoutMs?: number): Promise<boolean>
  /** Stop the recovery probe (on shutdown). */
  stop(): void
}

const RECOVERY_PROBE_MS = 2_000

export function databaseHealth(query: () => Promise<unknown>, onChange?: (available: boolean, error?: unknown) => void): DatabaseHealth {
  let available = true
  let since = new Date()
  let lastError: string | undefined
  let running: Promise<boolean> | undefined
  let timer: NodeJS.Timeout | undefined

  const set = (next: boolean, error?: unknown) => {
    if (next === available) return
    available = next
    since = new Date()
    lastError = next ? undefined : error instanceof Error ? error.message : String(error)
    onChange?.(next, error)
    if (!next && !timer) {
      timer = setInterval(() => void health.probe(), RECOVERY_PROBE_MS)
      timer.unref()
    }
    if (next && timer) {
      clearInterval(timer)
      timer = undefined
    }
  }

  const health: DatabaseHealth = {
    get available() {
      return available
    },
    get since() {
      return since
    },
    get lastError() {
      return lastError
    },
    markUnavailable: error => set(false, error),
    probe(timeoutMs = 3_000) {
      running ??= (async () => {
        let timeout: NodeJS.Timeout | undefined
        try {
          await Promise.race([
            query(),
            new Promise((_, reject) => {
              timeout = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)
            }),
          ])
          set(true)
          return true
        } catch (error) {
          set(false, error)
          return false
        } finally {
          clearTimeout(timeout)
          running = undefined
        }
      })()
      return running
    },
    stop() {
      if (timer) clearInterval(timer)
      timer = undefined
    },
  }
  return health
}
