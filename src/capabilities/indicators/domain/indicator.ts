/**
 * What an indicator measures and how its figures are written. Every figure of an indicator (baseline,
 * absolute target, actual, comparator) is held in its stored unit:
 *  - count, and the two rates: the number counted (offences, incidents); a rate indicator shows it per
 *    1,000 of its population denominator as well, and ranks comparator areas by that rate;
 *  - percentage: the percentage itself (9.9 means 9.9%);
 *  - money: whole pence.
 */
import { formatMoney, formatNumber } from '../../../shared/format.ts'
import { CRIME_TYPES } from '../../../shared/police-uk.ts'

import { formatRate, isRateUnit, perText, RATE_DECIMALS, readRateFigure } from './rates.ts'

export const UNITS = ['count', 'rate_per_1000_population', 'rate_per_1000_households', 'rate_per_1000', 'rate_per_100000', 'percentage', 'money'] as const
export type Unit = (typeof UNITS)[number]

export const UNIT_LABELS: Record<Unit, string> = {
  count: 'Count (a number of offences, incidents, people…)',
  rate_per_1000_population: 'Rate per 1,000 population',
  rate_per_1000_households: 'Rate per 1,000 households',
  rate_per_1000: 'A rate per 1,000, entered as the rate or as a count over its denominator',
  rate_per_100000: 'A rate per 100,000, entered as the rate or as a count over its denominator',
  percentage: 'Percentage (for example, from a survey)',
  money: 'Money (£)',
}
export const UNIT_SHORT_LABELS: Record<Unit, string> = {
  count: 'Count',
  rate_per_1000_population: 'Rate per 1,000 population',
  rate_per_1000_households: 'Rate per 1,000 households',
  rate_per_1000: 'Rate per 1,000',
  rate_per_100000: 'Rate per 100,000',
  percentage: 'Percentage',
  money: 'Money',
}

export const POLARITIES = ['lower_is_better', 'higher_is_better'] as const
export type Polarity = (typeof POLARITIES)[number]
export const POLARITY_LABELS: Record<Polarity, string> = {
  lower_is_better: 'Lower is better (for example, offences)',
  higher_is_better: 'Higher is better (for example, reporting of hate incidents)',
}

export const SOURCE_KINDS = ['manual', 'police_data'] as const
export type SourceKind = (typeof SOURCE_KINDS)[number]

/** What an indicator computed from imported police data counts: crime types, in one area (or the whole partnership). */
export interface PoliceDataDefinition {
  crimeTypes: string[]
  areaId: number | null
}

/** The crime types of police.uk street-level data (one list, kept by the police data capability). */
export const POLICE_CRIME_TYPES = CRIME_TYPES

export const isRate = (unit: Unit) => unit === 'rate_per_1000_population' || unit === 'rate_per_1000_households'
/** Counts, rates held as counts and money add up over months; a percentage and a rate held as the rate do not. */
export const isAdditive = (unit: Unit) => unit !== 'percentage' && !isRateUnit(unit)
/** Whether figures are counted things, so that a difference reads "127 offences". */
export const isCounted = (unit: Unit) => unit === 'count' || isRate(unit)
export const denominatorNoun = (unit: Unit) => (unit === 'rate_per_1000_households' ? 'households' : 'population')

/** Decimal places a stored figure and a computed target are rounded to (money: whole pence). */
export const decimalsOf = (unit: Unit) => (unit === 'percentage' ? 1 : isRateUnit(unit) ? RATE_DECIMALS : 0)

/** The rounding rule, as stated on screen next to every computed target. */
export function roundingRule(unit: Unit): string {
  if (unit === 'percentage') return 'rounded to one decimal place, halves rounded up'
  if (unit === 'money') return 'rounded to the nearest penny, halves rounded up'
  if (isRateUnit(unit)) return 'rounded to two decimal places, halves rounded up'
  return 'rounded to the nearest whole number, halves rounded up'
}

/** "offences" → "offence"; "families" → "family". */
export function singularOf(noun: string): string {
  if (/ies$/i.test(noun)) return noun.replace(/ies$/i, 'y')
  if (/(ch|sh|ss|x)es$/i.test(noun)) return noun.replace(/es$/i, '')
  if (/s$/i.test(noun) && !/ss$/i.test(noun)) return noun.replace(/s$/i, '')
  return noun
}

/** A figure in its unit, for people: 2,090 · 9.9% · £1,250. */
export function formatValue(value: number | null, unit: Unit): string {
  if (value === null) return ''
  if (unit === 'percentage') return `${formatNumber(value, 1)}%`
  if (unit === 'money') return formatMoney(value)
  if (isRateUnit(unit)) return formatRate(value, unit)
  return formatNumber(value, Number.isInteger(value) ? 0 : 2)
}

/** A difference between two figures, always positive, with its noun: "127 offences", "1.1 percentage points", "£300". */
export function formatDifference(difference: number, unit: Unit, noun: string): string {
  const size = Math.abs(difference)
  if (unit === 'percentage') return `${formatNumber(size, 1)} percentage ${size === 1 ? 'point' : 'points'}`
  if (unit === 'money') return formatMoney(size)
  if (isRateUnit(unit)) return `${formatNumber(size, RATE_DECIMALS)} ${perText(unit)}`
  return `${formatNumber(size)} ${size === 1 ? singularOf(noun) : noun}`
}

export type ParsedValue = { ok: true; value: number } | { ok: false; message: string }

/**
 * A figure typed in a form or a CSV cell, in the indicator's unit: whole numbers for counts (commas
 * allowed: 2,090), a percentage between 0 and 100 (9.9 or 9.9%), pounds and pence for money (£1,250.50).
 */
export function parseValue(input: string | number, unit: Unit, what = 'the figure'): ParsedValue {
  const raw = typeof input === 'number' ? String(input) : input.trim()
  if (raw === '') return { ok: false, message: `Enter ${what}` }
  if (unit === 'money') {
    const text = raw.replace(/^£/, '').replace(/,(?=\d{3}(\D|$))/g, '')
    if (!/^\d+(\.\d{1,2})?$/.test(text)) return { ok: false, message: `${capitalise(what)} must be an amount of money, like £1,250 or £1,250.50` }
    const [pounds, pence = ''] = text.split('.')
    const value = Number(pounds) * 100 + Number(pence.padEnd(2, '0'))
    if (!Number.isSafeInteger(value) || value > 1e13) return { ok: false, message: `${capitalise(what)} is too large` }
    return { ok: true, value }
  }
  if (isRateUnit(unit)) {
    const read = readRateFigure({ value: raw }, unit, what)
    return read.ok ? { ok: true, value: read.figure.value } : { ok: false, message: read.errors[0]!.message }
  }
  if (unit === 'percentage') {
    const text = raw.replace(/%$/, '').trim()
    if (!/^\d+(\.\d{1,2})?$/.test(text)) return { ok: false, message: `${capitalise(what)} must be a percentage between 0 and 100, like 9.9` }
    const value = Number(text)
    if (value > 100) return { ok: false, message: `${capitalise(what)} must be a percentage between 0 and 100, like 9.9` }
    return { ok: true, value }
  }
  const text = raw.replace(/,(?=\d{3}(\D|$))/g, '')
  if (/^-/.test(text)) return { ok: false, message: `${capitalise(what)} must be 0 or more` }
  if (!/^\d+$/.test(text)) return { ok: false, message: `${capitalise(what)} must be a whole number, like 2,090` }
  const value = Number(text)
  if (value > 1e12) return { ok: false, message: `${capitalise(what)} is too large` }
  return { ok: true, value }
}

/** A figure as a form shows it for editing: 2090, 9.9, 1250.50. */
export function valueForInput(value: number | null, unit: Unit): string {
  if (value === null) return ''
  if (unit === 'money') return (value / 100).toFixed(value % 100 === 0 ? 0 : 2)
  if (isRateUnit(unit)) return value.toFixed(RATE_DECIMALS)
  return String(value)
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
