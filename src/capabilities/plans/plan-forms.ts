import { z } from 'zod'

import { choice, optionalText, requiredText } from '../../shared/form-fields.ts'

import { cleanText, linesOf } from './domain/plan-text.ts'

/**
 * Zod schemas of the plan forms, and the fields the forms of priorities and actions share. Field names are
 * the element ids, so error links land on their field.
 */

/** Multi-line text: line breaks kept (as \n), spaces trimmed; empty is null. */
export const longText = (max = 5000) =>
  z
    .string()
    .optional()
    .transform(value => cleanText(value ?? ''))
    .refine(value => value.length <= max, `Must be ${max.toLocaleString('en-GB')} characters or fewer`)
    .transform(value => (value === '' ? null : value))

/** A list typed one item per line in a textarea. */
export const lines = (itemMax: number, what: string) =>
  z
    .string()
    .optional()
    .transform(value => linesOf(value ?? ''))
    .refine(items => items.every(item => item.length <= itemMax), `Each ${what} must be ${itemMax.toLocaleString('en-GB')} characters or fewer`)
    .refine(items => items.length <= 100, `Enter 100 ${what}s or fewer`)

const year = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .min(1, message)
    .regex(/^\d{4}$/, 'Enter the year as 4 digits, for example 2016')
    .transform(Number)
    .refine(value => value >= 1998 && value <= 2100, 'Enter a year between 1998 and 2100')

const optionalYear = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx) => {
    if (!value) return null
    if (!/^\d{4}$/.test(value) || Number(value) < 1998 || Number(value) > 2100) {
      ctx.addIssue({ code: 'custom', message: 'Enter the year as 4 digits, for example 2016' })
      return z.NEVER
    }
    return Number(value)
  })

type DateProblem = { part: 'day' | 'month' | 'year'; message: string }

/** The GOV.UK date input's three boxes ('YYYY-MM-DD', null when all are empty, or the problem). */
export function readDateParts(day: string | undefined, month: string | undefined, yearText: string | undefined, label: string): string | null | DateProblem {
  const [d, m, y] = [day, month, yearText].map(v => (v ?? '').trim())
  if (!d && !m && !y) return null
  if (!d) return { part: 'day', message: `${label} must include a day` }
  if (!m) return { part: 'month', message: `${label} must include a month` }
  if (!y) return { part: 'year', message: `${label} must include a year` }
  if (!/^\d{4}$/.test(y!)) return { part: 'year', message: 'Year must include 4 numbers' }
  const [dn, mn, yn] = [Number(d), Number(m), Number(y)]
  if (!Number.isInteger(mn) || mn < 1 || mn > 12) return { part: 'month', message: `${label} must be a real date` }
  const date = new Date(Date.UTC(yn, mn - 1, dn))
  if (!Number.isInteger(dn) || date.getUTCMonth() !== mn - 1 || date.getUTCDate() !== dn) return { part: 'day', message: `${label} must be a real date` }
  return `${y}-${String(mn).padStart(2, '0')}-${String(dn).padStart(2, '0')}`
}

export const dateParts = <N extends string>(name: N) =>
  ({
    [`${name}-day`]: z.string().optional(),
    [`${name}-month`]: z.string().optional(),
    [`${name}-year`]: z.string().optional(),
  }) as Record<`${N}-day` | `${N}-month` | `${N}-year`, z.ZodOptional<z.ZodString>>

function datePartsOf(value: Record<string, unknown>, name: string, label: string) {
  return readDateParts(value[`${name}-day`] as string | undefined, value[`${name}-month`] as string | undefined, value[`${name}-year`] as string | undefined, label)
}

/** Check a date input, adding its problem to the part that is wrong (or to the day when it is missing). */
export function checkDate(value: Record<string, unknown>, name: string, label: string, ctx: z.RefinementCtx, required: string | null): void {
  const parts = datePartsOf(value, name, label)
  if (parts === null && required) ctx.addIssue({ code: 'custom', message: required, path: [`${name}-day`] })
  if (parts !== null && typeof parts === 'object') ctx.addIssue({ code: 'custom', message: parts.message, path: [`${name}-${parts.part}`] })
}

/** The checked date, 'YYYY-MM-DD' or null. */
export function dateValue(value: Record<string, unknown>, name: string): string | null {
  const parts = datePartsOf(value, name, '')
  return typeof parts === 'string' ? parts : null
}

/** Run cross-field checks even when a field has failed, so every problem shows at once. */
export const always = { when: () => true }

export const planForm = z.object({
  title: requiredText('Enter the plan’s title', 300),
  planYear: year('Enter the plan year, for example 2016 for 2016/17'),
  periodStartYear: optionalYear,
  periodEndYear: optionalYear,
  vision: longText(2000),
  versionLabel: optionalText(200),
})
export type PlanInput = z.output<typeof planForm>

export const PLAN_STATUSES = ['draft', 'agreed', 'archived'] as const
export type PlanStatus = (typeof PLAN_STATUSES)[number]

/**
 * A plan's status. An agreed plan gives the date it was agreed, or says the date is not recorded (an older
 * plan moved in from a document that does not give it): the pages then say "Date not recorded".
 */
export const planStatusForm = z
  .object({
    status: choice(PLAN_STATUSES, 'Select the plan’s status'),
    agreedBy: optionalText(300),
    agreedOnNotRecorded: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform(value => Boolean(value)),
    ...dateParts('agreedOn'),
  })
  .superRefine((value, ctx) => {
    const agreed = value.status === 'agreed'
    const notRecorded = value.agreedOnNotRecorded === true
    checkDate(value, 'agreedOn', 'The date it was agreed', ctx, agreed && !notRecorded ? 'Enter the date the plan was agreed, or tick “The date it was agreed is not recorded”' : null)
    if (notRecorded && dateValue(value, 'agreedOn') !== null) {
      ctx.addIssue({ code: 'custom', message: 'Leave the date empty when it is not recorded, or untick “The date it was agreed is not recorded”', path: ['agreedOnNotRecorded'] })
    }
    if (agreed && !value.agreedBy) ctx.addIssue({ code: 'custom', message: 'Enter who agreed the plan, for example Partnership meeting', path: ['agreedBy'] })
  }, always)
  .transform(value => ({ status: value.status, agreedOn: dateValue(value, 'agreedOn'), agreedBy: value.agreedBy }))
export type PlanStatusInput = z.output<typeof planStatusForm>

export const ragDefinitionsForm = z.object({
  green: requiredText('Enter what Green means', 300),
  amber: requiredText('Enter what Amber means', 300),
  red: requiredText('Enter what Red means', 300),
})
export type RagDefinitionsInput = z.output<typeof ragDefinitionsForm>
