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
