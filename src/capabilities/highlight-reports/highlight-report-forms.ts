import { z } from 'zod'

import { FIRST_FINANCIAL_YEAR, isMonth, type Month } from '../../core/calendar/index.ts'
import { requiredText } from '../../shared/form-fields.ts'

import { ENTRY_FIELDS, entryFieldName, type EntryContent } from './domain/highlight-report.ts'
import { parseReporterKey } from './domain/reporters.ts'

/** Zod schemas of the highlight report forms. Field names are the element ids, so error links land on their field. */

const MAX_TEXT = 5000

/** A textarea: line breaks kept, spaces at the ends of lines trimmed; empty is null. */
const longText = z
  .string()
  .optional()
  .transform(value =>
    (value ?? '')
      .replace(/\r\n?/g, '\n')
      .split('\n')
      .map(line => line.trimEnd())
      .join('\n')
      .trim(),
  )
  .refine(value => value.length <= MAX_TEXT, `Must be ${MAX_TEXT.toLocaleString('en-GB')} characters or fewer`)
  .transform(value => (value === '' ? null : value))

/** Who is reporting and for which month: the first question of a new report. */
export const chooseForm = z
  .object({
    reporter: z
      .string({ error: 'Select who is reporting' })
      .min(1, 'Select who is reporting')
      .refine(value => parseReporterKey(value) !== undefined, 'Select who is reporting from the list')
      .transform(value => parseReporterKey(value) as number | null),
    month: z
      .string({ error: 'Select the month the report is for' })
      .min(1, 'Select the month the report is for')
      .refine(value => isMonth(value, FIRST_FINANCIAL_YEAR), 'Select the month the report is for from the list')
      .transform(value => value as Month),
  })
  .transform(({ reporter, month }) => ({ groupId: reporter, month }))
/** The reporting group (null for the community safety team) and the month. */
export type ChooseInput = z.output<typeof chooseForm>

export interface EntriesInput {
  entries: Map<number, EntryContent>
  /** Submit the report to the steering group, rather than keep it as a draft. */
  submit: boolean
}

/** Progress, issues, risks and asks for each priority the report covers ("progress-12", "asks-12"…). */
export function entriesForm(priorityIds: readonly number[]): z.ZodType<EntriesInput, unknown> {
  const shape: Record<string, typeof longText> = {}
  for (const id of priorityIds) for (const field of ENTRY_FIELDS) shape[entryFieldName(field, id)] = longText
  return z.object({ ...shape, action: z.enum(['save', 'submit']).optional() }).transform(values => {
    const text = values as Record<string, string | null>
    const entries = new Map<number, EntryContent>()
    for (const id of priorityIds) {
      entries.set(id, {
        progress: text[entryFieldName('progress', id)] ?? null,
        issues: text[entryFieldName('issues', id)] ?? null,
        risks: text[entryFieldName('risks', id)] ?? null,
        asks: text[entryFieldName('asks', id)] ?? null,
      })
    }
    return { entries, submit: values.action === 'submit' }
  })
}

export const reopenForm = z.object({
  reason: requiredText('Enter why the report is being reopened', 1000),
})
