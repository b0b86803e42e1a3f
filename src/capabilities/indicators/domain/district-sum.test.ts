import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { districtSummary, isSummable, sumDistricts, type DistrictSeries } from './district-sum.ts'

describe('a partnership’s figure from its districts’', () => {
  it('is the sum of the districts’ counts, and says so', () => {
    expect(sumDistricts('count', [{ district: 'Braintree', value: 640 }, { district: 'Maldon', value: 274 }, { district: 'Uttlesford', value: 1.5 }])).toEqual({
      total: 915.5,
      totalText: '915.50',
      text: 'Sum of the 3 districts’ figures',
    })
  })

  it('cannot be summed for a rate or a percentage, and says so rather than print a total', () => {
    expect(sumDistricts('percentage', [{ district: 'A', value: 30 }, { district: 'B', value: 40 }])).toEqual({ total: null, totalText: '', text: 'Cannot be summed: a percentage is not the sum of the districts’ percentages' })
    expect(sumDistricts('rate_per_1000_population', [{ district: 'A', value: 3 }]).text).toBe('Cannot be summed: a rate per 1,000 is not the sum of the districts’ rates')
    expect(isSummable('money')).toBe(true)
  })

  it('is not summed while a district has no figure for the period', () => {
    expect(sumDistricts('count', [{ district: 'A', value: 3 }, { district: 'B', value: null }, { district: 'C', value: null }]).text).toBe('Not summed: no figure yet for B and C')
  })

  it('sums the same period of every district: the latest baseline year and the latest period', () => {
    const districts: DistrictSeries[] = [
      { name: 'A', baselines: [{ year: 2024, label: '2024/25', value: 100 }], figures: [{ key: '2025/26 Q1', label: 'Q1 2025/26', order: 1, value: 30 }, { key: '2025/26 Q2', label: 'Q2 2025/26', order: 2, value: 20 }] },
      { name: 'B', baselines: [{ year: 2024, label: '2024/25', value: 50 }], figures: [{ key: '2025/26 Q1', label: 'Q1 2025/26', order: 1, value: 10 }] },
    ]
    const s = districtSummary('count', districts)
    expect(s.baseline).toMatchObject({ label: 'Baseline 2024/25', sum: { total: 150 } })
    expect(s.latest).toMatchObject({ label: 'Q2 2025/26', sum: { total: null, text: 'Not summed: no figure yet for B' } })
  })

  it('for any counts, the total is their exact sum (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 12 }), values => {
        const s = sumDistricts('count', values.map((value, i) => ({ district: `D${i}`, value })))
        expect(s.total).toBe(values.reduce((a, b) => a + b, 0))
        expect(s.text).toContain(String(values.length === 1 ? 'one' : values.length))
      }),
    )
  })
})
