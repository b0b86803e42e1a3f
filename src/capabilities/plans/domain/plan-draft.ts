import type { IsoDate, Quarter } from '../../../core/calendar/index.ts'

import { findDistrict, findGroup, findOrganisation, findPerson, nameKey, type Directory } from './directory.ts'
import type { Rag } from './rag.ts'
import type { ActionStatus } from './schedule.ts'

/**
 * A plan's contents as people write them, with organisations, people and groups named rather than
 * numbered: what a spreadsheet holds (spreadsheet/domain reads and writes it) and how the demo data is typed.
 * `resolveDraft` turns the names into the partnership's records, and reports every name it cannot find.
 */

export interface DraftUpdate {
  quarter: Quarter
  body: string
  rag: Rag | null
  /** The RAG on each further dimension the partnership assesses, by dimension id. */
  otherRags?: Record<string, Rag>
  /** When it was posted and by whom; an import records the import's time and the importer. */
  postedAt?: Date
  authorLabel?: string
}

export interface DraftAction<Ref = string> {
  /** The spreadsheet row it came from, for error messages. */
  row?: number
  objective: string | null
  title: string
  outcomes: string[]
  leadOrganisations: Ref[]
  leadPeople: Ref[]
  leadNote: string | null
  supportingPartners: Ref[]
  quarters: Quarter[]
  dueDate: IsoDate | null
  timescaleNote: string | null
  dependencies: string | null
  status: ActionStatus
  updates: DraftUpdate[]
  /** The district of a joint partnership the action is for; null (or left out) for the whole partnership. */
  district?: Ref | null
  /** The record this row stands for, in an import into an existing plan (from the spreadsheet's IDs column). */
  actionId?: number | null
}

export interface DraftRisk {
  risk: string
  mitigation: string | null
}

/** A strategic objective above the priorities: a plan may put its priorities under a few (optional). */
export interface DraftStrategicObjective {
  row?: number
  title: string
  description: string | null
  /** The record it stands for, in an import into an existing plan. */
  id?: number | null
}

export interface DraftPriority<Ref = string> {
  row?: number
  title: string
  /** The title of the strategic objective it sits under; null (or left out) when the plan has none. */
  strategicObjective?: string | null
  /** The record it stands for, in an import into an existing plan. */
  priorityId?: number | null
  subThemes: string[]
  headlineTarget: string | null
  deliveringGroup: Ref | null
  resources: string | null
  risks: DraftRisk[]
  progressComment: string | null
  /** Objectives in order, including any without actions yet. */
  objectives: string[]
  /** Objectives' records by their title's key, in an import into an existing plan. */
  objectiveIds?: Record<string, number>
  actions: DraftAction<Ref>[]
}

/** An action with its title and nothing else yet (open, no leads, quarters or updates), with any fields given. */
export function draftAction(title: string, fields: Partial<Omit<DraftAction, 'title'>> = {}): DraftAction {
  return {
    objective: null,
    title,
    outcomes: [],
    leadOrganisations: [],
    leadPeople: [],
    leadNote: null,
    supportingPartners: [],
    quarters: [],
    dueDate: null,
    timescaleNote: null,
    dependencies: null,
    status: 'open',
    updates: [],
    ...fields,
  }
}

/** A priority with its title and nothing else yet, with any fields given. */
export function draftPriority(title: string, fields: Partial<Omit<DraftPriority, 'title'>> = {}): DraftPriority {
  return { title, subThemes: [], headlineTarget: null, deliveringGroup: null, resources: null, risks: [], progressComment: null, objectives: [], actions: [], ...fields }
}

/** The same, with ids of the partnership's records in place of names. */
export type ResolvedPriority = DraftPriority<number>
export type ResolvedAction = DraftAction<number>

export interface DraftProblem {
  row: number | null
  /** The column's header, e.g. "Lead organisations". */
  column: string
  message: string
}

export type Resolution = { ok: true; priorities: ResolvedPriority[] } | { ok: false; problems: DraftProblem[] }

const where = (row: number | undefined, title: string) => (row === undefined ? ` (action “${title}”)` : '')

export function resolveDraft(priorities: readonly DraftPriority[], directory: Directory): Resolution {
  const problems: DraftProblem[] = []
  const resolveList = (names: string[], row: number | undefined, column: string, title: string, find: typeof findOrganisation | typeof findPerson) => {
    const ids: number[] = []
    for (const name of names) {
      const found = find(directory, name)
      if (!found.ok) problems.push({ row: row ?? null, column, message: found.message + where(row, title) })
      else if (ids.includes(found.value.id)) problems.push({ row: row ?? null, column, message: `“${name}” is named twice${where(row, title)}` })
      else ids.push(found.value.id)
    }
    return ids
  }

  const resolved = priorities.map(priority => {
    let deliveringGroup: number | null = null
    if (priority.deliveringGroup !== null) {
      const found = findGroup(directory, priority.deliveringGroup)
      if (found.ok) deliveringGroup = found.value.id
      else problems.push({ row: priority.row ?? null, column: 'Delivering group', message: found.message })
    }
    const actions = priority.actions.map(action => {
      const leadOrganisations = resolveList(action.leadOrganisations, action.row, 'Lead organisations', action.title, findOrganisation)
      const supportingPartners = resolveList(action.supportingPartners, action.row, 'Supporting partners', action.title, findOrganisation)
      const both = supportingPartners.filter(id => leadOrganisations.includes(id))
      if (both.length > 0) {
        const names = both.map(id => directory.organisations.find(o => o.id === id)!.name)
        problems.push({
          row: action.row ?? null,
          column: 'Supporting partners',
          message: `${names.map(n => `“${n}”`).join(', ')} ${both.length === 1 ? 'is' : 'are'} already a lead organisation: name ${both.length === 1 ? 'it' : 'them'} in one column only${where(action.row, action.title)}`,
        })
      }
      const leadPeople = resolveList(action.leadPeople, action.row, 'Lead people', action.title, findPerson)
      let district: number | null = null
      if (action.district) {
        const found = findDistrict(directory, action.district)
        if (found.ok) district = found.value.id
        else problems.push({ row: action.row ?? null, column: 'District', message: found.message + where(action.row, action.title) })
      }
      return { ...action, leadOrganisations, supportingPartners, leadPeople, district }
    })
    return { ...priority, deliveringGroup, actions }
  })
  return problems.length > 0 ? { ok: false, problems } : { ok: true, priorities: resolved }
}

/** Objectives of a priority are told apart by their wording, ignoring case and spacing. */
export function sameObjective(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b
  return nameKey(a) === nameKey(b)
}
