import type { Access, Permission } from './roles.ts'

/**
 * Grants: access to records only some people may see, given person by person on top of a role. Today there is
 * one, 'reviews': the domestic abuse related death review records. A grant counts only while its holder may
 * see the partnership's own records (holds a role there, or is a site administrator): a visitor or someone
 * whose role was taken away gets nothing from it. Admins give and take grants; every change is audited.
 */
export const GRANTS = ['reviews'] as const
export type Grant = (typeof GRANTS)[number]

export const GRANT_LABELS: Record<Grant, string> = {
  reviews: 'Death reviews',
}

export const GRANT_DESCRIPTIONS: Record<Grant, string> = {
  reviews: 'Sees and keeps the domestic abuse related death review records. Nobody else sees them, whatever their role.',
}

/** The permission each grant gives. */
const GRANT_PERMISSIONS: Record<Grant, Permission> = { reviews: 'reviews' }

/** Permissions that only a grant gives. Not holding one is answered as if the records did not exist. */
export function isGrantPermission(permission: Permission): boolean {
  return (Object.values(GRANT_PERMISSIONS) as Permission[]).includes(permission)
}

export function isGrant(value: unknown): value is Grant {
  return typeof value === 'string' && (GRANTS as readonly string[]).includes(value)
}

/** Whether the grants held give the permission, for someone with this access. */
export function grantAllows(access: Access, grants: ReadonlySet<Grant> | undefined, permission: Permission): boolean {
  if (access === 'public' || !grants) return false
  return [...grants].some(grant => GRANT_PERMISSIONS[grant] === permission)
}
