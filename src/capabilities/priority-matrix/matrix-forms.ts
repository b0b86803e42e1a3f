import { z } from 'zod'

import { optionalText, requiredText } from '../../shared/form-fields.ts'

import { isMonth, monthsBetween } from '../../core/calendar/index.ts'

const month = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .refine(value => isMonth(value), message)

export const assessmentForm = z
  .object({
    title: requiredText('Enter a title for the scoring matrix'),
    periodFrom: month('Select the first month of the period the data covers'),
    periodTo: month('Select the last month of the period the data covers'),
    notes: optionalText(5000),
  })
  .superRefine((value, ctx) => {
    if (isMonth(value.periodFrom) && isMonth(value.periodTo) && monthsBetween(value.periodFrom, value.periodTo) < 0) {
      ctx.addIssue({ code: 'custom', path: ['periodTo'], message: 'The last month must be the same as or after the first month' })
    }
  })
export type AssessmentInput = z.output<typeof assessmentForm>

export const candidateForm = z.object({
  name: requiredText('Enter the issue, for example Anti-social behaviour'),
  crimeTypes: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform(value => (value === undefined ? [] : Array.isArray(value) ? value : [value]).map(v => v.trim()).filter(Boolean)),
  notes: optionalText(2000),
})
export type CandidateInput = z.output<typeof candidateForm>

export const planForm = z
  .object({
    title: requiredText('Enter a title for the plan'),
    planYear: z.coerce
      .number({ error: 'Enter the financial year the plan starts, like 2026' })
      .int('Enter the year as 4 digits, like 2026')
      .min(1998, 'Enter a year from 1998')
      .max(2100, 'Enter a year before 2100'),
    periodEndYear: z.coerce
      .number({ error: 'Enter the last year the plan covers, like 2028' })
      .int('Enter the year as 4 digits, like 2028')
      .min(1998, 'Enter a year from 1998')
      .max(2100, 'Enter a year before 2100'),
    candidateIds: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform(value => (value === undefined ? [] : Array.isArray(value) ? value : [value]).map(Number).filter(n => Number.isSafeInteger(n) && n > 0)),
  })
  .superRefine((value, ctx) => {
    if (!value.candidateIds.length) ctx.addIssue({ code: 'custom', path: ['candidateIds'], message: 'Select the issues the partnership agreed as its priorities' })
    if (value.periodEndYear < value.planYear) ctx.addIssue({ code: 'custom', path: ['periodEndYear'], message: 'The last year must be the same as or after the first year' })
    if (value.periodEndYear > value.planYear + 10) ctx.addIssue({ code: 'custom', path: ['periodEndYear'], message: 'A plan can cover at most 10 years' })
  })
export type PlanInput = z.output<typeof planForm>

/**
 * The criteria form: for each criterion `name-<id>`, `weight-<id>`, `description-<id>`, and one new
 * criterion. A criterion whose fields were not sent at all (a form older than the criterion) is kept as it is.
 */
export function parseCriteriaForm(body: Record<string, unknown>, current: { id: number; name: string; weight: number; description: string | null }[]) {
  const errors: Record<string, string> = {}
  const text = (key: string) => (typeof body[key] === 'string' ? (body[key] as string).trim() : '')
  const weight = (key: string, name: string) => {
    const raw = text(key)
    if (!/^\d{1,2}$/.test(raw) || Number(raw) > 10) {
      errors[key] = `Enter a weight for ${name || 'the criterion'} from 0 to 10`
      return 0
    }
    return Number(raw)
  }
  const criteria = current.map(c => {
    const id = c.id
    if (!(`name-${id}` in body) && !(`weight-${id}` in body)) return { ...c }
    const name = text(`name-${id}`)
    if (!name) errors[`name-${id}`] = 'Enter the name of the criterion'
    if (name.length > 100) errors[`name-${id}`] = 'Name must be 100 characters or fewer'
    const description = `description-${id}` in body ? text(`description-${id}`).slice(0, 2000) || null : c.description
    return { id, name, weight: weight(`weight-${id}`, name), description }
  })
  const newName = text('newName')
  let added: { name: string; weight: number; description: string | null } | null = null
  if (newName) {
    if (newName.length > 100) errors.newName = 'Name must be 100 characters or fewer'
    added = { name: newName, weight: weight('newWeight', newName), description: text('newDescription').slice(0, 2000) || null }
  }
  return { criteria, added, errors }
}

/** The scores form: `score-<candidateId>-<criterionId>` = '' (not scored) or 1–5. */
export function parseScoresForm(body: Record<string, unknown>, keys: { candidateId: number; criterionId: number; label: string }[]) {
  const errors: Record<string, string> = {}
  const scores = new Map<string, number | null>()
  for (const key of keys) {
    const field = `score-${key.candidateId}-${key.criterionId}`
    const raw = typeof body[field] === 'string' ? (body[field] as string).trim() : ''
    if (raw === '') scores.set(`${key.candidateId}:${key.criterionId}`, null)
    else if (/^[1-5]$/.test(raw)) scores.set(`${key.candidateId}:${key.criterionId}`, Number(raw))
    else errors[field] = `Select a score from 1 to 5 for ${key.label}`
  }
  return { scores, errors }
}
