import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { checkPrinted, targetStatement, targetValue, targetWarnings, type TargetSpec } from './targets.ts'

const spec = (s: Partial<TargetSpec> & Pick<TargetSpec, 'kind'>): TargetSpec => ({ changePercent: null, absoluteValue: null, ...s })

describe('targets as real plans print them', () => {
  it('takes a change in percentage points on a percentage: a 2 point reduction on 30.5% is 28.5%', () => {
    const points = spec({ kind: 'point_change', changePoints: -2 })
    expect(targetValue(points, 30.5, 'percentage')).toEqual({ value: 28.5, explanation: '2 percentage point reduction on 30.5% is 28.5%', problem: null })
    expect(targetStatement('Residents who feel unsafe', 'lower_is_better', points, 2025, 'percentage')).toBe('Reduce residents who feel unsafe by 2 percentage points during 2025/2026')
    expect(targetValue(spec({ kind: 'point_change', changePoints: -40 }), 30.5, 'percentage').problem).toBe('The change in points takes the target outside 0% to 100%')
  })

  it('applies “5% a year” once for each year since the baseline, and rounds once', () => {
    const fivePercentAYear = spec({ kind: 'percent_change', changePercent: -5, perYear: true })
    const years = (targetYear: number) => ({ targetYear, baselineYear: 2022 })
    expect(targetValue(fivePercentAYear, 1000, 'count', years(2023)).value).toBe(950)
    expect(targetValue(fivePercentAYear, 1000, 'count', years(2024)).value).toBe(903) // 902.5, halves up
    expect(targetValue(fivePercentAYear, 1000, 'count', years(2025))).toEqual({
      value: 857,
      explanation: '5% reduction a year for 3 years on 1,000 is 857.38, rounded to the nearest whole number, halves rounded up: 857',
      problem: null,
    })
    expect(targetValue(fivePercentAYear, 1000, 'count', years(2022)).problem).toBe('The baseline must be for a year before 2022/23 to apply a change a year')
    expect(targetStatement('Burglary', 'lower_is_better', fivePercentAYear, 2025, 'count')).toBe('Reduce burglary by 5% a year during 2025/2026')
  })

  it('compounds a yearly rule exactly as applying it year after year would (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: -20, max: 20 }), fc.integer({ min: 1, max: 4 }), (baseline, percent, n) => {
        const yearly = spec({ kind: 'percent_change', changePercent: percent, perYear: true })
        let expected = baseline
        for (let i = 0; i < n; i++) expected = (expected * (100 + percent)) / 100
        const value = targetValue(yearly, baseline, 'count', { targetYear: 2020 + n, baselineYear: 2020 }).value!
        expect(Math.abs(value - expected)).toBeLessThanOrEqual(0.5 + 1e-6)
      }),
    )
  })

  it('holds a target to be agreed as a state of its own', () => {
    const tba = spec({ kind: 'to_be_agreed' })
    expect(targetValue(tba, 500, 'count')).toEqual({ value: null, explanation: 'To be agreed: the plan has not set this target yet', problem: null })
    expect(targetStatement('Hate crime reports', 'higher_is_better', tba, 2025, 'count')).toBe('Hate crime reports: target for 2025/26 to be agreed')
  })

  it('keeps a printed figure beside the rule’s, and flags a difference', () => {
    const computed = targetValue(spec({ kind: 'percent_change', changePercent: -5, perYear: true }), 1000, 'count', { targetYear: 2025, baselineYear: 2022 })
    expect(checkPrinted(860, computed, 'count')).toEqual({ printed: 860, printedText: '860', differs: true, text: 'Printed as 860, but its rule gives 857: 3 more than the rule' })
    expect(checkPrinted(857, computed, 'count')).toMatchObject({ differs: false, text: 'Printed as 857, as its rule gives' })
    const points = targetValue(spec({ kind: 'point_change', changePoints: -2 }), 30.5, 'percentage')
    expect(checkPrinted(28, points, 'percentage')?.text).toBe('Printed as 28.0%, but its rule gives 28.5%: 0.5 percentage points less than the rule')
    expect(checkPrinted(null, computed, 'count')).toBeNull()
  })

  it('warns, without refusing, when a target points the wrong way or needs a baseline it has not got', () => {
    const above = targetValue(spec({ kind: 'absolute', absoluteValue: 1100 }), 1000, 'count')
    expect(targetWarnings(spec({ kind: 'absolute', absoluteValue: 1100 }), above, 1000, 'lower_is_better', 'count')).toEqual([
      'The target of 1,100 is above the baseline of 1,000, but lower is better for this indicator: check it is meant',
    ])
    const increase = spec({ kind: 'percent_change', changePercent: 5 })
    expect(targetWarnings(increase, targetValue(increase, 1000, 'count'), 1000, 'lower_is_better', 'count')).toEqual([
      'This target is an increase, but lower is better for this indicator: check it is meant',
    ])
    const reduce = spec({ kind: 'percent_change', changePercent: -5 })
    expect(targetWarnings(reduce, targetValue(reduce, null, 'count'), null, 'lower_is_better', 'count')).toEqual([
      'This target is a % change, but the indicator has no baseline yet: add one to work out the figure',
    ])
    expect(targetWarnings(reduce, targetValue(reduce, null, 'count'), null, 'lower_is_better', 'count', 1)).toEqual([
      'This target is a % change, but no baseline is chosen for it: choose the baseline it is measured from to work out the figure',
    ])
    expect(targetWarnings(reduce, targetValue(reduce, 1000, 'count'), 1000, 'lower_is_better', 'count')).toEqual([])
  })
})
