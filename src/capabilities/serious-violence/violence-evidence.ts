import type { PartnershipContext } from '../../core/access/partnership-context.ts'
import { monthRange } from '../../core/calendar/index.ts'

import type { ViolenceEvidence } from './serious-violence-service.ts'

/** What the evidence is read from, filled by the app's wiring from the police data and priority matrix capabilities. */
export interface EvidenceSource {
  matrices(ctx: PartnershipContext): Promise<{ id: number; title: string }[]>
  matrix(ctx: PartnershipContext, id: number): Promise<{ rows: { rank: number; total: number; maxTotal: number; scoredCount: number; candidate: { id: number; name: string; isChosen: boolean } }[] }>
  districts(ctx: PartnershipContext): Promise<{ code: string }[]>
  districtCounts(codes: string[], from: string, to: string): Promise<{ counts: { month: string; crimeType: string; count: number }[]; heldMonths: ReadonlySet<string> }>
  caveats: readonly string[]
}

/** The ViolenceEvidence port over the strategic assessment's police data and scoring matrices. */
export function violenceEvidence(source: EvidenceSource): ViolenceEvidence {
  const base = (ctx: PartnershipContext) => `/partnerships/${ctx.partnership.id}/strategic-assessment`
  return {
    async matrices(ctx) {
      return (await source.matrices(ctx)).map(m => ({ id: m.id, title: m.title, href: `${base(ctx)}/priorities/${m.id}` }))
    },
    async matrixRows(ctx, id) {
      const matrix = await source.matrix(ctx, id).catch(() => null)
      return (matrix?.rows ?? []).map(row => ({ rank: row.rank, name: row.candidate.name, total: row.scoredCount ? row.total : null, maxTotal: row.maxTotal, isChosen: row.candidate.isChosen }))
    },
    async crimeCounts(ctx, crimeTypes, from, to) {
      const codes = (await source.districts(ctx)).map(d => d.code)
      if (!codes.length) return null
      const { counts, heldMonths } = await source.districtCounts(codes, from, to)
      if (!heldMonths.size) return null
      const totals = crimeTypes.map(crimeType => ({ crimeType, count: counts.filter(c => c.crimeType === crimeType && heldMonths.has(c.month)).reduce((sum, c) => sum + c.count, 0) }))
      return { counts: totals, monthsHeld: heldMonths.size, months: monthRange(from, to).length, caveats: [...source.caveats], href: `${base(ctx)}?from=${from}&to=${to}` }
    },
  }
}
