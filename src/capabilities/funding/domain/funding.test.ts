import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { formatMoney } from '../../../shared/format.ts'

import {
  FIGURE_NAMES,
  splitGrant,
  splitLabel,
  type AllocationEntry,
  type BidEntry,
  type ContributionEntry,
  type RollOverEntry,
  type SpendEntry,
  type StreamEntry,
  type YearEntries,
} from './funding.ts'
import { rollOverProblem, suggestedRollOver, warningsFor } from './warnings.ts'
import { allocationForecast, summariseYear } from './year-figures.ts'

const empty: YearEntries = { streams: [], rollOvers: [], reserves: [], contributions: [], bids: [], allocations: [], spend: [] }
const stream = (over: Partial<StreamEntry> = {}): StreamEntry => ({
  id: 1,
  name: 'PFCC grant',
  funder: 'Police, Fire and Crime Commissioner for Essex',
  amountPence: 1_233_700,
  status: 'confirmed',
  automaticPercent: 100,
  conditions: null,
  nature: 'revenue',
  administeredForOthers: false,
  areaId: null,
  districtShares: [],
  ...over,
})
const allocation = (over: Partial<AllocationEntry> = {}): AllocationEntry => ({
  id: 1,
  purpose: 'Walk Online',
  amountPence: 500_000,
  expectedSpendPence: null,
  nature: 'revenue',
  administeredStreamId: null,
  ...over,
})
const spend = (over: Partial<SpendEntry> = {}): SpendEntry => ({
  id: 1,
  allocationId: 1,
  description: 'Invoice',
  amountPence: 100_000,
  status: 'paid',
  spentOn: '2021-06-01',
  ...over,
})

describe('splitting a grant between the part paid automatically and the part paid against the action plan', () => {
  it('splits 50/50 and 25/75', () => {
    expect(splitGrant(1_233_700, 50)).toEqual({ automaticPence: 616_850, commissionedPence: 616_850 })
    expect(splitGrant(1_233_700, 25)).toEqual({ automaticPence: 308_425, commissionedPence: 925_275 })
    expect(splitLabel(25)).toBe('25/75')
    expect(splitLabel(100)).toBeNull()
  })

  it('rounds the automatic part to the nearest penny, halves up, and gives the rest to the commissioned part', () => {
    expect(splitGrant(1, 50)).toEqual({ automaticPence: 1, commissionedPence: 0 })
    expect(splitGrant(3, 50)).toEqual({ automaticPence: 2, commissionedPence: 1 })
    expect(splitGrant(101, 33)).toEqual({ automaticPence: 33, commissionedPence: 68 })
  })

  it('refuses a share that is not a whole percentage from 0 to 100, or an amount that is not whole pence', () => {
    expect(() => splitGrant(100, 101)).toThrow(RangeError)
    expect(() => splitGrant(100, 12.5)).toThrow(RangeError)
    expect(() => splitGrant(10.5, 50)).toThrow(RangeError)
    expect(() => splitGrant(-1, 50)).toThrow(RangeError)
  })

  it('always adds back up to the grant, with both parts between nothing and the whole', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), fc.integer({ min: 0, max: 100 }), (amount, percent) => {
        const { automaticPence, commissionedPence } = splitGrant(amount, percent)
        expect(automaticPence + commissionedPence).toBe(amount)
        expect(automaticPence).toBeGreaterThanOrEqual(0)
        expect(commissionedPence).toBeGreaterThanOrEqual(0)
        expect(Number.isInteger(automaticPence)).toBe(true)
        expect(Math.abs(automaticPence * 100 - amount * percent)).toBeLessThanOrEqual(50)
      }),
    )
  })

  it('gives more to the automatic part as its share grows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), fc.integer({ min: 0, max: 99 }), (amount, percent) => {
        expect(splitGrant(amount, percent + 1).automaticPence).toBeGreaterThanOrEqual(
          splitGrant(amount, percent).automaticPence,
        )
      }),
    )
  })
})

describe('the 2021/22 year of the Castle Point and Rochford CSP (seed 004)', () => {
  // From the document: PFCC grant £12,337; roll-over of the 2020/21 underspend £10,142; anticipated
  // underspend £1,518. The allocations and spend are illustrative.
  const entries: YearEntries = {
    ...empty,
    streams: [stream()],
    rollOvers: [{ id: 1, amountPence: 1_014_200, reason: 'COVID-19 underspend from 2020/21', nature: 'revenue' }],
    allocations: [
      allocation({ id: 1, purpose: 'Walk Online', amountPence: 750_000 }),
      allocation({ id: 2, purpose: 'Crucial Crew', amountPence: 250_000, expectedSpendPence: 200_000 }),
      allocation({ id: 3, purpose: 'Policing operations', amountPence: 1_146_100 }),
    ],
    spend: [
      spend({ id: 1, allocationId: 1, amountPence: 750_000 }),
      spend({ id: 2, allocationId: 3, amountPence: 400_000, status: 'committed' }),
    ],
  }
  const summary = summariseYear(entries)

  it('counts the grant and the roll-over as available', () => {
    expect(summary.figures.available.totalPence).toBe(2_247_900)
    expect(summary.figures.available.lines.map(l => [l.kind, l.amountPence])).toEqual([
      ['stream', 1_233_700],
      ['roll_over', 1_014_200],
    ])
  })

  it('forecasts the anticipated underspend of £1,518 from what is unallocated and what an allocation will leave unspent', () => {
    expect(summary.figures.allocated.totalPence).toBe(2_146_100)
    expect(summary.figures.unallocated.totalPence).toBe(101_800)
    expect(summary.figures.forecastSpend.totalPence).toBe(2_096_100)
    expect(summary.figures.forecastUnderspend.totalPence).toBe(151_800)
    expect(formatMoney(summary.figures.forecastUnderspend.totalPence)).toBe('£1,518')
  })

  it('separates what is paid from what is committed, per allocation too', () => {
    expect(summary.figures.spent.totalPence).toBe(750_000)
    expect(summary.figures.committed.totalPence).toBe(400_000)
    expect(summary.allocations.find(a => a.allocationId === 3)).toMatchObject({
      spentPence: 0,
      committedPence: 400_000,
      remainingPence: 746_100,
    })
  })
})

describe('what counts as available', () => {
  it('leaves out streams and contributions to be confirmed and bids not (yet) successful, listing the pending ones', () => {
    const entries: YearEntries = {
      ...empty,
      streams: [
        stream({ id: 1 }),
        stream({ id: 2, name: '2022/23 grant', status: 'to_be_confirmed', amountPence: 999 }),
      ],
      contributions: [
        { id: 1, organisationName: 'Essex Police', amountPence: 200_000, status: 'confirmed', nature: 'revenue' },
        {
          id: 2,
          organisationName: 'Essex County Council',
          amountPence: 300_000,
          status: 'to_be_confirmed',
          nature: 'capital',
        },
      ],
      bids: [
        {
          id: 1,
          fund: 'PCC Community Safety Fund',
          purpose: 'Taxi marshals',
          amountRequestedPence: 400_000,
          amountAwardedPence: 350_000,
          status: 'successful',
          nature: 'revenue',
        },
        {
          id: 2,
          fund: 'Safer Streets',
          purpose: 'CCTV',
          amountRequestedPence: 5_000_000,
          amountAwardedPence: null,
          status: 'submitted',
          nature: 'revenue',
        },
        {
          id: 3,
          fund: 'Home Office',
          purpose: 'Knife arches',
          amountRequestedPence: 100_000,
          amountAwardedPence: null,
          status: 'unsuccessful',
          nature: 'revenue',
        },
      ],
    }
    const { figures } = summariseYear(entries)
    expect(figures.available.totalPence).toBe(1_233_700 + 200_000 + 350_000)
    expect(figures.notYetConfirmed.totalPence).toBe(999 + 300_000 + 5_000_000)
    expect(figures.notYetConfirmed.lines.map(l => `${l.kind} ${l.id}`)).toEqual(['stream 2', 'contribution 2', 'bid 2'])
  })

  it('adds a successful bid’s award, not what was asked for', () => {
    const bid: BidEntry = {
      id: 1,
      fund: 'PCC',
      purpose: 'Taxi marshals',
      amountRequestedPence: 400_000,
      amountAwardedPence: 350_000,
      status: 'submitted',
      nature: 'revenue',
    }
    const before = summariseYear({ ...empty, streams: [stream()], bids: [bid] }).figures.available.totalPence
    const after = summariseYear({ ...empty, streams: [stream()], bids: [{ ...bid, status: 'successful' }] }).figures
      .available.totalPence
    expect(after - before).toBe(350_000)
  })

  it('counts a split grant in full, showing the part paid automatically and the part paid against the action plan', () => {
    const { figures } = summariseYear({
      ...empty,
      streams: [stream({ automaticPercent: 25, conditions: 'Action plan agreed by the PFCC' })],
    })
    expect(figures.available.totalPence).toBe(1_233_700)
    expect(figures.paidAutomatically.totalPence).toBe(308_425)
    expect(figures.commissioned.totalPence).toBe(925_275)
    expect(figures.commissioned.lines[0]?.note).toBe('25/75 split')
  })
})

describe('forecasting', () => {
  it('expects the whole allocation to be spent unless told otherwise', () => {
    expect(allocationForecast(allocation({ amountPence: 500_000 }), 0)).toBe(500_000)
    expect(allocationForecast(allocation({ amountPence: 500_000, expectedSpendPence: 300_000 }), 0)).toBe(300_000)
  })

  it('never forecasts less than is already spent and committed', () => {
    expect(allocationForecast(allocation({ amountPence: 500_000, expectedSpendPence: 300_000 }), 450_000)).toBe(450_000)
    const summary = summariseYear({
      ...empty,
      streams: [stream()],
      allocations: [allocation({ amountPence: 100_000 })],
      spend: [spend({ amountPence: 150_000 })],
    })
    expect(summary.allocations[0]).toMatchObject({
      isOverspent: true,
      forecastSpendPence: 150_000,
      forecastUnderspendPence: -50_000,
      remainingPence: -50_000,
    })
    expect(summary.figures.forecastSpend.lines[0]?.note).toBe('already spent and committed')
  })

  it('warns when more is allocated than available, an allocation is overspent, or the forecast is an overspend', () => {
    const entries: YearEntries = {
      ...empty,
      streams: [stream({ amountPence: 100_000 })],
      allocations: [allocation({ amountPence: 150_000 })],
      spend: [spend({ amountPence: 160_000 })],
    }
    const warnings = warningsFor(entries, summariseYear(entries), null, formatMoney)
    expect(warnings.map(w => w.text)).toEqual([
      'Allocations are £500 more than the money available.',
      '£100 more has been spent or committed on “Walk Online” than was allocated.',
      'The forecast is an overspend of £600.',
    ])
  })
})

describe('roll-over', () => {
  it('warns when the roll-over is more than the year before is forecast to leave unspent', () => {
    const problem = rollOverProblem(1_014_200, { startYear: 2020, forecastUnderspendPence: 1_000_000 })
    expect(problem?.(formatMoney)).toBe(
      'The roll-over of £10,142 is more than 2020/21 is forecast to leave unspent (£10,000).',
    )
    expect(rollOverProblem(1_014_200, { startYear: 2020, forecastUnderspendPence: 1_014_200 })).toBeNull()
    expect(rollOverProblem(1_014_200, null)).toBeNull()
    expect(rollOverProblem(100, { startYear: 2020, forecastUnderspendPence: -5_000 })?.(formatMoney)).toMatch(
      /\(£0\)\.$/,
    )
  })

  it('suggests what is left of the year before’s underspend', () => {
    expect(suggestedRollOver(1_014_200, 0)).toBe(1_014_200)
    expect(suggestedRollOver(1_014_200, 1_000_000)).toBe(14_200)
    expect(suggestedRollOver(-500, 0)).toBe(0)
  })
})

// --- Properties of the sums, over any year a coordinator could enter -------------------------------

const amount = fc.integer({ min: 0, max: 5_000_000_00 })
const streams = fc.array(
  fc.record({
    name: fc.string(),
    funder: fc.string(),
    amountPence: amount,
    status: fc.constantFrom('confirmed' as const, 'to_be_confirmed' as const),
    automaticPercent: fc.integer({ min: 0, max: 100 }),
    conditions: fc.constant(null),
    nature: fc.constantFrom('revenue' as const, 'capital' as const),
    administeredForOthers: fc.constant(false),
    areaId: fc.constant(null),
    districtShares: fc.constant([]),
  }),
  { maxLength: 5 },
)
const nature = fc.constantFrom('revenue' as const, 'capital' as const)
const rollOvers = fc.array(fc.record({ amountPence: amount, reason: fc.constant(null), nature }), { maxLength: 3 })
const reserves = fc.array(fc.record({ amountPence: amount, description: fc.string(), nature }), { maxLength: 2 })
const contributions = fc.array(
  fc.record({
    organisationName: fc.string(),
    amountPence: amount,
    status: fc.constantFrom('confirmed' as const, 'to_be_confirmed' as const),
    nature: fc.constantFrom('revenue' as const, 'capital' as const),
  }),
  { maxLength: 4 },
)
const bids = fc.array(
  fc.oneof(
    fc.record({
      fund: fc.string(),
      purpose: fc.string(),
      amountRequestedPence: amount,
      amountAwardedPence: amount,
      status: fc.constant('successful' as const),
      nature,
    }),
    fc.record({
      fund: fc.string(),
      purpose: fc.string(),
      amountRequestedPence: amount,
      amountAwardedPence: fc.constant(null),
      status: fc.constantFrom('submitted' as const, 'unsuccessful' as const),
      nature,
    }),
  ),
  { maxLength: 4 },
)
const allocations = fc.array(
  fc.record({ purpose: fc.string(), amountPence: amount, expectedSpendPence: fc.option(amount, { nil: null }), nature, administeredStreamId: fc.constant(null) }),
  { minLength: 0, maxLength: 6 },
)

const withIds = <T>(items: T[]) => items.map((item, index) => ({ ...item, id: index + 1 }))

const years = fc
  .record({ streams, rollOvers, reserves, contributions, bids, allocations })
  .chain(year =>
    fc
      .array(
        fc.record({
          allocationIndex: fc.nat(),
          description: fc.string(),
          amountPence: amount,
          status: fc.constantFrom('paid' as const, 'committed' as const),
          spentOn: fc.constant('2021-06-01'),
        }),
        { maxLength: year.allocations.length ? 10 : 0 },
      )
      .map(spend => ({ year, spend })),
  )
  .map(({ year, spend }): YearEntries => {
    const allocationList = withIds(year.allocations)
    return {
      streams: withIds(year.streams),
      rollOvers: withIds(year.rollOvers) as RollOverEntry[],
      reserves: withIds(year.reserves),
      contributions: withIds(year.contributions) as ContributionEntry[],
      bids: withIds(year.bids) as BidEntry[],
      allocations: allocationList,
      spend: withIds(spend).map(({ allocationIndex, ...s }) => ({
        ...s,
        allocationId: allocationList[allocationIndex % allocationList.length]!.id,
      })),
    }
  })

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0)

describe('the sums, for any year', () => {
  it('make every figure exactly the sum of the entries listed under it', () => {
    fc.assert(
      fc.property(years, entries => {
        const { figures } = summariseYear(entries)
        for (const name of FIGURE_NAMES) {
          expect(figures[name].totalPence).toBe(sum(figures[name].lines.map(l => l.amountPence)))
          expect(Number.isSafeInteger(figures[name].totalPence)).toBe(true)
        }
      }),
    )
  })

  it('keep available = allocated + not yet allocated', () => {
    fc.assert(
      fc.property(years, entries => {
        const { figures } = summariseYear(entries)
        expect(figures.allocated.totalPence + figures.unallocated.totalPence).toBe(figures.available.totalPence)
      }),
    )
  })

  it('make available the sum of what is confirmed, rolled over, drawn from reserves and awarded', () => {
    fc.assert(
      fc.property(years, entries => {
        const expected =
          sum(entries.streams.filter(s => s.status === 'confirmed').map(s => s.amountPence!)) +
          sum(entries.rollOvers.map(r => r.amountPence)) +
          sum(entries.reserves.map(r => r.amountPence)) +
          sum(entries.contributions.filter(c => c.status === 'confirmed').map(c => c.amountPence!)) +
          sum(entries.bids.filter(b => b.status === 'successful').map(b => b.amountAwardedPence!))
        expect(summariseYear(entries).figures.available.totalPence).toBe(expected)
      }),
    )
  })

  it('split the confirmed streams exactly into the automatic and commissioned parts', () => {
    fc.assert(
      fc.property(years, entries => {
        const { figures } = summariseYear(entries)
        const confirmedStreams = sum(entries.streams.filter(s => s.status === 'confirmed').map(s => s.amountPence!))
        expect(figures.paidAutomatically.totalPence + figures.commissioned.totalPence).toBe(confirmedStreams)
      }),
    )
  })

  it('make the forecast underspend what is unallocated plus what each allocation is forecast to leave, once anything is allocated', () => {
    fc.assert(
      fc.property(years, entries => {
        const summary = summariseYear(entries)
        if (entries.allocations.length === 0) {
          expect(summary.figures.forecastUnderspend.withheld).toBe('Nothing allocated yet')
          return
        }
        const leftByAllocations = sum(summary.allocations.map(a => a.forecastUnderspendPence))
        expect(summary.figures.forecastUnderspend.totalPence).toBe(
          summary.figures.unallocated.totalPence + leftByAllocations,
        )
        expect(summary.figures.forecastUnderspend.totalPence).toBe(
          summary.figures.available.totalPence - summary.figures.forecastSpend.totalPence,
        )
      }),
    )
  })

  it('never forecast less spend than is already spent and committed, on any allocation or in all', () => {
    fc.assert(
      fc.property(years, entries => {
        const summary = summariseYear(entries)
        for (const a of summary.allocations)
          expect(a.forecastSpendPence).toBeGreaterThanOrEqual(a.spentPence + a.committedPence)
        expect(summary.figures.forecastSpend.totalPence).toBeGreaterThanOrEqual(
          summary.figures.spent.totalPence + summary.figures.committed.totalPence,
        )
      }),
    )
  })

  it('share the spent and committed totals out among the allocations without losing a penny', () => {
    fc.assert(
      fc.property(years, entries => {
        const summary = summariseYear(entries)
        expect(sum(summary.allocations.map(a => a.spentPence))).toBe(summary.figures.spent.totalPence)
        expect(sum(summary.allocations.map(a => a.committedPence))).toBe(summary.figures.committed.totalPence)
        expect(summary.figures.spent.totalPence + summary.figures.committed.totalPence).toBe(
          sum(entries.spend.map(s => s.amountPence)),
        )
      }),
    )
  })

  it('are not changed by pending money: streams or contributions to be confirmed, and bids not successful', () => {
    fc.assert(
      fc.property(years, entries => {
        const confirmedOnly: YearEntries = {
          ...entries,
          streams: entries.streams.filter(s => s.status === 'confirmed'),
          contributions: entries.contributions.filter(c => c.status === 'confirmed'),
          bids: entries.bids.filter(b => b.status === 'successful'),
        }
        const a = summariseYear(entries).figures
        const b = summariseYear(confirmedOnly).figures
        for (const name of ['available', 'unallocated', 'forecastUnderspend'] as const)
          expect(a[name].totalPence).toBe(b[name].totalPence)
      }),
    )
  })

  it('carry a roll-over pound for pound into what is available and the forecast underspend', () => {
    fc.assert(
      fc.property(years, amount, (entries, extra) => {
        const before = summariseYear(entries).figures
        const after = summariseYear({
          ...entries,
          rollOvers: [...entries.rollOvers, { id: 999, amountPence: extra, reason: null, nature: 'revenue' }],
        }).figures
        expect(after.available.totalPence - before.available.totalPence).toBe(extra)
        if (entries.allocations.length) expect(after.forecastUnderspend.totalPence - before.forecastUnderspend.totalPence).toBe(extra)
        expect(after.allocated.totalPence).toBe(before.allocated.totalPence)
      }),
    )
  })
})
