import type { FundingService } from '../funding/index.ts'
import { targetHistory, type IndicatorService } from '../indicators/index.ts'
import type { AssessmentExport } from '../police-data/index.ts'
import { toReportSections } from '../../core/documents/structured-report.ts'

import type { PerformanceRow } from './domain/performance.ts'
import type { ReportDataSources } from './report-service.ts'

/**
 * The reports' figures from the capabilities that own them: the performance table from the indicators
 * (their exact figures, change and RAG, not worked out again here), the money from the funding ledger, and
 * the police data analyses (the strategic assessment's tables, charts and caveats, and the scoring matrix).
 */
export function reportSources({
  indicators,
  funding,
  police,
  moreSections,
}: {
  indicators: IndicatorService
  funding: FundingService
  police?: AssessmentExport
  moreSections?: ReportDataSources['moreSections']
}): ReportDataSources {
  return {
    ...(moreSections ? { moreSections } : {}),
    ...(police ? policeDataSources(police) : {}),
    async performance(ctx, year) {
      const table = await indicators.performance(ctx, year)
      const rows: PerformanceRow[] = table.groups.flatMap(group =>
        group.rows.map(row => ({
          ...(group.heading ? { group: group.heading } : {}),
          measure: row.statement,
          indicator: row.indicatorName,
          target: row.targetWording ?? 'No target',
          baselineText: row.baselineFigure ? `${row.baselineFigure.text} (${row.baselineFigure.label})` : '',
          targetText: row.targetFigure?.text ?? '',
          previous: row.lastYear.value,
          current: row.thisYear.value,
          previousText: row.lastYear.text,
          currentText: row.thisYear.text,
          change: row.change?.text ?? '',
          rag: row.rag,
          ...(row.note ? { commentary: row.note } : {}),
        })),
      )
      if (rows.length === 0) return null
      const shown = new Set(table.groups.flatMap(group => group.rows.map(row => row.indicatorId)))
      const inTable = table.reports.filter(report => shown.has(report.indicator.id))
      const trends = inTable.map(report => targetHistory(report, table.year)).filter(trend => trend !== null)
      const sources = [...new Set(inTable.map(report => report.indicator.source).filter((s): s is string => Boolean(s)))]
      return {
        previousPeriodLabel: table.headers.lastYear,
        currentPeriodLabel: table.headers.thisYear,
        rows,
        ...(sources.length ? { source: sources.join('; ') } : {}),
        containsPublicSectorData: inTable.some(report => report.indicator.sourceKind === 'police_data'),
        ...(trends.length ? { trends } : {}),
        notes: [
          `RAG: ${table.ragLegend}`,
        ],
      }
    },
    async funding(ctx, year) {
      return funding.reportSummary(ctx, year)
    },
  }
}

function policeDataSources(police: AssessmentExport): Pick<ReportDataSources, 'policeData' | 'policeDataPeriod'> {
  return {
    async policeData(ctx, year) {
      const period = await police.financialYearPeriod(ctx, year)
      if (!period) return null
      const document = await police.structured(ctx, 'partnership', { from: period.from, to: period.to })
      const sections = toReportSections(document)
      const summary = sections.find(section => section.heading === 'Summary')
      return {
        introduction: [period.note],
        about: document.metadata ?? [],
        summary: summary?.blocks ?? [],
        sections: sections.filter(section => section !== summary),
        attribution: document.attribution,
      }
    },
    async policeDataPeriod(ctx, year) {
      const period = await police.financialYearPeriod(ctx, year)
      return period ? `${period.areaName}, ${period.periodLabel}` : null
    },
  }
}
