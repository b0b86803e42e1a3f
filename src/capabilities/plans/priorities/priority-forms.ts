import { z } from 'zod'

import { optionalId, requiredText } from '../../../shared/form-fields.ts'
import { lines, longText } from '../plan-forms.ts'

/** Zod schemas of the forms of a priority, its strategic objectives and its key risks. */

export const priorityForm = z.object({
  title: requiredText('Enter the priority', 300),
  strategicObjectiveId: optionalId,
  subThemes: lines(300, 'sub-theme'),
  headlineTarget: longText(1000),
  deliveringGroupId: optionalId,
  resources: longText(5000),
  progressComment: longText(5000),
  position: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (!value) return null
      const n = Number(value)
      if (!Number.isSafeInteger(n) || n < 1) {
        ctx.addIssue({ code: 'custom', message: 'Select a position from the list' })
        return z.NEVER
      }
      return n
    }),
})
export type PriorityInput = z.output<typeof priorityForm>

export const objectiveForm = z.object({
  title: requiredText('Enter the strategic objective', 1000),
})
export type ObjectiveInput = z.output<typeof objectiveForm>

export const riskForm = z.object({
  risk: requiredText('Enter the risk', 1000),
  mitigation: longText(2000),
})
export type RiskInput = z.output<typeof riskForm>
