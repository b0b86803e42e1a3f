import { describe, expect, it } from 'vitest'

import { feedbackText, inQuarter, inYear, parseLedgerKey, totals } from './events.ts'

describe('events', () => {
  it('places an event in the quarters and years it runs in', () => {
    expect(inQuarter({ startsOn: '2016-06-28', endsOn: '2016-07-02' }, 2016, 1)).toBe(true)
    expect(inQuarter({ startsOn: '2016-06-28', endsOn: '2016-07-02' }, 2016, 2)).toBe(true)
    expect(inQuarter({ startsOn: '2016-06-28', endsOn: null }, 2016, 2)).toBe(false)
    expect(inYear({ startsOn: '2017-03-30', endsOn: null }, 2016)).toBe(true)
    expect(inYear({ startsOn: '2017-04-01', endsOn: null }, 2016)).toBe(false)
  })

  it('adds up reach and cost over the events that recorded them', () => {
    const base = { startsOn: '2016-06-01', endsOn: null, feedbackPercent: null, feedbackResponses: null }
    expect(totals([
      { ...base, reach: 500, costPence: 150_000 },
      { ...base, reach: null, costPence: 20_000 },
      { ...base, reach: 1_600, costPence: null },
    ])).toEqual({ events: 3, reach: 2_100, reachRecorded: 2, costPence: 170_000, costRecorded: 2 })
  })

  it('reads a ledger line and words the feedback', () => {
    expect(parseLedgerKey('spend:34')).toEqual({ kind: 'spend', id: 34 })
    expect(parseLedgerKey('allocation:x')).toBeNull()
    expect(feedbackText({ feedbackPercent: 85, feedbackResponses: 40, feedbackQuestion: 'Teachers who found it beneficial' })).toBe('85% of 40 responses: Teachers who found it beneficial')
  })
})
