/**
 * The structure of a Community Safety Partnership, in the words of its own documents: the areas it
 * covers, its partner organisations, the groups it works through and the people in them.
 */

type Labels<T extends string> = Record<T, string>
const keys = <T extends string>(labels: Labels<T>) => Object.keys(labels) as [T, ...T[]]

export const AREA_TYPE_LABELS = {
  district: 'District',
  ward: 'Ward',
  lsoa: 'LSOA (lower layer super output area)',
  policing_area: 'Neighbourhood policing area',
  community_forum_area: 'Community forum area',
  custom: 'Other area',
} as const satisfies Labels<string>
export type AreaType = keyof typeof AREA_TYPE_LABELS
export const AREA_TYPES = keys(AREA_TYPE_LABELS)

export const ORGANISATION_KIND_LABELS = {
  responsible_authority: 'Statutory responsible authority',
  community_partner: 'Community partner',
} as const satisfies Labels<string>
export const ORGANISATION_KINDS = keys(ORGANISATION_KIND_LABELS)

/** The responsible authorities under the Crime and Disorder Act 1998, s.5 (as amended). */
export const AUTHORITY_TYPE_LABELS = {
  district_council: 'District or borough council',
  county_council: 'County council',
  police: 'Police',
  police_authority: 'Police authority',
  fire_and_rescue: 'Fire and rescue',
  probation: 'Probation',
  health: 'Health',
} as const satisfies Labels<string>
export type AuthorityType = keyof typeof AUTHORITY_TYPE_LABELS
export const AUTHORITY_TYPES = keys(AUTHORITY_TYPE_LABELS)

export const GROUP_TYPE_LABELS = {
  partnership_board: 'Partnership board',
  steering_group: 'Steering group',
  reference_group: 'Reference group',
  sub_group: 'Sub-group',
  task_and_finish_group: 'Task and finish group',
  other: 'Other group',
} as const satisfies Labels<string>
export type GroupType = keyof typeof GROUP_TYPE_LABELS
export const GROUP_TYPES = keys(GROUP_TYPE_LABELS)

export const MEETING_CADENCE_LABELS = {
  weekly: 'Weekly',
  fortnightly: 'Fortnightly',
  monthly: 'Monthly',
  bi_monthly: 'Every two months',
  quarterly: 'Quarterly',
  twice_yearly: 'Twice a year',
  annually: 'Once a year',
  as_needed: 'When needed',
} as const satisfies Labels<string>
export type MeetingCadence = keyof typeof MEETING_CADENCE_LABELS
export const MEETING_CADENCES = keys(MEETING_CADENCE_LABELS)

export const MEMBERSHIP_ROLE_LABELS = {
  chair: 'Chair',
  vice_chair: 'Vice-chair',
  member: 'Member',
} as const satisfies Labels<string>
export type MembershipRole = keyof typeof MEMBERSHIP_ROLE_LABELS
export const MEMBERSHIP_ROLES = keys(MEMBERSHIP_ROLE_LABELS)

/** Which area types may sit inside which: a ward in a district or policing area, an LSOA in a ward… */
const ALLOWED_PARENTS: Record<AreaType, readonly AreaType[]> = {
  district: [],
  policing_area: ['district'],
  community_forum_area: ['district'],
  ward: ['district', 'policing_area', 'community_forum_area'],
  lsoa: ['ward', 'district', 'policing_area'],
  custom: ['district', 'ward', 'policing_area', 'community_forum_area', 'custom'],
}

export function parentProblem(type: AreaType, parentType: AreaType | null): string | null {
  if (parentType === null) return null
  const allowed = ALLOWED_PARENTS[type]
  if (allowed.includes(parentType)) return null
  if (allowed.length === 0) return `A ${AREA_TYPE_LABELS[type].toLowerCase()} cannot sit inside another area`
  return `A ${AREA_TYPE_LABELS[type].toLowerCase()} can only sit inside a ${allowed.map(t => AREA_TYPE_LABELS[t].toLowerCase()).join(' or ')}`
}

export interface Node {
  id: number
  parentId: number | null
}

/**
 * Would giving `id` the parent `newParentId` make a loop (a group reporting, in the end, to itself)?
 * `nodes` is every node with its current parent.
 */
export function wouldCreateCycle(nodes: readonly Node[], id: number, newParentId: number | null): boolean {
  const parentOf = new Map(nodes.map(node => [node.id, node.parentId]))
  let current = newParentId
  const seen = new Set<number>()
  while (current !== null && current !== undefined) {
    if (current === id) return true
    if (seen.has(current)) return false
    seen.add(current)
    current = parentOf.get(current) ?? null
  }
  return false
}

export interface TreeNode<T> {
  item: T
  depth: number
}

/** Nodes in tree order (each followed by its children), with their depth; orphans count as roots. */
export function flattenTree<T extends Node>(nodes: readonly T[], compare: (a: T, b: T) => number): TreeNode<T>[] {
  const ids = new Set(nodes.map(node => node.id))
  const children = new Map<number | null, T[]>()
  for (const node of nodes) {
    const parent = node.parentId !== null && ids.has(node.parentId) ? node.parentId : null
    children.set(parent, [...(children.get(parent) ?? []), node])
  }
  const out: TreeNode<T>[] = []
  const visit = (parent: number | null, depth: number) => {
    for (const child of [...(children.get(parent) ?? [])].sort(compare)) {
      out.push({ item: child, depth })
      visit(child.id, depth + 1)
    }
  }
  visit(null, 0)
  return out
}

/** Options for a select, from a labels table. */
export function optionsOf(labels: Record<string, string>): { value: string; text: string }[] {
  return Object.entries(labels).map(([value, text]) => ({ value, text }))
}
