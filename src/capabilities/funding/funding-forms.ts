import { z } from 'zod'

import { choice, optionalId, optionalText, requiredId, requiredText } from '../../shared/form-fields.ts'

import { dayFrom, parseFinancialYearInput as parseYearInput } from '../../core/calendar/index.ts'
import {
  ALLOCATION_KINDS,
  BID_STATUSES,
  CONTRIBUTION_NATURES,
  SPEND_STATUSES,
  STREAM_STATUSES,
} from './domain/funding.ts'
import { moneyMessage, parseMoney } from './domain/money.ts'
import { DEFAULT_EVALUATION_WEEKS, MAX_EVALUATION_WEEKS } from './domain/projects.ts'

/**
 * The funding forms. Amounts are typed as people write them ("£12,337.50", "12337", "5K") and stored as
 * pence. Dates use the GOV.UK date input: three boxes named `spentOn-day`, `spentOn-month`,
 * `spentOn-year`, and an error is reported against the first box that is wrong, so the error summary
 * link lands on it.
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
  return dayFrom(Number(year), Number(month), Number(day))
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
function withoutParts<T extends Record<string, unknown>>(value: T, ...names: string[]) {
  const copy: Record<string, unknown> = { ...value }
  for (const name of names) for (const p of ['day', 'month', 'year']) delete copy[`${name}-${p}`]
  return copy
}

// --- Whole numbers -------------------------------------------------------------------------------

const wholeNumber = (options: { empty: number; min: number; max: number; message: string; required?: string }) =>
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

// --- Forms ---------------------------------------------------------------------------------------

export const yearForm = z.object({
  startYear: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const result = parseYearInput(value)
      if (!result.ok) {
        ctx.addIssue({ code: 'custom', message: result.message })
        return z.NEVER
      }
      return result.startYear
    }),
  accountableOrganisationId: optionalId,
  notes: optionalText(5000),
})
export type YearInput = z.output<typeof yearForm>

export const yearDetailsForm = yearForm.omit({ startYear: true })
export type YearDetailsInput = z.output<typeof yearDetailsForm>

export const streamForm = z
  .object({
    name: requiredText('Enter the name of the funding stream'),
    funder: requiredText('Enter who provides the money'),
    amount: money('the amount'),
    status: choice(STREAM_STATUSES, 'Select whether the amount is confirmed'),
    automaticPercent: wholeNumber({
      empty: 100,
      min: 0,
      max: 100,
      message: 'Share paid automatically must be a whole number from 0 to 100',
    }),
    conditions: optionalText(2000),
    notes: optionalText(5000),
  })
  .superRefine((value, ctx) => {
    if (typeof value.automaticPercent === 'number' && value.automaticPercent < 100 && !value.conditions) {
      ctx.addIssue({
        code: 'custom',
        path: ['conditions'],
        message: 'Enter the conditions for the part paid against the action plan',
      })
    }
  }, ALWAYS)
  .transform(({ amount, ...rest }) => ({ ...rest, amountPence: amount }))
export type StreamInput = z.output<typeof streamForm>

export const rollOverForm = z
  .object({
    amount: money('the amount rolled over'),
    ...dateParts('approvedOn'),
    approvedBy: optionalText(200),
    reason: optionalText(2000),
  })
  .superRefine((value, ctx) => checkDate(value, 'approvedOn', 'Date approved', null, ctx), ALWAYS)
  .transform(value => ({
    amountPence: value.amount,
    approvedOn: dateOf(value, 'approvedOn'),
    approvedBy: value.approvedBy,
    reason: value.reason,
  }))
export type RollOverInput = z.output<typeof rollOverForm>

export const contributionForm = z
  .object({
    organisationId: requiredId('Select the organisation making the contribution'),
    amount: money('the amount'),
    status: choice(STREAM_STATUSES, 'Select whether the contribution is confirmed'),
    nature: choice(CONTRIBUTION_NATURES, 'Select whether the contribution is capital or revenue'),
    notes: optionalText(5000),
  })
  .transform(({ amount, ...rest }) => ({ ...rest, amountPence: amount }))
export type ContributionInput = z.output<typeof contributionForm>

export const bidForm = z
  .object({
    fund: requiredText('Enter the name of the fund'),
    funder: optionalText(200),
    purpose: requiredText('Enter what the bid is for', 500),
    projectId: optionalId,
    amountRequested: money('the amount requested'),
    status: choice(BID_STATUSES, 'Select the status of the bid'),
    amountAwarded: optionalMoney('the amount awarded'),
    ...dateParts('submittedOn'),
    ...dateParts('decidedOn'),
    notes: optionalText(5000),
  })
  .superRefine((value, ctx) => {
    checkDate(value, 'submittedOn', 'Date submitted', null, ctx)
    checkDate(value, 'decidedOn', 'Date decided', null, ctx)
    if (value.status === 'successful' && value.amountAwarded === null) {
      ctx.addIssue({ code: 'custom', path: ['amountAwarded'], message: 'Enter the amount awarded' })
    }
    if (value.status !== 'successful' && typeof value.amountAwarded === 'number') {
      ctx.addIssue({
        code: 'custom',
        path: ['amountAwarded'],
        message: 'Leave the amount awarded empty unless the bid was successful',
      })
    }
  }, ALWAYS)
  .transform(value => ({
    fund: value.fund,
    funder: value.funder,
    purpose: value.purpose,
    projectId: value.projectId,
    amountRequestedPence: value.amountRequested,
    status: value.status,
    amountAwardedPence: value.status === 'successful' ? value.amountAwarded : null,
    submittedOn: dateOf(value, 'submittedOn'),
    decidedOn: dateOf(value, 'decidedOn'),
    notes: value.notes,
  }))
export type BidInput = z.output<typeof bidForm>

export const allocationForm = z
  .object({
    purpose: requiredText('Enter what the money is allocated to', 500),
    kind: choice(ALLOCATION_KINDS, 'Select what the money is allocated to'),
    priorityId: optionalId,
    projectId: optionalId,
    amount: money('the amount allocated'),
    expectedSpend: optionalMoney('the expected spend'),
    notes: optionalText(5000),
  })
  .superRefine((value, ctx) => {
    if (value.kind === 'project' && value.projectId === null) {
      ctx.addIssue({ code: 'custom', path: ['projectId'], message: 'Select the project' })
    }
  }, ALWAYS)
  .transform(({ amount, expectedSpend, ...rest }) => ({
    ...rest,
    amountPence: amount,
    expectedSpendPence: expectedSpend,
  }))
export type AllocationInput = z.output<typeof allocationForm>

export const spendForm = z
  .object({
    allocationId: requiredId('Select the allocation the money was spent from'),
    description: requiredText('Enter what the money was spent on', 500),
    amount: money('the amount'),
    status: choice(SPEND_STATUSES, 'Select whether the money has been paid or is committed'),
    ...dateParts('spentOn'),
    payee: optionalText(200),
    reference: optionalText(100),
  })
  .superRefine((value, ctx) => checkDate(value, 'spentOn', 'Date', 'Enter the date', ctx), ALWAYS)
  .transform(value => ({
    allocationId: value.allocationId,
    description: value.description,
    amountPence: value.amount,
    status: value.status,
    spentOn: dateOf(value, 'spentOn')!,
    payee: value.payee,
    reference: value.reference,
  }))
export type SpendInput = z.output<typeof spendForm>

export const projectForm = z
  .object({
    name: requiredText('Enter the name of the project'),
    description: optionalText(5000),
    leadOrganisationId: requiredId('Select the lead organisation'),
    ...dateParts('startDate'),
    ...dateParts('endDate'),
    evaluationDueWeeks: wholeNumber({
      empty: DEFAULT_EVALUATION_WEEKS,
      min: 0,
      max: MAX_EVALUATION_WEEKS,
      message: `Weeks must be a whole number from 0 to ${MAX_EVALUATION_WEEKS}`,
    }),
  })
  .superRefine((value, ctx) => {
    checkDate(value, 'startDate', 'Start date', null, ctx)
    checkDate(value, 'endDate', 'End date', null, ctx)
    const start = dateOf(value, 'startDate')
    const end = dateOf(value, 'endDate')
    if (start && end && end < start)
      ctx.addIssue({
        code: 'custom',
        path: ['endDate-day'],
        message: 'End date must be the same as or after the start date',
      })
  }, ALWAYS)
  .transform(value => ({
    ...(withoutParts(value, 'startDate', 'endDate') as {
      name: string
      description: string | null
      leadOrganisationId: number
      evaluationDueWeeks: number
    }),
    startDate: dateOf(value, 'startDate'),
    endDate: dateOf(value, 'endDate'),
  }))
export type ProjectInput = z.output<typeof projectForm>

export const evaluationForm = z
  .object({
    ...dateParts('completedOn'),
    summary: requiredText('Enter what the evaluation found', 5000),
  })
  .superRefine(
    (value, ctx) => checkDate(value, 'completedOn', 'Date', 'Enter the date the evaluation was completed', ctx),
    ALWAYS,
  )
  .transform(value => ({ evaluationCompletedOn: dateOf(value, 'completedOn')!, evaluationSummary: value.summary }))
export type EvaluationInput = z.output<typeof evaluationForm>
