/**
 * The arithmetic of a CSP's funding year, kept apart from storage so every rule can be tested alone.
 *
 * Money available in a year
 *   = confirmed funding streams (the whole amount, both the part paid automatically and the part paid
 *     on a commissioned basis against the action plan)
 *   + roll-over of an approved underspend from the year before
 *   + confirmed partner contributions (capital or revenue)
 *   + the amount awarded by successful bids.
 *   Streams and contributions still to be confirmed, and bids submitted or unsuccessful, are listed as
 *   "not yet confirmed" and never counted.
 * Allocated      = the sum of the allocations (to priorities, projects, posts).
 * Unallocated    = available − allocated (negative when more is allocated than there is).
 * Spent          = spend entries paid.   Committed = spend entries committed but not yet paid.
 * Forecast spend of an allocation = the larger of its expected spend (the allocation itself unless the
 *   coordinator expects less or more) and what is already spent and committed against it.
 * Forecast spend = the sum over allocations.
 * Forecast underspend = available − forecast spend
 *   (= unallocated + what the allocations are expected to leave unspent; negative is an overspend).
 *
 * Every figure is a list of signed lines, one per entry, and its total is the sum of its lines: a page
 * can always show which entries make a figure up.
 */
import { financialYearLabel } from '../../../core/calendar/index.ts'
import { sumPence, type Pence } from './money.ts'

export const STREAM_STATUSES = ['confirmed', 'to_be_confirmed'] as const
export type StreamStatus = (typeof STREAM_STATUSES)[number]
export const CONTRIBUTION_NATURES = ['revenue', 'capital'] as const
export type ContributionNature = (typeof CONTRIBUTION_NATURES)[number]
export const BID_STATUSES = ['submitted', 'successful', 'unsuccessful'] as const
export type BidStatus = (typeof BID_STATUSES)[number]
export const SPEND_STATUSES = ['paid', 'committed'] as const
export type SpendStatus = (typeof SPEND_STATUSES)[number]
export const ALLOCATION_KINDS = ['priority', 'project', 'post', 'other'] as const
export type AllocationKind = (typeof ALLOCATION_KINDS)[number]

export const STATUS_LABELS: Record<StreamStatus, string> = {
  confirmed: 'Confirmed',
  to_be_confirmed: 'To be confirmed',
}
export const NATURE_LABELS: Record<ContributionNature, string> = { revenue: 'Revenue', capital: 'Capital' }
export const BID_STATUS_LABELS: Record<BidStatus, string> = {
  submitted: 'Submitted',
  successful: 'Successful',
  unsuccessful: 'Unsuccessful',
}
export const SPEND_STATUS_LABELS: Record<SpendStatus, string> = { paid: 'Paid', committed: 'Committed' }
export const ALLOCATION_KIND_LABELS: Record<AllocationKind, string> = {
  priority: 'A priority',
  project: 'A project',
  post: 'A post',
  other: 'Something else',
}

export interface StreamEntry {
  id: number
  name: string
  funder: string
  amountPence: Pence
  status: StreamStatus
  /** The share paid automatically, 0–100; the rest is paid on a commissioned basis. 100 means no split. */
  automaticPercent: number
  conditions: string | null
}

export interface RollOverEntry {
  id: number
  amountPence: Pence
  reason: string | null
}

export interface ContributionEntry {
  id: number
  organisationName: string
  amountPence: Pence
  status: StreamStatus
  nature: ContributionNature
}

export interface BidEntry {
  id: number
  fund: string
  purpose: string
  amountRequestedPence: Pence
  amountAwardedPence: Pence | null
  status: BidStatus
}

export interface AllocationEntry {
  id: number
  purpose: string
  amountPence: Pence
  /** What the coordinator expects to spend by the end of the year; null means the whole allocation. */
  expectedSpendPence: Pence | null
}

export interface SpendEntry {
  id: number
  allocationId: number
  description: string
  amountPence: Pence
  status: SpendStatus
  spentOn: string
}

export interface YearEntries {
  streams: readonly StreamEntry[]
  rollOvers: readonly RollOverEntry[]
  contributions: readonly ContributionEntry[]
  bids: readonly BidEntry[]
  allocations: readonly AllocationEntry[]
  spend: readonly SpendEntry[]
}

export type EntryKind = 'stream' | 'roll_over' | 'contribution' | 'bid' | 'allocation' | 'spend'

export const ENTRY_KIND_LABELS: Record<EntryKind, string> = {
  stream: 'Funding stream',
  roll_over: 'Roll-over',
  contribution: 'Partner contribution',
  bid: 'Bid',
  allocation: 'Allocation',
  spend: 'Spend',
}

/** One entry's part in a figure: added (positive) or taken away (negative). */
export interface FigureLine {
  kind: EntryKind
  id: number
  label: string
  amountPence: Pence
  /** Why this line counts the way it does, when that is not obvious ("50% paid automatically"). */
  note?: string
}

export interface Figure {
  totalPence: Pence
  lines: FigureLine[]
}

export const FIGURE_NAMES = [
  'available',
  'allocated',
  'unallocated',
  'spent',
  'committed',
  'forecastSpend',
  'forecastUnderspend',
  'paidAutomatically',
  'commissioned',
  'notYetConfirmed',
] as const

/** The figures the year summary leads with, in order (the rest explain the grant and what is unconfirmed). */
export const HEADLINE_FIGURES = FIGURE_NAMES.slice(0, FIGURE_NAMES.indexOf('forecastUnderspend') + 1)
export type FigureName = (typeof FIGURE_NAMES)[number]

export const FIGURE_LABELS: Record<FigureName, string> = {
  available: 'Available',
  allocated: 'Allocated',
  unallocated: 'Not yet allocated',
  spent: 'Spent',
  committed: 'Committed',
  forecastSpend: 'Forecast spend',
  forecastUnderspend: 'Forecast underspend',
  paidAutomatically: 'Paid automatically',
  commissioned: 'Paid against the action plan',
  notYetConfirmed: 'Not yet confirmed (not counted)',
}

export const FIGURE_RULES: Record<FigureName, string> = {
  available:
    'Confirmed funding streams, plus the roll-over of an approved underspend from the year before, plus confirmed partner contributions, plus the amount awarded by successful bids.',
  allocated: 'The sum of the allocations to priorities, projects and posts.',
  unallocated: 'Available less allocated. A negative figure means more has been allocated than is available.',
  spent: 'Spend entries that have been paid.',
  committed: 'Spend entries committed (ordered or contracted) but not yet paid.',
  forecastSpend:
    'For each allocation, what is expected to be spent by 31 March (the whole allocation unless a different figure is given), or what is already spent and committed if that is more.',
  forecastUnderspend:
    'Available less forecast spend: money not yet allocated plus what the allocations are expected to leave unspent. A negative figure is a forecast overspend.',
  paidAutomatically: 'The part of each confirmed funding stream paid without conditions.',
  commissioned:
    'The part of each confirmed funding stream paid on a commissioned basis, against the action plan and its conditions.',
  notYetConfirmed:
    'Funding streams and partner contributions still to be confirmed, and bids submitted but not yet decided. None of it counts as available.',
}

/**
 * Split a grant into the part paid automatically and the part paid against the action plan. The
 * automatic part is rounded to the nearest penny (halves up); the commissioned part is the rest, so
 * the two always add up to the grant exactly.
 */
export function splitGrant(
  amountPence: Pence,
  automaticPercent: number,
): { automaticPence: Pence; commissionedPence: Pence } {
  if (!Number.isSafeInteger(amountPence) || amountPence < 0)
    throw new RangeError('A grant is a whole, non-negative number of pence')
  if (!Number.isInteger(automaticPercent) || automaticPercent < 0 || automaticPercent > 100) {
    throw new RangeError('The automatic share is a whole percentage from 0 to 100')
  }
  const automaticPence = Math.floor((amountPence * automaticPercent + 50) / 100)
  return { automaticPence, commissionedPence: amountPence - automaticPence }
}

/** "50/50", "25/75", or null when the whole stream is paid automatically. */
export function splitLabel(automaticPercent: number): string | null {
  return automaticPercent >= 100 ? null : `${automaticPercent}/${100 - automaticPercent}`
}

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

export interface YearFigures {
  figures: Record<FigureName, Figure>
  allocations: AllocationFigures[]
  /** Spend entries whose allocation is not among the year's allocations (should not happen). */
  orphanSpend: SpendEntry[]
}

const figure = (lines: FigureLine[]): Figure => ({ totalPence: sumPence(lines.map(line => line.amountPence)), lines })
const negate = (lines: FigureLine[]): FigureLine[] => lines.map(line => ({ ...line, amountPence: -line.amountPence }))

/** Whether a stream or contribution counts as available, and whether a bid does. */
export const isCounted = {
  stream: (stream: Pick<StreamEntry, 'status'>) => stream.status === 'confirmed',
  contribution: (contribution: Pick<ContributionEntry, 'status'>) => contribution.status === 'confirmed',
  bid: (bid: Pick<BidEntry, 'status' | 'amountAwardedPence'>) =>
    bid.status === 'successful' && bid.amountAwardedPence !== null,
}

/** The forecast spend of one allocation: the expected spend, or what is already spent and committed if more. */
export function allocationForecast(allocation: AllocationEntry, spentAndCommittedPence: Pence): Pence {
  return Math.max(allocation.expectedSpendPence ?? allocation.amountPence, spentAndCommittedPence)
}

export function summariseYear(entries: YearEntries): YearFigures {
  const available: FigureLine[] = [
    ...entries.streams
      .filter(isCounted.stream)
      .map(s => ({ kind: 'stream' as const, id: s.id, label: s.name, amountPence: s.amountPence })),
    ...entries.rollOvers.map(r => ({
      kind: 'roll_over' as const,
      id: r.id,
      label: r.reason ? `Roll-over: ${r.reason}` : 'Roll-over of the underspend from the year before',
      amountPence: r.amountPence,
    })),
    ...entries.contributions.filter(isCounted.contribution).map(c => ({
      kind: 'contribution' as const,
      id: c.id,
      label: `${c.organisationName} (${NATURE_LABELS[c.nature].toLowerCase()})`,
      amountPence: c.amountPence,
    })),
    ...entries.bids.filter(isCounted.bid).map(b => ({
      kind: 'bid' as const,
      id: b.id,
      label: `${b.fund}: ${b.purpose}`,
      amountPence: b.amountAwardedPence!,
      note: 'amount awarded',
    })),
  ]

  const paidAutomatically: FigureLine[] = []
  const commissioned: FigureLine[] = []
  for (const stream of entries.streams.filter(isCounted.stream)) {
    const split = splitGrant(stream.amountPence, stream.automaticPercent)
    const note = splitLabel(stream.automaticPercent)
      ? `${splitLabel(stream.automaticPercent)} split`
      : 'paid in full automatically'
    paidAutomatically.push({
      kind: 'stream',
      id: stream.id,
      label: stream.name,
      amountPence: split.automaticPence,
      note,
    })
    if (stream.automaticPercent < 100) {
      commissioned.push({
        kind: 'stream',
        id: stream.id,
        label: stream.name,
        amountPence: split.commissionedPence,
        note: `${splitLabel(stream.automaticPercent)} split`,
      })
    }
  }

  const notYetConfirmed: FigureLine[] = [
    ...entries.streams
      .filter(s => !isCounted.stream(s))
      .map(s => ({
        kind: 'stream' as const,
        id: s.id,
        label: s.name,
        amountPence: s.amountPence,
        note: 'to be confirmed',
      })),
    ...entries.contributions
      .filter(c => !isCounted.contribution(c))
      .map(c => ({
        kind: 'contribution' as const,
        id: c.id,
        label: c.organisationName,
        amountPence: c.amountPence,
        note: 'to be confirmed',
      })),
    ...entries.bids
      .filter(b => b.status === 'submitted')
      .map(b => ({
        kind: 'bid' as const,
        id: b.id,
        label: `${b.fund}: ${b.purpose}`,
        amountPence: b.amountRequestedPence,
        note: 'amount requested; bid not yet decided',
      })),
  ]

  const allocated: FigureLine[] = entries.allocations.map(a => ({
    kind: 'allocation',
    id: a.id,
    label: a.purpose,
    amountPence: a.amountPence,
  }))
  const allocationIds = new Set(entries.allocations.map(a => a.id))
  const spendLine = (s: SpendEntry): FigureLine => ({
    kind: 'spend',
    id: s.id,
    label: s.description,
    amountPence: s.amountPence,
  })
  const counted = entries.spend.filter(s => allocationIds.has(s.allocationId))
  const spent = counted.filter(s => s.status === 'paid').map(spendLine)
  const committed = counted.filter(s => s.status === 'committed').map(spendLine)

  const allocationFigures: AllocationFigures[] = entries.allocations.map(allocation => {
    const mine = counted.filter(s => s.allocationId === allocation.id)
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
  const forecastSpend: FigureLine[] = entries.allocations.map((a, index) => {
    const f = allocationFigures[index]!
    const note =
      f.spentPence + f.committedPence > (a.expectedSpendPence ?? a.amountPence)
        ? 'already spent and committed'
        : a.expectedSpendPence === null
          ? 'the whole allocation'
          : 'expected spend'
    return { kind: 'allocation', id: a.id, label: a.purpose, amountPence: f.forecastSpendPence, note }
  })

  return {
    figures: {
      available: figure(available),
      allocated: figure(allocated),
      unallocated: figure([...available, ...negate(allocated)]),
      spent: figure(spent),
      committed: figure(committed),
      forecastSpend: figure(forecastSpend),
      forecastUnderspend: figure([...available, ...negate(forecastSpend)]),
      paidAutomatically: figure(paidAutomatically),
      commissioned: figure(commissioned),
      notYetConfirmed: figure(notYetConfirmed),
    },
    allocations: allocationFigures,
    orphanSpend: entries.spend.filter(s => !allocationIds.has(s.allocationId)),
  }
}

export interface Warning {
  text: string
  /** The figure or section the warning is about, for a link. */
  about: FigureName | 'allocations' | 'rollOvers'
}

/**
 * What a coordinator should look at: more allocated than available, allocations spent beyond their
 * amount, a forecast overspend, and a roll-over larger than the year before left unspent.
 */
export function warningsFor(
  entries: Pick<YearEntries, 'allocations' | 'rollOvers'>,
  summary: YearFigures,
  previousYear: { startYear: number; forecastUnderspendPence: Pence } | null,
  format: (pence: Pence) => string,
): Warning[] {
  const warnings: Warning[] = []
  const { unallocated, forecastUnderspend } = summary.figures
  if (unallocated.totalPence < 0) {
    warnings.push({
      about: 'unallocated',
      text: `Allocations are ${format(-unallocated.totalPence)} more than the money available.`,
    })
  }
  for (const figures of summary.allocations.filter(a => a.isOverspent)) {
    const allocation = entries.allocations.find(a => a.id === figures.allocationId)!
    warnings.push({
      about: 'allocations',
      text: `${format(figures.spentPence + figures.committedPence - allocation.amountPence)} more has been spent or committed on “${allocation.purpose}” than was allocated.`,
    })
  }
  if (forecastUnderspend.totalPence < 0) {
    warnings.push({
      about: 'forecastUnderspend',
      text: `The forecast is an overspend of ${format(-forecastUnderspend.totalPence)}.`,
    })
  }
  const rollOver = rollOverProblem(sumPence(entries.rollOvers.map(r => r.amountPence)), previousYear)
  if (rollOver) warnings.push({ about: 'rollOvers', text: rollOver(format) })
  return warnings
}

/**
 * A roll-over carries an approved underspend into the next year, so it cannot sensibly be more than the
 * year before is forecast to leave unspent. Only checked when that year is recorded.
 */
export function rollOverProblem(
  rollOverPence: Pence,
  previousYear: { startYear: number; forecastUnderspendPence: Pence } | null,
): ((format: (pence: Pence) => string) => string) | null {
  if (!previousYear || rollOverPence === 0) return null
  const left = Math.max(0, previousYear.forecastUnderspendPence)
  if (rollOverPence <= left) return null
  return format =>
    `The roll-over of ${format(rollOverPence)} is more than ${financialYearLabel(previousYear.startYear)} is forecast to leave unspent (${format(left)}).`
}

/** The amount to suggest for a new roll-over: what the year before is forecast to leave unspent, less what has already been rolled over. */
export function suggestedRollOver(previousForecastUnderspendPence: Pence, alreadyRolledOverPence: Pence): Pence {
  return Math.max(0, previousForecastUnderspendPence - alreadyRolledOverPence)
}

/**
 * A year's money in the shape the annual report's "resource implications" section states it: the
 * money counted as available (streams, confirmed contributions and successful bids' awards, then the
 * roll-over, so that streams + roll-over = available), what is allocated, spent and committed, and the
 * forecast underspend. Money in pence.
 */
export interface ReportFundingSummary {
  financialYear: number
  streams: { name: string; amountPence: number; note: string | null }[]
  rollOverPence: number
  availablePence: number
  allocatedPence: number
  spentPence: number
  committedPence: number
  forecastUnderspendPence: number
  allocations: { name: string; amountPence: number; spentPence: number }[]
  bids: { fund: string; purpose: string; amountPence: number; status: 'submitted' | 'successful' | 'unsuccessful' }[]
  notes: string[]
}
