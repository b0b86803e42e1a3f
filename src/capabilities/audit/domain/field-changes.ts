/** What an update changed, for showing it in the audit log. */

export interface FieldChange {
  field: string
  before: unknown
  after: unknown
}

const IGNORED_IN_DIFF = new Set(['updatedAt', 'createdAt'])

/** The fields whose values differ between two snapshots, for showing an update. */
export function changedFields(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): FieldChange[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])
  const changes: FieldChange[] = []
  for (const field of keys) {
    if (IGNORED_IN_DIFF.has(field)) continue
    const a = before?.[field] ?? null
    const b = after?.[field] ?? null
    if (JSON.stringify(a) !== JSON.stringify(b)) changes.push({ field, before: a, after: b })
  }
  return changes
}
