import { formatDate } from '../../../shared/format.ts'
import { financialYearLabel, quarterLabel, type Quarter } from '../../../core/calendar/index.ts'
import type { CellLine, CellValue, DocumentSection, ReportDocument, TableBlock, TableRow } from '../../../core/documents/model.ts'
import {
  ACTION_STATUS_LABELS,
  countRags,
  ragInQuarter,
  ragsInQuarter,
  updatesInQuarter,
  type ActionView,
  type PlanSummary,
  type PlanView,
  type PriorityView,
  type RagDefinitions,
  type RagDimension,
} from '../../plans/index.ts'

import { footerText, generatedLine, priorityHeading, prioritiesBullets, ragKeyTable, ragSentence, ragSummaryTable, statusLine, type ReportFacts, type StatusCounts } from './common-blocks.ts'
import { actionStatusRows, actionStatusSection, exceptionBlocks, type StatusBasis } from './action-status.ts'
import { narrativeBlocks } from './narrative.ts'
import { ragByPriorityChart } from './report-charts.ts'
import { agreedLine, districtTable, quarterDimensionTables } from './plan-shapes.ts'

/**
 * The quarterly partnership plan update (Appendix A of seed 001): for each priority, a table of its actions
 * grouped by strategic objective — actions, outcomes / measures, lead, timescales, the quarter's updates and
 * the RAG status — after an introduction, a summary of the statuses and the RAG key in the partnership's own
 * words. The plan is read as the plan pages read it (plans capability); an action's status for the quarter is
 * that of its latest update for the quarter.
 */
export interface QuarterlyUpdateInput {
  facts: ReportFacts & { quarter: Quarter }
  plan: PlanView
  ragDefinitions: RagDefinitions
  /** The plan's summary, for the counts per district of a joint partnership. */
  summary?: PlanSummary
}

function actionCell(action: ActionView): CellValue {
  const lines: CellLine[] = [{ text: action.title }]
  if (action.district) lines.push({ text: action.district.name, small: true })
  if (action.dependencies) lines.push({ text: `Dependencies: ${action.dependencies}`, small: true })
  return { lines }
}

function outcomesCell(action: ActionView): CellValue {
  if (action.outcomes.length <= 1) return action.outcomes[0] ?? ''
  return { lines: action.outcomes.map(text => ({ text, bullet: true })) }
}

/** Lead organisations, lead people "Name (Organisation)", the lead as written, and supporting partners, as the plan page lists them. */
function leadCell(action: ActionView): CellValue {
  const people = action.leadPeople.map(p => {
    const organisation = p.organisationShortName ?? p.organisationName
    return organisation ? `${p.name} (${organisation})` : p.name
  })
  const lines: CellLine[] = [...action.leadOrganisations.map(o => ({ text: o.name })), ...people.map(text => ({ text }))]
  if (action.leadNote) lines.push({ text: action.leadNote })
  if (action.supportingPartners.length) lines.push({ text: `Supported by ${action.supportingPartners.map(o => o.name).join(', ')}`, small: true })
  return { lines }
}

function timescaleCell(action: ActionView): CellValue {
  const lines: CellLine[] = []
  if (action.timescale) lines.push({ text: action.timescale })
  if (action.dueDate) lines.push({ text: `Due ${formatDate(action.dueDate)}` })
  if (action.timescaleNote) lines.push({ text: action.timescaleNote })
  return { lines }
}

function updatesCell(action: ActionView, quarter: Quarter): CellValue {
  const updates = updatesInQuarter(action.updates, quarter)
  if (!updates.length) return { lines: [{ text: `No update for Q${quarter}`, small: true }] }
  return {
    lines: updates.flatMap(update => [
      ...update.body
        .split(/\r?\n/)
        .map(line => line.trim())
        .filter(Boolean)
        .map(line => (/^[-*•]\s+/.test(line) ? { text: line.replace(/^[-*•]\s+/, ''), bullet: true } : { text: line })),
      { text: [update.authorLabel, formatDate(update.createdAt)].filter(Boolean).join(', '), small: true },
    ]),
  }
}

/**
 * The quarter's RAG with its word, and "Complete" or "Cancelled" under it as the plan pages show beside the
 * tag: one cell per RAG dimension of the partnership (the status goes under the last).
 */
function statusCells(action: ActionView, quarter: Quarter, dimensions: readonly RagDimension[]): CellValue[] {
  const updated = updatesInQuarter(action.updates, quarter).length > 0
  const rags = dimensions.length > 1 ? ragsInQuarter(action.updates, quarter, dimensions) : [ragInQuarter(action.updates, quarter)]
  return rags.map((rag, i) => ({
    rag,
    ...(rag ? {} : { ragText: updated ? 'No RAG given' : 'No update' }),
    lines: action.status === 'open' || i < rags.length - 1 ? [] : [ACTION_STATUS_LABELS[action.status]],
  }))
}

function actionRow(action: ActionView, quarter: Quarter, dimensions: readonly RagDimension[]): TableRow {
  return { cells: [actionCell(action), outcomesCell(action), leadCell(action), timescaleCell(action), updatesCell(action, quarter), ...statusCells(action, quarter, dimensions)] }
}

function priorityTable(priority: PriorityView, index: number, quarter: Quarter, year: number, dimensions: readonly RagDimension[] = []): TableBlock {
  const ragColumns = dimensions.length > 1 ? dimensions.map(d => ({ header: d.name, width: 1.1 })) : [{ header: 'RAG', width: 1.1 }]
  const rows: TableRow[] = []
  for (const group of priority.groups) {
    if (group.objective) rows.push({ group: `Strategic objective: ${group.objective.title}` })
    if (!group.actions.length) rows.push({ cells: [{ lines: [{ text: 'No actions recorded for this objective', small: true }], span: 5 + ragColumns.length }] })
    for (const action of group.actions) rows.push(actionRow(action, quarter, dimensions))
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
      { header: `Q${quarter} updates`, width: 4.2 - (ragColumns.length - 1) * 0.8 },
      ...ragColumns,
    ],
    rows,
  }
}

function prioritySection(priority: PriorityView, index: number, quarter: Quarter, year: number, dimensions: readonly RagDimension[]): DocumentSection {
  const blocks: DocumentSection['blocks'] = []
  if (priority.strategicObjective) blocks.push({ kind: 'paragraph', text: [{ text: 'Strategic objective: ', bold: true }, { text: priority.strategicObjective.title }] })
  if (priority.subThemes.length) blocks.push({ kind: 'paragraph', text: [{ text: 'Themes: ', bold: true }, { text: priority.subThemes.join('; ') }] })
  if (priority.headlineTarget) blocks.push({ kind: 'paragraph', text: [{ text: 'Target: ', bold: true }, { text: priority.headlineTarget }] })
  if (priority.deliveringGroup) blocks.push({ kind: 'paragraph', text: [{ text: 'Delivered by: ', bold: true }, { text: priority.deliveringGroup.name }] })
  if (!priority.actions.length && !priority.objectives.length) blocks.push({ kind: 'paragraph', text: 'No actions are recorded for this priority.' })
  else blocks.push(priorityTable(priority, index, quarter, year, dimensions))
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

/** A priority's (or the plan's) actions counted by their RAG for the quarter. */
function quarterCounts(actions: readonly ActionView[], quarter: Quarter): StatusCounts {
  return { actions: actions.length, rag: countRags(actions.map(a => ragInQuarter(a.updates, quarter))), complete: actions.filter(a => a.status === 'complete').length }
}

export function quarterlyUpdateDocument(input: QuarterlyUpdateInput): ReportDocument {
  const { facts, plan } = input
  const quarter = facts.quarter
  const year = plan.plan.planYear
  const basis: StatusBasis = { kind: 'quarter', quarter, year }
  const introduction = narrativeBlocks(facts.narrative.introduction)
  const perPriority = plan.priorities.map(priority => ({ title: priority.title, ...quarterCounts(priority.actions, quarter) }))
  const total = quarterCounts(
    plan.priorities.flatMap(p => p.actions),
    quarter,
  )
  const dims = plan.ragDimensions ?? []
  const ragChart = ragByPriorityChart(perPriority, 'rag-by-priority', `in ${quarterLabel(year, quarter)}`)
  const districts = input.summary ? districtTable(input.summary, `Current RAG status of the actions of each district`) : null
  const sections: DocumentSection[] = []
  if (introduction.length) sections.push({ heading: 'Introduction', blocks: introduction })
  sections.push({
    heading: 'Summary of progress',
    blocks: [
      ...narrativeBlocks(facts.narrative.summary),
      { kind: 'paragraph', text: ragSentence(total, `in ${quarterLabel(year, quarter)}`) },
      ...exceptionBlocks(actionStatusRows(plan, basis), basis, 'The appendix', () => undefined),
      ragSummaryTable(perPriority, total, `RAG status of the actions in ${quarterLabel(year, quarter)}${dims.length > 1 ? `: ${dims[0]!.name}` : ''}`),
      ...(ragChart ? [{ kind: 'chart' as const, chart: ragChart }] : []),
      ...quarterDimensionTables(plan, quarter, name => `RAG status of the actions in ${quarterLabel(year, quarter)}: ${name}`),
      ...(districts ? [districts] : []),
      ragKeyTable(input.ragDefinitions),
      {
        kind: 'note',
        title: 'How the status is set',
        paragraphs: [
          `Each action’s status is that of its latest update for Q${quarter}: “No update” where it has none for the quarter, “No RAG given” where its update gave no status. An action marked complete says so under its status.`,
        ],
      },
    ],
  })
  sections.push({
    heading: `Partnership priorities for ${financialYearLabel(year)}`,
    blocks: plan.priorities.length ? [prioritiesBullets(plan)] : [{ kind: 'paragraph', text: 'The plan has no priorities yet.' }],
  })
  plan.priorities.forEach((priority, index) => sections.push(prioritySection(priority, index, quarter, year, dims)))
  const appendix = actionStatusSection(plan, basis, 'Appendix: every action by status, exceptions first')
  if (appendix) sections.push(appendix)

  return {
    title: facts.title,
    subtitle: facts.partnershipName,
    metadata: [
      { label: 'Plan', value: plan.plan.title + (plan.plan.versionLabel ? ` (${plan.plan.versionLabel})` : '') },
      ...[agreedLine(plan.plan, date => formatDate(date))].filter(line => line !== null),
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
