/**
 * Rates as plans print them: "12.40 per 1,000 households", "35.2 per 100,000 residents". An indicator
 * measured as a rate holds the rate itself, to two decimal places, so its targets and % changes work on
 * the rate. A figure can be entered as the rate (with its denominator, or without one when the source
 * prints only the rate) or as a count over its denominator, which is turned into the rate here, over exact
 * fractions and rounded once (halves away from zero): 980 over 65,000 households is 15.0769… → 15.08.
 */
import { formatNumber } from '../../../shared/format.ts'

import { div, exact, mul, roundHalfAwayFromZero } from './exact.ts'

export const RATE_UNITS = ['rate_per_1000', 'rate_per_100000'] as const
export type RateUnit = (typeof RATE_UNITS)[number]

export const isRateUnit = (unit: string): unit is RateUnit => (RATE_UNITS as readonly string[]).includes(unit)

/** 1,000 or 100,000. */
export const rateBase = (unit: RateUnit) => (unit === 'rate_per_1000' ? 1000 : 100_000)

/** Decimal places a rate is held and shown to. */
export const RATE_DECIMALS = 2

/** "per 1,000 households"; without a noun, "per 1,000". */
export function perText(unit: RateUnit, rateOf?: string | null): string {
  return `per ${formatNumber(rateBase(unit))}${rateOf ? ` ${rateOf}` : ''}`
}

/** "12.40 per 1,000 households". */
export function formatRate(value: number, unit: RateUnit, rateOf?: string | null): string {
  return `${formatNumber(value, RATE_DECIMALS)} ${perText(unit, rateOf)}`
}

/** The rate a count gives over its denominator, rounded to two decimal places: 980 over 65,000 per 1,000 → 15.08. */
export function rateFromCount(count: number, denominator: number, unit: RateUnit): number {
  if (!(denominator > 0)) throw new RangeError('A rate needs a denominator greater than 0')
  return roundHalfAwayFromZero(div(mul(exact(count), exact(rateBase(unit))), exact(denominator)), RATE_DECIMALS)
}

/** How a rate figure was entered, for the page: "980 over 65,000 households", "printed as a rate, of 65,000 households". */
export function rateSourceText(count: number | null, denominator: number | null, rateOf: string | null): string | null {
  const of = rateOf ? ` ${rateOf}` : ''
  if (count !== null && denominator !== null) return `${formatNumber(count, Number.isInteger(count) ? 0 : 2)} over ${formatNumber(denominator)}${of}`
  if (denominator !== null) return `Entered as a rate, of ${formatNumber(denominator)}${of}`
  return null
}

export interface RateFigureInput {
  /** The rate as printed, or empty when a count and denominator are given. */
  value?: unknown
  count?: unknown
  denominator?: unknown
}

export interface RateFigure {
  value: number
  count: number | null
  denominator: number | null
}

export type RateField = 'value' | 'count' | 'denominator'
export type RateFigureResult = { ok: true; figure: RateFigure } | { ok: false; errors: { field: RateField; message: string }[] }

const blank = (input: unknown) => input === undefined || input === null || (typeof input === 'string' && input.trim() === '')

function parseNumberText(input: unknown): string | null {
  if (typeof input === 'number') return Number.isFinite(input) ? String(input) : null
  if (typeof input !== 'string') return null
  return input.trim().replace(/,(?=\d{3}(\D|$))/g, '')
}

/**
 * Read a rate figure from a form, a CSV row or the API: the rate itself (up to two decimal places, with an
 * optional denominator), or a whole-number-or-decimal count with the denominator it is over. When all three
 * are given, the rate must be the one the count and denominator give, so a misprint is caught, not kept.
 */
export function readRateFigure(input: RateFigureInput, unit: RateUnit, what = 'the figure'): RateFigureResult {
  const errors: { field: RateField; message: string }[] = []
  let value: number | null = null
  let count: number | null = null
  let denominator: number | null = null
  if (!blank(input.denominator)) {
    const text = parseNumberText(input.denominator)
    const number = text === null ? NaN : Number(text)
    if (text === null || !/^\d+$/.test(text) || !Number.isSafeInteger(number) || number <= 0 || number > 1e15) {
      errors.push({ field: 'denominator', message: 'The denominator must be a whole number greater than 0, like 65,000' })
    } else denominator = number
  }
  if (!blank(input.count)) {
    const text = parseNumberText(input.count)
    if (text === null || !/^\d+(\.\d{1,2})?$/.test(text) || Number(text) > 1e12) {
      errors.push({ field: 'count', message: 'The count must be a number of 0 or more, like 980' })
    } else count = Number(text)
    if (blank(input.denominator)) errors.push({ field: 'denominator', message: `Enter the denominator the count is over, like 65,000, to work out the rate ${perText(unit)}` })
  }
  if (!blank(input.value)) {
    const text = parseNumberText(input.value)?.replace(new RegExp(`\\s*per\\s*${formatNumber(rateBase(unit)).replace(',', ',?')}.*$`, 'i'), '') ?? null
    if (text === null || !/^\d+(\.\d{1,2})?$/.test(text) || Number(text) > 1e12) {
      errors.push({ field: 'value', message: `${capitalise(what)} must be a rate ${perText(unit)} of 0 or more, with at most two decimal places, like 12.40` })
    } else value = Number(text)
  } else if (blank(input.count)) {
    errors.push({ field: 'value', message: `Enter ${what} as a rate ${perText(unit)}, or the count and its denominator` })
  }
  if (errors.length) return { ok: false, errors }
  if (count !== null && denominator !== null) {
    const worked = rateFromCount(count, denominator, unit)
    if (value !== null && value !== worked) {
      return {
        ok: false,
        errors: [{ field: 'value', message: `${capitalise(what)} of ${formatNumber(value, RATE_DECIMALS)} is not the rate the count and denominator give (${formatNumber(worked, RATE_DECIMALS)} ${perText(unit)}): leave it empty, or correct it` }],
      }
    }
    return { ok: true, figure: { value: worked, count, denominator } }
  }
  return { ok: true, figure: { value: value!, count: null, denominator } }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
