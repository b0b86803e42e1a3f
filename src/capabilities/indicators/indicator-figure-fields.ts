import { z } from 'zod'

import { readBaselineLabel, readYesNo } from './domain/baselines.ts'
import { parseValue, type Unit } from './domain/indicator.ts'
import { isRateUnit, readRateFigure, type RateFigure } from './domain/rates.ts'

/**
 * The fields a figure is entered with on the baseline and actual forms: the figure itself, and for an
 * indicator measured as a rate, the count and denominator it may be worked out from instead.
 */
export const figureFields = {
  value: z.string().optional(),
  count: z.string().optional(),
  denominator: z.string().optional(),
}

/** The figure a form gives, in the indicator's unit, with each problem on its own field. */
export function figureOf(unit: Unit, what: string, input: { value?: string | undefined; count?: string | undefined; denominator?: string | undefined }, ctx: z.RefinementCtx): RateFigure {
  if (isRateUnit(unit)) {
    const read = readRateFigure(input, unit, what)
    if (read.ok) return read.figure
    for (const error of read.errors) ctx.addIssue({ code: 'custom', path: [error.field], message: error.message })
    return { value: 0, count: null, denominator: null }
  }
  const parsed = parseValue(input.value ?? '', unit, what)
  if (!parsed.ok) ctx.addIssue({ code: 'custom', path: ['value'], message: parsed.message })
  return { value: parsed.ok ? parsed.value : 0, count: null, denominator: null }
}

/** A baseline's label and whether RAG is judged against it. */
export const baselineLabelFields = {
  label: z.string().optional(),
  judged: z.string().optional(),
}

export function baselineLabelOf(input: { label?: string | undefined; judged?: string | undefined }, ctx: z.RefinementCtx): { label: string | null; judged: boolean } {
  const label = readBaselineLabel(input.label)
  if (!label.ok) ctx.addIssue({ code: 'custom', path: ['label'], message: label.message })
  return { label: label.ok ? label.label : null, judged: readYesNo(input.judged) === true }
}
