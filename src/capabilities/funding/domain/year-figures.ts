/**
 * The arithmetic of a funding year, kept apart from storage so every rule can be tested alone.
 *
 * Available      = the partnership's own money counted (see funding.ts `isCounted`).
 * Allocated      = the sum of the allocations of its own money (to priorities, projects, posts).
 * Unallocated    = available − allocated (negative when more is allocated than there is).
 * Spent          = spend entries paid.   Committed = spend entries committed but not yet paid.
 * Forecast spend of an allocation = the larger of its expected spend (the allocation itself unless the
 *   coordinator expects less or more) and what is already spent and committed against it.
 * Forecast spend = the sum over allocations.
 * Forecast underspend = available − forecast spend
 *   (= unallocated + what the allocations are expected to leave unspent; negative is an overspend).
 *   While nothing is allocated, neither forecast is stated ("Nothing allocated yet"): a year with a grant and
 *   no allocations recorded has not underspent its grant, it has not allocated it yet.
 * Money administered for others has its own figures (administered, its allocations and their spend).
 *
 * Every figure is a list of signed lines, one per entry, and its total is the sum of its lines: a page
 * can always show which entries make a figure up. Lines of money carry capital or revenue, so the totals
 * of each come from the same lines.
 */
import {
  NATURE_LABELS,
  NOTHING_ALLOCATED,
  isCounted,
  notCountedReason,
  splitGrant,
  splitLabel,
  type AllocationEntry,
  type Figure,
  type FigureLine,
  type FigureName,
  type Nature,
  type SpendEntry,
  type YearEntries,
} from './funding.ts'
import { sumPence, type Pence } from './money.ts'

export interface AllocationFigures {
  allocationId: number
  spentPence: Pence
  committedPence: Pence
  /** Allocated less spent and committed (negative when more is spent than allocated). */
  remainingPence: Pence
  forecastSpendPence: Pence
  /** Allocated less forecast spend (negative is a forecast overspend on this allocation). */
  forecastUnderspendPence: Pence
  isOverspent: boolean
}

/** A stream or contribution shown without an amount that could be counted: its amount is not known yet. */
export interface UnknownAmount {
  kind: 'stream' | 'contribution'
  id: number
  label: string
  reason: string
  /** "30/70 split agreed": a split agreed before the amount is known. */
  split: string | null
}

export const NATURE_FIGURES = ['available', 'allocated', 'unallocated', 'spent', 'committed'] as const
export type NatureFigure = (typeof NATURE_FIGURES)[number]

export interface YearFigures {
  figures: Record<FigureName, Figure>
  allocations: AllocationFigures[]
  /** Revenue and capital totals of the headline figures, from the same lines. */
  byNature: Record<NatureFigure, Record<Nature, Pence>>
  /** Streams and contributions whose amount is not known yet (never counted). */
  unknownAmounts: UnknownAmount[]
  /** True while no allocation of the partnership's own money is recorded. */
  nothingAllocated: boolean
  /** Spend entries whose allocation is not among the year's allocations (should not happen). */
  orphanSpend: SpendEntry[]
}

const figure = (lines: FigureLine[], withheld?: string): Figure =>
  withheld ? { totalPence: 0, lines: [], withheld } : { totalPence: sumPence(lines.map(line => line.amountPence)), lines }
const negate = (lines: FigureLine[]): FigureLine[] => lines.map(line => ({ ...line, amountPence: -line.amountPence }))

/** The forecast spend of one allocation: the expected spend, or what is already spent and committed if more. */
export function allocationForecast(allocation: AllocationEntry, spentAndCommittedPence: Pence): Pence {
  return Math.max(allocation.expectedSpendPence ?? allocation.amountPence, spentAndCommittedPence)
}

function availableLines(entries: YearEntries): FigureLine[] {
  return [
    ...entries.streams
      .filter(isCounted.stream)
      .map(s => ({ kind: 'stream' as const, id: s.id, label: s.name, amountPence: s.amountPence!, nature: s.nature })),
    ...entries.rollOvers.map(r => ({
      kind: 'roll_over' as const,
      id: r.id,
      label: r.reason ? `Roll-over: ${r.reason}` : 'Roll-over of the underspend from the year before',
      amountPence: r.amountPence,
      nature: r.nature,
    })),
    ...entries.reserves.map(r => ({
      kind: 'reserve' as const,
      id: r.id,
      label: `Reserves: ${r.description}`,
      amountPence: r.amountPence,
      nature: r.nature,
    })),
    ...entries.contributions.filter(isCounted.contribution).map(c => ({
      kind: 'contribution' as const,
      id: c.id,
      label: `${c.organisationName} (${NATURE_LABELS[c.nature].toLowerCase()})`,
      amountPence: c.amountPence!,
      nature: c.nature,
    })),
    ...entries.bids.filter(isCounted.bid).map(b => ({
      kind: 'bid' as const,
      id: b.id,
      label: `${b.fund}: ${b.purpose}`,
      amountPence: b.amountAwardedPence!,
      nature: b.nature,
      note: 'amount awarded',
    })),
  ]
}

function splitLines(entries: YearEntries): { paidAutomatically: FigureLine[]; commissioned: FigureLine[] } {
  const paidAutomatically: FigureLine[] = []
  const commissioned: FigureLine[] = []
  for (const stream of entries.streams.filter(isCounted.stream)) {
    const split = splitGrant(stream.amountPence!, stream.automaticPercent)
    const label = splitLabel(stream.automaticPercent)
    const line = { kind: 'stream' as const, id: stream.id, label: stream.name, nature: stream.nature }
    paidAutomatically.push({ ...line, amountPence: split.automaticPence, note: label ? `${label} split` : 'paid in full automatically' })
    if (stream.automaticPercent < 100) commissioned.push({ ...line, amountPence: split.commissionedPence, note: `${label} split` })
  }
  return { paidAutomatically, commissioned }
}

/** Money shown but not counted: pending (with an amount), withdrawn, and amounts not known yet. */
function uncountedLines(entries: YearEntries) {
  const notYetConfirmed: FigureLine[] = []
  const withdrawn: FigureLine[] = []
  const unknownAmounts: UnknownAmount[] = []
  const sources = [
    ...entries.streams.map(s => ({ kind: 'stream' as const, id: s.id, label: s.name, entry: s, split: splitLabel(s.automaticPercent) })),
    ...entries.contributions.map(c => ({ kind: 'contribution' as const, id: c.id, label: c.organisationName, entry: { ...c, administeredForOthers: false }, split: null })),
  ]
  for (const { kind, id, label, entry, split } of sources) {
    if (entry.administeredForOthers && entry.status !== 'withdrawn') continue
    const reason = notCountedReason(entry)
    if (reason === null) continue
    if (entry.status === 'withdrawn') {
      withdrawn.push({ kind, id, label, amountPence: entry.amountPence ?? 0, nature: entry.nature, note: entry.amountPence === null ? 'withdrawn; no amount was recorded' : 'withdrawn' })
    } else if (entry.amountPence === null) {
      unknownAmounts.push({ kind, id, label, reason, split: split ? `${split} split agreed` : null })
    } else {
      notYetConfirmed.push({ kind, id, label, amountPence: entry.amountPence, nature: entry.nature, note: 'to be confirmed' })
    }
  }
  for (const b of entries.bids.filter(b => b.status === 'submitted')) {
    notYetConfirmed.push({ kind: 'bid', id: b.id, label: `${b.fund}: ${b.purpose}`, amountPence: b.amountRequestedPence, nature: b.nature, note: 'amount requested; bid not yet decided' })
  }
  return { notYetConfirmed, withdrawn, unknownAmounts }
}

function allocationFiguresOf(allocations: readonly AllocationEntry[], spend: readonly SpendEntry[]): AllocationFigures[] {
  return allocations.map(allocation => {
    const mine = spend.filter(s => s.allocationId === allocation.id)
    const spentPence = sumPence(mine.filter(s => s.status === 'paid').map(s => s.amountPence))
    const committedPence = sumPence(mine.filter(s => s.status === 'committed').map(s => s.amountPence))
    const forecastSpendPence = allocationForecast(allocation, spentPence + committedPence)
    return {
      allocationId: allocation.id,
      spentPence,
      committedPence,
      remainingPence: allocation.amountPence - spentPence - committedPence,
      forecastSpendPence,
      forecastUnderspendPence: allocation.amountPence - forecastSpendPence,
      isOverspent: spentPence + committedPence > allocation.amountPence,
    }
  })
}

function byNatureOf(figures: Record<FigureName, Figure>): Record<NatureFigure, Record<Nature, Pence>> {
  const out = {} as Record<NatureFigure, Record<Nature, Pence>>
  for (const name of NATURE_FIGURES) {
    const totals = { revenue: 0, capital: 0 } as Record<Nature, Pence>
    for (const line of figures[name].lines) totals[line.nature ?? 'revenue'] += line.amountPence
    out[name] = totals
  }
  return out
}

export function summariseYear(entries: YearEntries): YearFigures {
  const available = availableLines(entries)
  const { paidAutomatically, commissioned } = splitLines(entries)
  const { notYetConfirmed, withdrawn, unknownAmounts } = uncountedLines(entries)

  const own = entries.allocations.filter(a => a.administeredStreamId === null)
  const administeredAllocations = entries.allocations.filter(a => a.administeredStreamId !== null)
  const allocationIds = new Set(entries.allocations.map(a => a.id))
  const natureOf = new Map(entries.allocations.map(a => [a.id, a.nature]))
  const ownIds = new Set(own.map(a => a.id))
  const allocationLine = (a: AllocationEntry): FigureLine => ({ kind: 'allocation', id: a.id, label: a.purpose, amountPence: a.amountPence, nature: a.nature })
  const spendLine = (s: SpendEntry): FigureLine => ({ kind: 'spend', id: s.id, label: s.description, amountPence: s.amountPence, nature: natureOf.get(s.allocationId) })
  const allocated = own.map(allocationLine)
  const counted = entries.spend.filter(s => ownIds.has(s.allocationId))
  const spent = counted.filter(s => s.status === 'paid').map(spendLine)
  const committed = counted.filter(s => s.status === 'committed').map(spendLine)

  const allocationFigures = allocationFiguresOf(entries.allocations, entries.spend.filter(s => allocationIds.has(s.allocationId)))
  const byAllocation = new Map(allocationFigures.map(f => [f.allocationId, f]))
  const forecastSpend: FigureLine[] = own.map(a => {
    const f = byAllocation.get(a.id)!
    const note =
      f.spentPence + f.committedPence > (a.expectedSpendPence ?? a.amountPence)
        ? 'already spent and committed'
        : a.expectedSpendPence === null
          ? 'the whole allocation'
          : 'expected spend'
    return { kind: 'allocation', id: a.id, label: a.purpose, amountPence: f.forecastSpendPence, nature: a.nature, note }
  })
  const nothingAllocated = own.length === 0
  const withheld = nothingAllocated ? NOTHING_ALLOCATED : undefined

  const administeredIds = new Set(administeredAllocations.map(a => a.id))
  const administered: FigureLine[] = entries.streams
    .filter(s => s.administeredForOthers && s.status === 'confirmed' && s.amountPence !== null)
    .map(s => ({ kind: 'stream', id: s.id, label: s.name, amountPence: s.amountPence!, nature: s.nature, note: 'administered for others' }))
  const administeredSpent = entries.spend.filter(s => administeredIds.has(s.allocationId) && s.status === 'paid').map(spendLine)

  const figures: Record<FigureName, Figure> = {
    available: figure(available),
    allocated: figure(allocated),
    unallocated: figure([...available, ...negate(allocated)]),
    spent: figure(spent),
    committed: figure(committed),
    forecastSpend: figure(forecastSpend, withheld),
    forecastUnderspend: figure([...available, ...negate(forecastSpend)], withheld),
    paidAutomatically: figure(paidAutomatically),
    commissioned: figure(commissioned),
    notYetConfirmed: figure(notYetConfirmed),
    withdrawn: figure(withdrawn),
    administered: figure(administered),
    administeredAllocated: figure(administeredAllocations.map(allocationLine)),
    administeredSpent: figure(administeredSpent),
  }
  return {
    figures,
    allocations: allocationFigures,
    byNature: byNatureOf(figures),
    unknownAmounts,
    nothingAllocated,
    orphanSpend: entries.spend.filter(s => !allocationIds.has(s.allocationId)),
  }
}

