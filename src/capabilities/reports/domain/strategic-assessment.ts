import type { Block, DocumentSection, ReportDocument } from '../document/model.ts'

import { performanceBlocks } from './annual-report.ts'
import { footerText, generatedLine, priorityWithThemes, ragSentence, ragSummaryTable, statusLine, withAttribution, type ReportFacts } from './common-blocks.ts'
import { narrativeBlocks, nextNumber, type Numbering } from './narrative.ts'
import { financialYearLabel } from './periods.ts'
import type { PerformanceTable } from './performance.ts'
import { currentRag, type PlanSnapshot } from './plan-snapshot.ts'

/**
 * The strategic assessment: the analysis that sets the next plan's priorities. The coordinator writes the
 * introduction, method, findings and recommended priorities; the records give how the current plan's actions
 * stand and, from the indicators, the performance figures and their charts.
 */
export interface StrategicAssessmentInput {
  facts: ReportFacts
  /** The plan in force while the assessment is written, if one is chosen. */
  plan: PlanSnapshot | null
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
    add(`Delivery of ${plan.plan.title}`, n => {
      const summary = ragSummaryTable(plan, currentRag, `Latest status of the actions of ${plan.plan.title}`)
      return [
        { kind: 'paragraph', text: `The current priorities (${financialYearLabel(plan.plan.planYear)}) are:`, number: nextNumber(n) },
        { kind: 'bullets', items: plan.priorities.map(priorityWithThemes) },
        { kind: 'paragraph', text: ragSentence(summary.total, 'in the plan'), number: nextNumber(n) },
        summary.table,
      ]
    })
  }
  if (performance) add('Performance', n => performanceBlocks(performance, facts.year - 1, n))
  add('Key findings', written('findings'))
  add('Emerging issues and risks', written('emerging'))
  add('Consultation', written('consultation'))
  add(`Recommended priorities for ${financialYearLabel(facts.year)}`, written('priorities'))

  return withAttribution(
    {
      title: facts.title,
      subtitle: facts.partnershipName,
      metadata: [{ label: 'For the year', value: financialYearLabel(facts.year) }, statusLine(facts), generatedLine(facts)],
      sections,
      footer: footerText(facts),
      author: facts.partnershipName,
      generatedAt: facts.generatedAt,
    },
    performance?.containsPublicSectorData === true,
  )
}
