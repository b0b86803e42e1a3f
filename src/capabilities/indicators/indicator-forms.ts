import { z } from 'zod'

import { FREQUENCIES, parseFinancialYearText, parsePeriod, type Frequency, type Period } from '../../core/calendar/index.ts'
import { ValidationError } from '../../shared/errors.ts'
import { checkboxes, choice, optionalId, optionalText, requiredText } from '../../shared/form-fields.ts'
import { parseForm } from '../../web/form.ts'

import { isRate, parseValue, POLARITIES, POLICE_CRIME_TYPES, SOURCE_KINDS, UNITS, type PoliceDataDefinition, type Unit } from './domain/indicator.ts'
import { TARGET_KINDS } from './domain/performance.ts'
import { MAX_NO_CHANGE_BAND, NO_CHANGE_RAGS } from './domain/rag-rules.ts'
import { isRateUnit } from './domain/rates.ts'
import { baselineLabelFields, baselineLabelOf, figureFields, figureOf } from './indicator-figure-fields.ts'

/**
 * The indicator forms. Figures are read in the indicator's unit (whole numbers for counts, a percentage,
 * pounds and pence), so the baseline, target, actual and comparator forms are made for a unit.
 */

/** Validate a body with a schema, or throw every field's error at once (shown in the error summary). */
export function validate<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = parseForm(schema, body)
  if (result.ok) return result.value
  throw new ValidationError(Object.fromEntries(Object.entries(result.errors).map(([field, error]) => [field, error.text])))
}

/** Anything goes: the real check happens in `validate`, once the record (and so the unit) is known. */
export const anyBody = z.record(z.string(), z.unknown())

const financialYear = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .transform((value, ctx) => {
      if (!value) {
        ctx.addIssue({ code: 'custom', message, continue: true })
        return 0
      }
      const year = parseFinancialYearText(value)
      if (year === null || year < 1990 || year > 2100) {
        ctx.addIssue({ code: 'custom', message: 'Enter a financial year like 2011/12', continue: true })
        return 0
      }
      return year
    })

const figure = (unit: Unit, what: string) =>
  z
    .string({ error: `Enter ${what}` })
    .transform((value, ctx) => {
      const parsed = parseValue(value, unit, what)
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', message: parsed.message, continue: true })
        return 0
      }
      return parsed.value
    })

const optionalWholeNumber = (what: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (!value) return null
      const number = Number(value.replace(/,(?=\d{3}(\D|$))/g, ''))
      if (!Number.isSafeInteger(number) || number <= 0) {
        ctx.addIssue({ code: 'custom', message: `${what} must be a whole number greater than 0, like 83,200`, continue: true })
        return null
      }
      return number
    })

export const indicatorForm = z
  .object({
    name: requiredText('Enter the name of the indicator', 200),
    definition: optionalText(2000),
    source: optionalText(300),
    unit: choice(UNITS, 'Select what the indicator is measured in'),
    polarity: choice(POLARITIES, 'Select whether lower or higher is better'),
    frequency: choice(FREQUENCIES, 'Select how often figures are recorded'),
    countedAs: optionalText(60),
    areaId: optionalId,
    denominator: optionalWholeNumber('The population'),
    denominatorNote: optionalText(300),
    rateOf: optionalText(60),
    priorityId: optionalId,
    notes: optionalText(2000),
    sourceKind: choice(SOURCE_KINDS, 'Select where the figures come from').optional().default('manual'),
    crimeTypes: checkboxes(POLICE_CRIME_TYPES),
    parentIndicatorId: optionalId,
  })
  .superRefine((value, ctx) => {
    if (isRate(value.unit) && value.denominator === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['denominator'],
        message: value.unit === 'rate_per_1000_households' ? 'Enter the number of households for a rate per 1,000 households' : 'Enter the population for a rate per 1,000 population',
      })
    }
    if (isRateUnit(value.unit) && !value.rateOf) {
      ctx.addIssue({ code: 'custom', path: ['rateOf'], message: 'Enter what the rate is per, like households or residents' })
    }
    if (value.sourceKind === 'police_data') {
      if (!value.crimeTypes.length) ctx.addIssue({ code: 'custom', path: ['crimeTypes'], message: 'Select the crime types the indicator counts' })
      if (value.unit !== 'count' && !isRate(value.unit)) {
        ctx.addIssue({ code: 'custom', path: ['unit'], message: 'An indicator from police data counts crimes: select a count or a rate' })
      }
    }
  })
  .transform(({ crimeTypes, ...value }) => ({
    ...value,
    countedAs: value.countedAs ?? 'incidents',
    rateOf: isRateUnit(value.unit) ? value.rateOf : null,
    policeDefinition: value.sourceKind === 'police_data' ? ({ crimeTypes, areaId: value.areaId } as PoliceDataDefinition) : null,
  }))
export type IndicatorInput = z.output<typeof indicatorForm>

export const baselineForm = (unit: Unit) =>
  z
    .object({
      year: financialYear('Enter the financial year of the baseline'),
      ...figureFields,
      ...baselineLabelFields,
      note: optionalText(500),
    })
    .superRefine((value, ctx) => {
      figureOf(unit, 'the baseline', value, ctx)
      baselineLabelOf(value, ctx)
    })
    .transform(({ year, note, ...rest }, ctx) => ({ year, ...figureOf(unit, 'the baseline', rest, ctx), ...baselineLabelOf(rest, ctx), note }))
export type BaselineInput = z.output<ReturnType<typeof baselineForm>>

export const targetForm = (unit: Unit) =>
  z
    .object({
      year: financialYear('Enter the financial year the target is for'),
      kind: choice(TARGET_KINDS, 'Select the kind of target'),
      changeDirection: z.enum(['reduce', 'increase'], { error: 'Select whether the target is a reduction or an increase' }).optional(),
      changePercent: z.string().trim().optional(),
      perYear: z.string().optional(),
      changePoints: z.string().trim().optional(),
      absoluteValue: z.string().optional(),
      printedValue: z.string().trim().optional(),
      baselineId: optionalId,
      statement: optionalText(300),
    })
    .superRefine((value, ctx) => {
      if (value.kind === 'percent_change' || value.kind === 'point_change') {
        if (!value.changeDirection) ctx.addIssue({ code: 'custom', path: ['changeDirection'], message: 'Select whether the target is a reduction or an increase' })
      }
      if (value.kind === 'percent_change') {
        const problem = percentProblem(value.changePercent, value.changeDirection)
        if (problem) ctx.addIssue({ code: 'custom', path: ['changePercent'], message: problem })
      }
      if (value.kind === 'point_change') {
        if (unit !== 'percentage') ctx.addIssue({ code: 'custom', path: ['kind'], message: 'A change in percentage points is for a percentage indicator: choose a percentage change or a figure to reach' })
        const problem = pointsProblem(value.changePoints)
        if (problem) ctx.addIssue({ code: 'custom', path: ['changePoints'], message: problem })
      }
      if (value.printedValue) {
        const parsed = parseValue(value.printedValue, unit, 'the figure the plan printed')
        if (!parsed.ok) ctx.addIssue({ code: 'custom', path: ['printedValue'], message: parsed.message })
      }
      if (value.kind === 'absolute') {
        const parsed = parseValue(value.absoluteValue ?? '', unit, 'the target figure')
        if (!parsed.ok) ctx.addIssue({ code: 'custom', path: ['absoluteValue'], message: parsed.message })
      }
    })
    .transform(value => {
      const percent = Number((value.changePercent ?? '').replace(/%$/, '').trim())
      const absolute = parseValue(value.absoluteValue ?? '', unit)
      const points = Number((value.changePoints ?? '').trim())
      const printed = value.printedValue ? parseValue(value.printedValue, unit) : null
      return {
        year: value.year,
        kind: value.kind,
        changePercent: value.kind === 'percent_change' ? (value.changeDirection === 'reduce' ? -percent : percent) : null,
        perYear: value.kind === 'percent_change' && value.perYear === 'yes',
        changePoints: value.kind === 'point_change' ? (value.changeDirection === 'reduce' ? -points : points) : null,
        absoluteValue: value.kind === 'absolute' && absolute.ok ? absolute.value : null,
        printedValue: printed?.ok ? printed.value : null,
        baselineId: value.baselineId,
        statement: value.statement,
      }
    })

function percentProblem(input: string | undefined, direction: 'reduce' | 'increase' | undefined): string | null {
  const text = (input ?? '').replace(/%$/, '').trim()
  const number = Number(text)
  if (!text) return 'Enter the percentage change, like 2'
  if (!/^\d+(\.\d{1,2})?$/.test(text) || number <= 0) return 'The percentage must be a number greater than 0, like 2 or 2.5'
  if (direction === 'reduce' && number > 100) return 'A reduction cannot be more than 100%'
  if (number > 1000) return 'An increase must be 1,000% or less'
  return null
}

function pointsProblem(input: string | undefined): string | null {
  const text = (input ?? '').replace(/\s*(percentage )?points?$/i, '').trim()
  if (!text) return 'Enter the change in percentage points, like 2'
  if (!/^\d+(\.\d{1,2})?$/.test(text) || Number(text) <= 0) return 'The change in points must be a number greater than 0, like 2 or 0.5'
  if (Number(text) > 100) return 'A change in percentage points must be 100 or less'
  return null
}
export type TargetInput = z.output<ReturnType<typeof targetForm>>

export const actualForm = (unit: Unit, frequency: Frequency) =>
  z.object({
    period: z
      .string({ error: 'Enter the period' })
      .transform((value, ctx) => {
        // A part-year figure ("April to December 2025") is taken at any frequency, as plans print one.
        const parsed = parsePeriod(value, frequency, { partYear: true })
        if (!parsed.ok) {
          ctx.addIssue({ code: 'custom', message: parsed.message, continue: true })
          return { start: 0, months: 1 } as Period
        }
        return parsed.period
      }),
    ...figureFields,
    note: optionalText(500),
  })
  .superRefine((value, ctx) => void figureOf(unit, 'the figure', value, ctx))
  .transform(({ period, note, ...rest }, ctx) => ({ period, ...figureOf(unit, 'the figure', rest, ctx), note }))
export type ActualInput = z.output<ReturnType<typeof actualForm>>

export const comparatorForm = (unit: Unit) =>
  z
    .object({
      year: financialYear('Enter the financial year of the figures'),
      groupName: requiredText('Enter the group of areas, like Essex CSPs', 100),
      areaName: requiredText('Enter the name of the area', 100),
      value: figure(unit, 'the figure'),
      denominator: optionalWholeNumber('The population'),
    })
    .superRefine((value, ctx) => {
      if (unit !== 'percentage' && !isRateUnit(unit) && value.denominator === null) {
        ctx.addIssue({ code: 'custom', path: ['denominator'], message: 'Enter the area’s population, to compare figures per 1,000' })
      }
    })
export type ComparatorInput = z.output<ReturnType<typeof comparatorForm>>

export const settingsForm = z.object({
  ragTolerancePercent: z
    .string({ error: 'Enter the tolerance' })
    .trim()
    .transform((value, ctx) => {
      const text = value.replace(/%$/, '').trim()
      if (!text) {
        ctx.addIssue({ code: 'custom', message: 'Enter the tolerance, or 0 for none', continue: true })
        return 0
      }
      const number = Number(text)
      if (!/^\d+(\.\d)?$/.test(text) || number > 50) {
        ctx.addIssue({ code: 'custom', message: 'The tolerance must be a percentage between 0 and 50, like 2.5', continue: true })
        return 0
      }
      return number
    }),
  ragNoChange: choice(NO_CHANGE_RAGS, 'Select what no change from the baseline counts as'),
  ragNoChangeBandPercent: z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      const text = (value ?? '').replace(/%$/, '').replace(/^±/, '').trim()
      if (!text) return 0
      if (!/^\d+(\.\d)?$/.test(text) || Number(text) > MAX_NO_CHANGE_BAND) {
        ctx.addIssue({ code: 'custom', message: `The band for no change must be a percentage between 0 and ${MAX_NO_CHANGE_BAND}, like 1 or 2.5`, continue: true })
        return 0
      }
      return Number(text)
    }),
})
export type SettingsInput = z.output<typeof settingsForm>
