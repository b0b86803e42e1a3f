import { allows, requirePermission, type PartnershipContext } from '../../core/access/partnership-context.ts'
import type { DocumentSection } from '../../core/documents/model.ts'
import type { FundingLine } from '../statutory-duties/index.ts'

import { countActions, matchByName, sumMoney, threadSection, type MatrixEvidence, type Rag, type ThreadFigures } from './domain/thread.ts'

type Action = { id: number; title: string; currentRag: Rag | null; status: string }
type Priority = { id: number; title: string; actions: Action[] }
type Plan = { id: number; title: string; planYear: number }

/**
 * What the thread reads, each through the capability that owns it (the app's wiring hands over their services,
 * which these shapes describe). Each read is as the viewer may read it.
 */
export interface ThreadSources {
  plans: {
    priorityView(ctx: PartnershipContext, priorityId: number): Promise<{ plan: Plan; priority: Priority; priorities: { id: number }[] }>
    planView(ctx: PartnershipContext, planId: number): Promise<{ plan: Plan; priorities: Priority[] }>
  }
  matrices: {
    list(ctx: PartnershipContext): Promise<{ id: number; title: string; planId: number | null }[]>
    matrix(ctx: PartnershipContext, id: number): Promise<{
      criteria: { id: number; name: string; weight: number }[]
      rows: { rank: number; total: number; maxTotal: number; candidate: { id: number; name: string }; cells: { criterionId: number; score: number | null }[]; evidence: { count: number; change: number | null } | null }[]
    }>
  }
  indicators: {
    list(ctx: PartnershipContext): Promise<{ indicator: { id: number; name: string; priority: { id: number } | null }; years: { label: string; currentText: string; change: { text: string } | null }[]; targets: { statementText: string; assessment: { rag: Rag | null } }[] }[]>
  }
  ledger: { lines(ctx: PartnershipContext): Promise<FundingLine[]> }
  deathReviews: {
    forPriority(ctx: PartnershipContext, priorityId: number): Promise<{ id: number; caseReference: string; stageLabel: string; href: string }[] | null>
    countForPriority(partnershipId: number, priorityId: number): Promise<number>
  }
  caseReviews: { forPriority(ctx: PartnershipContext, priorityId: number): Promise<{ id: number; reference: string; stageLabel: string; href: string }[]> }
  events: { forActions(ctx: PartnershipContext, actionIds: readonly number[]): Promise<{ id: number; title: string; startsOn: string; reach: number | null; costPence: number | null }[]> }
  seriousViolence: { forPriority(ctx: PartnershipContext, priorityId: number, actionIds: readonly number[]): Promise<{ id: number; title: string; kindLabel: string; paths: { show: string } }[]> }
}

/** Each priority's thread from the evidence that chose it to the money spent on it: a page, and a section of the steering group's pack. */
export function threadService(sources: ThreadSources) {
  async function matrixEvidence(ctx: PartnershipContext, plan: Plan, title: string): Promise<MatrixEvidence | null> {
    if (!allows(ctx, 'view')) return null
    const made = (await sources.matrices.list(ctx)).filter(m => m.planId === plan.id)
    for (const m of made) {
      const matrix = await sources.matrices.matrix(ctx, m.id)
      const row = matchByName(matrix.rows.map(r => ({ ...r, name: r.candidate.name })), title)
      const href = `/partnerships/${ctx.partnership.id}/strategic-assessment/priorities/${m.id}`
      if (!row) continue
      return {
        matrixTitle: m.title,
        href,
        row: {
          rank: row.rank,
          of: matrix.rows.length,
          total: row.total,
          maxTotal: row.maxTotal,
          scores: matrix.criteria.map(c => ({ criterion: c.name, weight: c.weight, score: row.cells.find(cell => cell.criterionId === c.id)?.score ?? null })),
          count: row.evidence?.count ?? null,
          change: row.evidence?.change ?? null,
        },
      }
    }
    return made[0] ? { matrixTitle: made[0].title, href: `/partnerships/${ctx.partnership.id}/strategic-assessment/priorities/${made[0].id}`, row: null } : null
  }

  async function thread(ctx: PartnershipContext, plan: Plan, priority: Priority) {
    const actionIds = priority.actions.map(a => a.id)
    const [matrix, indicators, lines, deathReviews, deathReviewCount, caseReviews, events, seriousViolence] = await Promise.all([
      matrixEvidence(ctx, plan, priority.title),
      sources.indicators.list(ctx),
      sources.ledger.lines(ctx),
      sources.deathReviews.forPriority(ctx, priority.id),
      sources.deathReviews.countForPriority(ctx.partnership.id, priority.id),
      sources.caseReviews.forPriority(ctx, priority.id),
      sources.events.forActions(ctx, actionIds),
      sources.seriousViolence.forPriority(ctx, priority.id, actionIds),
    ])
    const allocations = lines.filter(l => l.kind === 'allocation' && l.priorityId === priority.id)
    return {
      plan,
      priority,
      matrix,
      actions: priority.actions.map(a => ({ ...a, href: `/partnerships/${ctx.partnership.id}/actions/${a.id}` })),
      actionCounts: countActions(priority.actions.map(a => ({ rag: a.currentRag, status: a.status }))),
      indicators: indicators
        .filter(r => r.indicator.priority?.id === priority.id)
        .map(r => ({ id: r.indicator.id, name: r.indicator.name, href: `/partnerships/${ctx.partnership.id}/indicators/${r.indicator.id}`, latest: r.years[0] ?? null, target: r.targets.at(-1) ?? null })),
      allocations,
      money: sumMoney(allocations),
      deathReviews,
      deathReviewCount,
      caseReviews,
      events,
      eventReach: events.reduce((sum, e) => sum + (e.reach ?? 0), 0),
      seriousViolence,
    }
  }

  return {
    /** One priority's thread, for its page. */
    async priorityThread(ctx: PartnershipContext, priorityId: number) {
      requirePermission(ctx, 'view')
      const { plan, priority, priorities } = await sources.plans.priorityView(ctx, priorityId)
      return { ...(await thread(ctx, plan, priority)), index: priorities.findIndex(p => p.id === priorityId) }
    },

    /** The steering group's pack (the quarterly update) carries every priority of its plan from evidence to money. */
    async reportSections(ctx: PartnershipContext, report: { kind: string; planId: number | null }): Promise<DocumentSection[]> {
      if (report.kind !== 'quarterly_plan_update' || report.planId === null || !allows(ctx, 'view')) return []
      const { plan, priorities } = await sources.plans.planView(ctx, report.planId)
      if (!priorities.length) return []
      const figures: ThreadFigures[] = []
      for (const priority of priorities) {
        const t = await thread(ctx, plan, priority)
        figures.push({
          title: priority.title,
          matrix: t.matrix,
          actions: t.actionCounts,
          indicators: t.indicators.length,
          money: t.money,
          events: { count: t.events.length, reach: t.eventReach },
          caseReviews: t.caseReviews.length,
          deathReviews: t.deathReviewCount,
          seriousViolence: t.seriousViolence.length,
        })
      }
      return [threadSection(figures, plan.title)]
    },
  }
}
export type ThreadService = ReturnType<typeof threadService>
