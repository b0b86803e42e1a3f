import { describe, expect, it } from 'vitest'

import { formatMoney } from '../../../shared/format.ts'

import { availableByDistrict, shareProblems, WHOLE_PARTNERSHIP } from './districts.ts'
import type { AllocationEntry, ContributionEntry, StreamEntry, YearEntries } from './funding.ts'
import { warningsFor } from './warnings.ts'
import { changeSinceLastYear, changeWords } from './year-change.ts'
import { summariseYear } from './year-figures.ts'

const empty: YearEntries = { streams: [], rollOvers: [], reserves: [], contributions: [], bids: [], allocations: [], spend: [] }
const stream = (over: Partial<StreamEntry> = {}): StreamEntry => ({
  id: 1,
  name: 'PFCC grant',
  funder: 'PFCC',
  amountPence: 1_000_000,
  status: 'confirmed',
  automaticPercent: 100,
  conditions: null,
  nature: 'revenue',
  administeredForOthers: false,
  areaId: null,
  districtShares: [],
  ...over,
})
const contribution = (over: Partial<ContributionEntry> = {}): ContributionEntry => ({
  id: 1,
  organisationName: 'Essex Police',
  amountPence: 200_000,
  status: 'confirmed',
  nature: 'revenue',
  ...over,
})
const allocation = (over: Partial<AllocationEntry> = {}): AllocationEntry => ({
  id: 1,
  purpose: 'Street Pastors',
  amountPence: 300_000,
  expectedSpendPence: null,
  nature: 'revenue',
  administeredStreamId: null,
  ...over,
})

describe('a year with a grant and nothing allocated yet', () => {
  const summary = summariseYear({ ...empty, streams: [stream({ amountPence: 1_401_900 })] })

  it('says nothing is allocated yet instead of forecasting an underspend of the whole grant', () => {
    expect(summary.nothingAllocated).toBe(true)
    expect(summary.figures.forecastUnderspend).toEqual({ totalPence: 0, lines: [], withheld: 'Nothing allocated yet' })
    expect(summary.figures.forecastSpend.withheld).toBe('Nothing allocated yet')
    expect(summary.figures.unallocated.totalPence).toBe(1_401_900)
  })

  it('forecasts once one allocation is recorded', () => {
    const allocated = summariseYear({ ...empty, streams: [stream({ amountPence: 1_401_900 })], allocations: [allocation()] })
    expect(allocated.nothingAllocated).toBe(false)
    expect(allocated.figures.forecastUnderspend).toMatchObject({ totalPence: 1_101_900 })
    expect(allocated.figures.forecastUnderspend.withheld).toBeUndefined()
  })

  it('has no forecast to roll over into the next year', () => {
    const next = { ...empty, rollOvers: [{ id: 1, amountPence: 500_000, reason: null, nature: 'revenue' as const }] }
    expect(warningsFor(next, summariseYear(next), { startYear: 2016, forecastUnderspendPence: null }, formatMoney)).toEqual([])
  })
})

describe('reserves', () => {
  it('count as available as a source of their own, not as a roll-over', () => {
    const { figures } = summariseYear({
      ...empty,
      streams: [stream()],
      rollOvers: [{ id: 1, amountPence: 100_000, reason: 'Underspend', nature: 'revenue' }],
      reserves: [{ id: 7, description: 'Community safety reserve', amountPence: 250_000, nature: 'revenue' }],
    })
    expect(figures.available.totalPence).toBe(1_350_000)
    expect(figures.available.lines.map(l => [l.kind, l.label, l.amountPence])).toEqual([
      ['stream', 'PFCC grant', 1_000_000],
      ['roll_over', 'Roll-over: Underspend', 100_000],
      ['reserve', 'Reserves: Community safety reserve', 250_000],
    ])
  })
})

describe('capital and revenue', () => {
  const entries: YearEntries = {
    ...empty,
    streams: [stream(), stream({ id: 2, name: 'Safer Streets capital', amountPence: 400_000, nature: 'capital' })],
    reserves: [{ id: 1, description: 'CCTV reserve', amountPence: 50_000, nature: 'capital' }],
    contributions: [contribution()],
    allocations: [allocation(), allocation({ id: 2, purpose: 'CCTV cameras', amountPence: 420_000, nature: 'capital' })],
    spend: [
      { id: 1, allocationId: 2, description: 'Cameras', amountPence: 300_000, status: 'paid', spentOn: '2024-06-01' },
      { id: 2, allocationId: 1, description: 'Patrols', amountPence: 100_000, status: 'paid', spentOn: '2024-06-01' },
      { id: 3, allocationId: 2, description: 'Installation', amountPence: 20_000, status: 'committed', spentOn: '2024-07-01' },
    ],
  }
  const summary = summariseYear(entries)

  it('totals each, from the same entries as the headline figures', () => {
    expect(summary.byNature.available).toEqual({ revenue: 1_200_000, capital: 450_000 })
    expect(summary.byNature.allocated).toEqual({ revenue: 300_000, capital: 420_000 })
    expect(summary.byNature.unallocated).toEqual({ revenue: 900_000, capital: 30_000 })
    expect(summary.byNature.spent).toEqual({ revenue: 100_000, capital: 300_000 })
    expect(summary.byNature.committed).toEqual({ revenue: 0, capital: 20_000 })
    for (const name of ['available', 'allocated', 'unallocated', 'spent', 'committed'] as const) {
      expect(summary.byNature[name].revenue + summary.byNature[name].capital).toBe(summary.figures[name].totalPence)
    }
  })
})

describe('money not yet known or withdrawn', () => {
  const entries: YearEntries = {
    ...empty,
    streams: [
      stream(),
      stream({ id: 2, name: '2025/26 grant', status: 'to_be_confirmed', amountPence: 1_000_000 }),
      stream({ id: 3, name: 'Serious violence duty grant', status: 'to_be_confirmed', amountPence: null, automaticPercent: 30, conditions: 'Against the plan' }),
      stream({ id: 4, name: 'Castle Point share', status: 'confirmed', amountPence: null }),
    ],
    contributions: [
      contribution(),
      contribution({ id: 2, organisationName: 'Fire and Rescue', amountPence: null, status: 'to_be_confirmed' }),
      contribution({ id: 3, organisationName: 'Probation', amountPence: 150_000, status: 'withdrawn' }),
    ],
  }
  const summary = summariseYear(entries)

  it('are shown but never counted as money available', () => {
    expect(summary.figures.available.totalPence).toBe(1_200_000)
    expect(summary.figures.notYetConfirmed.lines.map(l => [l.kind, l.id, l.amountPence])).toEqual([['stream', 2, 1_000_000]])
    expect(summary.figures.withdrawn.lines.map(l => [l.kind, l.id, l.amountPence, l.note])).toEqual([['contribution', 3, 150_000, 'withdrawn']])
    expect(summary.unknownAmounts).toEqual([
      { kind: 'stream', id: 3, label: 'Serious violence duty grant', reason: 'to be confirmed; amount not yet known', split: '30/70 split agreed' },
      { kind: 'stream', id: 4, label: 'Castle Point share', reason: 'amount not recorded', split: null },
      { kind: 'contribution', id: 2, label: 'Fire and Rescue', reason: 'to be confirmed; amount not yet known', split: null },
    ])
  })

  it('count no split of an amount not known towards the parts paid automatically or against the plan', () => {
    expect(summary.figures.paidAutomatically.totalPence + summary.figures.commissioned.totalPence).toBe(1_000_000)
  })

  it('warn when confirmed money has no amount recorded', () => {
    expect(warningsFor(entries, summary, null, formatMoney).map(w => w.text)).toEqual(['“Castle Point share” is confirmed but its amount is not recorded, so it is not counted as available.'])
  })
})

describe('money the partnership administers for others', () => {
  const entries: YearEntries = {
    ...empty,
    streams: [stream(), stream({ id: 2, name: 'Community grants fund', amountPence: 500_000, administeredForOthers: true })],
    allocations: [
      allocation({ id: 1, amountPence: 1_000_000 }),
      allocation({ id: 2, purpose: 'Youth club grant', amountPence: 120_000, administeredStreamId: 2 }),
      allocation({ id: 3, purpose: 'Residents’ association grant', amountPence: 80_000, administeredStreamId: 2 }),
    ],
    spend: [{ id: 1, allocationId: 2, description: 'Paid to the youth club', amountPence: 120_000, status: 'paid', spentOn: '2024-05-01' }],
  }
  const summary = summariseYear(entries)

  it('is kept apart, so the partnership’s own money is all allocated and “not yet allocated” stays true', () => {
    expect(summary.figures.available.totalPence).toBe(1_000_000)
    expect(summary.figures.allocated.totalPence).toBe(1_000_000)
    expect(summary.figures.unallocated.totalPence).toBe(0)
    expect(summary.figures.spent.totalPence).toBe(0)
    expect(summary.figures.administered.totalPence).toBe(500_000)
    expect(summary.figures.administeredAllocated.totalPence).toBe(200_000)
    expect(summary.figures.administeredSpent.totalPence).toBe(120_000)
  })

  it('warns when more is allocated from it than it holds', () => {
    const over = { ...entries, allocations: [...entries.allocations, allocation({ id: 4, purpose: 'Another grant', amountPence: 400_000, administeredStreamId: 2 })] }
    expect(warningsFor(over, summariseYear(over), null, formatMoney).map(w => w.text)).toContain('Allocations from “Community grants fund” are £1,000 more than it holds.')
  })
})

describe('change since last year', () => {
  const lastYear: YearEntries = {
    ...empty,
    streams: [stream({ amountPence: 1_233_700 }), stream({ id: 2, name: 'Home Office grant', amountPence: 300_000 })],
    contributions: [contribution(), contribution({ id: 2, organisationName: 'Essex Probation', amountPence: 100_000 })],
  }
  const thisYear: YearEntries = {
    ...empty,
    streams: [stream({ name: 'PFCC Grant ', amountPence: 1_100_000 }), stream({ id: 3, name: 'Safer Streets', status: 'to_be_confirmed', amountPence: 250_000 })],
    contributions: [contribution({ amountPence: 250_000 }), contribution({ id: 2, organisationName: 'Essex Probation', amountPence: 100_000, status: 'withdrawn' })],
    reserves: [{ id: 1, description: 'Community safety reserve', amountPence: 50_000, nature: 'revenue' }],
  }
  const change = changeSinceLastYear(thisYear, lastYear, 2023, formatMoney)
  const row = (source: string) => change.rows.find(r => r.source === source)!

  it('matches each source with last year’s and gives the shortfall or increase', () => {
    expect(row('PFCC Grant ')).toMatchObject({ previousPence: 1_233_700, currentPence: 1_100_000, changePence: -133_700 })
    expect(changeWords(row('PFCC Grant ').changePence, formatMoney)).toBe('Shortfall of £1,337')
    expect(row('Essex Police contribution (revenue)')).toMatchObject({ previousPence: 200_000, currentPence: 250_000, changePence: 50_000 })
    expect(changeWords(50_000, formatMoney)).toBe('Increase of £500')
  })

  it('counts a source withdrawn, or not recorded this year, as a shortfall of all it gave', () => {
    expect(row('Essex Probation contribution (revenue)')).toMatchObject({ previousPence: 100_000, currentPence: 0, changePence: -100_000, note: 'Withdrawn' })
    expect(row('Home Office grant')).toMatchObject({ previousPence: 300_000, currentPence: 0, changePence: -300_000, note: 'Not recorded this year' })
  })

  it('says a source still to be confirmed is not known yet, and leaves it out of the total', () => {
    expect(row('Safer Streets')).toMatchObject({ previousPence: null, currentPence: null, changePence: null, note: 'To be confirmed: £2,500 expected' })
    expect(changeWords(null, formatMoney)).toBe('Not known yet')
    expect(row('Reserves')).toMatchObject({ previousPence: null, currentPence: 50_000, changePence: 50_000, note: 'New this year' })
    expect(change.previousTotalPence).toBe(summariseYear(lastYear).figures.available.totalPence)
    expect(change.currentTotalPence).toBe(summariseYear(thisYear).figures.available.totalPence)
    expect(change.pendingPence).toBe(250_000)
  })
})

describe('a joint partnership’s districts', () => {
  const districts = [
    { id: 11, name: 'Castle Point' },
    { id: 12, name: 'Rochford' },
  ]

  it('takes one grant described jointly and per district as one stream whose breakdown adds up', () => {
    const joint = stream({ amountPence: 2_803_800, districtShares: [{ areaId: 11, amountPence: 1_401_900 }, { areaId: 12, amountPence: 1_401_900 }] })
    expect(shareProblems(joint, districts, formatMoney)).toEqual({})
    const entries = { ...empty, streams: [joint], contributions: [contribution()] }
    const summary = summariseYear(entries)
    expect(summary.figures.available.totalPence).toBe(3_003_800)
    expect(availableByDistrict(entries, summary, districts)).toEqual([
      { areaId: 11, name: 'Castle Point', amountPence: 1_401_900 },
      { areaId: 12, name: 'Rochford', amountPence: 1_401_900 },
      { areaId: null, name: WHOLE_PARTNERSHIP, amountPence: 200_000 },
    ])
  })

  it('refuses a breakdown that does not add up, repeats a district, or names a district of another partnership', () => {
    const wrong = stream({ amountPence: 2_803_800, districtShares: [{ areaId: 11, amountPence: 1_401_900 }, { areaId: 12, amountPence: 1_000_000 }] })
    expect(shareProblems(wrong, districts, formatMoney)).toEqual({ 'share-11': 'The districts’ shares add up to £24,019, but the amount is £28,038: make them add up, or leave them all empty' })
    expect(shareProblems(stream({ districtShares: [{ areaId: 99, amountPence: 1_000_000 }] }), districts, formatMoney)).toEqual({ 'share-99': 'Give the breakdown only for the partnership’s districts' })
    expect(shareProblems(stream({ areaId: 99 }), districts, formatMoney)).toEqual({ areaId: 'Select a district of the partnership, or the whole partnership' })
    expect(shareProblems(stream({ amountPence: null, districtShares: [{ areaId: 11, amountPence: 1 }] }), districts, formatMoney)).toHaveProperty('share-11')
  })

  it('counts each council’s share as its own line, for its district', () => {
    const entries = { ...empty, streams: [stream({ name: 'Rochford share', amountPence: 1_401_900, areaId: 12 }), stream({ id: 2, name: 'Castle Point share', amountPence: null, areaId: 11 })] }
    const summary = summariseYear(entries)
    expect(summary.figures.available.totalPence).toBe(1_401_900)
    expect(availableByDistrict(entries, summary, districts)).toEqual([
      { areaId: 12, name: 'Rochford', amountPence: 1_401_900 },
      { areaId: null, name: WHOLE_PARTNERSHIP, amountPence: 0 },
    ])
  })
})
