import { formatDate } from '../../../shared/format.ts'
import { financialYearLabel } from '../../../core/calendar/index.ts'
import type { Block, DocumentMasthead, DocumentSection, ReportDocument } from '../../../core/documents/model.ts'

import { actionStatusRows, actionStatusSection, exceptionBlocks } from './action-status.ts'
import { actionProgress, footerText, generatedLine, prioritiesBullets, statusLine, withAttribution, type PlanReading, type ReportFacts } from './common-blocks.ts'
import { fundingDetailBlocks } from './funding-detail.ts'
import { allocationsTableBlock, bidsTableBlock, fundingSentences, fundingTableBlock, type FundingSummary } from './funding.ts'
import { frontMatterLines, type PaperFrontMatter } from './front-matter.ts'
import { narrativeBlocks, nextNumber, type Numbering } from './narrative.ts'
import { performanceTableBlock, type PerformanceTable } from './performance.ts'
import { chartBlocks, indicatorTargetChart, ragByPriorityChart } from './report-charts.ts'
import { numberedSections, standardLayout, type AnnualSectionKey, type SectionLayoutEntry } from './section-layout.ts'

/**
 * The annual report to the crime and disorder scrutiny committee, in the committee-report structure of the
 * seeds (001, 004): numbered sections and paragraphs, the coordinator's words in each section, and — from the
 * records — the plan's priorities with the RAG summary of their actions, the performance table (indicators)
 * and the funding figures (funding), each where the data exists.
 */
export interface AnnualReportInput {
  facts: ReportFacts
  plan: PlanReading | null
  performance: PerformanceTable | null
  funding: FundingSummary | null
  /** The council's paper front matter of the partnership, printed first on the front page. */
  paper?: PaperFrontMatter | null
  /** The council's sections in order with their titles; the standard layout when not given. */
  layout?: readonly SectionLayoutEntry[] | null
  /** The council's name and logo, at the head of the first page. */
  masthead?: DocumentMasthead | null
}

const APPENDIX = 'Appendix A'
const NOT_WRITTEN = 'This section has not been written yet.'

/** A numbered section's words; every section of the layout needs some, so an empty one says so. */
function written(facts: ReportFacts, key: string, numbering: Numbering): Block[] {
  const blocks = narrativeBlocks(facts.narrative[key], numbering)
  if (!blocks.length) return [{ kind: 'paragraph', text: [{ text: NOT_WRITTEN, bold: true }], number: nextNumber(numbering) }]
  return blocks
}

export function performanceBlocks(performance: PerformanceTable, year: number, numbering?: Numbering): Block[] {
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: `Performance against the partnership’s targets for ${financialYearLabel(year)} is shown in the table below.`,
      ...(numbering ? { number: nextNumber(numbering) } : {}),
    },
    performanceTableBlock(performance, `Achievements from strategic priorities ${financialYearLabel(year)}`),
  ]
  if (performance.source) blocks.push({ kind: 'paragraph', text: `Source: ${performance.source}`, small: true })
  if (performance.notes?.length) blocks.push({ kind: 'note', title: 'About these figures', paragraphs: performance.notes })
  for (const chart of performance.charts ?? []) blocks.push({ kind: 'chart', chart })
  blocks.push(...chartBlocks('Each indicator against its target', (performance.trends ?? []).map(indicatorTargetChart)))
  return blocks
}

function backgroundBlocks({ facts, plan, performance, funding }: AnnualReportInput, n: Numbering): Block[] {
  const blocks = written(facts, 'background', n)
  if (plan) {
    if (plan.view.priorities.length) {
      blocks.push({ kind: 'paragraph', text: `The priority areas for action for ${financialYearLabel(plan.view.plan.planYear)} were:`, number: nextNumber(n) })
      blocks.push(prioritiesBullets(plan.view))
    }
    const progress = actionProgress(plan, `Progress on the actions of ${plan.view.plan.title}`)
    if (progress) {
      blocks.push({
        kind: 'paragraph',
        text: `Each priority has an action plan delivered through the partnership’s groups. ${progress.sentence} The table below gives the latest status of the actions of each priority.`,
        number: nextNumber(n),
      })
      blocks.push(progress.table)
      const chart = ragByPriorityChart(plan.summary.priorities, 'rag-by-priority', 'now')
      if (chart) blocks.push({ kind: 'chart', chart })
      blocks.push(...progress.more)
      blocks.push(...exceptionBlocks(actionStatusRows(plan.view, { kind: 'current' }), { kind: 'current' }, APPENDIX, () => nextNumber(n)))
    }
  }
  const achievements = narrativeBlocks(facts.narrative.achievements, n)
  if (achievements.length) {
    if (achievements[0]!.kind === 'bullets') blocks.push({ kind: 'paragraph', text: 'Partnership outcomes during the year have included:', number: nextNumber(n) })
    blocks.push(...achievements)
  }
  if (performance) blocks.push(...performanceBlocks(performance, facts.year, n))
  if (funding) blocks.push({ kind: 'paragraph', text: fundingSentences(funding).join(' '), number: nextNumber(n) })
  const businessPlan = narrativeBlocks(facts.narrative.businessPlan, n)
  if (businessPlan.length) blocks.push({ kind: 'heading', text: 'Link to business plan priorities', level: 3 }, ...businessPlan)
  return blocks
}

function resourceBlocks(facts: ReportFacts, funding: FundingSummary | null, year: number, n: Numbering): Block[] {
  const blocks = written(facts, 'resources', n)
  if (funding) {
    blocks.push(fundingTableBlock(funding))
    const allocations = allocationsTableBlock(funding)
    if (allocations) blocks.push(allocations)
    const bids = bidsTableBlock(funding)
    if (bids) blocks.push(bids)
    blocks.push(...fundingDetailBlocks(funding))
    if (funding.notes?.length) blocks.push({ kind: 'note', title: 'About the funding figures', paragraphs: funding.notes })
  } else {
    // The committee reads that the money was looked for and none is recorded, not a section with nothing about it.
    blocks.push({ kind: 'paragraph', text: `No funding recorded for ${financialYearLabel(year)}.`, number: nextNumber(n) })
  }
  return blocks
}

export function annualReportDocument(input: AnnualReportInput): ReportDocument {
  const { facts, plan, performance, funding } = input
  const year = facts.year
  const sections: DocumentSection[] = []
  const builders: Record<AnnualSectionKey, (numbering: Numbering) => Block[]> = {
    purpose: n => written(facts, 'purpose', n),
    introduction: n => written(facts, 'introduction', n),
    background: n => backgroundBlocks(input, n),
    risk: n => written(facts, 'risk', n),
    crimeAndDisorder: n => written(facts, 'crimeAndDisorder', n),
    resources: n => resourceBlocks(facts, funding, year, n),
    financial: n => written(facts, 'financial', n),
    legal: n => written(facts, 'legal', n),
    equality: n => written(facts, 'equality', n),
    dataProtection: n => written(facts, 'dataProtection', n),
    climate: n => written(facts, 'climate', n),
    recommendation: n => written(facts, 'recommendation', n),
  }
  // The council's sections in its order and words, numbered as they fall.
  for (const entry of numberedSections(input.layout ?? standardLayout())) {
    const numbering: Numbering = { section: entry.number, last: 0 }
    sections.push({ number: entry.number, heading: entry.title, blocks: builders[entry.key](numbering) })
  }
  const signOff = narrativeBlocks(facts.narrative.signOff)
  if (signOff.length) sections.push({ blocks: signOff })
  const appendix = plan && actionStatusSection(plan.view, { kind: 'current' }, `${APPENDIX}: progress on every action`)
  if (appendix) sections.push(appendix)

  const metadata = [
    ...frontMatterLines(input.paper ?? null),
    ...(facts.committee ? [{ label: 'Committee', value: facts.committee }] : []),
    ...(facts.meetingDate ? [{ label: 'Meeting', value: formatDate(facts.meetingDate) }] : []),
    { label: 'Year reported on', value: financialYearLabel(year) },
    statusLine(facts),
    generatedLine(facts),
  ]
  return withAttribution(
    {
      title: facts.title,
      subtitle: facts.partnershipName,
      ...(input.masthead ? { masthead: input.masthead } : {}),
      metadata,
      sections,
      footer: footerText(facts),
      author: facts.partnershipName,
      generatedAt: facts.generatedAt,
    },
    performance?.containsPublicSectorData === true,
  )
}
