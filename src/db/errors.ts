/** Recognise PostgreSQL errors by SQLSTATE (node-postgres and PGlite both put it in `code`). */
interface DbError {
  code?: string
  constraint?: string
  detail?: string
}

function asDbError(error: unknown): DbError | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? (error as DbError) : undefined
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = asDbError(error)
  return e?.code === '23505' && (!constraint || e.constraint === constraint)
}

/**
 * A row another row still refers to. PostgreSQL 15 reports an ON DELETE RESTRICT refusal as
 * foreign_key_violation (23503); PostgreSQL 18 (PGlite) as restrict_violation (23001). Both mean the same.
 */
export function isForeignKeyViolation(error: unknown): boolean {
  const code = asDbError(error)?.code
  return code === '23503' || code === '23001'
}

export function isCheckViolation(error: unknown): boolean {
  return asDbError(error)?.code === '23514'
}

export function constraintOf(error: unknown): string | undefined {
  return asDbError(error)?.constraint
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN'])
/** 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, 53300 too_many_connections; class 08: connection exceptions. */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300'])
const CONNECTION_MESSAGES =
  /Connection terminated|connection error|timeout exceeded when trying to connect|terminating connection|the database system is (starting up|shutting down|in recovery|not yet accepting)|PGlite is closed|Client was closed|driver has already been destroyed/i

/**
 * The database could not be reached or went away (a restart, a failover, the server down): the request
 * can be tried again later, and nothing of it was saved unless it was acknowledged.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string' && (CONNECTION_CODES.has(code) || UNAVAILABLE_STATES.has(code) || /^08/.test(code))) return true
  const message = (error as { message?: unknown }).message
  if (typeof message === 'string' && CONNECTION_MESSAGES.test(message)) return true
  const cause = (error as { cause?: unknown }).cause
  return cause !== undefined && cause !== error && isDatabaseUnavailable(cause)
}
