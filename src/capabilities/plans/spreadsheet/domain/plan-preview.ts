import { quarterProblem } from '../../domain/schedule.ts'
import type { IsoDate, Quarter } from '../../../../core/calendar/index.ts'
import { RAG_LABELS, type RagDimension } from '../../domain/rag.ts'
import type { DraftProblem } from '../../domain/plan-draft.ts'

import type { PlanChanges, UpdateChange } from './plan-changes.ts'

/**
 * The changes of an import in words, for the page that asks the user to confirm them: what will be added,
 * changed and removed, each with its row in the file, and what is kept although the file leaves it out.
 */
export interface PreviewLine {
  row: number | null
  text: string
}

export interface PlanPreview {
  added: PreviewLine[]
  changed: PreviewLine[]
  removed: PreviewLine[]
  updates: PreviewLine[]
  /** "2 actions are not in the file: they are kept" */
  kept: string[]
  reordered: boolean
  /** The file was exported from another plan: its rows were matched by their words. */
  fromAnotherPlan: boolean
  /** Nothing would change. */
  empty: boolean
}

const quote = (text: string) => `“${text.length > 120 ? `${text.slice(0, 119)}…` : text}”`
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/** An update in words: "Q2 update of “Walk Online” (Amber; Outcome: Green): Sessions booked". */
export function updateLine(change: UpdateChange, dimensions: readonly RagDimension[]): PreviewLine {
  const { update } = change
  const rags = [update.rag ? RAG_LABELS[update.rag] : 'no RAG', ...dimensions.slice(1).map(d => `${d.name}: ${update.otherRags?.[String(d.id)] ? RAG_LABELS[update.otherRags[String(d.id)]!] : 'no RAG'}`)]
  return { row: change.row, text: `Q${update.quarter} update of ${quote(change.actionTitle)} (${rags.join('; ')}): ${update.body.length > 200 ? `${update.body.slice(0, 199)}…` : update.body}` }
}

export function planPreview(changes: PlanChanges, dimensions: readonly RagDimension[]): PlanPreview {
  const added: PreviewLine[] = []
  const changed: PreviewLine[] = []
  for (const o of changes.strategicObjectives) {
    if (o.status === 'new') added.push({ row: o.row, text: `Strategic objective ${quote(o.title)}` })
    if (o.status === 'changed') changed.push({ row: o.row, text: `Strategic objective ${quote(o.title)}: its words` })
  }
  changes.priorities.forEach((p, i) => {
    if (p.status === 'new') added.push({ row: p.row, text: `Priority ${quote(p.values.title)}` })
    if (p.status === 'changed') changed.push({ row: p.row, text: `Priority ${quote(p.values.title)}: ${p.fields.join(', ')}` })
    for (const o of changes.objectives.filter(o => o.priorityIndex === i)) {
      if (o.status === 'new') added.push({ row: p.row, text: `Objective ${quote(o.title)} under ${quote(p.values.title)}` })
      if (o.status === 'changed') changed.push({ row: p.row, text: `Objective ${quote(o.title)} under ${quote(p.values.title)}: its words` })
    }
  })
  for (const a of changes.actions) {
    const priority = changes.priorities[a.priorityIndex]!.values.title
    if (a.status === 'new') added.push({ row: a.row, text: `Action ${quote(a.values.title)} under ${quote(priority)}` })
    if (a.status === 'changed') changed.push({ row: a.row, text: `Action ${quote(a.values.title)}: ${a.fields.join(', ')}` })
  }
  const { removed: r, kept: k } = changes
  const removed: PreviewLine[] = [
    ...r.strategicObjectives.map(o => ({ row: null, text: `Strategic objective ${quote(o.title)} (its priorities stay, directly under the plan)` })),
    ...r.priorities.map(p => ({ row: null, text: `Priority ${quote(p.title)}${p.with ? `, with its ${p.with}` : ''}` })),
    ...r.objectives.map(o => ({ row: null, text: `Objective ${quote(o.title)} ${o.with ?? ''}`.trim() })),
    ...r.actions.map(a => ({ row: null, text: `Action ${quote(a.title)} ${a.with ?? ''}`.trim() })),
  ]
  const kept = [
    k.strategicObjectives ? `${plural(k.strategicObjectives, 'strategic objective is', 'strategic objectives are')} not in the file: kept` : null,
    k.priorities ? `${plural(k.priorities, 'priority is', 'priorities are')} not in the file: kept, with their actions` : null,
    k.objectives ? `${plural(k.objectives, 'objective is', 'objectives are')} not in the file: kept` : null,
    k.actions ? `${plural(k.actions, 'action is', 'actions are')} not in the file: kept` : null,
  ].filter((line): line is string => line !== null)
  const updates = changes.updates.map(u => updateLine(u, dimensions))
  return {
    added,
    changed,
    removed,
    updates,
    kept,
    reordered: changes.reordered,
    fromAnotherPlan: changes.fromAnotherPlan,
    empty: added.length + changed.length + removed.length + updates.length === 0 && !changes.reordered,
  }
}

/** The updates of the file for quarters that have not started yet (which cannot be posted), as problems. */
export function futureUpdateProblems(updates: readonly UpdateChange[], planYear: number, today: IsoDate, columnOf: (quarter: Quarter) => string): DraftProblem[] {
  return updates.flatMap(u => {
    const problem = quarterProblem(planYear, u.update.quarter, today)
    return problem ? [{ row: u.row, column: columnOf(u.update.quarter), message: `${problem} (the update of ${quote(u.actionTitle)})` }] : []
  })
}

/**
 * The updates a lead may post from their file: those of the actions they lead. An update of an action they
 * do not lead, or of a row that is not an action of the plan, is refused with its row and column.
 */
export function leadUpdates(changes: PlanChanges, ledActionIds: ReadonlySet<number>, columnOf: (quarter: Quarter) => string): { updates: UpdateChange[]; problems: DraftProblem[] } {
  const problems: DraftProblem[] = []
  const updates: UpdateChange[] = []
  for (const u of changes.updates) {
    if (u.actionId === null) {
      problems.push({ row: u.row, column: columnOf(u.update.quarter), message: `${quote(u.actionTitle)} is not an action of this plan: only coordinators can add actions. Leave the update of a new row empty` })
    } else if (!ledActionIds.has(u.actionId)) {
      problems.push({ row: u.row, column: columnOf(u.update.quarter), message: `You do not lead ${quote(u.actionTitle)}, so you cannot post its Q${u.update.quarter} update: leave it as it was` })
    } else updates.push(u)
  }
  return { updates, problems }
}
