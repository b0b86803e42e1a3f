import { nameKey } from '../../domain/directory.ts'
import type { DraftProblem, DraftStrategicObjective, DraftUpdate, ResolvedAction, ResolvedPriority } from '../../domain/plan-draft.ts'
import { cleanText } from '../../domain/plan-text.ts'

/**
 * What importing a spreadsheet into an existing plan would change: each row matched to the record it came
 * from (by the record IDs an export writes, else by its words), and what is added, changed and — only when
 * asked — removed. Quarterly updates are never removed or changed: an update in the file that is not the
 * plan's latest for its quarter is added as a new one. Pure: the service applies the changes in one
 * transaction, after the user has seen them.
 */

export interface CurrentPlan {
  strategicObjectives: { id: number; title: string; description: string | null }[]
  /** Each with priorityId and objectiveIds, each action with actionId, and the latest update of each quarter. */
  priorities: ResolvedPriority[]
}

export interface FilePlan {
  strategicObjectives: DraftStrategicObjective[]
  priorities: ResolvedPriority[]
}

export type ChangeStatus = 'new' | 'changed' | 'same'

export interface StrategicObjectiveChange {
  id: number | null
  title: string
  row: number | null
  status: ChangeStatus
}

export interface PriorityChange {
  id: number | null
  row: number | null
  values: ResolvedPriority
  status: ChangeStatus
  fields: string[]
}

export interface ObjectiveChange {
  priorityIndex: number
  id: number | null
  title: string
  status: ChangeStatus
}

export interface ActionChange {
  priorityIndex: number
  id: number | null
  row: number | null
  values: ResolvedAction
  status: ChangeStatus
  fields: string[]
}

export interface UpdateChange {
  actionIndex: number
  actionId: number | null
  actionTitle: string
  row: number | null
  update: DraftUpdate
}

export interface Removal {
  id: number
  title: string
  /** What goes with it ("3 actions"), for the preview. */
  with?: string
}

export interface PlanChanges {
  problems: DraftProblem[]
  strategicObjectives: StrategicObjectiveChange[]
  priorities: PriorityChange[]
  objectives: ObjectiveChange[]
  actions: ActionChange[]
  updates: UpdateChange[]
  removed: { strategicObjectives: Removal[]; priorities: Removal[]; objectives: Removal[]; actions: Removal[] }
  /** Records of the plan not in the file, kept because removal was not asked for. */
  kept: { strategicObjectives: number; priorities: number; objectives: number; actions: number }
  /** The file puts the priorities or actions in another order than the plan's. */
  reordered: boolean
  /** The file's record IDs are all of another plan (it was exported from one): its rows are matched by their words. */
  fromAnotherPlan: boolean
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)
const text = (value: string | null | undefined) => (value === null || value === undefined ? null : cleanText(value))
const key = (value: string | null | undefined) => (value ? nameKey(value) : null)

/** The fields of a priority that differ, by the spreadsheet's column names. */
function priorityFields(before: ResolvedPriority, after: ResolvedPriority): string[] {
  const fields: [string, unknown, unknown][] = [
    ['Priority', text(before.title), text(after.title)],
    ['Strategic objective (above the priority)', key(before.strategicObjective), key(after.strategicObjective)],
    ['Sub-themes', before.subThemes, after.subThemes],
    ['Headline target', text(before.headlineTarget), text(after.headlineTarget)],
    ['Delivering group', before.deliveringGroup, after.deliveringGroup],
    ['Resources', text(before.resources), text(after.resources)],
    ['Key risks', before.risks, after.risks],
    ['Progress comment', text(before.progressComment), text(after.progressComment)],
  ]
  return fields.filter(([, a, b]) => !same(a, b)).map(([name]) => name)
}

function actionFields(before: ResolvedAction, after: ResolvedAction, moved: boolean): string[] {
  const fields: [string, unknown, unknown][] = [
    ['Action', text(before.title), text(after.title)],
    ['Priority', false, moved],
    ['Strategic objective', key(before.objective), key(after.objective)],
    ['Outcomes and measures', before.outcomes, after.outcomes],
    ['Lead organisations', before.leadOrganisations, after.leadOrganisations],
    ['Lead people', before.leadPeople, after.leadPeople],
    ['Lead (as written)', text(before.leadNote), text(after.leadNote)],
    ['Supporting partners', before.supportingPartners, after.supportingPartners],
    ['Timescale (quarters)', before.quarters, after.quarters],
    ['Due date', before.dueDate, after.dueDate],
    ['Timescale note', text(before.timescaleNote), text(after.timescaleNote)],
    ['Dependencies', text(before.dependencies), text(after.dependencies)],
    ['Status', before.status, after.status],
    ['District', before.district ?? null, after.district ?? null],
  ]
  return fields.filter(([, a, b]) => !same(a, b)).map(([name]) => name)
}

/** Whether a quarter's update in the file is already the plan's latest for that quarter. */
function sameUpdate(current: DraftUpdate | undefined, file: DraftUpdate): boolean {
  if (!current) return false
  if (cleanText(current.body) !== cleanText(file.body) || current.rag !== file.rag) return false
  return Object.entries(file.otherRags ?? {}).every(([id, rag]) => current.otherRags?.[id] === rag)
}

const idProblem = (row: number | null | undefined, message: string): DraftProblem => ({ row: row ?? null, column: 'Record IDs (do not change)', message })

/** The file with its record IDs dropped, when none of them is of the current plan (a file exported from another plan). */
function idsOfThisPlan(current: CurrentPlan, file: FilePlan): { file: FilePlan; fromAnotherPlan: boolean } {
  const ours = new Set([
    ...current.strategicObjectives.map(o => `S${o.id}`),
    ...current.priorities.flatMap(p => [`P${p.priorityId}`, ...Object.values(p.objectiveIds ?? {}).map(id => `O${id}`), ...p.actions.map(a => `A${a.actionId}`)]),
  ])
  const given = [
    ...file.strategicObjectives.flatMap(o => (o.id ? [`S${o.id}`] : [])),
    ...file.priorities.flatMap(p => [...(p.priorityId ? [`P${p.priorityId}`] : []), ...Object.values(p.objectiveIds ?? {}).map(id => `O${id}`), ...p.actions.flatMap(a => (a.actionId ? [`A${a.actionId}`] : []))]),
  ]
  if (given.length === 0 || given.some(id => ours.has(id))) return { file, fromAnotherPlan: false }
  return {
    fromAnotherPlan: true,
    file: {
      strategicObjectives: file.strategicObjectives.map(({ id: _id, ...o }) => o),
      priorities: file.priorities.map(({ priorityId: _p, objectiveIds: _o, ...p }) => ({ ...p, actions: p.actions.map(({ actionId: _a, ...a }) => a) })),
    },
  }
}

export function planChanges(current: CurrentPlan, given: FilePlan, options: { removeMissing: boolean }): PlanChanges {
  const problems: DraftProblem[] = []
  const { file, fromAnotherPlan } = idsOfThisPlan(current, given)

  // Strategic objectives: by ID, else by their words.
  const soById = new Map(current.strategicObjectives.map(o => [o.id, o]))
  const soMatched = new Set<number>()
  const strategicObjectives: StrategicObjectiveChange[] = file.strategicObjectives.map(o => {
    let found = o.id ? soById.get(o.id) : undefined
    if (o.id && !found) problems.push(idProblem(o.row, `S${o.id} is not a strategic objective of this plan: clear the record IDs of a new row`))
    found ??= current.strategicObjectives.find(c => !soMatched.has(c.id) && nameKey(c.title) === nameKey(o.title))
    if (found) soMatched.add(found.id)
    return { id: found?.id ?? null, title: o.title, row: o.row ?? null, status: !found ? 'new' : nameKey(found.title) === nameKey(o.title) && found.title === o.title ? 'same' : 'changed' }
  })

  // Priorities: by ID, else by their words among those not yet matched.
  const priorityById = new Map(current.priorities.map(p => [p.priorityId!, p]))
  const priorityMatched = new Set<number>()
  const priorities: PriorityChange[] = file.priorities.map(p => {
    let found = p.priorityId ? priorityById.get(p.priorityId) : undefined
    if (p.priorityId && !found) problems.push(idProblem(p.row, `P${p.priorityId} is not a priority of this plan: clear the record IDs of a new row`))
    if (found && priorityMatched.has(found.priorityId!)) {
      problems.push(idProblem(p.row, `Another priority of the file has the same ID (P${found.priorityId}): clear the record IDs of a new priority`))
      found = undefined
    }
    found ??= current.priorities.find(c => !priorityMatched.has(c.priorityId!) && nameKey(c.title) === nameKey(p.title))
    if (found) priorityMatched.add(found.priorityId!)
    const fields = found ? priorityFields(found, p) : []
    return { id: found?.priorityId ?? null, row: p.row ?? null, values: p, status: !found ? 'new' : fields.length ? 'changed' : 'same', fields }
  })

  // Objectives under each priority, and actions: by ID anywhere in the plan, else by words within the priority.
  const objectives: ObjectiveChange[] = []
  const actions: ActionChange[] = []
  const updates: UpdateChange[] = []
  const actionById = new Map(current.priorities.flatMap(p => p.actions.map(a => [a.actionId!, { action: a, priority: p }] as const)))
  const actionMatched = new Set<number>()
  const objectiveMatched = new Set<number>()
  file.priorities.forEach((p, priorityIndex) => {
    const was = priorities[priorityIndex]!.id === null ? undefined : priorityById.get(priorities[priorityIndex]!.id!)
    for (const title of p.objectives) {
      const givenId = p.objectiveIds?.[nameKey(title)]
      const currentIds = Object.entries(was?.objectiveIds ?? {})
      let id: number | null = null
      let status: ChangeStatus = 'new'
      if (givenId !== undefined) {
        const match = currentIds.find(([, oid]) => oid === givenId)
        if (!match) problems.push(idProblem(p.row, `O${givenId} is not an objective of the priority “${p.title}”: clear the record IDs of a new row`))
        else [id, status] = [givenId, match[0] === nameKey(title) ? 'same' : 'changed']
      } else {
        const match = currentIds.find(([k, oid]) => k === nameKey(title) && !objectiveMatched.has(oid))
        if (match) [id, status] = [match[1], 'same']
      }
      if (id !== null) objectiveMatched.add(id)
      objectives.push({ priorityIndex, id, title, status })
    }
    for (const a of p.actions) {
      let found = a.actionId ? actionById.get(a.actionId) : undefined
      if (a.actionId && !found) problems.push(idProblem(a.row, `A${a.actionId} is not an action of this plan: clear the record IDs of a new row`))
      if (found && actionMatched.has(found.action.actionId!)) {
        problems.push(idProblem(a.row, `Another row has the same action ID (A${a.actionId}): clear the record IDs of a new action`))
        found = undefined
      }
      if (!found && !a.actionId && was) {
        const byWords = was.actions.find(c => !actionMatched.has(c.actionId!) && nameKey(c.title) === nameKey(a.title))
        if (byWords) found = { action: byWords, priority: was }
      }
      if (found) actionMatched.add(found.action.actionId!)
      const moved = found !== undefined && found.priority.priorityId !== priorities[priorityIndex]!.id
      const fields = found ? actionFields(found.action, a, moved) : []
      const actionIndex = actions.length
      actions.push({ priorityIndex, id: found?.action.actionId ?? null, row: a.row ?? null, values: a, status: !found ? 'new' : fields.length ? 'changed' : 'same', fields })
      const latest = new Map((found?.action.updates ?? []).map(u => [u.quarter, u]))
      for (const update of a.updates) {
        if (!sameUpdate(latest.get(update.quarter), update)) updates.push({ actionIndex, actionId: found?.action.actionId ?? null, actionTitle: a.title, row: a.row ?? null, update })
      }
    }
  })

  // What the file leaves out: removed only when asked for.
  const missingSo = current.strategicObjectives.filter(o => !soMatched.has(o.id))
  const missingPriorities = current.priorities.filter(p => !priorityMatched.has(p.priorityId!))
  const keptPriorities = current.priorities.filter(p => priorityMatched.has(p.priorityId!))
  const missingObjectives = keptPriorities.flatMap(p => Object.entries(p.objectiveIds ?? {}).filter(([, id]) => !objectiveMatched.has(id)).map(([k, id]) => ({ id, title: p.objectives.find(t => nameKey(t) === k) ?? k, priority: p.title })))
  const missingActions = keptPriorities.flatMap(p => p.actions.filter(a => !actionMatched.has(a.actionId!)).map(a => ({ id: a.actionId!, title: a.title, priority: p.title })))
  const remove = options.removeMissing
  const order = (list: number[]) => list.some((id, i) => i > 0 && id < list[i - 1]!)
  const position = new Map(current.priorities.map((p, i) => [p.priorityId!, i]))
  const actionPosition = new Map(current.priorities.flatMap(p => p.actions.map((a, i) => [a.actionId!, i] as const)))
  const reordered =
    order(priorities.filter(p => p.id !== null).map(p => position.get(p.id!)!)) ||
    file.priorities.some((_, i) => order(actions.filter(a => a.priorityIndex === i && a.id !== null && !a.fields.includes('Priority')).map(a => actionPosition.get(a.id!)!)))

  return {
    problems,
    strategicObjectives,
    priorities,
    objectives,
    actions,
    updates,
    removed: {
      strategicObjectives: remove ? missingSo.map(o => ({ id: o.id, title: o.title })) : [],
      priorities: remove ? missingPriorities.map(p => ({ id: p.priorityId!, title: p.title, with: p.actions.length === 0 ? undefined : p.actions.length === 1 ? 'action and its updates' : `${p.actions.length} actions and their updates` })) : [],
      objectives: remove ? missingObjectives.map(o => ({ id: o.id, title: o.title, with: `under “${o.priority}”` })) : [],
      actions: remove ? missingActions.map(a => ({ id: a.id, title: a.title, with: `under “${a.priority}”, with its updates` })) : [],
    },
    kept: remove
      ? { strategicObjectives: 0, priorities: 0, objectives: 0, actions: 0 }
      : {
          strategicObjectives: missingSo.length,
          priorities: missingPriorities.length,
          objectives: missingObjectives.length,
          actions: missingActions.length + missingPriorities.reduce((n, p) => n + p.actions.length, 0),
        },
    reordered,
    fromAnotherPlan,
  }
}

/** Whether the changes would change anything at all. */
export function hasChanges(changes: PlanChanges): boolean {
  const { removed } = changes
  return (
    changes.strategicObjectives.some(o => o.status !== 'same') ||
    changes.priorities.some(p => p.status !== 'same') ||
    changes.objectives.some(o => o.status !== 'same') ||
    changes.actions.some(a => a.status !== 'same') ||
    changes.updates.length > 0 ||
    removed.strategicObjectives.length + removed.priorities.length + removed.objectives.length + removed.actions.length > 0 ||
    changes.reordered
  )
}
