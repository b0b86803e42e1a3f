import { z } from 'zod'

import { dayFrom } from '../../core/calendar/index.ts'
import { choice, optionalChoice, optionalId, optionalText } from '../../shared/form-fields.ts'

import { START_FROM } from './domain/copied-narrative.ts'
import { NARRATIVE_SECTIONS, REPORT_KINDS, REPORT_STATUSES, type ReportKind } from './domain/report-kinds.ts'

/**
 * A date typed in the three boxes of a GOV.UK date input (`{name}-day`, `-month`, `-year`), optional. The
 * boxes are gathered into one field first (see `gatherDate`), so its errors are keyed by the field's name.
 */
function optionalDate(label: string) {
  return z
    .object({ day: z.string().optional(), month: z.string().optional(), year: z.string().optional() })
    .transform((parts, ctx): string | null => {
      const [day, month, year] = [parts.day, parts.month, parts.year].map(part => String(part ?? '').trim()) as [string, string, string]
      if (!day && !month && !year) return null
      const missing = [!day && 'day', !month && 'month', !year && 'year'].filter(Boolean)
      if (missing.length) {
        ctx.addIssue({ code: 'custom', message: `${label} must include a ${missing.join(' and a ')}` })
        return z.NEVER
      }
      const date = /^\d{1,2}$/.test(day) && /^\d{1,2}$/.test(month) && /^\d{4}$/.test(year) ? dayFrom(Number(year), Number(month), Number(day)) : null
      if (!date) {
        ctx.addIssue({ code: 'custom', message: `${label} must be a real date, for example 6 9 2016` })
        return z.NEVER
      }
      return date
    })
}

/** Put a date input's three boxes into one field of the body, for `optionalDate`. */
function gatherDate(name: string) {
  return (body: unknown) => {
    const values = (body ?? {}) as Record<string, unknown>
    return { ...values, [name]: { day: values[`${name}-day`], month: values[`${name}-month`], year: values[`${name}-year`] } }
  }
}

/** Where an error on a date input should take the user: its first box. */
export const DATE_FIELD_LINKS = { meetingDate: '#meetingDate-day' }

const optionalYear = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (!value) return null
    const year = Number(value)
    if (!Number.isInteger(year) || year < 1998 || year > 2100) {
      ctx.addIssue({ code: 'custom', message: 'Select a year from the list' })
      return z.NEVER
    }
    return year
  })

const details = {
  planId: optionalId,
  year: optionalYear,
  quarter: optionalChoice(['1', '2', '3', '4'], 'Select a quarter').transform(value => (value === null ? null : Number(value))),
  title: optionalText(200),
  committee: optionalText(200),
}

export const newReportForm = z.preprocess(
  gatherDate('meetingDate'),
  z.object({
    kind: choice(REPORT_KINDS, 'Select the kind of report'),
    ...details,
    meetingDate: optionalDate('Meeting date'),
    /** Asked only when the partnership has a report of the kind already (the service checks it is given then). */
    startFrom: optionalChoice(START_FROM, 'Select where the narrative starts from'),
  }),
)

/** The fields of a report's details (the kind is fixed once the report exists). */
export const detailsForm = z.preprocess(
  gatherDate('meetingDate'),
  z.object({ ...details, meetingDate: optionalDate('Meeting date'), status: choice(REPORT_STATUSES, 'Select whether the report is a draft or final') }),
)

export type NewReportInput = z.output<typeof newReportForm>
export type ReportDetailsInput = z.output<typeof detailsForm>

/** The narrative form of a kind: one text box per section, and the copied sections confirmed as they stand. */
export function narrativeForm(kind: ReportKind) {
  const keys = NARRATIVE_SECTIONS[kind].map(section => section.key)
  return z.object({
    ...Object.fromEntries(keys.map(key => [key, optionalText(20_000)])),
    confirmed: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform(value => (value === undefined ? [] : Array.isArray(value) ? value : [value]))
      .pipe(z.array(z.enum(keys as [string, ...string[]], { error: 'Select only sections of this report' }))),
  })
}
