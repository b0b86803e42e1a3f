import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { financialYearFirstMonthIndex, monthIndex, periodsOfYear, type Period } from '../../../core/calendar/index.ts'

import type { Polarity, Unit } from './indicator.ts'
import {
  assessTarget,
  change,
  fullYear,
  judge,
  ordinal,
  rankAreas,
  ratePer1000,
  targetStatement,
  targetValue,
  yearToDate,
  type Actual,
  type Rag,
  type TargetSpec,
} from './performance.ts'

const percent = (changePercent: number): TargetSpec => ({ kind: 'percent_change', changePercent, absoluteValue: null })
const absolute = (absoluteValue: number): TargetSpec => ({ kind: 'absolute', changePercent: null, absoluteValue })
const direction: TargetSpec = { kind: 'direction', changePercent: null, absoluteValue: null }
const year = (y: number): Period => ({ start: financialYearFirstMonthIndex(y), months: 12 })
const month = (y: number, m: number): Period => ({ start: monthIndex(y, m), months: 1 })

describe('the seed’s 2010/11 achievements table, recomputed', () => {
  // Rochford CSP Annual Partnership Plan 2011/12, "Achievements from Strategic Priorities 2010/2011".
  // [priority, polarity, target, 2009/10, 2010/11, % change as printed, % change correctly, RAG as printed]
  const rows: [string, Polarity, TargetSpec, number, number, string, string, Rag][] = [
    ['Theft from motor vehicle', 'lower_is_better', percent(-10), 325, 198, '39.0% (127 offences)', '39.1% (127 offences)', 'green'],
    ['Robbery', 'lower_is_better', percent(-5), 23, 8, '65.0% (15 offences)', '65.2% (15 offences)', 'green'],
    ['Anti-social behaviour incidents', 'lower_is_better', percent(-5), 2120, 2090, '1.0% (30 incidents)', '1.4% (30 incidents)', 'amber'],
    ['Reporting of domestic abuse', 'higher_is_better', percent(10), 626, 388, '38.0% (238 incidents)', '38.0% (238 incidents)', 'red'],
    ['Repeat incidents of domestic violence', 'lower_is_better', percent(-10), 279, 179, '35.8% (100 incidents)', '35.8% (100 incidents)', 'green'],
    ['Alcohol related disorder (NI 20)', 'lower_is_better', percent(-5), 181, 186, '2.8% (5 offences)', '2.8% (5 offences)', 'red'],
    ['All crime', 'lower_is_better', direction, 2650, 2401, '9.4% (249 offences)', '9.4% (249 offences)', 'green'],
  ]

  it.each(rows)('%s: the change and the RAG', (name, polarity, spec, lastYear, thisYear, _printed, correct, rag) => {
    const noun = correct.includes('offences') ? 'offences' : 'incidents'
    const actuals: Actual[] = [
      { period: year(2009), value: lastYear },
      { period: year(2010), value: thisYear },
    ]
    const ytd = yearToDate(actuals, 'annual', 'count', noun, 2010)
    expect([ytd.previous, ytd.current]).toEqual([lastYear, thisYear])
    expect(ytd.change?.text).toBe(correct)
    const assessed = assessTarget({
      unit: 'count',
      polarity,
      frequency: 'annual',
      noun,
      actuals,
      year: 2010,
      spec,
      baseline: { year: 2009, value: lastYear },
      tolerancePercent: 0,
    })
    expect(assessed.rag, `${name}: ${assessed.reason}`).toBe(rag)
    expect(assessed.basis).toBe('full_year')
  })

  it('finds the three percentages the document printed wrongly', () => {
    const wrong = rows.filter(([, , , , , printed, correct]) => printed !== correct).map(([name]) => name)
    expect(wrong).toEqual(['Theft from motor vehicle', 'Robbery', 'Anti-social behaviour incidents'])
  })

  it('works out All crime at 28.9 per 1,000 residents, as the seed says (2,401 in a population of 83,200)', () => {
    expect(ratePer1000(2401, 83200)).toBe(28.9)
  })
})

describe('targets from the 2011/12 plan (Appendix 1)', () => {
  it.each([
    [2090, -2, 2048, '2% reduction on 2,090 is 2,048.2, rounded to the nearest whole number, halves rounded up: 2,048'],
    [179, -5, 170, '5% reduction on 179 is 170.05, rounded to the nearest whole number, halves rounded up: 170'],
    [14, 10, 15, '10% increase on 14 is 15.4, rounded to the nearest whole number, halves rounded up: 15'],
    [38, -2, 37, '2% reduction on 38 is 37.24, rounded to the nearest whole number, halves rounded up: 37'],
  ])('a %s baseline with a %s%% change gives %s', (baseline, changePercent, expected, explanation) => {
    const t = targetValue(percent(changePercent), baseline, 'count')
    expect(t.value).toBe(expected)
    expect(t.explanation).toBe(explanation)
  })

  it('rounds an exact half up, without floating-point error: 10% off 325 is 292.5, so 293', () => {
    expect(179 * 0.95).toBe(170.04999999999998)
    expect(targetValue(percent(-10), 325, 'count').value).toBe(293)
    expect(targetValue(percent(-5), 179, 'count').value).toBe(170)
    expect(targetValue(percent(-50), 1, 'count').value).toBe(1)
  })

  it('says nothing is rounded when the result is already whole', () => {
    expect(targetValue(percent(-5), 2000, 'count').explanation).toBe('5% reduction on 2,000 is 1,900')
  })

  it('rounds a percentage to one decimal place and money to the penny', () => {
    expect(targetValue(percent(-10), 12.15, 'percentage')).toMatchObject({ value: 10.9, explanation: expect.stringContaining('10.935%') })
    expect(targetValue(percent(3), 100005, 'money')).toMatchObject({ value: 103005, explanation: expect.stringContaining('£1,030.0515') })
  })

  it('cannot work out a percentage target without a baseline, or from a baseline of 0', () => {
    expect(targetValue(percent(-10), null, 'count')).toMatchObject({ value: null, problem: 'Add a baseline to work out the target' })
    expect(targetValue(percent(10), 0, 'count').value).toBeNull()
    expect(targetValue(percent(10), 0, 'count').problem).toMatch(/judged by direction only/)
  })

  it('words a target as the seeds do', () => {
    expect(targetStatement('Theft from motor vehicle', 'lower_is_better', percent(-10), 2010, 'count')).toBe('Reduce theft from motor vehicle by 10% during 2010/2011')
    expect(targetStatement('Racial incidents reported', 'higher_is_better', percent(10), 2011, 'count')).toBe('Increase racial incidents reported by 10% during 2011/2012')
    expect(targetStatement('All crime', 'lower_is_better', direction, 2010, 'count')).toBe('Reduce all crime during 2010/2011')
    expect(targetStatement('Feeling safe after dark', 'higher_is_better', absolute(56.4), 2010, 'percentage')).toBe('Feeling safe after dark: at least 56.4% during 2010/2011')
  })
})

describe('change between two figures', () => {
  it('shows a reduction and an increase the way the seeds do, with the direction given separately', () => {
    expect(change(325, 198, 'count', 'offences')).toMatchObject({ difference: -127, percent: -39.1, direction: 'decrease', text: '39.1% (127 offences)' })
    expect(change(181, 186, 'count', 'offences')).toMatchObject({ difference: 5, percent: 2.8, direction: 'increase', text: '2.8% (5 offences)' })
    expect(change(10, 11, 'count', 'offences').text).toBe('10.0% (1 offence)')
    expect(change(8.8, 9.9, 'percentage', 'people').text).toBe('12.5% (1.1 percentage points)')
    expect(change(10000, 12550, 'money', '').text).toBe('25.5% (£25.50)')
  })

  it('has no percentage from 0', () => {
    expect(change(0, 5, 'count', 'offences')).toMatchObject({ percent: null, text: 'n/a (5 offences)', direction: 'increase' })
    expect(change(0, 0, 'count', 'offences')).toMatchObject({ percent: null, direction: 'none' })
  })

  it('always gives the difference and a percentage rounded from the exact ratio', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 100_000 }), (from, to) => {
        const c = change(from, to, 'count', 'offences')
        expect(c.difference).toBe(to - from)
        expect(c.direction).toBe(to > from ? 'increase' : to < from ? 'decrease' : 'none')
        if (from === 0) {
          expect(c.percent).toBeNull()
          return
        }
        // Reference: tenths of a percent, halves away from zero, in integers.
        const num = BigInt(Math.abs(to - from)) * 1000n
        const den = BigInt(from)
        const tenths = num / den + (2n * (num % den) >= den ? 1n : 0n)
        expect(Math.abs(c.percent!)).toBe(Number(tenths) / 10)
        expect(c.text).toMatch(/^\d{1,3}(,\d{3})*\.\d% \(\d{1,3}(,\d{3})* offences?\)$/)
      }),
    )
  })
})

describe('rounding of percentage targets (property)', () => {
  it('is the nearest whole number to the exact value, halves up, for any baseline and whole or half percent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: -200, max: 400 }), (baseline, halfPercents) => {
        const changePercent = halfPercents / 2 // −100% to +200% in steps of 0.5
        const t = targetValue(percent(changePercent), baseline, 'count')
        // Reference: baseline × (200 + 2p) / 200, rounded half up in integers.
        const num = BigInt(baseline) * BigInt(200 + halfPercents)
        const expected = num / 200n + ((num % 200n) * 2n >= 200n ? 1n : 0n)
        expect(t.value).toBe(Number(expected))
        expect(Math.abs(t.value! - baseline * (1 + changePercent / 100))).toBeLessThanOrEqual(0.5 + 1e-6)
      }),
    )
  })

  it('rounds every exact half up (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5_000_000 }), fc.constantFrom(-50, 50, -10, 10), (k, changePercent) => {
        // Baselines chosen so that the exact target ends in .5: an odd number halved, or 5 (mod 10) less or more 10%.
        const baseline = Math.abs(changePercent) === 50 ? 2 * k + 1 : 10 * k + 5
        const exactTimesTwo = (baseline * (100 + changePercent) * 2) / 100
        expect(exactTimesTwo % 2).toBe(1)
        expect(targetValue(percent(changePercent), baseline, 'count').value).toBe((exactTimesTwo + 1) / 2)
      }),
    )
  })

  it('never moves a reduction target above the baseline, nor an increase below it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 100 }), (baseline, p) => {
        expect(targetValue(percent(-p), baseline, 'count').value ?? 0).toBeLessThanOrEqual(baseline)
        expect(targetValue(percent(p), baseline, 'count').value ?? 0).toBeGreaterThanOrEqual(baseline)
      }),
    )
  })
})

describe('RAG', () => {
  const base = { unit: 'count' as Unit, tolerancePercent: 0 }

  it('is Green when the target is met exactly or beaten, Amber when better than the baseline but short, Red when worse', () => {
    const j = (actual: number) => judge({ ...base, polarity: 'lower_is_better', actual, target: 2048, baseline: 2090 }).rag
    expect([j(2000), j(2048), j(2049), j(2089), j(2090), j(2091)]).toEqual(['green', 'green', 'amber', 'amber', 'amber', 'red'])
  })

  it('turns round for a higher-is-better indicator', () => {
    const j = (actual: number) => judge({ ...base, polarity: 'higher_is_better', actual, target: 15, baseline: 14 }).rag
    expect([j(16), j(15), j(14), j(13)]).toEqual(['green', 'green', 'amber', 'red'])
  })

  it('counts a small worsening within the partnership’s tolerance as Amber', () => {
    const j = (actual: number, tolerancePercent: number) => judge({ unit: 'count', polarity: 'lower_is_better', actual, target: 172, baseline: 181, tolerancePercent })
    expect(j(186, 0).rag).toBe('red')
    expect(j(186, 5)).toEqual({ rag: 'amber', reason: 'Slightly worse than the baseline of 181, within the partnership’s tolerance of 5%' })
    expect(j(191, 5).rag).toBe('red') // 181 × 5% = 9.05, and 191 is 10 worse
    expect(j(190, 5).rag).toBe('amber')
  })

  it('has no RAG without figures, and needs a baseline to judge a direction', () => {
    expect(judge({ ...base, polarity: 'lower_is_better', actual: null, target: 10, baseline: 12 })).toEqual({ rag: null, reason: 'No figures yet' })
    expect(judge({ ...base, polarity: 'lower_is_better', actual: 10, target: null, baseline: null }).rag).toBeNull()
  })

  it('judges a missed figure target without a baseline as Red, and a met one as Green', () => {
    expect(judge({ ...base, polarity: 'lower_is_better', actual: 9.9, target: 12.1, baseline: null, unit: 'percentage' }).rag).toBe('green')
    expect(judge({ ...base, polarity: 'higher_is_better', actual: 50, target: 56.4, baseline: null, unit: 'percentage' }).rag).toBe('red')
  })

  it('judges a zero baseline by direction: up from 0 is Green when higher is better, staying at 0 is Green when lower is better', () => {
    const zeroBaseline = (polarity: Polarity, actual: number) => {
      const t = targetValue(percent(polarity === 'higher_is_better' ? 10 : -10), 0, 'count')
      return judge({ ...base, polarity, actual, target: t.value, baseline: 0 }).rag
    }
    expect(zeroBaseline('higher_is_better', 3)).toBe('green')
    expect(zeroBaseline('higher_is_better', 0)).toBe('amber')
    expect(zeroBaseline('lower_is_better', 0)).toBe('green')
    expect(zeroBaseline('lower_is_better', 2)).toBe('red')
  })

  const rank: Record<Rag, number> = { red: 0, amber: 1, green: 2 }
  const arbitraryCase = fc.record({
    polarity: fc.constantFrom<Polarity>('lower_is_better', 'higher_is_better'),
    baseline: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: null }),
    target: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: null }),
    actual: fc.integer({ min: 0, max: 5000 }),
    tolerancePercent: fc.constantFrom(0, 2.5, 5, 10),
  })

  it('is Green whenever the target is met, and never Green when a target is missed (property)', () => {
    fc.assert(
      fc.property(arbitraryCase, c => {
        const { rag } = judge({ ...c, unit: 'count' })
        if (c.target === null) return
        const met = c.polarity === 'lower_is_better' ? c.actual <= c.target : c.actual >= c.target
        expect(rag === 'green').toBe(met)
      }),
    )
  })

  it('short of the target, is Red exactly when worse than the baseline by more than the tolerance (property)', () => {
    fc.assert(
      fc.property(arbitraryCase, c => {
        const { rag } = judge({ ...c, unit: 'count' })
        const met = c.target !== null && (c.polarity === 'lower_is_better' ? c.actual <= c.target : c.actual >= c.target)
        if (c.baseline === null || met) return
        const worseBy = c.polarity === 'lower_is_better' ? c.actual - c.baseline : c.baseline - c.actual
        const beyondTolerance = worseBy * 100 > c.baseline * c.tolerancePercent
        if (rag === 'red') expect(beyondTolerance).toBe(true)
        else if (worseBy > 0 && beyondTolerance) expect(rag).toBe('red')
      }),
    )
  })

  it('never gets worse as the actual gets better (property)', () => {
    fc.assert(
      fc.property(arbitraryCase, fc.integer({ min: 1, max: 500 }), (c, step) => {
        const better = c.polarity === 'lower_is_better' ? Math.max(0, c.actual - step) : c.actual + step
        const before = judge({ ...c, unit: 'count' }).rag
        const after = judge({ ...c, actual: better, unit: 'count' }).rag
        if (before && after) expect(rank[after]).toBeGreaterThanOrEqual(rank[before])
      }),
    )
  })

  it('gives a higher-is-better indicator the mirror image of a lower-is-better one (property)', () => {
    const M = 10_000
    fc.assert(
      fc.property(arbitraryCase, c => {
        fc.pre(c.target !== null && c.baseline !== null && c.actual > 0)
        const lower = judge({ ...c, polarity: 'lower_is_better', unit: 'count', tolerancePercent: 0 }).rag
        const higher = judge({
          polarity: 'higher_is_better',
          unit: 'count',
          tolerancePercent: 0,
          actual: M - c.actual,
          target: M - c.target!,
          baseline: M - c.baseline!,
        }).rag
        expect(higher).toBe(lower)
      }),
    )
  })
})

describe('financial year to date', () => {
  const monthly = (fy: number, values: number[]): Actual[] => values.map((value, i) => ({ period: { start: financialYearFirstMonthIndex(fy) + i, months: 1 }, value }))

  it('compares April to the latest month with the same months of the year before', () => {
    const actuals = [...monthly(2010, [180, 175, 190, 200, 185, 170, 160, 170, 150, 140, 130, 140]), ...monthly(2011, [170, 160, 180, 190, 175, 165])]
    const ytd = yearToDate(actuals, 'monthly', 'count', 'incidents', 2011)
    expect(ytd).toMatchObject({
      monthsCovered: 6,
      complete: false,
      current: 1040,
      previous: 1100,
      currentLabel: 'April to September 2011',
      previousLabel: 'April to September 2010',
    })
    expect(ytd.change?.text).toBe('5.5% (60 incidents)')
  })

  it('reports the gaps instead of comparing an incomplete year', () => {
    const actuals = [...monthly(2010, [10, 10, 10]), { period: month(2011, 4), value: 9 }, { period: month(2011, 6), value: 8 }]
    const ytd = yearToDate(actuals, 'monthly', 'count', 'offences', 2011)
    expect(ytd.currentMissing).toEqual([month(2011, 5)])
    expect(ytd.change).toBeNull()
    expect(yearToDate(monthly(2011, [1, 2]), 'monthly', 'count', 'offences', 2011).previousMissing).toHaveLength(2)
  })

  it('has nothing to compare before the first figure of the year', () => {
    const ytd = yearToDate(monthly(2010, [1, 2, 3]), 'monthly', 'count', 'offences', 2011)
    expect(ytd).toMatchObject({ current: null, change: null, monthsCovered: 0 })
  })

  it('takes the latest figure of a percentage rather than adding months up', () => {
    const actuals: Actual[] = [
      { period: { start: financialYearFirstMonthIndex(2009) + 3, months: 3 }, value: 8.8 },
      { period: { start: financialYearFirstMonthIndex(2010), months: 3 }, value: 9.2 },
      { period: { start: financialYearFirstMonthIndex(2010) + 3, months: 3 }, value: 9.9 },
    ]
    const ytd = yearToDate(actuals, 'quarterly', 'percentage', 'residents', 2010)
    expect(ytd).toMatchObject({ method: 'latest', current: 9.9, previous: 8.8, currentLabel: 'Q2 2010/11 (July to September 2010)' })
  })

  it('adds a whole year’s months up to the annual figure, and the year to date grows with each month (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 12, maxLength: 12 }), fc.integer({ min: 1, max: 12 }), (values, upTo) => {
        const all = monthly(2011, values)
        expect(fullYear(all, 'monthly', 'count', 2011)).toBe(values.reduce((a, b) => a + b, 0))
        const part = yearToDate(all.slice(0, upTo), 'monthly', 'count', 'x', 2011)
        expect(part.current).toBe(values.slice(0, upTo).reduce((a, b) => a + b, 0))
        expect(part.monthsCovered).toBe(upTo)
        expect(part.complete).toBe(upTo === 12)
      }),
    )
  })
})

describe('assessing a target part-way through the year', () => {
  const months = (fy: number, values: number[]): Actual[] => values.map((value, i) => ({ period: { start: financialYearFirstMonthIndex(fy) + i, months: 1 }, value }))
  const input = {
    unit: 'count' as Unit,
    polarity: 'lower_is_better' as Polarity,
    frequency: 'monthly' as const,
    noun: 'incidents',
    year: 2011,
    spec: percent(-2),
    baseline: { year: 2010, value: 2090 },
    tolerancePercent: 0,
  }

  it('applies the target to the same months of the baseline year when they are recorded', () => {
    const actuals = [...months(2010, [200, 190, 180, 170, 170, 170, 170, 170, 170, 160, 170, 170]), ...months(2011, [195, 185, 180])]
    const a = assessTarget({ ...input, actuals })
    expect(a.basis).toBe('same_months')
    expect(a.comparedBaseline).toBe(570)
    expect(a.comparedTarget).toBe(559) // 570 × 0.98 = 558.6
    expect(a.actual).toBe(560)
    expect(a.rag).toBe('amber')
    expect(a.basisText).toBe(
      'Year to date, April to June 2011 (3 of 12 months): target to date 559, the 2% reduction applied to the same months of 2010/11 (570), rounded to the nearest whole number, halves rounded up',
    )
  })

  it('falls back to a share of the year when the baseline year has no monthly figures', () => {
    const a = assessTarget({ ...input, actuals: months(2011, [170, 170, 170, 170, 170, 170]) })
    expect(a.basis).toBe('pro_rata')
    expect(a.comparedBaseline).toBe(1045)
    expect(a.comparedTarget).toBe(1024) // 1,045 × 0.98 = 1,024.1
    expect(a.rag).toBe('green')
  })

  it('does not judge a year with a missing month', () => {
    const actuals = [{ period: month(2011, 4), value: 150 }, { period: month(2011, 6), value: 150 }]
    expect(assessTarget({ ...input, actuals })).toMatchObject({ rag: null, basis: 'incomplete', reason: 'Figures missing for May 2011' })
  })

  it('has no RAG before the year’s first figure', () => {
    expect(assessTarget({ ...input, actuals: [] })).toMatchObject({ rag: null, basis: 'none', reason: 'No figures yet' })
  })

  it('scales a figure target by months when it cannot use the baseline year’s pattern', () => {
    const a = assessTarget({ ...input, spec: absolute(1200), baseline: null, actuals: months(2011, [100, 100, 100]) })
    expect(a).toMatchObject({ comparedTarget: 300, rag: 'green', basis: 'pro_rata' })
  })
})

describe('edge cases of a target’s year (properties)', () => {
  const polarity = fc.constantFrom<Polarity>('lower_is_better', 'higher_is_better')
  const spec = fc.oneof(
    fc.integer({ min: -100, max: 200 }).map(p => percent(p)),
    fc.integer({ min: 0, max: 5000 }).map(v => absolute(v)),
    fc.constant(direction),
  )

  it('gives no RAG before the year has any figure, whatever the target', () => {
    fc.assert(
      fc.property(polarity, spec, fc.option(fc.integer({ min: 0, max: 5000 }), { nil: null }), fc.constantFrom('monthly', 'quarterly', 'annual' as const), (p, s, b, frequency) => {
        const a = assessTarget({ unit: 'count', polarity: p, frequency, noun: 'x', actuals: [], year: 2011, spec: s, baseline: b === null ? null : { year: 2010, value: b }, tolerancePercent: 5 })
        expect(a.rag).toBeNull()
        expect(a.basis).toBe('none')
      }),
    )
  })

  it('judges a percentage target on a zero baseline by direction alone', () => {
    fc.assert(
      fc.property(polarity, fc.integer({ min: -100, max: 200 }).filter(p => p !== 0), fc.integer({ min: 0, max: 100 }), (p, changePercent, actual) => {
        const a = assessTarget({
          unit: 'count',
          polarity: p,
          frequency: 'annual',
          noun: 'x',
          actuals: [{ period: year(2011), value: actual }],
          year: 2011,
          spec: percent(changePercent),
          baseline: { year: 2010, value: 0 },
          tolerancePercent: 10,
        })
        expect(a.target.value).toBeNull()
        const expected = p === 'higher_is_better' ? (actual > 0 ? 'green' : 'amber') : actual === 0 ? 'green' : 'red'
        expect(a.rag).toBe(expected)
      }),
    )
  })

  it('part-way through a year, is Green exactly when the year to date meets the target to date', () => {
    fc.assert(
      fc.property(
        polarity,
        fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 11 }),
        fc.option(fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 12, maxLength: 12 }), { nil: null }),
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: -50, max: 50 }),
        (p, thisYear, lastYear, baselineValue, changePercent) => {
          const months = (fy: number, values: number[]): Actual[] => values.map((value, i) => ({ period: { start: financialYearFirstMonthIndex(fy) + i, months: 1 }, value }))
          const actuals = [...months(2011, thisYear), ...(lastYear ? months(2010, lastYear) : [])]
          const baseline = lastYear ? lastYear.reduce((a, b) => a + b, 0) : baselineValue
          const a = assessTarget({ unit: 'count', polarity: p, frequency: 'monthly', noun: 'x', actuals, year: 2011, spec: percent(changePercent), baseline: { year: 2010, value: baseline }, tolerancePercent: 0 })
          expect(a.basis).toBe(lastYear ? 'same_months' : 'pro_rata')
          expect(a.actual).toBe(thisYear.reduce((x, y) => x + y, 0))
          if (baseline === 0 || a.comparedTarget === null) return
          const met = p === 'lower_is_better' ? a.actual! <= a.comparedTarget : a.actual! >= a.comparedTarget
          expect(a.rag === 'green').toBe(met)
        },
      ),
    )
  })
})

describe('ranking among comparator areas', () => {
  const essex = [
    ['Rochford', 198, 83200],
    ['Basildon', 1100, 174500],
    ['Braintree', 700, 145000],
    ['Brentwood', 400, 73600],
    ['Castle Point', 450, 88000],
    ['Chelmsford', 1000, 170000],
    ['Colchester', 1200, 177000],
    ['Epping Forest', 950, 125000],
    ['Harlow', 600, 81000],
    ['Maldon', 250, 62000],
    ['Tendring', 800, 145000],
    ['Uttlesford', 300, 76000],
  ] as const

  it('ranks Rochford 1st, lowest, of the 12 Essex CSPs by offences per 1,000 population', () => {
    const r = rankAreas(
      essex.map(([name, value, denominator]) => ({ name, value, denominator, isOwn: name === 'Rochford' })),
      'count',
      'lower_is_better',
    )!
    expect(r.text).toBe('Ranked 1st (lowest) of 12')
    expect(r.own).toMatchObject({ position: 1, compared: 2.4, comparedText: '2.4 per 1,000' })
    expect(r.rows.map(row => row.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
  })

  it('shares a place between equal rates and counts the best as 1st for a higher-is-better indicator', () => {
    const r = rankAreas(
      [
        { name: 'A', value: 10, denominator: 1000, isOwn: false },
        { name: 'B', value: 20, denominator: 2000, isOwn: true },
        { name: 'C', value: 30, denominator: 1000, isOwn: false },
      ],
      'count',
      'higher_is_better',
    )!
    expect(r.rows.map(row => [row.name, row.position])).toEqual([['C', 1], ['A', 2], ['B', 2]])
    expect(r.text).toBe('Ranked joint 2nd of 3 (1st is the highest)')
  })

  it('gives each area 1 + the number of areas strictly better (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ value: fc.integer({ min: 0, max: 5000 }), denominator: fc.integer({ min: 1000, max: 200_000 }) }), { minLength: 1, maxLength: 15 }),
        fc.constantFrom<Polarity>('lower_is_better', 'higher_is_better'),
        (areas, polarity) => {
          const entries = areas.map((a, i) => ({ ...a, name: `Area ${i}`, isOwn: i === 0 }))
          const r = rankAreas(entries, 'count', polarity)!
          const rate = (e: { value: number; denominator: number }) => e.value / e.denominator
          for (const row of r.rows) {
            const own = entries.find(e => e.name === row.name)!
            const strictlyBetter = entries.filter(e => (polarity === 'lower_is_better' ? rate(e) < rate(own) : rate(e) > rate(own)) && Math.abs(rate(e) - rate(own)) > 1e-12)
            expect(row.position).toBe(1 + strictlyBetter.length)
          }
        },
      ),
    )
  })

  it('writes ordinals in English', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map(ordinal)).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '23rd', '101st', '111th'])
  })
})

describe('periods of a year', () => {
  it('has 12 months, 4 quarters or 1 year', () => {
    expect(periodsOfYear('monthly', 2011)).toHaveLength(12)
    expect(periodsOfYear('quarterly', 2011).map(p => p.start - financialYearFirstMonthIndex(2011))).toEqual([0, 3, 6, 9])
  })
})
