/**
 * A joint partnership's money by district. A stream may be for one district, or described per district
 * (the same grant "£28,038 to the joint CSP" and "£14,019 to each council" is one stream with a breakdown,
 * not two streams). The breakdown must add up to the stream's amount exactly, so the money is counted once.
 * Money not tied to a district (other streams, roll-overs, reserves, contributions, bids) is the whole
 * partnership's.
 */
import { isCounted, type DistrictShare, type StreamEntry, type YearEntries } from './funding.ts'
import { sumPence, type Pence } from './money.ts'
import type { YearFigures } from './year-figures.ts'

export interface District {
  id: number
  name: string
}

export interface DistrictTotal {
  /** Null for the money not tied to a district. */
  areaId: number | null
  name: string
  amountPence: Pence
}

export const WHOLE_PARTNERSHIP = 'Whole partnership (not tied to a district)'

/** What is wrong with a stream's district and breakdown, by field, or an empty object. */
export function shareProblems(
  stream: { amountPence: Pence | null; areaId: number | null; districtShares: readonly DistrictShare[] },
  districts: readonly District[],
  format: (pence: Pence) => string,
): Record<string, string> {
  const problems: Record<string, string> = {}
  const known = new Set(districts.map(d => d.id))
  if (stream.areaId !== null && !known.has(stream.areaId)) problems.areaId = 'Select a district of the partnership, or the whole partnership'
  const shares = stream.districtShares
  if (shares.length === 0) return problems
  const first = `share-${shares[0]!.areaId}`
  if (shares.some(s => !known.has(s.areaId))) problems[first] = 'Give the breakdown only for the partnership’s districts'
  else if (new Set(shares.map(s => s.areaId)).size !== shares.length) problems[first] = 'Give each district’s share once'
  else if (stream.areaId !== null) problems[first] = 'Leave the breakdown empty when the money is for one district'
  else if (stream.amountPence === null) problems[first] = 'Enter the amount for the year before breaking it down by district, or leave the breakdown empty'
  else {
    const total = sumPence(shares.map(s => s.amountPence))
    if (total !== stream.amountPence) {
      problems[first] = `The districts’ shares add up to ${format(total)}, but the amount is ${format(stream.amountPence)}: make them add up, or leave them all empty`
    }
  }
  return problems
}

/** The partnership's own money available, per district, then what is not tied to a district; empty when nothing is tied to one. */
export function availableByDistrict(entries: YearEntries, summary: YearFigures, districts: readonly District[]): DistrictTotal[] {
  const perDistrict = new Map<number, Pence>()
  const add = (areaId: number, pence: Pence) => perDistrict.set(areaId, (perDistrict.get(areaId) ?? 0) + pence)
  let tied = 0
  const counted: StreamEntry[] = entries.streams.filter(isCounted.stream)
  for (const stream of counted) {
    if (stream.areaId !== null) {
      add(stream.areaId, stream.amountPence!)
      tied += stream.amountPence!
    } else if (stream.districtShares.length) {
      for (const share of stream.districtShares) add(share.areaId, share.amountPence)
      tied += sumPence(stream.districtShares.map(s => s.amountPence))
    }
  }
  if (perDistrict.size === 0) return []
  const names = new Map(districts.map(d => [d.id, d.name]))
  const rows: DistrictTotal[] = [...perDistrict].map(([areaId, amountPence]) => ({ areaId, name: names.get(areaId) ?? 'A district no longer recorded', amountPence }))
  rows.sort((a, b) => a.name.localeCompare(b.name))
  rows.push({ areaId: null, name: WHOLE_PARTNERSHIP, amountPence: summary.figures.available.totalPence - tied })
  return rows
}
