import { z } from 'zod'

import { withDates } from '../../shared/date-input.ts'
import { choice, optionalId, optionalText, requiredText } from '../../shared/form-fields.ts'

import { EVENT_KINDS } from './domain/events.ts'

const optionalWhole = (message: string, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (!value) return null
      const text = value.replace(/,/g, '').replace(/%$/, '')
      if (!/^\d+$/.test(text) || Number(text) > max) {
        ctx.addIssue({ code: 'custom', message })
        return z.NEVER
      }
      return Number(text)
    })

/** Ids ticked in a group of checkboxes. */
const ids = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform(value => (value === undefined ? [] : Array.isArray(value) ? value : [value]).map(Number).filter(n => Number.isSafeInteger(n) && n > 0))

export const eventForm = withDates(
  {
    title: requiredText('Enter the name of the event or campaign', 200),
    kind: choice(EVENT_KINDS, 'Select whether it is an event or a campaign'),
    areaId: optionalId,
    venue: optionalText(200),
    audience: optionalText(500),
    reach: optionalWhole('Enter the number of people reached as a whole number, like 500', 10_000_000),
    organisationIds: ids,
    actionIds: ids,
    ledgerLine: z.string().optional().transform(value => (value ? value : null)),
    feedbackQuestion: optionalText(300),
    feedbackResponses: optionalWhole('Enter the number of responses as a whole number', 10_000_000),
    feedbackPercent: optionalWhole('Enter the share as a whole number from 0 to 100', 100),
    notes: optionalText(5000),
  },
  [
    { name: 'startsOn', label: 'Date', required: 'Enter the date of the event, or the date the campaign started' },
    { name: 'endsOn', label: 'End date' },
  ],
).superRefine((value, ctx) => {
  if (value.startsOn && value.endsOn && value.endsOn < value.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn-day'], message: 'End date must be the same as or after the start date' })
  if (value.feedbackResponses !== null && value.feedbackPercent === null) ctx.addIssue({ code: 'custom', path: ['feedbackPercent'], message: 'Enter the share of responses that were positive' })
})
export type EventInput = z.output<typeof eventForm>

