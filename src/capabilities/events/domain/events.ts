import { financialYearLabel, isInFinancialYear, quarterDates, quarterLabel, type IsoDate, type Quarter } from '../../../core/calendar/index.ts'

/**
 * Events and campaigns: what the partnership ran, for whom, with whom, what it cost and what people thought of
 * it. The cost is a line of the funding ledger (an allocation's spend so far, or one spend entry); an event
 * never has an amount of its own.
 */
export const EVENT_KINDS = ['event', 'campaign'] as const
export type EventKind = (typeof EVENT_KINDS)[number]
export const EVENT_KIND_LABELS: Record<EventKind, string> = { event: 'Event', campaign: 'Campaign' }

/** A line of the funding ledger an event can draw its cost from (the statutory duties' FundingLine). */
export interface LedgerLine {
  /** 'allocation:12' or 'spend:34' */
  key: string
  kind: 'allocation' | 'spend'
  id: number
  year: number
  /** "Allocation: Crucial Crew" */
  label: string
  /** The spend entry's amount, or what has been paid or committed from the allocation so far. */
  costPence: number
}

export const ledgerKey = (kind: 'allocation' | 'spend', id: number) => `${kind}:${id}`

export function parseLedgerKey(value: string | null): { kind: 'allocation' | 'spend'; id: number } | null {
  const match = /^(allocation|spend):(\d+)$/.exec(value ?? '')
  return match ? { kind: match[1] as 'allocation' | 'spend', id: Number(match[2]) } : null
}

export interface EventSummary {
  startsOn: IsoDate
  endsOn: IsoDate | null
  reach: number | null
  costPence: number | null
  feedbackPercent: number | null
  feedbackResponses: number | null
}

/** Whether an event falls (starts, or runs) within a period. */
export function isWithin(event: Pick<EventSummary, 'startsOn' | 'endsOn'>, first: IsoDate, last: IsoDate): boolean {
  return event.startsOn <= last && (event.endsOn ?? event.startsOn) >= first
}

export const inQuarter = (event: Pick<EventSummary, 'startsOn' | 'endsOn'>, year: number, quarter: Quarter) => {
  const { first, last } = quarterDates(year, quarter)
  return isWithin(event, first, last)
}

export const inYear = (event: Pick<EventSummary, 'startsOn' | 'endsOn'>, year: number) => isInFinancialYear(event.startsOn, year) || (event.endsOn !== null && isInFinancialYear(event.endsOn, year))

export interface EventTotals {
  events: number
  /** People reached, over the events that recorded it. */
  reach: number
  reachRecorded: number
  costPence: number
  costRecorded: number
}

export function totals(events: readonly EventSummary[]): EventTotals {
  const withReach = events.filter(e => e.reach !== null)
  const withCost = events.filter(e => e.costPence !== null)
  return {
    events: events.length,
    reach: withReach.reduce((sum, e) => sum + e.reach!, 0),
    reachRecorded: withReach.length,
    costPence: withCost.reduce((sum, e) => sum + e.costPence!, 0),
    costRecorded: withCost.length,
  }
}

/** "85% of 40 responses" or "85%". */
export function feedbackText(event: Pick<EventSummary, 'feedbackPercent' | 'feedbackResponses'> & { feedbackQuestion: string | null }): string {
  if (event.feedbackPercent === null) return ''
  const of = event.feedbackResponses ? ` of ${event.feedbackResponses.toLocaleString('en-GB')} responses` : ''
  return `${event.feedbackPercent}%${of}${event.feedbackQuestion ? `: ${event.feedbackQuestion}` : ''}`
}

export const periodLabel = (year: number, quarter: Quarter | null) => (quarter ? quarterLabel(year, quarter) : financialYearLabel(year))
