import { z } from 'zod'

import { moneyMessage, parseMoney } from './domain/money.ts'

/**
 * The fields the funding forms share. Amounts are typed as people write them ("£12,337.50", "12337",
 * "5K") and stored as pence. Dates use the GOV.UK date input: three boxes named `spentOn-day`,
 * `spentOn-month`, `spentOn-year`, and an error is reported against the first box that is wrong, so
 * the error summary link lands on it.
 */

// --- Money ---------------------------------------------------------------------------------------

/** A required amount, e.g. money('the amount') → "Enter the amount". */
export const money = (what: string, options: { allowZero?: boolean } = {}) =>
  z
    .string({ error: `Enter ${what}` })
    .optional()
    .transform((value, ctx) => {
      const result = parseMoney(value)
      if (!result.ok) {
        ctx.addIssue({ code: 'custom', message: moneyMessage(result.problem, what) })
        return z.NEVER
      }
      if (!options.allowZero && result.pence === 0) {
        ctx.addIssue({ code: 'custom', message: `${sentenceCase(what)} must be more than £0` })
        return z.NEVER
      }
      return result.pence
    })

/** An amount that may be left empty (null). */
export const optionalMoney = (what: string) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (!value || value.trim() === '') return null
      const result = parseMoney(value)
      if (!result.ok) {
        ctx.addIssue({ code: 'custom', message: moneyMessage(result.problem, what) })
        return z.NEVER
      }
      return result.pence
    })

function sentenceCase(what: string): string {
  const bare = what.replace(/^(the|a|an) /i, '')
  return bare.charAt(0).toUpperCase() + bare.slice(1)
}

// --- Dates ---------------------------------------------------------------------------------------

const part = z.string().optional()
/** The three boxes of a GOV.UK date input called `name`. */
export function dateParts<N extends string>(name: N) {
  return { [`${name}-day`]: part, [`${name}-month`]: part, [`${name}-year`]: part } as Record<
    `${N}-day` | `${N}-month` | `${N}-year`,
    typeof part
  >
}

/**
 * Cross-field checks run even when a field has already failed, so the error summary lists every
 * problem at once (GOV.UK pattern). Such a check must not trust the other fields' types.
 */
export const ALWAYS = { when: () => true }

type Issues = { addIssue(issue: { code: 'custom'; path: string[]; message: string }): void }

/**
 * Check a date input, adding GOV.UK-worded issues against the first wrong box. `required` is the
 * message when all three boxes are empty, or null when the date may be left out.
 */
export function checkDate(
  value: Record<string, unknown>,
  name: string,
  label: string,
  required: string | null,
  ctx: Issues,
): void {
  const read = (p: string) => String(value[`${name}-${p}`] ?? '').trim()
  const [day, month, year] = [read('day'), read('month'), read('year')]
  const issue = (p: 'day' | 'month' | 'year', message: string) =>
    ctx.addIssue({ code: 'custom', path: [`${name}-${p}`], message })
  if (!day && !month && !year) {
    if (required) issue('day', required)
    return
  }
  const missing = (['day', 'month', 'year'] as const).filter(p => !{ day, month, year }[p])
  if (missing.length) return issue(missing[0]!, `${label} must include a ${missing.join(' and ')}`)
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month))
    return issue(!/^\d{1,2}$/.test(day) ? 'day' : 'month', `${label} must be a real date`)
  if (!/^\d{4}$/.test(year)) return issue('year', 'Year must include 4 numbers')
  if (!toIsoDate(day, month, year)) return issue('day', `${label} must be a real date`)
}

function toIsoDate(day: string, month: string, year: string): string | null {
  const [d, m, y] = [Number(day), Number(month), Number(year)]
  const date = new Date(Date.UTC(y, m - 1, d))
  date.setUTCFullYear(y) // years below 100 are not shifted to the 1900s
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null
  return `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

/** The checked date as 'YYYY-MM-DD', or null when left empty. */
export function dateOf(value: Record<string, unknown>, name: string): string | null {
  const read = (p: string) => String(value[`${name}-${p}`] ?? '').trim()
  return read('year') ? toIsoDate(read('day'), read('month'), read('year')) : null
}

/** A stored date as the three boxes show it, for editing. */
export function dateValues(name: string, date: string | null): Record<string, string> {
  if (!date) return {}
  return {
    [`${name}-day`]: String(Number(date.slice(8, 10))),
    [`${name}-month`]: String(Number(date.slice(5, 7))),
    [`${name}-year`]: date.slice(0, 4),
  }
}

/** Drop the date boxes from a parsed form. */
export function withoutParts<T extends Record<string, unknown>>(value: T, ...names: string[]) {
  const copy: Record<string, unknown> = { ...value }
  for (const name of names) for (const p of ['day', 'month', 'year']) delete copy[`${name}-${p}`]
  return copy
}

// --- Whole numbers -------------------------------------------------------------------------------

export const wholeNumber = (options: { empty: number; min: number; max: number; message: string; required?: string }) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      const text = (value ?? '').trim().replace(/%$/, '').trim()
      if (text === '') {
        if (options.required) {
          ctx.addIssue({ code: 'custom', message: options.required })
          return z.NEVER
        }
        return options.empty
      }
      const n = Number(text)
      if (!/^\d+$/.test(text) || n < options.min || n > options.max) {
        ctx.addIssue({ code: 'custom', message: options.message })
        return z.NEVER
      }
      return n
    })
