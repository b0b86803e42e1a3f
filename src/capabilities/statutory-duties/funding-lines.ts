import { allows, type PartnershipContext } from '../../core/access/partnership-context.ts'

import type { FundingLine } from './duties.ts'

/** What the funding lines are read from, filled by the app's wiring from the funding capability. */
export interface FundingSource {
  overview(ctx: PartnershipContext): Promise<{ years: { startYear: number; slug: string }[] }>
  yearSummary(
    ctx: PartnershipContext,
    startYear: number,
  ): Promise<{
    allocations: { id: number; purpose: string; amountPence: number; spentPence: number; committedPence: number; priorityId: number | null }[]
    spend: { id: number; description: string; amountPence: number; allocationId: number }[]
  }>
}

/**
 * Every allocation and spend entry of the partnership's funding years, for those who may see the ledger's entries
 * (the partnership's members); none for the public. Read once per request.
 */
export function fundingLines(source: FundingSource) {
  const cache = new WeakMap<PartnershipContext, Promise<FundingLine[]>>()
  async function read(ctx: PartnershipContext): Promise<FundingLine[]> {
    if (!allows(ctx, 'view')) return []
    const lines: FundingLine[] = []
    for (const year of (await source.overview(ctx)).years) {
      const summary = await source.yearSummary(ctx, year.startYear)
      const href = `/partnerships/${ctx.partnership.id}/funding/${year.slug}`
      const priorityOf = new Map(summary.allocations.map(a => [a.id, a.priorityId]))
      for (const a of summary.allocations) {
        lines.push({ key: `allocation:${a.id}`, kind: 'allocation', id: a.id, year: year.startYear, label: `Allocation: ${a.purpose}`, costPence: a.spentPence + a.committedPence, allocatedPence: a.amountPence, priorityId: a.priorityId, href })
      }
      for (const s of summary.spend) {
        lines.push({ key: `spend:${s.id}`, kind: 'spend', id: s.id, year: year.startYear, label: `Spend: ${s.description}`, costPence: s.amountPence, allocatedPence: null, priorityId: priorityOf.get(s.allocationId) ?? null, href })
      }
    }
    return lines
  }
  return {
    lines(ctx: PartnershipContext): Promise<FundingLine[]> {
      if (!cache.has(ctx)) cache.set(ctx, read(ctx))
      return cache.get(ctx)!
    },
  }
}
