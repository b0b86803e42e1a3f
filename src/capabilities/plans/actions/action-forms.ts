import { z } from 'zod'

import { choice, optionalId, optionalText } from '../../../shared/form-fields.ts'
import { cleanText } from '../domain/plan-text.ts'
import { RAGS } from '../domain/rag.ts'
import { ACTION_STATUSES } from '../domain/schedule.ts'
import { always, checkDate, dateParts, dateValue, lines, longText } from '../plan-forms.ts'

/** Zod schemas of the forms of an action and of its quarterly updates. */

/** Ticked checkboxes of record ids. */
const idList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value, ctx) => {
    const list = value === undefined ? [] : Array.isArray(value) ? value : [value]
    const ids = list.filter(v => v !== '').map(Number)
    if (ids.some(id => !Number.isSafeInteger(id) || id <= 0)) {
      ctx.addIssue({ code: 'custom', message: 'Select from the list' })
      return z.NEVER
    }
    return [...new Set(ids)]
  })

export const actionForm = z
  .object({
    title: z
      .string({ error: 'Enter the action' })
      .transform(cleanText)
      .pipe(z.string().min(1, 'Enter the action').max(2000, 'Must be 2,000 characters or fewer')),
    objectiveId: optionalId,
    districtAreaId: optionalId,
    outcomes: lines(2000, 'outcome'),
    leadOrganisationIds: idList,
    leadPersonIds: idList,
    leadNote: optionalText(1000),
    supportingOrganisationIds: idList,
    quarters: z
      .union([z.enum(['1', '2', '3', '4']), z.array(z.enum(['1', '2', '3', '4']))])
      .optional()
      .transform(value => [...new Set(value === undefined ? [] : Array.isArray(value) ? value : [value])].map(Number).sort()),
    timescaleNote: optionalText(1000),
    dependencies: longText(2000),
    status: choice(ACTION_STATUSES, 'Select the action’s status'),
    ...dateParts('dueDate'),
  })
  .superRefine((value, ctx) => {
    checkDate(value, 'dueDate', 'Due date', ctx, null)
    const lead = Array.isArray(value.leadOrganisationIds) ? value.leadOrganisationIds : []
    const supporting = Array.isArray(value.supportingOrganisationIds) ? value.supportingOrganisationIds : []
    if (supporting.some(id => lead.includes(id))) {
      ctx.addIssue({ code: 'custom', message: 'An organisation cannot both lead and support the action: untick it in one list', path: ['supportingOrganisationIds'] })
    }
  }, always)
  .transform(value => {
    const { 'dueDate-day': _d, 'dueDate-month': _m, 'dueDate-year': _y, ...rest } = value
    return { ...rest, dueDate: dateValue(value, 'dueDate') }
  })
export type ActionInput = z.output<typeof actionForm>

/**
 * A quarterly update. `rag` is the headline dimension's status; a partnership that assesses more than one
 * dimension has a radio group `rag-{dimension id}` for each other one, checked by the service (which knows
 * the dimensions) and returned in `otherRags`.
 */
export const updateForm = z
  .looseObject({
    quarter: z.enum(['1', '2', '3', '4'], { error: 'Select the quarter you are reporting on' }).transform(Number),
    rag: choice(RAGS, 'Select a RAG status'),
    body: z
      .string({ error: 'Enter the update' })
      .transform(cleanText)
      .pipe(z.string().min(1, 'Enter the update: what has been done this quarter').max(5000, 'Update must be 5,000 characters or fewer')),
    markComplete: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform(value => Boolean(value)),
  })
  .transform(value => ({
    quarter: value.quarter,
    rag: value.rag,
    body: value.body,
    markComplete: value.markComplete,
    otherRags: Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => /^rag-\d+$/.test(key))
        .map(([key, rag]) => [key.slice(4), typeof rag === 'string' ? rag : '']),
    ),
  }))
export type UpdateInput = z.output<typeof updateForm>
