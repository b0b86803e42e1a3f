import { financialYearLabel } from '../../../core/calendar/index.ts'
import type { Block, DocumentSection, ReportDocument } from '../../../core/documents/model.ts'

import { performanceBlocks } from './annual-report.ts'
import { actionProgress, footerText, generatedLine, prioritiesBullets, statusLine, withAttribution, type PlanReading, type ReportFacts } from './common-blocks.ts'
import { narrativeBlocks, nextNumber, type Numbering } from './narrative.ts'
import type { PerformanceTable } from './performance.ts'

/**
 * The strategic assessment: the analysis that sets the next plan's priorities. The coordinator writes the
 * introduction, method, findings and recommended priorities; the records give how the current plan's actions
 * stand, from the indicators the performance figures and their charts, and from the police data the analyses
 * of recorded crime and anti-social behaviour (with the priority scoring matrix).
 */
export interface StrategicAssessmentInput {
  facts: ReportFacts
  /** The plan in force while the assessment is written, if one is chosen. */
  plan: PlanReading | null
  performance: PerformanceTable | null
  policeData?: PoliceDataPart | null
}

/**
 * The police data analyses for the partnership's area and the year looked back on, already in the document
 * model (tables with their caveats as notes, charts): the police data capability builds them.
 */
export interface PoliceDataPart {
  /** What the figures are, said first: the area, the period and why that period, the months held. */
  introduction: string[]
  about: { label: string; value: string }[]
  /** The summary sentences' blocks, under the part's first heading. */
  summary: Block[]
  /** The analyses, each a section (by type, year to date, trends, hotspots, districts, scoring matrix, caveats). */
  sections: DocumentSection[]
  /** Sources and licences of the figures (the Open Government Licence). */
  attribution: string[]
}

const POLICE_DATA_HEADING = 'Police recorded crime and anti-social behaviour'

export function strategicAssessmentDocument(input: StrategicAssessmentInput): ReportDocument {
  const { facts, plan, performance } = input
  const police = input.policeData ?? null
  const sections: DocumentSection[] = []
  let number = 0
  const add = (heading: string, build: (n: Numbering) => Block[]) => {
    const section = String(++number)
    const blocks = build({ section, last: 0 })
    if (blocks.length) sections.push({ number: section, heading, blocks })
    else number--
  }
  const written = (key: string) => (n: Numbering) => narrativeBlocks(facts.narrative[key], n)

  add('Introduction', written('introduction'))
  add('Data and method', written('method'))
  if (plan) {
    add(`Delivery of ${plan.view.plan.title}`, n => {
      const progress = actionProgress(plan, `Latest status of the actions of ${plan.view.plan.title}`)
      const blocks: Block[] = [
        { kind: 'paragraph', text: `The current priorities (${financialYearLabel(plan.view.plan.planYear)}) are:`, number: nextNumber(n) },
        prioritiesBullets(plan.view),
      ]
      if (progress) blocks.push({ kind: 'paragraph', text: progress.sentence, number: nextNumber(n) }, progress.table, ...progress.more)
      return blocks
    })
  }
  if (performance) add('Performance', n => performanceBlocks(performance, facts.year - 1, n))
  if (police) {
    add(POLICE_DATA_HEADING, n => [
      ...police.introduction.map(text => ({ kind: 'paragraph' as const, text, number: nextNumber(n) })),
      { kind: 'bullets', items: police.about.map(line => `${line.label}: ${line.value}`) },
      ...police.summary,
    ])
    for (const section of police.sections) sections.push({ ...section, number: String(++number) })
  }
  add('Key findings', written('findings'))
  add('Emerging issues and risks', written('emerging'))
  add('Consultation', written('consultation'))
  add(`Recommended priorities for ${financialYearLabel(facts.year)}`, written('priorities'))

  const document = withAttribution(
    {
      title: facts.title,
      subtitle: facts.partnershipName,
      metadata: [{ label: 'For the year', value: financialYearLabel(facts.year) }, statusLine(facts), generatedLine(facts)],
      sections,
      footer: footerText(facts),
      author: facts.partnershipName,
      generatedAt: facts.generatedAt,
    },
    performance?.containsPublicSectorData === true || police !== null,
  )
  const attribution = [...new Set([...(police?.attribution ?? []), ...(document.attribution ?? [])])]
  return attribution.length ? { ...document, attribution } : document
}
