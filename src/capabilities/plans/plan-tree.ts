import type { Quarter } from '../../core/calendar/index.ts'

import { nameKey, type Directory } from './domain/directory.ts'
import type { ResolvedPriority } from './domain/plan-draft.ts'
import { dimensionsOf, latestPerQuarter, otherRagsOf, type Rag, type RagDimension } from './domain/rag.ts'
import type { ActionStatus } from './domain/schedule.ts'
import type { ActionRow, ObjectiveRow, PlanRecords, PlanRow, PriorityRow, RiskRow, StrategicObjectiveRow, UpdateRow } from './plan-repository.ts'

/**
 * A plan with everything under it, in order, and the names of the organisations, people and groups it
 * refers to (read from the partnership's records, which the plans capability does not hold).
 */

export interface OrganisationRef {
  id: number
  name: string
  shortName: string | null
}

export interface PersonRef {
  id: number
  name: string
  organisationName: string | null
  organisationShortName: string | null
}

export interface ActionNode extends Omit<ActionRow, 'quarters' | 'status' | 'outcomes'> {
  outcomes: string[]
  quarters: Quarter[]
  status: ActionStatus
  leadOrganisations: OrganisationRef[]
  supportingPartners: OrganisationRef[]
  leadPeople: PersonRef[]
  /** The district of a joint partnership the action is for; null for the whole partnership. */
  district: { id: number; name: string } | null
  /** Every update, newest first (see domain/rag.ts `newestFirst`). */
  updates: (Omit<UpdateRow, 'otherRags'> & { rag: Rag | null; quarter: Quarter; otherRags: Record<string, Rag> })[]
}

export interface PriorityNode extends Omit<PriorityRow, 'subThemes'> {
  subThemes: string[]
  deliveringGroup: { id: number; name: string; shortName: string | null } | null
  risks: RiskRow[]
  objectives: ObjectiveRow[]
  /** Actions directly under the priority first, then each objective's in the objectives' order. */
  actions: ActionNode[]
}

export interface PlanTree {
  plan: PlanRow
  /** The strategic objectives above the priorities, in order; empty for a plan without them. */
  strategicObjectives: StrategicObjectiveRow[]
  /** The dimensions the partnership assesses its actions on (at least one). */
  ragDimensions: RagDimension[]
  priorities: PriorityNode[]
}

const asArray = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : typeof value === 'string' ? (JSON.parse(value) as T[]) : [])

/** Links in their order: by position, then by name (the directory lists each kind by name). */
function inOrder<L extends { position: number }, R extends { id: number }>(links: L[], refs: readonly R[], refOf: (link: L) => number): R[] {
  const index = new Map(refs.map((ref, i) => [ref.id, i]))
  return links
    .filter(link => index.has(refOf(link)))
    .sort((a, b) => a.position - b.position || index.get(refOf(a))! - index.get(refOf(b))!)
    .map(link => refs[index.get(refOf(link))!]!)
}

/** The tree of a plan's records, with the names of its leads and delivering groups. */
export function assembleTree(records: PlanRecords, names: Directory): PlanTree {
  const { plan, priorities, risks, objectives, actions, organisationLinks, personLinks, updates } = records
  const strategicObjectives = records.strategicObjectives
  const ragDimensions = dimensionsOf(records.ragDimensions)
  if (priorities.length === 0) return { plan, strategicObjectives, ragDimensions, priorities: [] }
  const districts = new Map((names.districts ?? []).map(d => [d.id, d]))
  const organisation = (o: OrganisationRef): OrganisationRef => ({ id: o.id, name: o.name, shortName: o.shortName })
  const organisationsOf = (actionId: number, role: 'lead' | 'supporting') =>
    inOrder(
      organisationLinks.filter(link => link.actionId === actionId && link.role === role),
      names.organisations,
      link => link.organisationId,
    ).map(organisation)
  const groups = new Map(names.groups.map(group => [group.id, group]))

  const objectivePosition = new Map(objectives.map((o, i) => [o.id, i]))
  const nodes = actions
    .map(action => ({
      ...action,
      outcomes: asArray<string>(action.outcomes),
      quarters: asArray<Quarter>(action.quarters),
      status: action.status as ActionStatus,
      leadOrganisations: organisationsOf(action.id, 'lead'),
      supportingPartners: organisationsOf(action.id, 'supporting'),
      leadPeople: inOrder(
        personLinks.filter(link => link.actionId === action.id),
        names.people,
        link => link.personId,
      ).map(({ id, name, organisationName, organisationShortName }) => ({ id, name, organisationName, organisationShortName })),
      district: action.districtAreaId === null ? null : { id: action.districtAreaId, name: districts.get(action.districtAreaId)?.name ?? 'A district no longer recorded' },
      updates: updates.filter(u => u.actionId === action.id).map(u => ({ ...u, otherRags: otherRagsOf(u.otherRags) })) as ActionNode['updates'],
    }))
    .sort((a, b) => {
      const oa = a.objectiveId === null ? -1 : (objectivePosition.get(a.objectiveId) ?? 0)
      const ob = b.objectiveId === null ? -1 : (objectivePosition.get(b.objectiveId) ?? 0)
      return oa - ob || a.position - b.position || a.id - b.id
    })

  return {
    plan,
    strategicObjectives,
    ragDimensions,
    priorities: priorities.map(priority => {
      const group = priority.deliveringGroupId === null ? undefined : groups.get(priority.deliveringGroupId)
      return {
        ...priority,
        subThemes: asArray<string>(priority.subThemes),
        deliveringGroup: priority.deliveringGroupId !== null && group?.name ? { id: priority.deliveringGroupId, name: group.name, shortName: group.shortName } : null,
        risks: risks.filter(r => r.priorityId === priority.id),
        objectives: objectives.filter(o => o.priorityId === priority.id),
        actions: nodes.filter(a => a.priorityId === priority.id),
      }
    }),
  }
}

/** A priority of a loaded plan as a draft with record ids, for the refresh and the export. */
export function draftOf(priority: PriorityNode, strategicObjectives: readonly StrategicObjectiveRow[] = []): ResolvedPriority {
  const objectiveTitle = new Map(priority.objectives.map(o => [o.id, o.title]))
  return {
    title: priority.title,
    strategicObjective: strategicObjectives.find(o => o.id === priority.strategicObjectiveId)?.title ?? null,
    priorityId: priority.id,
    objectiveIds: Object.fromEntries(priority.objectives.map(o => [nameKey(o.title), o.id])),
    subThemes: priority.subThemes,
    headlineTarget: priority.headlineTarget,
    deliveringGroup: priority.deliveringGroupId,
    resources: priority.resources,
    risks: priority.risks.map(r => ({ risk: r.risk, mitigation: r.mitigation })),
    progressComment: priority.progressComment,
    objectives: priority.objectives.map(o => o.title),
    actions: priority.actions.map(action => ({
      objective: action.objectiveId === null ? null : (objectiveTitle.get(action.objectiveId) ?? null),
      title: action.title,
      outcomes: action.outcomes,
      leadOrganisations: action.leadOrganisations.map(o => o.id),
      leadPeople: action.leadPeople.map(p => p.id),
      leadNote: action.leadNote,
      supportingPartners: action.supportingPartners.map(o => o.id),
      quarters: action.quarters,
      dueDate: action.dueDate,
      timescaleNote: action.timescaleNote,
      dependencies: action.dependencies,
      status: action.status,
      district: action.districtAreaId,
      actionId: action.id,
      updates: [...latestPerQuarter(action.updates).values()]
        .sort((a, b) => a.quarter - b.quarter)
        .map(u => ({ quarter: u.quarter, body: u.body, rag: u.rag, otherRags: u.otherRags })),
    })),
  }
}
