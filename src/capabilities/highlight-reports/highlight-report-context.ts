
import type { Kysely } from 'kysely'

import type { Db } from '../../db/database.ts'
import type { Database } from '../../db/tables.ts'
import type { Clock } from '../../shared/clock.ts'
import { ForbiddenError, NotFoundError, ValidationError } from '../../shared/errors.ts'
import type { IndicatorService } from '../indicators/index.ts'
import { allows, requirePermission, type PartnershipContext } from '../../core/access/partnership-context.ts'
import { compareMonths, financialYearLabel, financialYearOfMonth, monthLabel, monthOf, ukDate, type IsoDate, type Month } from '../../core/calendar/index.ts'
import type { Plan, PlanService, PlanView } from '../plans/index.ts'

import { EMPTY_ENTRY, mayWriteFor, REPORT_STATUS_LABELS, submitProblems, type EntryContent, type Writer } from './domain/highlight-report.ts'
import { figuresAsAt, type IndicatorFigures } from './domain/indicator-figures.ts'
import { reporterKey, reporterName, reportersOf, type PriorityRef, type Reporter } from './domain/reporters.ts'
import { type ActionCounts } from './domain/roll-up-document.ts'
import { writeMonthProblem } from './domain/schedule.ts'
import type { ChooseInput } from './highlight-report-forms.ts'
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

export const earlierMonth = (a: Month, b: Month) => (compareMonths(a, b) <= 0 ? a : b)
export const earlierDay = (a: IsoDate, b: IsoDate) => (a <= b ? a : b)

export function priorityRefs(view: PlanView): PriorityRef[] {
  return view.priorities.map(p => ({
    id: p.id,
    position: p.position,
    title: p.title,
    deliveringGroup: p.deliveringGroup,
  }))
}

export function entryOf(row: EntryRow | undefined): EntryContent {
  return row ? { progress: row.progress, issues: row.issues, risks: row.risks, asks: row.asks } : { ...EMPTY_ENTRY }
}

export interface HighlightReportDeps {
  db: Db
  clock: Clock
  plans: PlanService
  indicators: IndicatorService
}

/**
 * What the highlight reports' use cases share: who may write for which group, the plans reported on, each
 * reporter's priorities with the indicators' figures and the plan's actions, and a report as its page shows it.
 */
export function highlightReportContext({ db, clock, plans, indicators }: HighlightReportDeps) {
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
    const { ragTolerancePercent, rules } = await indicators.settings(ctx)
    for (const report of reports) {
      const list = report.indicator.priority ? out.get(report.indicator.priority.id) : undefined
      if (list) list.push(figuresAsAt(report, planYear, asAt, ragTolerancePercent, rules))
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

  return { today, thisMonth, writerOf, reportablePlans, planFor, reportersFor, figuresFor, actionCounts, load, coveredPriorities, requireWriter, snapshot, nameOf, describe, submittedBy, reportPage, resolveChoice }
}
export type HighlightReportContext = ReturnType<typeof highlightReportContext>
