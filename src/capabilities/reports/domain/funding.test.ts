import { describe, expect, it } from 'vitest'

import type { TableBlock } from '../../../core/documents/model.ts'
import { cellText } from '../../../core/documents/normalise.ts'

import { fundingDetailBlocks } from './funding-detail.ts'
import { allocationsTableBlock, fundingSentences, fundingTableBlock, type FundingSummary } from './funding.ts'

// Seed 004, 3.3: "Grant funding provision from the Police Fire and Crime Commissioner for 2021/22 amounted to
// £12,337. In addition … an underspend of £10,142 was approved for roll over … an anticipated underspend of £1,518."
const year2021: FundingSummary = {
  financialYear: 2021,
  streams: [{ name: 'the Police, Fire and Crime Commissioner', amountPence: 1_233_700, note: null }],
  rollOverPence: 1_014_200,
  availablePence: 2_247_900,
  allocatedPence: 2_247_900,
  spentPence: 1_800_000,
  committedPence: 296_100,
  forecastUnderspendPence: 151_800,
  allocations: [
    { name: 'Walk Online', amountPence: 900_000, spentPence: 900_000 },
    { name: 'Policing operations', amountPence: 500_000, spentPence: 350_000 },
  ],
  bids: [],
  notes: [],
}

describe('the funding figures of a committee report', () => {
  it('are told in the seed’s words', () => {
    expect(fundingSentences(year2021)).toEqual([
      'Funding from the Police, Fire and Crime Commissioner for 2021/22 amounted to £12,337.',
      'In addition, an underspend of £10,142 from 2020/21 was approved for roll over into 2021/22, giving £22,479 in all.',
      'Of this, £22,479 has been allocated and £18,000 spent, with £2,961 committed.',
      'The forecast underspend for the year is £1,518.',
    ])
  })

  it('list several streams with their total, and an overspend as such', () => {
    const split = { ...year2021, streams: [{ name: 'PFCC grant (automatic)', amountPence: 616_850, note: null }, { name: 'PFCC grant (commissioned)', amountPence: 616_850, note: null }], rollOverPence: 0, forecastUnderspendPence: -5_000 }
    expect(fundingSentences(split)[0]).toBe('Funding for 2021/22 amounted to £12,337: PFCC grant (automatic) £6,168.50; PFCC grant (commissioned) £6,168.50.')
    expect(fundingSentences(split).at(-1)).toBe('The forecast is an overspend of £50.')
  })

  it('do not forecast an underspend of everything when nothing is allocated or spent yet', () => {
    const unallocated = { ...year2021, rollOverPence: 0, availablePence: 1_233_700, allocatedPence: 0, spentPence: 0, committedPence: 0, forecastUnderspendPence: 1_233_700, allocations: [] }
    expect(fundingSentences(unallocated)).toEqual(['Funding from the Police, Fire and Crime Commissioner for 2021/22 amounted to £12,337.', 'No allocations or spending are recorded for 2021/22.'])
  })

  it('are tabled line by line with the total available and the forecast', () => {
    const rows = fundingTableBlock(year2021).rows.map(row => ('cells' in row ? row.cells.map(cellText).join(' | ') : ''))
    expect(rows).toEqual([
      'the Police, Fire and Crime Commissioner | £12,337',
      'Underspend rolled over from 2020/21 | £10,142',
      'Total available | £22,479',
      'Allocated | £22,479',
      'Spent | £18,000',
      'Committed | £2,961',
      'Forecast underspend | £1,518',
    ])
    expect(allocationsTableBlock(year2021)!.rows.map(row => ('cells' in row ? row.cells.map(cellText).join(' | ') : ''))).toEqual([
      'Walk Online | £9,000 | £9,000 | £0',
      'Policing operations | £5,000 | £3,500 | £1,500',
    ])
  })
})

describe('the funding figures of a committee report for money of every kind', () => {
  const rows = (block: { rows: ({ cells: unknown[] } | { group: string })[] } | undefined) =>
    (block?.rows ?? []).map(row => ('cells' in row ? (row.cells as Parameters<typeof cellText>[0][]).map(cellText).join(' | ') : ''))

  it('say nothing is allocated yet instead of forecasting an underspend of the whole grant', () => {
    const year2016: FundingSummary = { ...year2021, financialYear: 2016, streams: [{ name: 'PCC grant: Rochford District Council’s share', amountPence: 1_401_900, note: null }], rollOverPence: 0, availablePence: 1_401_900, allocatedPence: 0, spentPence: 0, committedPence: 0, forecastUnderspendPence: null, allocations: [] }
    expect(fundingSentences(year2016)).toEqual(['Funding from PCC grant: Rochford District Council’s share for 2016/17 amounted to £14,019.', 'No allocations or spending are recorded for 2016/17.'])
    expect(rows(fundingTableBlock(year2016)).at(-1)).toBe('Forecast underspend | Nothing allocated yet')
    expect(rows(fundingTableBlock(year2016)).join('\n')).not.toContain('£14,019\nForecast')
  })

  it('state reserves as a source of their own, not as a roll-over of an underspend', () => {
    const withReserves: FundingSummary = { ...year2021, availablePence: 2_547_900, reserves: [{ name: 'Community safety reserve', amountPence: 300_000 }] }
    expect(fundingSentences(withReserves).slice(1, 3)).toEqual([
      'In addition, an underspend of £10,142 from 2020/21 was approved for roll over into 2021/22.',
      'A further £3,000 was drawn from reserves, giving £25,479 in all.',
    ])
    expect(rows(fundingTableBlock(withReserves))).toContain('Drawn from reserves: Community safety reserve | £3,000')
  })

  it('table capital and revenue, money not counted, money administered for others, districts and the change since last year', () => {
    const full: FundingSummary = {
      ...year2021,
      byNature: { available: { revenue: 2_047_900, capital: 200_000 }, allocated: { revenue: 2_047_900, capital: 200_000 }, spent: { revenue: 1_800_000, capital: 0 }, committed: { revenue: 96_100, capital: 200_000 } },
      notCounted: [{ name: 'Serious violence grant', amountPence: null, reason: 'To be confirmed; amount not yet known (30/70 split agreed)' }],
      administered: [{ name: 'Small grants fund', amountPence: 400_000, allocatedPence: 150_000, spentPence: 100_000 }],
      byDistrict: [{ name: 'Castle Point', amountPence: 616_850 }, { name: 'Rochford', amountPence: 616_850 }, { name: 'Whole partnership (not tied to a district)', amountPence: 1_014_200 }],
      change: { previousYear: 2020, rows: [{ source: 'PFCC grant', previousPence: 1_233_700, currentPence: 1_233_700, changePence: 0, note: null }, { source: 'Essex Probation contribution (revenue)', previousPence: 100_000, currentPence: 0, changePence: -100_000, note: 'Withdrawn' }], previousTotalPence: 1_333_700, currentTotalPence: 1_233_700, pendingPence: 0 },
    }
    const blocks = fundingDetailBlocks(full) as TableBlock[]
    expect(blocks.map(b => b.caption)).toEqual([
      'Revenue and capital in 2021/22',
      'Money not counted as available in 2021/22',
      'Money administered for others in 2021/22 (not the partnership’s own, not in the totals above)',
      'Money available by district in 2021/22',
      'Change since 2020/21',
    ])
    expect(rows(blocks[0])[0]).toBe('Available | £20,479 | £2,000 | £22,479')
    expect(rows(blocks[1])).toEqual(['Serious violence grant | To be confirmed; amount not yet known (30/70 split agreed) | Not known yet'])
    expect(rows(blocks[2])).toEqual(['Small grants fund | £4,000 | £1,500 | £1,000'])
    expect(rows(blocks[3]).at(-1)).toBe('Total available | £22,479')
    expect(rows(blocks[4])).toEqual(['PFCC grant | £12,337 | £12,337 | No change', 'Essex Probation contribution (revenue)\nWithdrawn | £1,000 | £0 | Shortfall of £1,000', 'Total available | £13,337 | £12,337 | Shortfall of £1,000'])
    expect(fundingDetailBlocks(year2021)).toEqual([])
  })
})
