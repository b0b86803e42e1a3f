import { z } from 'zod'

import { optionalText, requiredId, requiredText } from '../../../shared/form-fields.ts'
import { DEFAULT_EVALUATION_WEEKS, MAX_EVALUATION_WEEKS } from '../domain/projects.ts'
import { ALWAYS, checkDate, dateOf, dateParts, wholeNumber, withoutParts } from '../funding-forms.ts'

/** The forms of a funded project and of its evaluation. */

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
