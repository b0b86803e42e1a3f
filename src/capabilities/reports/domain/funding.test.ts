import { describe, expect, it } from 'vitest'

import { cellText } from '../../../core/documents/normalise.ts'

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
