/**
 * Who reports on which priority. "Performance against the baseline for each of the priorities will be
 * monitored on a monthly basis by the Chairs of these sub groups or Community Safety Team where a
 * sub-group does not exist" (Rochford CSP plan 2011/12, section 9): a priority is reported on by the group
 * that delivers it, and a priority no group delivers by the partnership's community safety team.
 */

export interface GroupRef {
  id: number
  name: string
  shortName: string | null
}

export interface PriorityRef {
  id: number
  position: number
  title: string
  deliveringGroup: GroupRef | null
}

export interface Reporter {
  /** For forms and links: the group's id, or 'community-safety-team'. */
  key: string
  /** Null for the community safety team. */
  groupId: number | null
  name: string
  /** The priorities it reports on, in the plan's order. */
  priorities: PriorityRef[]
}

export const COMMUNITY_SAFETY_TEAM_KEY = 'community-safety-team'
export const COMMUNITY_SAFETY_TEAM_NAME = 'Community Safety Team'

export function reporterKey(groupId: number | null): string {
  return groupId === null ? COMMUNITY_SAFETY_TEAM_KEY : String(groupId)
}

/** The group id a reporter key stands for (null for the community safety team), or undefined when it is not one. */
export function parseReporterKey(value: unknown): number | null | undefined {
  if (value === COMMUNITY_SAFETY_TEAM_KEY) return null
  if (typeof value !== 'string' || !/^\d{1,9}$/.test(value)) return undefined
  const id = Number(value)
  return id > 0 ? id : undefined
}

export function reporterName(group: GroupRef | null): string {
  return group ? group.name : COMMUNITY_SAFETY_TEAM_NAME
}

/**
 * The reporters of a plan, in the order of the first priority each delivers; each with its priorities.
 */
export function reportersOf(priorities: readonly PriorityRef[]): Reporter[] {
  const reporters = new Map<string, Reporter>()
  for (const priority of [...priorities].sort((a, b) => a.position - b.position || a.id - b.id)) {
    const group = priority.deliveringGroup
    const key = reporterKey(group?.id ?? null)
    let reporter = reporters.get(key)
    if (!reporter) {
      reporter = { key, groupId: group?.id ?? null, name: reporterName(group), priorities: [] }
      reporters.set(key, reporter)
    }
    reporter.priorities.push(priority)
  }
  return [...reporters.values()]
}
