import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { exact } from './exact.ts'
import { judge } from './performance.ts'
import { DEFAULT_RAG_RULES, judgeByRules, movement, ragLegend, ragRules, ragRulesProblem, type RagRules } from './rag-rules.ts'

const lower = { polarity: 'lower_is_better' as const, unit: 'count' as const, tolerancePercent: 0 }

describe('the rule for no change', () => {
  it('by default, no change from the baseline is Amber, never Green, for a target of a direction only', () => {
    const j = judgeByRules({ ...lower, actual: 200, target: null, baseline: 200 }, DEFAULT_RAG_RULES)
    expect(j.rag).toBe('amber')
    expect(j.reason).toBe('No change from the baseline of 200: Amber by the partnership’s rule')
  })

  it('when the partnership counts no change as Red, no change is Red', () => {
    const rules = ragRules({ noChange: 'red' })
    expect(judgeByRules({ ...lower, actual: 200, target: null, baseline: 200 }, rules).rag).toBe('red')
    expect(judgeByRules({ ...lower, actual: 200, target: 180, baseline: 200 }, rules).rag).toBe('red')
  })

  it('within a band of ±2%, a 1% fall is no change, not "moving the right way" (and not Green)', () => {
    const rules = ragRules({ noChangeBandPercent: 2 })
    const j = judgeByRules({ ...lower, actual: 198, target: null, baseline: 200 }, rules)
    expect(j.rag).toBe('amber')
    expect(j.reason).toBe('No change from the baseline of 200 (within 2% of it): Amber by the partnership’s rule')
    // Beyond the band it is moving the right way again.
    expect(judgeByRules({ ...lower, actual: 195, target: null, baseline: 200 }, rules).rag).toBe('green')
    // A small rise within the band is no change too, counted as the rule says.
    expect(judgeByRules({ ...lower, actual: 203, target: null, baseline: 200 }, ragRules({ noChangeBandPercent: 2, noChange: 'red' })).rag).toBe('red')
  })

  it('the band applies to a figure target too: a move within it short of the target is no change, not Amber for moving the right way', () => {
    const rules = ragRules({ noChangeBandPercent: 2, noChange: 'red' })
    expect(judgeByRules({ ...lower, actual: 199, target: 180, baseline: 200 }, rules).rag).toBe('red')
    expect(judgeByRules({ ...lower, actual: 190, target: 180, baseline: 200 }, rules).rag).toBe('amber')
    // Meeting the target is Green whatever the band.
    expect(judgeByRules({ ...lower, actual: 199, target: 199, baseline: 200 }, rules).rag).toBe('green')
  })

  it('judge (used by every indicator RAG) follows the no-change rule it is given', () => {
    expect(judge({ ...lower, actual: 199, target: null, baseline: 200 }).rag).toBe('green')
    expect(judge({ ...lower, actual: 199, target: null, baseline: 200, noChange: { noChange: 'red', noChangeBandPercent: 1 } }).rag).toBe('red')
  })

  it('a tolerance cannot go with no change counting as Red', () => {
    expect(ragRulesProblem(ragRules({ noChange: 'red', tolerancePercent: 2 }))?.field).toBe('ragTolerancePercent')
    expect(ragRulesProblem(ragRules({ noChange: 'amber', tolerancePercent: 2 }))).toBeNull()
  })
})

describe('the legend states the rule', () => {
  it('says what no change counts as, and the band, in words', () => {
    expect(ragLegend(DEFAULT_RAG_RULES)).toContain('No change from the baseline is Amber: it is not moving the right way.')
    const legend = ragLegend(ragRules({ noChange: 'red', noChangeBandPercent: 2.5 }))
    expect(legend).toContain('Red: moving the wrong way, or no change.')
    expect(legend).toContain('No change (a move of no more than 2.5% of the baseline either way) is Red')
    expect(legend).toContain('moving the right way from the baseline by more than 2.5% of the baseline')
    expect(ragLegend(ragRules({ tolerancePercent: 5 }))).toContain('tolerance of 5%')
  })

  it('for any rules and figures, a RAG of no change is the colour the legend gives no change (property)', () => {
    const rulesArb = fc.record<RagRules>({
      tolerancePercent: fc.constant(0),
      noChange: fc.constantFrom('amber', 'red'),
      noChangeBandPercent: fc.integer({ min: 0, max: 20 }),
    })
    fc.assert(
      fc.property(rulesArb, fc.integer({ min: 1, max: 100000 }), fc.integer({ min: -30, max: 30 }), fc.boolean(), (rules, baseline, movePercent, lowerIsBetter) => {
        const actual = Math.round(baseline * (1 + movePercent / 100))
        const polarity = lowerIsBetter ? 'lower_is_better' : 'higher_is_better'
        const j = judgeByRules({ polarity, unit: 'count', tolerancePercent: 0, actual, target: null, baseline }, rules)
        const how = movement(exact(actual), exact(baseline), polarity, rules.noChangeBandPercent)
        if (how === 'none' && actual !== 0) {
          expect(j.rag).toBe(rules.noChange)
          expect(ragLegend(rules)).toContain(`is ${rules.noChange === 'red' ? 'Red' : 'Amber'}: it is not moving the right way`)
        }
        if (how === 'better') expect(j.rag).toBe('green')
        if (j.rag === 'green') expect(how === 'better' || (lowerIsBetter && actual === 0)).toBe(true)
      }),
    )
  })
})
