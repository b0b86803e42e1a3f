import { financialYearLabel } from '../../../core/calendar/index.ts'
import type { Block, DocumentSection, ReportDocument } from '../../../core/documents/model.ts'

import { performanceBlocks } from './annual-report.ts'
import { footerText, generatedLine, statusLine, withAttribution, type ReportFacts } from './common-blocks.ts'
import { narrativeBlocks } from './narrative.ts'
import type { PerformanceTable } from './performance.ts'

/**
 * The performance table ("Achievements from Strategic Priorities", seed 000): the coordinator's introduction,
 * the table of targets with both years' figures, the change and RAG (from the indicators), the charts, and
 * what the partnership notes about the targets it missed.
 */
export interface PerformanceReportInput {
  facts: ReportFacts
  performance: PerformanceTable | null
}

export function performanceReportDocument(input: PerformanceReportInput): ReportDocument {
  const { facts, performance } = input
  const year = financialYearLabel(facts.year)
  const sections: DocumentSection[] = []
  const introduction = narrativeBlocks(facts.narrative.introduction)
  const table: Block[] = performance
    ? performanceBlocks(performance, facts.year).slice(1)
    : [{ kind: 'paragraph', text: `No indicator figures are recorded for ${year}.` }]
  sections.push({ heading: `Achievements from strategic priorities ${year}`, blocks: [...introduction, ...table] })
  const commentary = narrativeBlocks(facts.narrative.commentary)
  if (commentary.length) sections.push({ heading: 'What we note', blocks: commentary })
  return withAttribution(
    {
      title: facts.title,
      subtitle: facts.partnershipName,
      metadata: [{ label: 'Year', value: year }, statusLine(facts), generatedLine(facts)],
      sections,
      footer: footerText(facts),
      author: facts.partnershipName,
      generatedAt: facts.generatedAt,
    },
    performance?.containsPublicSectorData === true,
  )
}
