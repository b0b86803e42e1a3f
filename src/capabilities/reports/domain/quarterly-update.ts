import { formatDate } from '../../../shared/format.ts'
import type { CellLine, CellValue, DocumentSection, Rag, ReportDocument, TableBlock, TableRow } from '../document/model.ts'

import { footerText, generatedLine, planYearLabel, priorityHeading, prioritiesBullets, ragKeyTable, ragSentence, ragSummaryTable, statusLine, type ReportFacts } from './common-blocks.ts'
import { narrativeBlocks } from './narrative.ts'
import { quarterLabel, quartersText, type Quarter } from './periods.ts'
import { ragForQuarter, updatesInQuarter, type ActionSnapshot, type PlanSnapshot, type PrioritySnapshot } from './plan-snapshot.ts'

/**
 * The quarterly partnership plan update (Appendix A of seed 001): for each priority, a table of its actions
 * grouped by strategic objective — actions, outcomes / measures, lead, timescales, the quarter's updates and
 * the RAG status — after an introduction, a summary of the statuses and the RAG key.
 */
export interface QuarterlyUpdateInput {
  facts: ReportFacts & { quarter: Quarter }
  plan: PlanSnapshot
  ragDefinitions: Record<Rag, string>
}

function actionCell(action: ActionSnapshot): CellValue {
  const lines: CellLine[] = [{ text: action.title }]
  if (action.status === 'complete') lines.push({ text: 'Complete', small: true })
  if (action.status === 'cancelled') lines.push({ text: 'Cancelled', small: true })
  if (action.dependencies) lines.push({ text: `Dependencies: ${action.dependencies}`, small: true })
  return { lines }
}

function outcomesCell(action: ActionSnapshot): CellValue {
  if (action.outcomes.length <= 1) return action.outcomes[0] ?? ''
  return { lines: action.outcomes.map(text => ({ text, bullet: true })) }
}

function leadCell(action: ActionSnapshot): CellValue {
  const lines: CellLine[] = [...action.leadOrganisations.map(text => ({ text })), ...action.leadPeople.map(text => ({ text }))]
  if (action.leadNote) lines.push({ text: action.leadNote })
  if (action.supportingOrganisations.length) lines.push({ text: `Supported by ${action.supportingOrganisations.join(', ')}`, small: true })
  return { lines }
}

function timescaleCell(action: ActionSnapshot): CellValue {
  const lines: CellLine[] = []
  const quarters = quartersText(action.quarters)
  if (quarters) lines.push({ text: quarters })
  if (action.dueDate) lines.push({ text: `By ${formatDate(action.dueDate)}` })
  if (action.timescaleNote) lines.push({ text: action.timescaleNote })
  return { lines }
}

function updatesCell(action: ActionSnapshot, quarter: Quarter): CellValue {
  const updates = updatesInQuarter(action, quarter)
  if (!updates.length) return { lines: [{ text: `No update for Q${quarter}`, small: true }] }
  return {
    lines: updates.flatMap(update => [
      ...update.body
        .split(/\r?\n/)
        .map(line => line.trim())
        .filter(Boolean)
        .map(line => (/^[-*•]\s+/.test(line) ? { text: line.replace(/^[-*•]\s+/, ''), bullet: true } : { text: line })),
      { text: `${update.authorLabel}, ${formatDate(update.createdAt)}`, small: true },
    ]),
  }
}

function actionRow(action: ActionSnapshot, quarter: Quarter): TableRow {
  return { cells: [actionCell(action), outcomesCell(action), leadCell(action), timescaleCell(action), updatesCell(action, quarter), { rag: ragForQuarter(action, quarter) }] }
}

export function priorityTable(priority: PrioritySnapshot, index: number, quarter: Quarter, year: number): TableBlock {
  const rows: TableRow[] = priority.actions.map(action => actionRow(action, quarter))
  for (const objective of priority.objectives) {
    rows.push({ group: `Strategic objective: ${objective.title}` })
    if (!objective.actions.length) rows.push({ cells: [{ lines: [{ text: 'No actions recorded for this objective', small: true }], span: 6 }] })
    for (const action of objective.actions) rows.push(actionRow(action, quarter))
  }
  return {
    kind: 'table',
    caption: `${priorityHeading(priority, index)} – actions and ${quarterLabel(year, quarter)} updates`,
    size: 'small',
    columns: [
      { header: 'Actions', width: 3.2 },
      { header: 'Outcomes / measures', width: 3 },
      { header: 'Lead agency / officer', width: 2.1 },
      { header: 'Timescales', width: 1.3 },
      { header: `Q${quarter} updates`, width: 4.2 },
      { header: 'RAG', width: 1.1 },
    ],
    rows,
  }
}

function prioritySection(priority: PrioritySnapshot, index: number, quarter: Quarter, year: number): DocumentSection {
  const blocks: DocumentSection['blocks'] = []
  if (priority.subThemes.length) blocks.push({ kind: 'paragraph', text: [{ text: 'Themes: ', bold: true }, { text: priority.subThemes.join('; ') }] })
  if (priority.headlineTarget) blocks.push({ kind: 'paragraph', text: [{ text: 'Target: ', bold: true }, { text: priority.headlineTarget }] })
  if (priority.deliveringGroup) blocks.push({ kind: 'paragraph', text: [{ text: 'Delivered by: ', bold: true }, { text: priority.deliveringGroup }] })
  if (!priority.actions.length && !priority.objectives.length) blocks.push({ kind: 'paragraph', text: 'No actions are recorded for this priority.' })
  else blocks.push(priorityTable(priority, index, quarter, year))
  if (priority.progressComment) blocks.push({ kind: 'heading', text: 'Progress and comments', level: 3 }, ...narrativeBlocks(priority.progressComment))
  if (priority.resources) blocks.push({ kind: 'paragraph', text: [{ text: 'Resources: ', bold: true }, { text: priority.resources }] })
  if (priority.risks.length) {
    blocks.push({
      kind: 'table',
      caption: `Key risks to achieving priority ${index + 1}`,
      columns: [
        { header: 'Risk', width: 1 },
        { header: 'Action to mitigate the risk', width: 1 },
      ],
      rows: priority.risks.map(risk => ({ cells: [risk.risk, risk.mitigation ?? ''] })),
    })
  }
  return { heading: priorityHeading(priority, index), orientation: 'landscape', startOnNewPage: true, blocks }
}

export function quarterlyUpdateDocument(input: QuarterlyUpdateInput): ReportDocument {
  const { facts, plan } = input
  const quarter = facts.quarter
  const year = plan.plan.planYear
  const introduction = narrativeBlocks(facts.narrative.introduction)
  const summary = ragSummaryTable(plan, action => ragForQuarter(action, quarter), `RAG status of the actions in ${quarterLabel(year, quarter)}`)
  const sections: DocumentSection[] = []
  if (introduction.length) sections.push({ heading: 'Introduction', blocks: introduction })
  sections.push({
    heading: 'Summary of progress',
    blocks: [
      ...narrativeBlocks(facts.narrative.summary),
      { kind: 'paragraph', text: ragSentence(summary.total, `in ${quarterLabel(year, quarter)}`) },
      summary.table,
      ragKeyTable(input.ragDefinitions),
      {
        kind: 'note',
        title: 'How the status is set',
        paragraphs: [`Each action’s status is that of its latest update for Q${quarter}. An action with no update for the quarter shows “No update”.`],
      },
    ],
  })
  sections.push({
    heading: `Partnership priorities for ${planYearLabel(plan)}`,
    blocks: plan.priorities.length ? [prioritiesBullets(plan)] : [{ kind: 'paragraph', text: 'The plan has no priorities yet.' }],
  })
  plan.priorities.forEach((priority, index) => sections.push(prioritySection(priority, index, quarter, year)))

  return {
    title: facts.title,
    subtitle: facts.partnershipName,
    metadata: [
      { label: 'Plan', value: plan.plan.title + (plan.plan.versionLabel ? ` (${plan.plan.versionLabel})` : '') },
      { label: 'Quarter', value: quarterLabel(year, quarter) },
      statusLine(facts),
      generatedLine(facts),
    ],
    sections,
    footer: footerText(facts),
    author: facts.partnershipName,
    generatedAt: facts.generatedAt,
  }
}
