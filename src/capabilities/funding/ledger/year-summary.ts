import { formatMoney } from '../../../shared/format.ts'
import { financialYearDates, financialYearLabel, financialYearSlug } from '../../../core/calendar/index.ts'
import type { DistrictTotal } from '../domain/districts.ts'
import type { Figure, FigureName, Nature, YearChangeSummary, YearEntries } from '../domain/funding.ts'
import { sumPence, type Pence } from '../domain/money.ts'
import type { AllocationFigures, NatureFigure, UnknownAmount } from '../domain/year-figures.ts'
import type { Warning } from '../domain/warnings.ts'

import type { AllocationRow, BidRow, ContributionRow, ReserveRow, RollOverRow, SpendRow, StreamRow, YearRecords } from './ledger-repository.ts'

/**
 * A funding year as its page, the annual report and the API show it: every figure with the entries
 * that make it up, and the entries themselves; and what the public sees of it (see year-report.ts).
 */

export const money = (pence: number) => formatMoney(pence)

export interface YearHeading {
  id: number
  startYear: number
  label: string
  slug: string
  first: string
  last: string
  notes: string | null
  accountableOrganisationId: number | null
  accountableOrganisationName: string | null
}

export const heading = (year: YearRecords['year']): YearHeading => ({
  id: year.id,
  startYear: year.startYear,
  label: financialYearLabel(year.startYear),
  slug: financialYearSlug(year.startYear),
  ...financialYearDates(year.startYear),
  notes: year.notes,
  accountableOrganisationId: year.accountableOrganisationId,
  accountableOrganisationName: year.accountableOrganisationName,
})

export function allocationTarget(row: AllocationRow): string {
  if (row.kind === 'project' && row.projectName) return `Project: ${row.projectName}`
  if (row.kind === 'priority' && row.priorityTitle)
    return `Priority: ${row.priorityTitle}${row.planYear ? ` (${financialYearLabel(row.planYear)} plan)` : ''}`
  if (row.kind === 'priority') return 'A priority (not linked to a plan)'
  if (row.kind === 'post') return 'A post'
  return row.projectName ? `Project: ${row.projectName}` : 'Other'
}

export function entriesOf(records: Pick<YearRecords, 'streams' | 'rollOvers' | 'reserves' | 'contributions' | 'bids' | 'allocations' | 'spend'>): YearEntries {
  return {
    streams: records.streams,
    rollOvers: records.rollOvers,
    reserves: records.reserves,
    contributions: records.contributions,
    bids: records.bids,
    allocations: records.allocations,
    spend: records.spend,
  }
}

/** What a page says of a stream: its split, whether it counts, and who it is for. */
export type StreamView = StreamRow & {
  /** Null while the amount is not known. */
  automaticPence: Pence | null
  commissionedPence: Pence | null
  split: string | null
  counted: boolean
  /** Why it is not counted ("to be confirmed", "withdrawn", …), or null when it is. */
  notCounted: string | null
  statusLabel: string
  natureLabel: string
  districtName: string | null
  shares: { name: string; amountPence: Pence }[]
}

/** A stream administered for others, with what has been allocated and spent from it. */
export interface AdministeredView {
  id: number
  name: string
  funder: string
  amountPence: Pence | null
  statusLabel: string
  allocatedPence: Pence
  spentPence: Pence
  committedPence: Pence
  /** Held less allocated; null while the amount is not known. */
  notYetAllocatedPence: Pence | null
}

/** The year summary: every figure with the entries that make it up, and the entries themselves. */
export interface YearSummary {
  partnership: { id: number; name: string }
  year: YearHeading
  /** 'public' summaries leave out individual payments, notes, pending money and bids not won. */
  audience: 'partnership' | 'public'
  figures: Record<FigureName, Figure>
  /** Revenue and capital totals of available, allocated, not yet allocated, spent and committed. */
  byNature: Record<NatureFigure, Record<Nature, Pence>>
  /** True while no allocation of the partnership's own money is recorded. */
  nothingAllocated: boolean
  streams: StreamView[]
  rollOvers: (RollOverRow & { natureLabel: string })[]
  reserves: (ReserveRow & { natureLabel: string })[]
  contributions: (ContributionRow & { counted: boolean; notCounted: string | null; statusLabel: string; natureLabel: string })[]
  bids: (BidRow & { counted: boolean; statusLabel: string; natureLabel: string })[]
  allocations: (AllocationRow & AllocationFigures & { target: string; kindLabel: string; natureLabel: string; administeredStreamName: string | null })[]
  spend: (SpendRow & { statusLabel: string })[]
  /** Streams and contributions whose amount is not known yet. */
  unknownAmounts: UnknownAmount[]
  /** Money administered for others, apart from the partnership's own. */
  administered: AdministeredView[]
  /** The money available per district of a joint partnership; empty when nothing is tied to a district. */
  byDistrict: DistrictTotal[]
  /** Each source against the year before; null when the year before is not recorded. */
  change: YearChangeSummary | null
  warnings: Warning[]
  previousYear: { startYear: number; label: string; forecastUnderspendPence: Pence | null } | null
  /** Roll-overs of this year's underspend recorded in the next year. */
  rolledForward: { startYear: number; label: string; totalPence: Pence } | null
  generatedAt: Date
}

/** The streams administered for others with what is allocated and spent from each. */
export function administeredViews(summary: Pick<YearSummary, 'streams' | 'allocations'>): AdministeredView[] {
  return summary.streams
    .filter(s => s.administeredForOthers)
    .map(s => {
      const from = summary.allocations.filter(a => a.administeredStreamId === s.id)
      const allocatedPence = sumPence(from.map(a => a.amountPence))
      return {
        id: s.id,
        name: s.name,
        funder: s.funder,
        amountPence: s.amountPence,
        statusLabel: s.statusLabel,
        allocatedPence,
        spentPence: sumPence(from.map(a => a.spentPence)),
        committedPence: sumPence(from.map(a => a.committedPence)),
        notYetAllocatedPence: s.amountPence === null ? null : s.amountPence - allocatedPence,
      }
    })
}
