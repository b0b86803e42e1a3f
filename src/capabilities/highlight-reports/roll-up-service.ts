import { performance } from 'node:perf_hooks'

import { fileName } from '../../shared/spreadsheet.ts'
import { requirePermission, type PartnershipContext } from '../../core/access/partnership-context.ts'
import { financialYearLabel, monthsOfQuarter, quarterDates, quarterLabel, type Quarter } from '../../core/calendar/index.ts'
import type { Plan } from '../plans/index.ts'
import { renderDocx } from '../../core/documents/docx.ts'
import { renderPdf } from '../../core/documents/pdf.ts'

import { rollUp, type RollUp } from './domain/roll-up.ts'
import { rollUpDocument, type RollUpPack } from './domain/roll-up-document.ts'
import { defaultQuarter } from './domain/schedule.ts'
import { earlierDay, earlierMonth, entryOf, type HighlightReportContext, type HighlightReportDeps } from './highlight-report-context.ts'
import { highlightReportRepository as repo } from './highlight-report-repository.ts'

export interface GeneratedFile {
  body: Buffer
  fileName: string
  contentType: string
  milliseconds: number
}

const CONTENT_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
} as const

/** The steering group's quarterly roll-up of the highlight reports, on its page and as a document. */
export function rollUpService({ db, clock, plans }: HighlightReportDeps, { today, thisMonth, planFor, reportersFor, figuresFor, actionCounts }: HighlightReportContext) {
  const service = {
    /** The quarter's highlight reports, priority by priority, with the plan's action RAG summary and the asks. */
    async rollUp(
      ctx: PartnershipContext,
      planId: number,
      requested?: Quarter,
    ): Promise<RollUpPack & { plan: Plan; quarters: { quarter: Quarter; label: string }[] }> {
      requirePermission(ctx, 'view')
      const plan = await planFor(ctx, planId)
      const now = thisMonth()
      const all = await repo.list(db, ctx.partnership.id, plan.id)
      const quarter =
        requested ??
        defaultQuarter(
          plan.planYear,
          now,
          all.filter(r => r.status === 'submitted').map(r => r.month),
        )
      const months = monthsOfQuarter(plan.planYear, quarter)
      const reports = all.filter(r => months.includes(r.month))
      const entries = await repo.entries(
        db,
        ctx.partnership.id,
        reports.filter(r => r.status === 'submitted').map(r => r.id),
      )
      const actionsOn = earlierDay(quarterDates(plan.planYear, quarter).last, today())
      const view = await plans.planView(ctx, plan.id, actionsOn)
      const reporters = await reportersFor(ctx, view, reports)
      const result: RollUp = rollUp({
        planYear: plan.planYear,
        quarter,
        thisMonth: now,
        reporters,
        reports: reports.map(r => ({
          ...r,
          entries: new Map(entries.filter(e => e.reportId === r.id).map(e => [e.priorityId, entryOf(e)])),
        })),
      })
      const figuresTo = earlierMonth(months[2]!, now)
      return {
        plan,
        partnershipName: ctx.partnership.name,
        planTitle: plan.title,
        planYear: plan.planYear,
        quarter,
        quarterLabel: quarterLabel(plan.planYear, quarter),
        quarters: ([1, 2, 3, 4] as Quarter[]).map(q => ({ quarter: q, label: quarterLabel(plan.planYear, q) })),
        figuresTo,
        actionsOn,
        rollUp: result,
        figures: await figuresFor(
          ctx,
          plan.planYear,
          result.priorities.map(p => p.priority.id),
          figuresTo,
        ),
        actions: actionCounts(view),
        generatedAt: clock.now(),
      }
    },

    /** The roll-up as a Word or PDF document for the steering group's papers. */
    async rollUpFile(
      ctx: PartnershipContext,
      planId: number,
      quarter: Quarter | undefined,
      format: 'docx' | 'pdf',
    ): Promise<GeneratedFile> {
      const started = performance.now()
      const pack = await service.rollUp(ctx, planId, quarter)
      const document = rollUpDocument(pack)
      const body = format === 'docx' ? await renderDocx(document) : await renderPdf(document)
      const name = fileName(
        ctx.partnership.shortName ?? ctx.partnership.name,
        `Highlight reports Q${pack.quarter} ${financialYearLabel(pack.planYear)}`,
      )
      return {
        body,
        fileName: `${name}.${format}`,
        contentType: CONTENT_TYPES[format],
        milliseconds: performance.now() - started,
      }
    },
  }
  return service
}
