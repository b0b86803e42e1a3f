import { z } from 'zod'

import { withDates } from '../../shared/date-input.ts'
import { choice, optionalId, optionalText, requiredText } from '../../shared/form-fields.ts'

/** The ASB case review forms: the application, the threshold decision, the review and its outcome, the settings. */

const wholeNumber = (message: string, min: number, max: number) =>
  z
    .string({ error: message })
    .trim()
    .min(1, message)
    .regex(/^\d+$/, message)
    .transform(Number)
    .refine(n => n >= min && n <= max, message)

export const applicationForm = withDates(
  {
    reference: requiredText('Enter the application’s reference', 60),
    receivedByOrganisationId: optionalId,
    receivedByName: optionalText(200),
    applicantReference: optionalText(100),
    complaintsCount: wholeNumber('Enter the number of complaints as a whole number from 0 to 999', 0, 999),
    summary: optionalText(5000),
    priorityId: optionalId,
  },
  [{ name: 'receivedOn', label: 'Date received', required: 'Enter the date the application was received' }],
).superRefine((value, ctx) => {
  if (value.receivedByOrganisationId === null && value.receivedByName === null) ctx.addIssue({ code: 'custom', path: ['receivedByOrganisationId'], message: 'Select the body that received the application, or enter its name' })
})
export type ApplicationInput = z.output<typeof applicationForm>

export const thresholdForm = withDates(
  {
    thresholdMet: choice(['yes', 'no'] as const, 'Select whether the threshold was met').transform(v => v === 'yes'),
    thresholdReason: optionalText(5000),
  },
  [{ name: 'thresholdDecisionOn', label: 'Date of the decision', required: 'Enter the date of the decision' }],
)
export type ThresholdInput = z.output<typeof thresholdForm>

export const reviewForm = withDates(
  {
    outcome: optionalText(5000),
    recommendations: optionalText(5000),
  },
  [
    { name: 'reviewOn', label: 'Date of the review', required: 'Enter the date of the review' },
    { name: 'outcomeOn', label: 'Date the applicant was told' },
  ],
).superRefine((value, ctx) => {
  if (value.outcomeOn && !value.outcome) ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'Enter the outcome the applicant was told' })
})
export type ReviewInput = z.output<typeof reviewForm>

export const settingsForm = z.object({
  thresholdComplaints: wholeNumber('Enter the number of complaints as a whole number from 1 to 20', 1, 20),
  thresholdMonths: wholeNumber('Enter the number of months as a whole number from 1 to 24', 1, 24),
})
export type SettingsInput = z.output<typeof settingsForm>

export const publishForm = z.object({ publish: choice(['yes', 'no'] as const, 'Select whether to publish the figures') })
