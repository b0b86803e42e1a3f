import { formatDate } from '../../../shared/format.ts'
import { RAG_WORDS, type Block, type Rag, type ReportDocument, type TableBlock } from '../document/model.ts'

import { financialYearLabel, type Quarter } from './periods.ts'
import { actionsOf, addCounts, countRags, type ActionSnapshot, type PlanSnapshot, type PrioritySnapshot, type RagCounts } from './plan-snapshot.ts'
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

export const OGL_ATTRIBUTION = 'Contains public sector information licensed under the Open Government Licence v3.0.'

/** "Priority 1: Safeguarding vulnerable people". */
export function priorityHeading(priority: PrioritySnapshot, index: number): string {
  return `Priority ${index + 1}: ${priority.title}`
}

/** "Safeguarding vulnerable people from harm (domestic abuse; hidden harm)". */
export function priorityWithThemes(priority: PrioritySnapshot): string {
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

/** The counts of each status per priority, with a total row. */
export function ragSummaryTable(plan: PlanSnapshot, ragOf: (action: ActionSnapshot) => Rag | null, caption: string): { table: TableBlock; total: RagCounts } {
  const perPriority = plan.priorities.map(priority => countRags(actionsOf(priority).map(ragOf)))
  const total = addCounts(perPriority)
  const countCells = (c: RagCounts) => [c.total, c.green, c.amber, c.red, c.blue, c.none]
  return {
    total,
    table: {
      kind: 'table',
      caption,
      columns: [
        { header: 'Priority', width: 4 },
        { header: 'Actions', width: 1, numeric: true },
        { header: RAG_WORDS.green, width: 1, numeric: true },
        { header: RAG_WORDS.amber, width: 1, numeric: true },
        { header: RAG_WORDS.red, width: 1, numeric: true },
        { header: `${RAG_WORDS.blue} (complete)`, width: 1.3, numeric: true },
        { header: 'No update', width: 1.2, numeric: true },
      ],
      rowHeaders: true,
      rows: [
        ...plan.priorities.map((priority, index) => ({ cells: [priorityHeading(priority, index), ...countCells(perPriority[index]!)] })),
        { cells: ['All priorities', ...countCells(total)].map(value => ({ lines: [typeof value === 'number' ? value.toLocaleString('en-GB') : value], bold: true })) },
      ],
    },
  }
}

/** One sentence for the counts: "Of the 45 actions, 30 are green, 10 amber, 2 red, 1 complete and 2 have no update." */
export function ragSentence(counts: RagCounts, when: string): string {
  if (counts.total === 0) return `The plan has no actions ${when}.`
  const parts = [
    counts.green ? `${counts.green} green` : '',
    counts.amber ? `${counts.amber} amber` : '',
    counts.red ? `${counts.red} red` : '',
    counts.blue ? `${counts.blue} complete (blue)` : '',
  ].filter(Boolean)
  const none = counts.none ? `${counts.none} ${counts.none === 1 ? 'has' : 'have'} no update` : ''
  const list = [...parts, ...(none ? [none] : [])]
  const joined = list.length > 1 ? `${list.slice(0, -1).join(', ')} and ${list.at(-1)}` : list[0]
  return `Of the ${counts.total} ${counts.total === 1 ? 'action' : 'actions'} ${when}, ${joined}.`
}

export function ragKeyTable(definitions: Record<Rag, string>): TableBlock {
  return {
    kind: 'table',
    caption: 'What the RAG statuses mean',
    columns: [
      { header: 'Status', width: 1.2 },
      { header: 'Meaning', width: 6 },
    ],
    rows: (['red', 'amber', 'green', 'blue'] as const).map(rag => ({ cells: [{ rag }, definitions[rag]] })),
  }
}

/** The priorities of the plan as a list, with their sub-themes. */
export function prioritiesBullets(plan: PlanSnapshot): Block {
  return { kind: 'bullets', items: plan.priorities.map(priorityWithThemes) }
}

export function planYearLabel(plan: PlanSnapshot): string {
  return financialYearLabel(plan.plan.planYear)
}

export function withAttribution(document: ReportDocument, publicSectorData: boolean): ReportDocument {
  return publicSectorData ? { ...document, attribution: [...(document.attribution ?? []), OGL_ATTRIBUTION] } : document
}
