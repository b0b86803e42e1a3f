/** Who did something: a signed-in user, an API token's user, or the command line. */
export interface Actor {
  userId: number | null
  label: string
  requestId?: string | null | undefined
}

export type AuditAction = 'create' | 'update' | 'delete' | 'import' | 'sign_in' | 'grant' | 'revoke' | (string & {})

export interface AuditEntry {
  partnershipId: number | null
  action: AuditAction
  entityType: string
  entityId: string | number | null
  summary: string
  before?: object | null | undefined
  after?: object | null | undefined
}

/** Fields never written to the audit log, whatever record they appear in. */
const SECRET_FIELDS = new Set(['passwordHash', 'tokenHash', 'csrfToken', 'password'])

/** A copy of a record fit for the audit log: secrets removed, dates as ISO strings. */
export function auditSnapshot(record: object | null | undefined): Record<string, unknown> | null {
  if (!record) return null
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(record)) {
    if (SECRET_FIELDS.has(key) || value === undefined) continue
    out[key] = value instanceof Date ? value.toISOString() : value
  }
  return out
}
