import { performance as timer } from 'node:perf_hooks'

import type { Clock } from '../../shared/clock.ts'
import { addMonths, financialYearLabel, monthRange, monthRangeLabel, type Month } from '../../core/calendar/index.ts'
import { fileName } from '../../shared/spreadsheet.ts'
import { allows, type PartnershipContext } from '../../core/access/partnership-context.ts'
import { renderDocx } from '../../core/documents/docx.ts'
import type { ReportDocument } from '../../core/documents/model.ts'
import { renderPdf } from '../../core/documents/pdf.ts'

import type { StructuredDocument } from './domain/assessment-document.ts'
import { toReportDocument } from './domain/assessment-report.ts'
import { matrixSection, type MatrixForDocument } from './domain/matrix-document.ts'
import { OGL, type PeriodChoice, type PoliceDataService } from './police-data-service.ts'
import type { PriorityService } from './priority-service.ts'

export type AssessmentFormat = 'docx' | 'pdf'

const CONTENT_TYPES: Record<AssessmentFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
}

/**
 * The strategic assessment of the police data as a Word or PDF document, drawn by the reports' renderers:
 * the analyses for the chosen area and period and, for those who may see the partnership's own records, its
 * latest priority scoring matrix (the public see the analyses only, as on the pages).
 */
export function assessmentExport({ policeData, priorities, clock }: { policeData: PoliceDataService; priorities: PriorityService; clock: Clock }) {
  /** The latest scoring matrix of the partnership, for the document; null when there is none. */
  async function latestMatrix(ctx: PartnershipContext): Promise<MatrixForDocument | null> {
    const [latest] = await priorities.list(ctx)
    if (!latest) return null
    const m = await priorities.matrix(ctx, latest.id)
    const byId = new Map(m.candidates.map(c => [c.id, c]))
    return {
      title: m.assessment.title,
      periodLabel: m.periodLabel,
      previousPeriodLabel: m.previousPeriodLabel,
      comparedMonths: m.comparedMonths.length,
      notes: m.assessment.notes,
      criteria: m.criteria.map(c => ({ name: c.name, weight: c.weight })),
      rows: m.rows.map(row => ({
        rank: row.rank,
        name: row.candidate.name,
        isChosen: byId.get(row.candidate.id)?.isChosen ?? false,
        crimeTypes: row.candidate.crimeTypes,
        notes: byId.get(row.candidate.id)?.notes ?? null,
        cells: row.cells,
        total: row.total,
        maxTotal: row.maxTotal,
        scoredCount: row.scoredCount,
        isComplete: row.isComplete,
        evidence: row.evidence,
      })),
    }
  }

  /**
   * The assessment with the scoring matrix put before "About these figures" when the user may see it and
   * the partnership has one.
   */
  async function structured(ctx: PartnershipContext, area: unknown, period: PeriodChoice): Promise<StructuredDocument> {
    const document = await policeData.strategicAssessmentDocument(ctx, area, period)
    const matrix = allows(ctx, 'view') ? await latestMatrix(ctx) : null
    if (!matrix) return document
    const sections = [...document.sections]
    const about = sections.findIndex(s => s.heading === 'About these figures')
    sections.splice(about === -1 ? sections.length : about, 0, matrixSection(matrix, OGL))
    return { ...document, sections }
  }

  async function document(ctx: PartnershipContext, area: unknown, period: PeriodChoice): Promise<ReportDocument> {
    return toReportDocument(await structured(ctx, area, period), { generatedAt: clock.now(), partnershipName: ctx.partnership.name })
  }

  /**
   * The period of the partnership's figures for financial year `year` (April to March): the year itself, or
   * the 12 months to the latest month held when the data does not reach the year's end. Null when the
   * partnership's area has no district codes or no month of the period is held.
   */
  async function financialYearPeriod(ctx: PartnershipContext, year: number): Promise<{ from: Month; to: Month; areaName: string; periodLabel: string; note: string } | null> {
    const fyFrom = `${year}-04`
    const fyTo = `${year + 1}-03`
    const q = await policeData.query(ctx, 'partnership', { from: fyFrom, to: fyTo })
    if (!q.area.filter.districtCodes.length) return null
    const latest = [...q.heldMonths].sort().at(-1)
    if (!latest) return null
    const label = financialYearLabel(year)
    const complete = latest >= fyTo
    const to = complete ? fyTo : latest
    const from = complete ? fyFrom : addMonths(latest, -11)
    if (!monthRange(from, to).some(m => q.heldMonths.has(m))) return null
    const note = complete
      ? `The police figures in this section and those after it are for the financial year ${label} (${monthRangeLabel(from, to)}) in the ${q.area.name}, from data.police.uk.`
      : `The police data held does not reach the end of the financial year ${label}, so the police figures in this section and those after it are for the 12 months to the latest month held, ${monthRangeLabel(from, to)}, in the ${q.area.name}, from data.police.uk.`
    return { from, to, areaName: q.area.name, periodLabel: monthRangeLabel(from, to), note }
  }

  return {
    structured,
    document,
    latestMatrix,
    financialYearPeriod,

    async download(ctx: PartnershipContext, area: unknown, period: PeriodChoice, format: AssessmentFormat) {
      const started = timer.now()
      const q = await policeData.query(ctx, area, period)
      const built = await document(ctx, q.area.key, { from: q.from, to: q.to })
      const body = format === 'docx' ? await renderDocx(built) : await renderPdf(built)
      const name = fileName(ctx.partnership.shortName ?? ctx.partnership.name, 'strategic-assessment', q.area.shortName, q.from, q.to)
      return { body, fileName: `${name}.${format}`, contentType: CONTENT_TYPES[format], milliseconds: timer.now() - started }
    },
  }
}
export type AssessmentExport = ReturnType<typeof assessmentExport>
