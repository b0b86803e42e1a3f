import { planYearLabel } from '../../plans/domain/quarters.ts'
import type { Block, DocumentSection, ReportDocument } from '../document/model.ts'

import { performanceBlocks } from './annual-report.ts'
import { actionProgress, footerText, generatedLine, prioritiesBullets, statusLine, withAttribution, type PlanReading, type ReportFacts } from './common-blocks.ts'
import { narrativeBlocks, nextNumber, type Numbering } from './narrative.ts'
import type { PerformanceTable } from './performance.ts'

/**
 * The strategic assessment: the analysis that sets the next plan's priorities. The coordinator writes the
 * introduction, method, findings and recommended priorities; the records give how the current plan's actions
 * stand and, from the indicators, the performance figures and their charts.
 */
export interface StrategicAssessmentInput {
  facts: ReportFacts
  /** The plan in force while the assessment is written, if one is chosen. */
  plan: PlanReading | null
  performance: PerformanceTable | null
}

export function strategicAssessmentDocument(input: StrategicAssessmentInput): ReportDocument {
  const { facts, plan, performance } = input
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
        { kind: 'paragraph', text: `The current priorities (${planYearLabel(plan.view.plan.planYear)}) are:`, number: nextNumber(n) },
        prioritiesBullets(plan.view),
      ]
      if (progress) blocks.push({ kind: 'paragraph', text: progress.sentence, number: nextNumber(n) }, progress.table)
      return blocks
    })
  }
  if (performance) add('Performance', n => performanceBlocks(performance, facts.year - 1, n))
  add('Key findings', written('findings'))
  add('Emerging issues and risks', written('emerging'))
  add('Consultation', written('consultation'))
  add(`Recommended priorities for ${planYearLabel(facts.year)}`, written('priorities'))

  return withAttribution(
    {
      title: facts.title,
      subtitle: facts.partnershipName,
      metadata: [{ label: 'For the year', value: planYearLabel(facts.year) }, statusLine(facts), generatedLine(facts)],
      sections,
      footer: footerText(facts),
      author: facts.partnershipName,
      generatedAt: facts.generatedAt,
    },
    performance?.containsPublicSectorData === true,
  )
}
