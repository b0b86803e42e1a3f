/**
 * The partnership's RAG rules for indicators, and the legend that states them in words. One rule decides
 * every indicator RAG (the indicator page, the performance table, its downloads, the reports and the
 * highlight reports), and the legend printed beside each is written from the same rule, so the two cannot
 * disagree. "No change" is its own case: it is never "moving the right way", and the partnership chooses
 * whether it counts as Amber or as Red, and how small a move still counts as no change.
 */
import { abs, compare, div, exact, isZero, mul, roundHalfAwayFromZero, sub, type Fraction } from './exact.ts'
import { decimalsOf, formatValue, type Polarity, type Unit } from './indicator.ts'
import { HUNDRED, percentText } from './targets.ts'

export type Rag = 'red' | 'amber' | 'green'

export interface Judgement {
  rag: Rag | null
  reason: string
}

export interface JudgeInput {
  polarity: Polarity
  unit: Unit
  actual: Fraction | number | null
  /** The target value to compare with (null for a direction-only target, or one that cannot be worked out). */
  target: Fraction | number | null
  baseline: Fraction | number | null
  /** The partnership's tolerance, in % of the baseline: a worsening no bigger than this is Amber, not Red. */
  tolerancePercent: number
  /** The partnership's rule for no change (by default: Amber, and only the same figure is no change). */
  noChange?: NoChangeRule | undefined
}

export const NO_CHANGE_RAGS = ['amber', 'red'] as const
export type NoChangeRag = (typeof NO_CHANGE_RAGS)[number]
export const NO_CHANGE_LABELS: Record<NoChangeRag, string> = { amber: 'Amber', red: 'Red' }

/** The largest band (in % of the baseline) that may count as no change. */
export const MAX_NO_CHANGE_BAND = 20

export interface RagRules {
  /** A worsening of no more than this % of the baseline is Amber rather than Red. */
  tolerancePercent: number
  /** What an indicator that has not moved from its baseline counts as. */
  noChange: NoChangeRag
  /** A move of no more than this % of the baseline, either way, counts as no change (0: only the same figure). */
  noChangeBandPercent: number
}

/** The part of the rules that says what no change is and counts as. */
export type NoChangeRule = Pick<RagRules, 'noChange' | 'noChangeBandPercent'>

/** The honest default: no change is Amber (not Green), only the same figure is no change, no tolerance. */
export const DEFAULT_RAG_RULES: RagRules = { tolerancePercent: 0, noChange: 'amber', noChangeBandPercent: 0 }

/** The rules as the partnership keeps them, with the defaults for anything not given. */
export function ragRules(given: Partial<RagRules> = {}): RagRules {
  return { ...DEFAULT_RAG_RULES, ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) }
}

/** Why a set of rules cannot stand together, or null when they can. */
export function ragRulesProblem(rules: RagRules): { field: 'ragTolerancePercent' | 'ragNoChange'; message: string } | null {
  if (rules.noChange === 'red' && rules.tolerancePercent > 0) {
    return {
      field: 'ragTolerancePercent',
      message: 'A tolerance makes a small worsening Amber, so it cannot go with no change counting as Red: enter 0 for the tolerance, or count no change as Amber',
    }
  }
  return null
}

export type Movement = 'better' | 'none' | 'worse'

/**
 * Which way a figure has moved from its baseline, for an indicator of the given polarity. A move no bigger
 * than the band (in % of the baseline) either way is no change; a baseline of 0 has no band.
 */
export function movement(actual: Fraction, baseline: Fraction, polarity: Polarity, bandPercent: number): Movement {
  const band = mul(abs(baseline), div(exact(bandPercent), HUNDRED))
  const difference = sub(actual, baseline)
  if (compare(abs(difference), band) <= 0) return 'none'
  const up = compare(difference, exact(0)) > 0
  return up === (polarity === 'higher_is_better') ? 'better' : 'worse'
}

/** "No change" as the rules define it: "no change (a move of no more than 2% of the baseline either way)". */
function noChangeWords(rules: RagRules): string {
  return rules.noChangeBandPercent > 0 ? `no change (a move of no more than ${percentText(rules.noChangeBandPercent)} of the baseline either way)` : 'no change from the baseline'
}

/**
 * The legend, in words, for these rules: what Green, Amber and Red mean, and which of them no change is.
 * Printed beside every table or figure whose RAG the rules decided.
 */
export function ragLegend(rules: RagRules): string {
  const moved = rules.noChangeBandPercent > 0 ? ` by more than ${percentText(rules.noChangeBandPercent)} of the baseline` : ''
  const tolerance = rules.tolerancePercent > 0 ? `, or worse than the baseline by no more than the partnership’s tolerance of ${percentText(rules.tolerancePercent)}` : ''
  const noChange = `${noChangeWords(rules).charAt(0).toUpperCase()}${noChangeWords(rules).slice(1)} is ${NO_CHANGE_LABELS[rules.noChange]}: it is not moving the right way.`
  const amberNoChange = rules.noChange === 'amber' ? ', or no change' : ''
  const redNoChange = rules.noChange === 'red' ? ', or no change' : ''
  return (
    `Green: the target is met or beaten (for a target of a direction only: moving the right way from the baseline${moved}, or staying at 0 where lower is better). ` +
    `Amber: moving the right way${moved} but short of the target${amberNoChange}${tolerance}. ` +
    `Red: moving the wrong way${redNoChange}. ${noChange}`
  )
}

const asFraction = (value: Fraction | number) => (typeof value === 'number' ? exact(value) : value)

/**
 * Judge a figure by the rules. Green: the target is met or beaten (a direction-only target: moved the right
 * way beyond the no-change band, or a lower-is-better figure at 0). Amber: moved the right way but short of the
 * target, or worse by no more than the tolerance, or no change when no change counts as Amber. Red: moved
 * the wrong way, or no change when no change counts as Red. Without figures there is no RAG; without a
 * baseline only a target figure can be judged, and missing it is Red, since nothing shows the way it is moving.
 */
export function judgeByRules(input: JudgeInput, rules: RagRules): Judgement {
  if (input.actual === null) return { rag: null, reason: 'No figures yet' }
  const lowerIsBetter = input.polarity === 'lower_is_better'
  const actual = asFraction(input.actual)
  const atLeastAsGood = (a: Fraction, b: Fraction) => compare(a, b) !== (lowerIsBetter ? 1 : -1)
  const show = (value: Fraction) => formatValue(roundHalfAwayFromZero(value, decimalsOf(input.unit)), input.unit)

  const notBetter = (baseline: Fraction, how: Movement): Judgement => {
    if (how === 'none') {
      const rag: Rag = rules.noChange
      const within = rules.noChangeBandPercent > 0 && compare(actual, baseline) !== 0 ? ` (within ${percentText(rules.noChangeBandPercent)} of it)` : ''
      return { rag, reason: `No change from the baseline of ${show(baseline)}${within}: ${NO_CHANGE_LABELS[rag]} by the partnership’s rule` }
    }
    const toleranceBand = mul(abs(baseline), div(exact(rules.tolerancePercent), HUNDRED))
    const worseBy = lowerIsBetter ? sub(actual, baseline) : sub(baseline, actual)
    if (rules.tolerancePercent > 0 && compare(worseBy, toleranceBand) <= 0) {
      return { rag: 'amber', reason: `Slightly worse than the baseline of ${show(baseline)}, within the partnership’s tolerance of ${percentText(rules.tolerancePercent)}` }
    }
    return { rag: 'red', reason: `Moving the wrong way: worse than the baseline of ${show(baseline)}` }
  }

  if (input.target === null) {
    if (input.baseline === null) return { rag: null, reason: 'A baseline is needed to judge the direction' }
    const baseline = asFraction(input.baseline)
    const how = movement(actual, baseline, input.polarity, rules.noChangeBandPercent)
    if (how === 'better') return { rag: 'green', reason: `Moving the right way from the baseline of ${show(baseline)}` }
    if (lowerIsBetter && isZero(actual)) return { rag: 'green', reason: 'At 0, the best it can be' }
    return notBetter(baseline, how)
  }

  const target = asFraction(input.target)
  if (atLeastAsGood(actual, target)) {
    return { rag: 'green', reason: compare(actual, target) === 0 ? `Target of ${show(target)} met` : `Target of ${show(target)} beaten` }
  }
  if (input.baseline === null) return { rag: 'red', reason: `Short of the target of ${show(target)}, with no baseline to show the direction` }
  const baseline = asFraction(input.baseline)
  const how = movement(actual, baseline, input.polarity, rules.noChangeBandPercent)
  if (how === 'better') return { rag: 'amber', reason: `Moving the right way, but short of the target of ${show(target)}` }
  return notBetter(baseline, how)
}
