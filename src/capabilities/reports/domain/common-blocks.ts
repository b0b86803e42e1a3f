import { formatDate } from '../../../shared/format.ts'
import type { Quarter } from '../../../core/calendar/index.ts'
import { type PlanSummary, type PlanView, type PriorityView, RAG_LABELS, type RagCounts, type RagDefinitions } from '../../plans/index.ts'
import type { Block, ReportDocument, TableBlock } from '../../../core/documents/model.ts'

import { dimensionTables, districtTable, strategicObjectiveBullets } from './plan-shapes.ts'
import type { ReportStatus } from './report-kinds.ts'

/** What every generated document knows about its report. */
export interface ReportFacts {
  title: string
  partnershipName: string
  status: ReportStatus
  generatedAt: Date
  year: number
  quarter: Quarter | null
  committee: string | null
  /** 'YYYY-MM-DD' */
  meetingDate: string | null
  narrative: Record<string, string>
}

/**
 * A plan as the documents read it: the plans capability's view of it (what its pages show: each action's
 * leads, timescales, updates and current RAG) and its summary (actions by current RAG, complete, due).
 */
export interface PlanReading {
  view: PlanView
  summary: PlanSummary
}

export const OGL_ATTRIBUTION = 'Contains public sector information licensed under the Open Government Licence v3.0.'

/** "Priority 1: Safeguarding vulnerable people". */
export function priorityHeading(priority: Pick<PriorityView, 'title'>, index: number): string {
  return `Priority ${index + 1}: ${priority.title}`
}

/** "Safeguarding vulnerable people from harm (domestic abuse; hidden harm)". */
function priorityWithThemes(priority: Pick<PriorityView, 'title' | 'subThemes'>): string {
  return priority.subThemes.length ? `${priority.title} (${priority.subThemes.join('; ')})` : priority.title
}

export function statusLine(facts: ReportFacts): { label: string; value: string } {
  return { label: 'Status', value: facts.status === 'final' ? 'Final' : 'Draft' }
}

export function generatedLine(facts: ReportFacts): { label: string; value: string } {
  return { label: 'Figures taken from the records', value: formatDate(facts.generatedAt, 'datetime') }
}

export function footerText(facts: ReportFacts): string {
  return `${facts.partnershipName} – ${facts.title}${facts.status === 'draft' ? ' (draft)' : ''}`
}

/** Actions counted as the plan pages count them: by RAG status, and those marked complete (whatever their RAG). */
export interface StatusCounts {
  actions: number
  rag: RagCounts
  complete: number
}

/** The counts per priority with a total row, in the columns of the plan page's summary. */
export function ragSummaryTable(priorities: readonly (StatusCounts & { title: string })[], total: StatusCounts, caption: string): TableBlock {
  const countCells = (c: StatusCounts) => [c.actions, c.rag.red, c.rag.amber, c.rag.green, c.rag.none, c.complete]
  return {
    kind: 'table',
    caption,
    columns: [
      { header: 'Priority', width: 4 },
      { header: 'Actions', width: 1, numeric: true },
      { header: RAG_LABELS.red, width: 1, numeric: true },
      { header: RAG_LABELS.amber, width: 1, numeric: true },
      { header: RAG_LABELS.green, width: 1, numeric: true },
      { header: 'No status yet', width: 1.2, numeric: true },
      { header: 'Complete', width: 1.2, numeric: true },
    ],
    rowHeaders: true,
    rows: [
      ...priorities.map((priority, index) => ({ cells: [priorityHeading(priority, index), ...countCells(priority)] })),
      { cells: ['All priorities', ...countCells(total)].map(value => ({ lines: [typeof value === 'number' ? value.toLocaleString('en-GB') : value], bold: true })) },
    ],
  }
}

const listed = (parts: string[]) => (parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : (parts[0] ?? ''))

/**
 * The counts in words: "Of the 40 actions in the plan, 2 are red, 10 amber, 25 green and 3 have no RAG
 * status yet; 4 are complete."
 */
export function ragSentence(counts: StatusCounts, when: string): string {
  if (counts.actions === 0) return 'No actions are recorded in the plan.'
  const coloured = (['red', 'amber', 'green'] as const).filter(rag => counts.rag[rag] > 0).map((rag, i) => `${counts.rag[rag]} ${i === 0 ? (counts.rag[rag] === 1 ? 'is ' : 'are ') : ''}${rag}`)
  const none = counts.rag.none ? [`${counts.rag.none} ${counts.rag.none === 1 ? 'has' : 'have'} no RAG status yet`] : []
  const complete = counts.complete ? `; ${counts.complete} ${counts.complete === 1 ? 'is' : 'are'} marked complete` : ''
  return `Of the ${counts.actions.toLocaleString('en-GB')} ${counts.actions === 1 ? 'action' : 'actions'} ${when}, ${listed([...coloured, ...none])}${complete}.`
}

/** The partnership's own words for each status, in the order the plan pages give them. */
export function ragKeyTable(definitions: RagDefinitions): TableBlock {
  return {
    kind: 'table',
    caption: 'What the RAG statuses mean',
    columns: [
      { header: 'Status', width: 1.2 },
      { header: 'Meaning', width: 6 },
    ],
    rows: (['green', 'amber', 'red'] as const).map(rag => ({ cells: [{ rag }, definitions[rag]] })),
  }
}

/** The priorities of the plan as a list, with their sub-themes (under their strategic objectives, for a plan with them). */
export function prioritiesBullets(plan: PlanView): Block {
  if (plan.strategicObjectives?.length) return strategicObjectiveBullets(plan)
  return { kind: 'bullets', items: plan.priorities.map(priorityWithThemes) }
}

export function withAttribution(document: ReportDocument, publicSectorData: boolean): ReportDocument {
  return publicSectorData ? { ...document, attribution: [...(document.attribution ?? []), OGL_ATTRIBUTION] } : document
}

/**
 * How the plan's actions stand now (current RAG, as the plan pages show it) in a sentence and a table, for
 * the annual report and the strategic assessment; null for a plan whose actions are not recorded.
 */
export function actionProgress(plan: PlanReading, caption: string): { sentence: string; table: TableBlock; more: TableBlock[] } | null {
  const { summary } = plan
  if (summary.totals.actions === 0) return null
  const dimensions = summary.dimensions ?? []
  const district = summary.districts ? districtTable(summary, `${caption}, by district`) : null
  return {
    sentence: ragSentence(summary.totals, 'in the plan'),
    table: ragSummaryTable(summary.priorities, summary.totals, dimensions.length > 1 ? `${caption}: ${dimensions[0]!.name}` : caption),
    // The counts of the partnership's other RAG dimensions, and per district, when the plan has them.
    more: [...(dimensions.length > 1 ? dimensionTables(summary, name => `${caption}: ${name}`) : []), ...(district ? [district] : [])],
  }
}
