/**
 * Roles are held per partnership; one person may hold different roles in several partnerships.
 *
 * - admin: everything a coordinator can do, and manages the partnership's accounts and settings
 * - coordinator: runs the partnership's records (structure, plans, indicators, funding, reports)
 * - lead: reads everything of the partnership, and edits what they lead (their actions' updates)
 * - member: reads everything of the partnership
 * - public: an anonymous visitor (or a user without a role) sees only what a published partnership shows
 */
export const ROLES = ['admin', 'coordinator', 'lead', 'member'] as const
export type Role = (typeof ROLES)[number]
export type Access = Role | 'public'

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  coordinator: 'Coordinator',
  lead: 'Lead',
  member: 'Member',
}

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: 'Runs the partnership’s records and manages its accounts and settings',
  coordinator: 'Runs the partnership’s records: structure, plans, indicators, funding and reports',
  lead: 'Reads everything and updates the actions they lead',
  member: 'Reads everything of the partnership',
}

export type Permission =
  /** See the partnership's published pages. */
  | 'view_published'
  /** See everything of the partnership, published or not. */
  | 'view'
  /** Post updates on the actions one leads (the service checks the leadership). */
  | 'post_own_updates'
  /** Create, change and delete the partnership's records. */
  | 'edit_records'
  /** Browse the audit log. */
  | 'view_audit'
  /** Give and take away roles; change the partnership's settings. */
  | 'manage_partnership'

const GRANTS: Record<Access, readonly Permission[]> = {
  public: ['view_published'],
  member: ['view_published', 'view'],
  lead: ['view_published', 'view', 'post_own_updates'],
  coordinator: ['view_published', 'view', 'post_own_updates', 'edit_records', 'view_audit'],
  admin: ['view_published', 'view', 'post_own_updates', 'edit_records', 'view_audit', 'manage_partnership'],
}

export function can(access: Access, permission: Permission): boolean {
  return GRANTS[access].includes(permission)
}

export interface Viewer {
  userId: number
  isSiteAdmin: boolean
  roles: ReadonlyMap<number, Role>
}

/**
 * What a viewer may do in a partnership, or null when the partnership must look as if it did not exist
 * (not theirs and not published).
 */
export function accessTo(viewer: Viewer | null, partnership: { id: number; isPublished: boolean }): Access | null {
  if (viewer?.isSiteAdmin) return 'admin'
  const role = viewer?.roles.get(partnership.id)
  if (role) return role
  return partnership.isPublished ? 'public' : null
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}
