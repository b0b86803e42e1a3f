import { formatDate } from '../../../shared/format.ts'
import { quarterLabel, type Quarter } from '../../../core/calendar/index.ts'
import { ACTION_STATUS_LABELS, type ActionView, type PlanView, ragInQuarter, updatesInQuarter } from '../../plans/index.ts'
import type { Block, CellLine, CellValue, DocumentSection, Rag, TableBlock } from '../../../core/documents/model.ts'

/**
 * Which actions are red and why: every action of a plan with its lead, its RAG and its latest commentary,
 * the exceptions first — Red, then Amber, then the open actions with no update — then the rest in the plan's
 * order. The annual report reads each action's current status (its latest update, as the plan pages show it);
 * the quarterly update reads its status for the quarter. A complete or cancelled action is never an exception:
 * it has nothing left to report.
 */
export type StatusBasis = { kind: 'current' } | { kind: 'quarter'; quarter: Quarter; year: number }

export type ExceptionGroup = 'red' | 'amber' | 'no_update' | 'rest'
const GROUP_ORDER: ExceptionGroup[] = ['red', 'amber', 'no_update', 'rest']

export interface ActionStatusRow {
  action: ActionView
  /** "Priority 2" with its title. */
  priority: { number: number; title: string }
  rag: Rag | null
  /** An update was given (for the quarter, or ever). */
  updated: boolean
  group: ExceptionGroup
  latest: ActionView['latestUpdate'] | undefined
}

/** The lead as one line of text: lead organisations, lead people "Name (Organisation)", the lead as written. */
export function leadText(action: ActionView): string {
  const people = action.leadPeople.map(p => {
    const organisation = p.organisationShortName ?? p.organisationName
    return organisation ? `${p.name} (${organisation})` : p.name
  })
  return [...action.leadOrganisations.map(o => o.name), ...people, ...(action.leadNote ? [action.leadNote] : [])].join('; ')
}

function statusOf(action: ActionView, basis: StatusBasis): Pick<ActionStatusRow, 'rag' | 'updated' | 'latest'> {
  if (basis.kind === 'current') return { rag: action.currentRag, updated: action.updates.length > 0, latest: action.latestUpdate }
  const updates = updatesInQuarter(action.updates, basis.quarter)
  return { rag: ragInQuarter(action.updates, basis.quarter), updated: updates.length > 0, latest: updates.at(-1) }
}

function groupOf(action: ActionView, rag: Rag | null, updated: boolean): ExceptionGroup {
  if (action.status !== 'open') return 'rest'
  if (rag === 'red' || rag === 'amber') return rag
  return updated ? 'rest' : 'no_update'
}

/** Every action of the plan, exceptions first (Red, Amber, no update), each group in the plan's order. */
export function actionStatusRows(plan: PlanView, basis: StatusBasis): ActionStatusRow[] {
  const rows = plan.priorities.flatMap((priority, index) =>
    priority.actions.map(action => {
      const status = statusOf(action, basis)
      return { action, priority: { number: index + 1, title: priority.title }, ...status, group: groupOf(action, status.rag, status.updated) }
    }),
  )
  return GROUP_ORDER.flatMap(group => rows.filter(row => row.group === group))
}

const whenWord = (basis: StatusBasis) => (basis.kind === 'quarter' ? `for Q${basis.quarter}` : 'yet')

function commentaryCell(row: ActionStatusRow, basis: StatusBasis): CellValue {
  if (!row.latest) return { lines: [{ text: `No update ${whenWord(basis)}`, small: true }] }
  const lines: CellLine[] = row.latest.body
    .split(/\r?\n/)
    .map(line => line.trim())
    .filter(Boolean)
    .map(line => (/^[-*•]\s+/.test(line) ? { text: line.replace(/^[-*•]\s+/, ''), bullet: true } : { text: line }))
  const when = basis.kind === 'current' ? `Q${row.latest.quarter} update` : null
  lines.push({ text: [when, row.latest.authorLabel, formatDate(row.latest.createdAt)].filter(Boolean).join(', '), small: true })
  return { lines }
}

function statusCell(row: ActionStatusRow): CellValue {
  return {
    rag: row.rag,
    ...(row.rag ? {} : { ragText: row.updated ? 'No RAG given' : 'No update' }),
    lines: row.action.status === 'open' ? [] : [ACTION_STATUS_LABELS[row.action.status]],
  }
}

/** The appendix table: priority, action, lead, RAG and latest commentary, exceptions first. */
export function actionStatusTable(rows: readonly ActionStatusRow[], basis: StatusBasis, caption: string): TableBlock {
  return {
    kind: 'table',
    caption,
    size: 'small',
    columns: [
      { header: 'Priority', width: 1.1 },
      { header: 'Action', width: 4 },
      { header: 'Lead', width: 2.4 },
      { header: 'RAG', width: 1.2 },
      { header: basis.kind === 'quarter' ? `Latest Q${basis.quarter} commentary` : 'Latest commentary', width: 5.5 },
    ],
    rows: rows.map(row => ({ cells: [`Priority ${row.priority.number}`, row.action.title, leadText(row.action), statusCell(row), commentaryCell(row, basis)] })),
  }
}

const plural = (count: number, one: string, many: string) => `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`

/** "Continue to support taxi Marshalls (Priority 2: Anti-Social Behaviour; lead: Rochford District Council)". */
function named(row: ActionStatusRow): string {
  const lead = leadText(row.action)
  return `${row.action.title} (Priority ${row.priority.number}: ${row.priority.title}${lead ? `; lead: ${lead}` : ''})`
}

/**
 * The body's words on the exceptions: the red and amber actions by name, how many open actions have no
 * update, and where the appendix is. Nothing when the plan has no actions.
 */
export function exceptionBlocks(rows: readonly ActionStatusRow[], basis: StatusBasis, appendix: string, numbered: () => string | undefined): Block[] {
  if (!rows.length) return []
  const period = basis.kind === 'quarter' ? ` in ${quarterLabel(basis.year, basis.quarter)}` : ''
  const paragraph = (text: string): Block => {
    const number = numbered()
    return { kind: 'paragraph', text, ...(number ? { number } : {}) }
  }
  const blocks: Block[] = []
  const red = rows.filter(row => row.group === 'red')
  const amber = rows.filter(row => row.group === 'amber')
  if (!red.length && !amber.length) blocks.push(paragraph(`No action is rated red or amber${period}.`))
  if (red.length) blocks.push(paragraph(`${red.length === 1 ? 'One action is' : `${plural(red.length, 'action', 'actions')} are`} rated red${period}:`), { kind: 'bullets', items: red.map(named) })
  if (amber.length) blocks.push(paragraph(`${amber.length === 1 ? 'One action is' : `${plural(amber.length, 'action', 'actions')} are`} rated amber${period}:`), { kind: 'bullets', items: amber.map(named) })
  const silent = rows.filter(row => row.group === 'no_update').length
  const silentWords = silent ? ` ${plural(silent, 'open action has', 'open actions have')} no update ${whenWord(basis)}; they follow the red and amber actions there.` : ''
  blocks.push(paragraph(`${appendix} gives every action with its lead, RAG status and latest commentary, the red and amber actions first.${silentWords}`))
  return blocks
}

/** The appendix as a landscape section of its own, after the report's numbered sections. */
export function actionStatusSection(plan: PlanView, basis: StatusBasis, heading: string): DocumentSection | null {
  const rows = actionStatusRows(plan, basis)
  if (!rows.length) return null
  const caption = basis.kind === 'quarter' ? `Every action of ${plan.plan.title} in ${quarterLabel(basis.year, basis.quarter)}, exceptions first` : `Every action of ${plan.plan.title}, exceptions first`
  return {
    heading,
    orientation: 'landscape',
    startOnNewPage: true,
    blocks: [
      {
        kind: 'paragraph',
        text: `Red, then Amber, then the open actions with no update ${whenWord(basis)}, then the rest, each in the plan’s order.${basis.kind === 'current' ? ' Each action’s status is that of its latest update, as the plan’s pages show it.' : ` Each action’s status is that of its latest update for Q${basis.quarter}.`}`,
      },
      actionStatusTable(rows, basis, caption),
    ],
  }
}
