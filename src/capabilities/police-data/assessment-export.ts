import { performance as timer } from 'node:perf_hooks'

import type { Clock } from '../../shared/clock.ts'
import { addMonths, financialYearLabel, monthRange, monthRangeLabel, type Month } from '../../core/calendar/index.ts'
import { fileName } from '../../shared/spreadsheet.ts'
import type { PartnershipContext } from '../../core/access/partnership-context.ts'
import { renderDocx } from '../../core/documents/docx.ts'
import type { ReportDocument } from '../../core/documents/model.ts'
import { renderPdf } from '../../core/documents/pdf.ts'

import type { DocumentSection, StructuredDocument } from '../../core/documents/structured.ts'
import { toReportDocument } from '../../core/documents/structured-report.ts'
import type { PeriodChoice } from './analysis-query.ts'
import type { PoliceDataService } from './police-data-service.ts'

export type AssessmentFormat = 'docx' | 'pdf'

const CONTENT_TYPES: Record<AssessmentFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
}

/**
 * More sections for the strategic assessment document, from other capabilities (the priority scoring
 * matrix): put before "About these figures". Each decides what the user may see; none is an empty list.
 */
export type AssessmentSections = (ctx: PartnershipContext) => Promise<DocumentSection[]>

/**
 * The strategic assessment of the police data as a Word or PDF document, drawn by the shared renderers: the
 * analyses for the chosen area and period, and the sections other capabilities add (for those who may see
 * the partnership's own records, its latest priority scoring matrix; the public see the analyses only, as
 * on the pages).
 */
export function assessmentExport({ policeData, clock, moreSections = async () => [] }: { policeData: PoliceDataService; clock: Clock; moreSections?: AssessmentSections }) {
  /** The assessment with the other capabilities' sections put before "About these figures". */
  async function structured(ctx: PartnershipContext, area: unknown, period: PeriodChoice): Promise<StructuredDocument> {
    const document = await policeData.strategicAssessmentDocument(ctx, area, period)
    const more = await moreSections(ctx)
    if (!more.length) return document
    const sections = [...document.sections]
    const about = sections.findIndex(s => s.heading === 'About these figures')
    sections.splice(about === -1 ? sections.length : about, 0, ...more)
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
