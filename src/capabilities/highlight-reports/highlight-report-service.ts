

import { isUniqueViolation } from '../../db/errors.ts'
import { ConflictError, ForbiddenError, ValidationError } from '../../shared/errors.ts'
import { auditLog } from '../../core/audit/audit-log.ts'
import { allows, requirePermission, type PartnershipContext } from '../../core/access/partnership-context.ts'
import { financialYearLabel, monthLabel, monthsOfFinancialYear, monthsOfQuarter, quarterLabel, quarterOfMonth, type Month, type Quarter } from '../../core/calendar/index.ts'
import type { Plan } from '../plans/index.ts'

import { EMPTY_ENTRY, editProblem, mayWriteFor, reopenProblem, submitProblem, submitProblems } from './domain/highlight-report.ts'
import { reportersOf, type Reporter } from './domain/reporters.ts'
import { defaultMonth, monthCounts, monthRows, monthsSoFar, writeMonthProblem, type MonthRow } from './domain/schedule.ts'
import { highlightReportContext, priorityRefs, type HighlightReportDeps, type ReportPage } from './highlight-report-context.ts'
import type { ChooseInput, EntriesInput } from './highlight-report-forms.ts'
import { rollUpService } from './roll-up-service.ts'
import { highlightReportRepository as repo, type ReportRow } from './highlight-report-repository.ts'

/**
 * Highlight reports: the monthly report of each sub-group's chair (or the community safety team) on the
 * priorities they deliver, and the quarterly roll-up for the steering group. The plan and its actions are
 * read through the plans service and the figures through the indicators service; nothing is copied.
 */
export function highlightReportService(deps: HighlightReportDeps) {
  const { db, clock, plans } = deps
  const context = highlightReportContext(deps)
  const { thisMonth, writerOf, reportablePlans, planFor, reportersFor, figuresFor, actionCounts, load, coveredPriorities, requireWriter, snapshot, nameOf, describe, submittedBy, reportPage, resolveChoice } = context
  const service = {
    // --- Reading -------------------------------------------------------------------------------

    /**
     * The highlight reports of a plan (by default the current one): every reporter's report for a month
     * (by default this month, or the latest reported) with those missing, and the year so far month by month.
     */
    async overview(ctx: PartnershipContext, options: { planId?: number | undefined; month?: string | undefined } = {}) {
      requirePermission(ctx, 'view')
      const available = await reportablePlans(ctx)
      const writer = await writerOf(ctx)
      if (available.length === 0) return { plans: available, plan: null, mayWriteAny: false } as const
      let plan: Plan
      if (options.planId !== undefined) plan = await planFor(ctx, options.planId)
      else {
        const current = await plans.current(ctx)
        plan = available.find(p => p.id === current?.id) ?? available[0]!
      }
      const view = await plans.planView(ctx, plan.id)
      const reports = await repo.list(db, ctx.partnership.id, plan.id)
      const reporters = await reportersFor(ctx, view, reports)
      const now = thisMonth()
      const months = monthsOfFinancialYear(plan.planYear)
      const month =
        options.month && months.includes(options.month)
          ? options.month
          : defaultMonth(
              plan.planYear,
              now,
              reports.map(r => r.month),
            )
      const rows = monthRows(reporters, reports, month, now)
      const soFar = monthsSoFar(plan.planYear, now)
      const grid = soFar.map(m => ({ month: m, label: monthLabel(m), cells: monthRows(reporters, reports, m, now) }))
      const mayWrite = (row: MonthRow<ReportRow>) =>
        mayWriteFor(writer, row.reporter.groupId) && writeMonthProblem(month, now) === null
      // The button to write a report, for those who may write one of this plan's reporters' reports.
      const mayWriteAny =
        allows(ctx, 'post_own_updates') &&
        soFar.length > 0 &&
        reporters.some(r => r.priorities.length > 0 && mayWriteFor(writer, r.groupId))
      return {
        plans: available,
        plan,
        financialYearLabel: financialYearLabel(plan.planYear),
        months: months.map(m => ({ value: m, text: monthLabel(m) })),
        month,
        monthLabel: monthLabel(month),
        monthHasBegun: writeMonthProblem(month, now) === null,
        rows: rows.map(row => ({ ...row, mayWrite: mayWrite(row) })),
        counts: monthCounts(rows),
        reporters,
        grid,
        quarters: ([1, 2, 3, 4] as Quarter[])
          .filter(q => soFar.includes(monthsOfQuarter(plan.planYear, q)[0]!))
          .map(q => ({
            quarter: q,
            label: quarterLabel(plan.planYear, q),
            reports: reports.filter(r => quarterOfMonth(r.month) === q && r.status === 'submitted').length,
          })),
        mayWriteAny,
      }
    },

    async report(ctx: PartnershipContext, id: number): Promise<ReportPage> {
      const report = await load(ctx, id)
      return reportPage(ctx, report, await planFor(ctx, report.planId))
    },

    /** A report for its edit form: a 403 for those who may not write it, a 409 once it is submitted. */
    async editable(ctx: PartnershipContext, id: number): Promise<ReportPage> {
      const report = await load(ctx, id)
      await requireWriter(ctx, report.groupId)
      const problem = editProblem(report.status)
      if (problem) throw new ConflictError(problem)
      return reportPage(ctx, report, await planFor(ctx, report.planId))
    },

    /** A submitted report for the reopen form: coordinators only; a 409 for a draft. */
    async reopenable(ctx: PartnershipContext, id: number): Promise<ReportPage> {
      const report = await load(ctx, id)
      requirePermission(ctx, 'edit_records')
      const problem = reopenProblem(report.status)
      if (problem) throw new ConflictError(problem)
      return reportPage(ctx, report, await planFor(ctx, report.planId))
    },

    /**
     * What the signed-in user may write: the reporters of the current plans they may write for, and the
     * months begun. Throws 403 for a lead who chairs no group.
     */
    async choices(ctx: PartnershipContext) {
      requirePermission(ctx, 'post_own_updates')
      const writer = await writerOf(ctx)
      const now = thisMonth()
      const out: { plan: Plan; reporters: Reporter[]; months: Month[] }[] = []
      for (const plan of await reportablePlans(ctx)) {
        const months = monthsSoFar(plan.planYear, now)
        if (!months.length) continue
        const view = await plans.planView(ctx, plan.id)
        const reporters = reportersOf(priorityRefs(view)).filter(r => mayWriteFor(writer, r.groupId))
        if (reporters.length) out.push({ plan, reporters, months: [...months].reverse() })
      }
      if (!out.length && !writer.editsRecords)
        throw new ForbiddenError(
          'You can write highlight reports only for the groups you chair, and you chair none that delivers a priority of an agreed plan',
        )
      return { plans: out, thisMonth: now }
    },

    /**
     * The form of a new report for a reporter and month: their priorities with the indicators' figures. A
     * ValidationError (on `reporter` or `month`) when the choice is not one the user may write.
     */
    async draft(ctx: PartnershipContext, input: ChooseInput) {
      requirePermission(ctx, 'post_own_updates')
      const { plan, reporter } = await resolveChoice(ctx, input)
      const existing = await repo.findFor(db, ctx.partnership.id, input.groupId, input.month)
      const figures = await figuresFor(
        ctx,
        plan.planYear,
        reporter.priorities.map(p => p.id),
        input.month,
      )
      const view = await plans.planView(ctx, plan.id)
      const counts = actionCounts(view)
      return {
        plan,
        reporter,
        month: input.month,
        monthLabel: monthLabel(input.month),
        existing,
        sections: reporter.priorities.map(priority => ({
          priority,
          entry: { ...EMPTY_ENTRY },
          figures: figures.get(priority.id) ?? [],
          actions: counts.get(priority.id),
        })),
        figuresTo: input.month,
      }
    },

    // --- Writing -------------------------------------------------------------------------------

    /** A new report (draft, or submitted at once), with its entries, in one transaction with its audit record. */
    async create(ctx: PartnershipContext, choice: ChooseInput, input: EntriesInput): Promise<ReportRow> {
      requirePermission(ctx, 'post_own_updates')
      const { plan, reporter } = await resolveChoice(ctx, choice)
      const entries = new Map([...input.entries].filter(([id]) => reporter.priorities.some(p => p.id === id)))
      if (input.submit) {
        const problems = submitProblems(reporter.priorities, entries)
        if (Object.keys(problems).length) throw new ValidationError(problems)
      }
      const duplicate = new ValidationError({
        month: `There is already a highlight report from ${reporter.name} for ${monthLabel(choice.month)}`,
      })
      try {
        return await db.transaction().execute(async trx => {
          if (await repo.findFor(trx, ctx.partnership.id, choice.groupId, choice.month)) throw duplicate
          const now = clock.now()
          let report = await repo.insert(trx, {
            partnershipId: ctx.partnership.id,
            planId: plan.id,
            groupId: choice.groupId,
            month: choice.month,
          })
          await repo.saveEntries(trx, ctx.partnership.id, report.id, entries, now)
          if (input.submit) report = await repo.setStatus(trx, ctx.partnership.id, report.id, submittedBy(ctx), now)
          await auditLog.record(trx, ctx.actor, {
            partnershipId: ctx.partnership.id,
            action: 'create',
            entityType: 'highlight report',
            entityId: report.id,
            summary: `${input.submit ? 'Wrote and submitted' : 'Started'} highlight report “${describe(reporter.name, choice.month)}”`,
            after: await snapshot(trx, ctx, report.id),
          })
          return report
        })
      } catch (error) {
        if (isUniqueViolation(error)) throw duplicate
        throw error
      }
    },

    /** Change a draft's entries; submit it too when asked. */
    async update(ctx: PartnershipContext, id: number, input: EntriesInput): Promise<ReportRow> {
      const report = await load(ctx, id)
      await requireWriter(ctx, report.groupId)
      const problem = editProblem(report.status)
      if (problem) throw new ConflictError(problem)
      await planFor(ctx, report.planId)
      const view = await plans.planView(ctx, report.planId)
      const name = await nameOf(ctx, report.groupId)
      return db.transaction().execute(async trx => {
        const before = await snapshot(trx, ctx, id)
        const current = await repo.find(trx, ctx.partnership.id, id)
        if (current?.status !== 'draft') throw new ConflictError(editProblem('submitted')!)
        const priorities = coveredPriorities(view, report, await repo.entries(trx, ctx.partnership.id, [id]))
        const entries = new Map([...input.entries].filter(([priorityId]) => priorities.some(p => p.id === priorityId)))
        if (input.submit) {
          const problems = submitProblems(priorities, entries)
          if (Object.keys(problems).length) throw new ValidationError(problems)
        }
        const now = clock.now()
        await repo.saveEntries(trx, ctx.partnership.id, id, entries, now)
        const saved = input.submit
          ? await repo.setStatus(trx, ctx.partnership.id, id, submittedBy(ctx), now)
          : (await repo.touch(trx, ctx.partnership.id, id, now), current)
        await auditLog.record(trx, ctx.actor, {
          partnershipId: ctx.partnership.id,
          action: input.submit ? 'submit' : 'update',
          entityType: 'highlight report',
          entityId: id,
          summary: `${input.submit ? 'Submitted' : 'Updated'} highlight report “${describe(name, report.month)}”`,
          before,
          after: await snapshot(trx, ctx, id),
        })
        return saved
      })
    },

    /** Submit a draft as it stands (every priority needs its progress). */
    async submit(ctx: PartnershipContext, id: number): Promise<ReportRow> {
      const report = await load(ctx, id)
      await requireWriter(ctx, report.groupId)
      const problem = submitProblem(report.status)
      if (problem) throw new ConflictError(problem)
      const page = await reportPage(ctx, report, await planFor(ctx, report.planId))
      if (Object.keys(page.submitProblems).length) throw new ValidationError(page.submitProblems)
      return db.transaction().execute(async trx => {
        const before = await snapshot(trx, ctx, id)
        if ((await repo.find(trx, ctx.partnership.id, id))?.status !== 'draft')
          throw new ConflictError(submitProblem('submitted')!)
        const saved = await repo.setStatus(trx, ctx.partnership.id, id, submittedBy(ctx), clock.now())
        await auditLog.record(trx, ctx.actor, {
          partnershipId: ctx.partnership.id,
          action: 'submit',
          entityType: 'highlight report',
          entityId: id,
          summary: `Submitted highlight report “${describe(page.reporter.name, report.month)}”`,
          before,
          after: await snapshot(trx, ctx, id),
        })
        return saved
      })
    },

    /** A coordinator reopens a submitted report so that it can be changed; the reason goes in the audit log. */
    async reopen(ctx: PartnershipContext, id: number, reason: string): Promise<ReportRow> {
      const report = await load(ctx, id)
      requirePermission(ctx, 'edit_records')
      const problem = reopenProblem(report.status)
      if (problem) throw new ConflictError(problem)
      const name = await nameOf(ctx, report.groupId)
      return db.transaction().execute(async trx => {
        const before = await snapshot(trx, ctx, id)
        if ((await repo.find(trx, ctx.partnership.id, id))?.status !== 'submitted')
          throw new ConflictError(reopenProblem('draft')!)
        const saved = await repo.setStatus(
          trx,
          ctx.partnership.id,
          id,
          { status: 'draft', submittedAt: null, submittedByUserId: null, submittedByLabel: null },
          clock.now(),
        )
        await auditLog.record(trx, ctx.actor, {
          partnershipId: ctx.partnership.id,
          action: 'reopen',
          entityType: 'highlight report',
          entityId: id,
          summary: `Reopened highlight report “${describe(name, report.month)}”: ${reason}`,
          before,
          after: { ...(await snapshot(trx, ctx, id)), reason },
        })
        return saved
      })
    },

    /** Delete a draft (a submitted report must be reopened first). */
    async remove(ctx: PartnershipContext, id: number): Promise<ReportRow> {
      const report = await load(ctx, id)
      await requireWriter(ctx, report.groupId)
      const problem = editProblem(report.status)
      if (problem) throw new ConflictError(problem)
      const name = await nameOf(ctx, report.groupId)
      await db.transaction().execute(async trx => {
        const before = await snapshot(trx, ctx, id)
        await repo.remove(trx, ctx.partnership.id, id)
        await auditLog.record(trx, ctx.actor, {
          partnershipId: ctx.partnership.id,
          action: 'delete',
          entityType: 'highlight report',
          entityId: id,
          summary: `Deleted draft highlight report “${describe(name, report.month)}”`,
          before,
        })
      })
      return report
    },

    ...rollUpService(deps, context),
  }
  return service
}
export type HighlightReportService = ReturnType<typeof highlightReportService>
