/**
 * The entries of a CSP's funding year, their words, and the rules of what counts as money available.
 * The sums are in year-figures.ts, the warnings in warnings.ts, the change since last year in
 * year-change.ts and the shares of a joint partnership's districts in districts.ts.
 *
 * What counts as the partnership's money available in a year:
 *   confirmed funding streams whose amount is known (not those it administers for others)
 *   + roll-over of an approved underspend from the year before
 *   + reserves drawn into the year
 *   + confirmed partner contributions whose amount is known
 *   + the amount awarded by successful bids.
 * Money to be confirmed, an amount not yet known (even with a split agreed), money withdrawn, and bids
 * submitted or unsuccessful are shown but never counted. Money the partnership administers for others
 * (grants it passes on, a fund others bid into) is kept apart, with its own totals, so that "not yet
 * allocated" is only ever the partnership's own money.
 */
import type { Pence } from './money.ts'

export const STREAM_STATUSES = ['confirmed', 'to_be_confirmed', 'withdrawn'] as const
export type StreamStatus = (typeof STREAM_STATUSES)[number]
export const NATURES = ['revenue', 'capital'] as const
export type Nature = (typeof NATURES)[number]
/** Kept for the contributions, which had capital or revenue first. */
export const CONTRIBUTION_NATURES = NATURES
export type ContributionNature = Nature
export const BID_STATUSES = ['submitted', 'successful', 'unsuccessful'] as const
export type BidStatus = (typeof BID_STATUSES)[number]
export const SPEND_STATUSES = ['paid', 'committed'] as const
export type SpendStatus = (typeof SPEND_STATUSES)[number]
export const ALLOCATION_KINDS = ['priority', 'project', 'post', 'other'] as const
export type AllocationKind = (typeof ALLOCATION_KINDS)[number]

export const STATUS_LABELS: Record<StreamStatus, string> = {
  confirmed: 'Confirmed',
  to_be_confirmed: 'To be confirmed',
  withdrawn: 'Withdrawn',
}
export const NATURE_LABELS: Record<Nature, string> = { revenue: 'Revenue', capital: 'Capital' }
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

/** A district's part of a stream (a joint partnership's grant described per district). */
export interface DistrictShare {
  areaId: number
  amountPence: Pence
}

export interface StreamEntry {
  id: number
  name: string
  funder: string
  /** Null while the amount is not known. */
  amountPence: Pence | null
  status: StreamStatus
  /** The share paid automatically, 0–100; the rest is paid on a commissioned basis. 100 means no split. */
  automaticPercent: number
  conditions: string | null
  nature: Nature
  /** Money the partnership administers for others (passed on, or a fund others bid into), not its own. */
  administeredForOthers: boolean
  /** The district the money is for, in a joint partnership (null: the whole partnership). */
  areaId: number | null
  /** The money described per district; adds up to the amount. */
  districtShares: readonly DistrictShare[]
}

export interface RollOverEntry {
  id: number
  amountPence: Pence
  reason: string | null
  nature: Nature
}

export interface ReserveEntry {
  id: number
  description: string
  amountPence: Pence
  nature: Nature
}

export interface ContributionEntry {
  id: number
  organisationName: string
  /** Null while the amount is not known. */
  amountPence: Pence | null
  status: StreamStatus
  nature: Nature
}

export interface BidEntry {
  id: number
  fund: string
  purpose: string
  amountRequestedPence: Pence
  amountAwardedPence: Pence | null
  status: BidStatus
  nature: Nature
}

export interface AllocationEntry {
  id: number
  purpose: string
  amountPence: Pence
  /** What the coordinator expects to spend by the end of the year; null means the whole allocation. */
  expectedSpendPence: Pence | null
  nature: Nature
  /** The stream administered for others this is allocated from; null for the partnership's own money. */
  administeredStreamId: number | null
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
  reserves: readonly ReserveEntry[]
  contributions: readonly ContributionEntry[]
  bids: readonly BidEntry[]
  allocations: readonly AllocationEntry[]
  spend: readonly SpendEntry[]
}

export type EntryKind = 'stream' | 'roll_over' | 'reserve' | 'contribution' | 'bid' | 'allocation' | 'spend'

export const ENTRY_KIND_LABELS: Record<EntryKind, string> = {
  stream: 'Funding stream',
  roll_over: 'Roll-over',
  reserve: 'Reserves',
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
  /** Capital or revenue, where the line is money of one or the other. */
  nature?: Nature
  /** Why this line counts the way it does, when that is not obvious ("50% paid automatically"). */
  note?: string
}

export interface Figure {
  totalPence: Pence
  lines: FigureLine[]
  /** Why the figure is not stated, when it cannot honestly be ("Nothing allocated yet"). */
  withheld?: string
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
  'withdrawn',
  'administered',
  'administeredAllocated',
  'administeredSpent',
] as const

/** The figures the year summary leads with, in order (the rest explain the grant, what is unconfirmed and what is administered). */
export const HEADLINE_FIGURES = FIGURE_NAMES.slice(0, FIGURE_NAMES.indexOf('forecastUnderspend') + 1)
export type FigureName = (typeof FIGURE_NAMES)[number]

export const NOTHING_ALLOCATED = 'Nothing allocated yet'

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
  withdrawn: 'Withdrawn (not counted)',
  administered: 'Administered for others',
  administeredAllocated: 'Administered for others: allocated',
  administeredSpent: 'Administered for others: spent',
}

export const FIGURE_RULES: Record<FigureName, string> = {
  available:
    'The partnership’s own money: confirmed funding streams whose amount is known, plus the roll-over of an approved underspend from the year before, plus reserves drawn into the year, plus confirmed partner contributions whose amount is known, plus the amount awarded by successful bids. Money administered for others is not included.',
  allocated: 'The sum of the allocations of the partnership’s own money to priorities, projects and posts.',
  unallocated: 'Available less allocated. A negative figure means more has been allocated than is available.',
  spent: 'Spend entries that have been paid, against allocations of the partnership’s own money.',
  committed: 'Spend entries committed (ordered or contracted) but not yet paid, against allocations of the partnership’s own money.',
  forecastSpend:
    'For each allocation, what is expected to be spent by 31 March (the whole allocation unless a different figure is given), or what is already spent and committed if that is more. Not stated while nothing is allocated.',
  forecastUnderspend:
    'Available less forecast spend: money not yet allocated plus what the allocations are expected to leave unspent. A negative figure is a forecast overspend. Not stated while nothing is allocated: money not yet allocated is not an underspend.',
  paidAutomatically: 'The part of each confirmed funding stream paid without conditions.',
  commissioned:
    'The part of each confirmed funding stream paid on a commissioned basis, against the action plan and its conditions.',
  notYetConfirmed:
    'Funding streams and partner contributions still to be confirmed (with their expected amount), and bids submitted but not yet decided. None of it counts as available. Amounts not yet known are listed under the year’s money.',
  withdrawn: 'Funding streams and partner contributions withdrawn, with the amount that was expected. None of it counts as available.',
  administered:
    'Confirmed money the partnership administers for others, such as grants it passes on or a fund others bid into. It is not the partnership’s own and is not counted as available.',
  administeredAllocated: 'Allocations made from the money administered for others.',
  administeredSpent: 'Spend entries paid against the allocations of money administered for others.',
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

/** Whether a stream, contribution or bid counts as the partnership's money available. */
export const isCounted = {
  stream: (stream: Pick<StreamEntry, 'status' | 'amountPence' | 'administeredForOthers'>) =>
    stream.status === 'confirmed' && stream.amountPence !== null && !stream.administeredForOthers,
  contribution: (contribution: Pick<ContributionEntry, 'status' | 'amountPence'>) =>
    contribution.status === 'confirmed' && contribution.amountPence !== null,
  bid: (bid: Pick<BidEntry, 'status' | 'amountAwardedPence'>) =>
    bid.status === 'successful' && bid.amountAwardedPence !== null,
}

/** Why a stream or contribution is not counted, in words, or null when it is. */
export function notCountedReason(entry: {
  status: StreamStatus
  amountPence: Pence | null
  administeredForOthers?: boolean
}): string | null {
  if (entry.status === 'withdrawn') return 'withdrawn'
  if (entry.status === 'to_be_confirmed') return entry.amountPence === null ? 'to be confirmed; amount not yet known' : 'to be confirmed'
  if (entry.amountPence === null) return 'amount not recorded'
  if (entry.administeredForOthers) return 'administered for others'
  return null
}

/**
 * A year's money in the shape the annual report's "resource implications" section states it: the money
 * counted as available (streams, confirmed contributions and successful bids' awards, then the roll-over
 * and reserves, so that streams + roll-over + reserves = available), what is allocated, spent and
 * committed, and the forecast underspend (null when nothing is allocated yet). The rest says what is not
 * counted and why, the capital and revenue totals, the money administered for others, the districts'
 * shares and the change since last year. Money in pence.
 */
export interface ReportFundingSummary {
  financialYear: number
  streams: { name: string; amountPence: number; note: string | null }[]
  rollOverPence: number
  availablePence: number
  allocatedPence: number
  spentPence: number
  committedPence: number
  /** Null when nothing is allocated yet: money not yet allocated is not a forecast underspend. */
  forecastUnderspendPence: number | null
  allocations: { name: string; amountPence: number; spentPence: number }[]
  bids: { fund: string; purpose: string; amountPence: number; status: 'submitted' | 'successful' | 'unsuccessful' }[]
  notes: string[]
  /** Reserves drawn into the year, each with its amount. */
  reserves?: { name: string; amountPence: number }[]
  /** Available, allocated, spent and committed, split into revenue and capital. */
  byNature?: Record<'available' | 'allocated' | 'spent' | 'committed', Record<Nature, number>>
  /** Money shown but not counted: to be confirmed, amount not known, withdrawn. */
  notCounted?: { name: string; amountPence: number | null; reason: string }[]
  /** Money administered for others, apart from the partnership's own. */
  administered?: { name: string; amountPence: number; allocatedPence: number; spentPence: number }[]
  /** The money available per district of a joint partnership. */
  byDistrict?: { name: string; amountPence: number }[]
  /** Each source against the year before, when the year before is recorded. */
  change?: YearChangeSummary
}

export interface YearChangeRow {
  source: string
  previousPence: number | null
  currentPence: number | null
  /** This year less last year; null when this year's amount is not known yet. */
  changePence: number | null
  note: string | null
}

export interface YearChangeSummary {
  previousYear: number
  rows: YearChangeRow[]
  previousTotalPence: number
  currentTotalPence: number
  /** Still to be confirmed this year (not in the current total). */
  pendingPence: number
}
