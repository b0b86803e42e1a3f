import { formatMoney } from '../../../shared/format.ts'
import { financialYearDates, financialYearLabel, financialYearSlug } from '../../../core/calendar/index.ts'
import type { AllocationFigures, Figure, FigureName, ReportFundingSummary, Warning, YearEntries } from '../domain/funding.ts'
import { sumPence, type Pence } from '../domain/money.ts'

import type { AllocationRow, BidRow, ContributionRow, SpendRow, StreamRow, YearRecords } from './ledger-repository.ts'

/**
 * A funding year as its page, the annual report and the API show it: every figure with the entries
 * that make it up, and the entries themselves; and what the public sees of it.
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

export function entriesOf(records: YearRecords): YearEntries {
  return {
    streams: records.streams,
    rollOvers: records.rollOvers,
    contributions: records.contributions,
    bids: records.bids,
    allocations: records.allocations,
    spend: records.spend,
  }
}

/** The year summary: every figure with the entries that make it up, and the entries themselves. */
export interface YearSummary {
  partnership: { id: number; name: string }
  year: YearHeading
  /** 'public' summaries leave out individual payments, notes, pending money and bids not won. */
  audience: 'partnership' | 'public'
  figures: Record<FigureName, Figure>
  streams: (StreamRow & {
    automaticPence: Pence
    commissionedPence: Pence
    split: string | null
    counted: boolean
    statusLabel: string
  })[]
  rollOvers: YearRecords['rollOvers']
  contributions: (ContributionRow & { counted: boolean; statusLabel: string; natureLabel: string })[]
  bids: (BidRow & { counted: boolean; statusLabel: string })[]
  allocations: (AllocationRow & AllocationFigures & { target: string; kindLabel: string })[]
  spend: (SpendRow & { statusLabel: string })[]
  warnings: Warning[]
  previousYear: { startYear: number; label: string; forecastUnderspendPence: Pence } | null
  /** Roll-overs of this year's underspend recorded in the next year. */
  rolledForward: { startYear: number; label: string; totalPence: Pence } | null
  generatedAt: Date
}

export function reportFundingSummary(summary: YearSummary): ReportFundingSummary {
  const { figures } = summary
  const streams = [
    ...summary.streams
      .filter(s => s.counted)
      .map(s => ({
        name: s.name,
        amountPence: s.amountPence,
        note: s.split
          ? `${s.split} split: ${money(s.automaticPence)} paid automatically, ${money(s.commissionedPence)} against the action plan`
          : null,
      })),
    ...summary.contributions
      .filter(c => c.counted)
      .map(c => ({ name: `${c.organisationName} contribution`, amountPence: c.amountPence, note: `${c.natureLabel}` })),
    ...summary.bids
      .filter(b => b.counted)
      .map(b => ({ name: `${b.fund} (successful bid)`, amountPence: b.amountAwardedPence!, note: b.purpose })),
  ]
  return {
    financialYear: summary.year.startYear,
    streams,
    rollOverPence: sumPence(summary.rollOvers.map(r => r.amountPence)),
    availablePence: figures.available.totalPence,
    allocatedPence: figures.allocated.totalPence,
    spentPence: figures.spent.totalPence,
    committedPence: figures.committed.totalPence,
    forecastUnderspendPence: figures.forecastUnderspend.totalPence,
    allocations: summary.allocations.map(a => ({
      name: a.purpose,
      amountPence: a.amountPence,
      spentPence: a.spentPence,
    })),
    bids: summary.bids.map(b => ({
      fund: b.fund,
      purpose: b.purpose,
      amountPence: b.amountAwardedPence ?? b.amountRequestedPence,
      status: b.status,
    })),
    notes: [
      ...(summary.year.notes ? [summary.year.notes] : []),
      ...summary.streams.filter(s => !s.counted).map(s => `${s.name}: ${money(s.amountPence)} to be confirmed.`),
    ],
  }
}

/**
 * The year summary the public sees, for a published partnership: the money the partnership has and how
 * it is allocated and spent, in totals per allocation, but not individual payments, entry notes, money
 * not yet confirmed or bids.
 */
export function forPublic(summary: YearSummary): YearSummary {
  const perAllocation = (key: 'spentPence' | 'committedPence'): Figure => {
    const lines = summary.allocations
      .filter(a => a[key] !== 0)
      .map(a => ({ kind: 'allocation' as const, id: a.id, label: a.purpose, amountPence: a[key] }))
    return { totalPence: sumPence(lines.map(l => l.amountPence)), lines }
  }
  return {
    ...summary,
    audience: 'public',
    figures: {
      ...summary.figures,
      spent: perAllocation('spentPence'),
      committed: perAllocation('committedPence'),
      notYetConfirmed: { totalPence: 0, lines: [] },
    },
    streams: summary.streams.filter(s => s.counted).map(s => ({ ...s, notes: null })),
    contributions: summary.contributions.filter(c => c.counted).map(c => ({ ...c, notes: null })),
    bids: summary.bids.filter(b => b.counted).map(b => ({ ...b, notes: null })),
    allocations: summary.allocations.map(a => ({ ...a, notes: null })),
    rollOvers: summary.rollOvers,
    spend: [],
    warnings: [],
  }
}
