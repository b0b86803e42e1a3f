import { z } from 'zod'

import { isMonth } from '../../core/calendar/index.ts'
import { withDates } from '../../shared/date-input.ts'
import { choice, optionalId, optionalText, requiredText } from '../../shared/form-fields.ts'

import { DOCUMENT_KINDS } from './domain/duty.ts'

const ids = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform(value => (value === undefined ? [] : Array.isArray(value) ? value : [value]).map(Number).filter(n => Number.isSafeInteger(n) && n > 0))

const optionalMonth = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (!value) return null
    if (!isMonth(value)) {
      ctx.addIssue({ code: 'custom', message: 'Select a month from the list' })
      return z.NEVER
    }
    return value
  })

const optionalUrl = z
  .string()
  .trim()
  .optional()
  .transform(value => (value ? value : null))
  .refine(value => value === null || /^https?:\/\/\S+$/.test(value), 'Enter the address of the published document, starting https://')

export const documentForm = withDates(
  {
    kind: choice(DOCUMENT_KINDS, 'Select whether it is the needs assessment or the strategy'),
    title: requiredText('Enter the title', 200),
    summary: optionalText(5000),
    link: optionalUrl,
    periodFrom: optionalMonth,
    periodTo: optionalMonth,
    priorityAssessmentId: optionalId,
    priorityIds: ids,
    actionIds: ids,
  },
  [
    { name: 'datedOn', label: 'Date of the document', required: 'Enter the date the document was agreed or published' },
    { name: 'reviewDueOn', label: 'Review date' },
  ],
).superRefine((value, ctx) => {
  if ((value.periodFrom === null) !== (value.periodTo === null)) ctx.addIssue({ code: 'custom', path: [value.periodFrom === null ? 'periodFrom' : 'periodTo'], message: 'Select both months of the period, or neither' })
  else if (value.periodFrom && value.periodTo && value.periodFrom > value.periodTo) ctx.addIssue({ code: 'custom', path: ['periodTo'], message: 'The period must end after it starts' })
  if (value.datedOn && value.reviewDueOn && value.reviewDueOn <= value.datedOn) ctx.addIssue({ code: 'custom', path: ['reviewDueOn-day'], message: 'Review date must be after the date of the document' })
})
export type DocumentInput = z.output<typeof documentForm>

export const reviewForm = withDates({}, [
  { name: 'reviewedOn', label: 'Date of the review', required: 'Enter the date of the review' },
  { name: 'nextReviewDueOn', label: 'Next review date', required: 'Enter the date of the next review' },
])
export type ReviewInput = z.output<typeof reviewForm>
