import { performance } from 'node:perf_hooks'

import type { Kysely } from 'kysely'

import type { Db } from '../../db/database.ts'
import { isUniqueViolation } from '../../db/errors.ts'
import type { Database } from '../../db/tables.ts'
import type { Clock } from '../../shared/clock.ts'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../shared/errors.ts'
import { fileName } from '../../shared/spreadsheet.ts'
import { auditLog } from '../../core/audit/audit-log.ts'
import type { IndicatorService } from '../indicators/index.ts'
import { allows, requirePermission, type PartnershipContext } from '../../core/access/partnership-context.ts'
import { compareMonths, financialYearLabel, financialYearOfMonth, monthLabel, monthOf, monthsOfFinancialYear, monthsOfQuarter, quarterDates, quarterLabel, quarterOfMonth, ukDate, type IsoDate, type Month, type Quarter } from '../../core/calendar/index.ts'
import type { Plan, PlanService, PlanView } from '../plans/index.ts'
import { renderDocx } from '../../core/documents/docx.ts'
import { renderPdf } from '../../core/documents/pdf.ts'

import {
  EMPTY_ENTRY,
  editProblem,
  mayWriteFor,
  reopenProblem,
  REPORT_STATUS_LABELS,
  submitProblem,
  submitProblems,
  type EntryContent,
  type Writer,
} from './domain/highlight-report.ts'
import { figuresAsAt, type IndicatorFigures } from './domain/indicator-figures.ts'
import { reporterKey, reporterName, reportersOf, type PriorityRef, type Reporter } from './domain/reporters.ts'
import { rollUp, type RollUp } from './domain/roll-up.ts'
import { rollUpDocument, type ActionCounts, type RollUpPack } from './domain/roll-up-document.ts'
import {
  defaultMonth,
  defaultQuarter,
  monthCounts,
  monthRows,
  monthsSoFar,
  writeMonthProblem,
  type MonthRow,
} from './domain/schedule.ts'
import type { ChooseInput, EntriesInput } from './highlight-report-forms.ts'
import { highlightReportRepository as repo, type EntryRow, type ReportRow } from './highlight-report-repository.ts'

/** A priority of the report, with what the indicators and the plan say about it. */
export interface ReportSection {
  priority: PriorityRef
  entry: EntryContent
  figures: IndicatorFigures[]
  actions: ActionCounts | undefined
}

export interface ReportPage {
  report: ReportRow
  plan: Plan
  reporter: { key: string; groupId: number | null; name: string }
  monthLabel: string
  statusLabel: string
  sections: ReportSection[]
  /** Figures of periods ended by the end of this month. */
  figuresTo: Month
  mayEdit: boolean
  mayReopen: boolean
  /** Why the report cannot be submitted yet (field → message), empty when it can. */
  submitProblems: Record<string, string>
}

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

const earlierMonth = (a: Month, b: Month) => (compareMonths(a, b) <= 0 ? a : b)
const earlierDay = (a: IsoDate, b: IsoDate) => (a <= b ? a : b)

function priorityRefs(view: PlanView): PriorityRef[] {
  return view.priorities.map(p => ({
    id: p.id,
    position: p.position,
    title: p.title,
    deliveringGroup: p.deliveringGroup,
  }))
}

function entryOf(row: EntryRow | undefined): EntryContent {
  return row ? { progress: row.progress, issues: row.issues, risks: row.risks, asks: row.asks } : { ...EMPTY_ENTRY }
}

/**
 * Highlight reports: the monthly report of each sub-group's chair (or the community safety team) on the
 * priorities they deliver, and the quarterly roll-up for the steering group. The plan and its actions are
 * read through the plans service and the figures through the indicators service; nothing is copied.
 */
export function highlightReportService({
  db,
  clock,
  plans,
  indicators,
}: {
  db: Db
  clock: Clock
  plans: PlanService
  indicators: IndicatorService
}) {
  const today = () => ukDate(clock.now())
  const thisMonth = () => monthOf(today())

  async function writerOf(ctx: PartnershipContext): Promise<Writer> {
    const chairedGroupIds =
      ctx.personId === null ? [] : await repo.chairedGroupIds(db, ctx.partnership.id, ctx.personId)
    return {
      editsRecords: allows(ctx, 'edit_records'),
      postsOwnUpdates: allows(ctx, 'post_own_updates'),
      chairedGroupIds,
    }
  }

  /** The plans highlight reports are written against: agreed (or since archived), latest first. */
  async function reportablePlans(ctx: PartnershipContext): Promise<Plan[]> {
    return (await plans.list(ctx)).filter(p => p.status !== 'draft').sort((a, b) => b.planYear - a.planYear)
  }

  async function planFor(ctx: PartnershipContext, planId: number): Promise<Plan> {
    const plan = (await reportablePlans(ctx)).find(p => p.id === planId)
    if (!plan) throw new NotFoundError('Plan')
    return plan
  }

  /** The plan's priorities and who reports on each; groups that reported before but deliver nothing now are added at the end. */
  async function reportersFor(
    ctx: PartnershipContext,
    view: PlanView,
    reports: readonly ReportRow[],
  ): Promise<Reporter[]> {
    const reporters = reportersOf(priorityRefs(view))
    const missing = [...new Set(reports.map(r => r.groupId))].filter(
      groupId => !reporters.some(r => r.groupId === groupId),
    )
    const groups = await repo.groups(
      db,
      ctx.partnership.id,
      missing.filter((id): id is number => id !== null),
    )
    for (const groupId of missing) {
      const group = groups.find(g => g.id === groupId) ?? null
      reporters.push({ key: reporterKey(groupId), groupId, name: reporterName(group), priorities: [] })
    }
    return reporters
  }

  async function figuresFor(
    ctx: PartnershipContext,
    planYear: number,
    priorityIds: readonly number[],
    asAt: Month,
  ): Promise<Map<number, IndicatorFigures[]>> {
    const out = new Map<number, IndicatorFigures[]>(priorityIds.map(id => [id, []]))
    if (priorityIds.length === 0) return out
    const reports = await indicators.list(ctx)
    const { ragTolerancePercent } = await indicators.settings(ctx)
    for (const report of reports) {
      const list = report.indicator.priority ? out.get(report.indicator.priority.id) : undefined
      if (list) list.push(figuresAsAt(report, planYear, asAt, ragTolerancePercent))
    }
    return out
  }

  function actionCounts(view: PlanView): Map<number, ActionCounts> {
    return new Map(plans.summariseView(view).priorities.map(p => [p.id, p]))
  }

  async function load(ctx: PartnershipContext, id: number, trx: Kysely<Database> = db): Promise<ReportRow> {
    requirePermission(ctx, 'view')
    const report = await repo.find(trx, ctx.partnership.id, id)
    if (!report) throw new NotFoundError('Highlight report')
    return report
  }

  /** The priorities a report covers: those its reporter delivers now, and any it has written on. */
  function coveredPriorities(
    view: PlanView,
    report: Pick<ReportRow, 'groupId'>,
    entries: readonly EntryRow[],
  ): PriorityRef[] {
    return priorityRefs(view).filter(
      p => (p.deliveringGroup?.id ?? null) === report.groupId || entries.some(e => e.priorityId === p.id),
    )
  }

  async function requireWriter(ctx: PartnershipContext, groupId: number | null): Promise<void> {
    requirePermission(ctx, 'post_own_updates')
    if (!mayWriteFor(await writerOf(ctx), groupId))
      throw new ForbiddenError('Only the chair of the group, or a coordinator, can write its highlight reports')
  }

  /** The report with its entries, as the audit log keeps it. */
  async function snapshot(trx: Kysely<Database>, ctx: PartnershipContext, id: number) {
    const report = await repo.find(trx, ctx.partnership.id, id)
    const entries = await repo.entries(trx, ctx.partnership.id, [id])
    return {
      ...report,
      entries: entries.map(({ priorityId, progress, issues, risks, asks }) => ({
        priorityId,
        progress,
        issues,
        risks,
        asks,
      })),
    }
  }

  async function nameOf(ctx: PartnershipContext, groupId: number | null): Promise<string> {
    return reporterName(groupId === null ? null : ((await repo.groups(db, ctx.partnership.id, [groupId]))[0] ?? null))
  }

  function describe(name: string, month: Month) {
    return `${name}, ${monthLabel(month)}`
  }

  const submittedBy = (ctx: PartnershipContext) => ({
    status: 'submitted' as const,
    submittedAt: clock.now(),
    submittedByUserId: ctx.actor.userId,
    submittedByLabel: ctx.actor.label,
  })

  async function reportPage(ctx: PartnershipContext, report: ReportRow, plan: Plan): Promise<ReportPage> {
    const view = await plans.planView(ctx, plan.id)
    const entries = await repo.entries(db, ctx.partnership.id, [report.id])
    const priorities = coveredPriorities(view, report, entries)
    const figuresTo = earlierMonth(report.month, thisMonth())
    const figures = await figuresFor(
      ctx,
      plan.planYear,
      priorities.map(p => p.id),
      figuresTo,
    )
    const counts = actionCounts(view)
    const sections = priorities.map(priority => ({
      priority,
      entry: entryOf(entries.find(e => e.priorityId === priority.id)),
      figures: figures.get(priority.id) ?? [],
      actions: counts.get(priority.id),
    }))
    const writer = await writerOf(ctx)
    return {
      report,
      plan,
      reporter: { key: reporterKey(report.groupId), groupId: report.groupId, name: await nameOf(ctx, report.groupId) },
      monthLabel: monthLabel(report.month),
      statusLabel: REPORT_STATUS_LABELS[report.status],
      sections,
      figuresTo,
      mayEdit: report.status === 'draft' && mayWriteFor(writer, report.groupId),
      mayReopen: report.status === 'submitted' && writer.editsRecords,
      submitProblems: submitProblems(priorities, new Map(sections.map(s => [s.priority.id, s.entry]))),
    }
  }

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

    // --- The quarterly roll-up -------------------------------------------------------------------

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

  /** The plan of the month and the reporter chosen, checked: a ValidationError on the field that is wrong. */
  async function resolveChoice(
    ctx: PartnershipContext,
    input: ChooseInput,
  ): Promise<{ plan: Plan; reporter: Reporter }> {
    const monthProblem = writeMonthProblem(input.month, thisMonth())
    if (monthProblem) throw new ValidationError({ month: monthProblem })
    const planYear = financialYearOfMonth(input.month)
    const plan = (await reportablePlans(ctx)).find(p => p.planYear === planYear)
    if (!plan)
      throw new ValidationError({
        month: `There is no agreed plan for ${financialYearLabel(planYear)}: highlight reports report on the priorities of an agreed plan`,
      })
    const view = await plans.planView(ctx, plan.id)
    const reporter = reportersOf(priorityRefs(view)).find(r => r.groupId === input.groupId)
    if (!reporter)
      throw new ValidationError({
        reporter: `Select who is reporting from the list: the groups that deliver a priority of the ${financialYearLabel(planYear)} plan`,
      })
    if (!mayWriteFor(await writerOf(ctx), reporter.groupId))
      throw new ValidationError({
        reporter: `Only the chair of ${reporter.name}, or a coordinator, can write its highlight reports`,
      })
    return { plan, reporter }
  }
}
export type HighlightReportService = ReturnType<typeof highlightReportService>
