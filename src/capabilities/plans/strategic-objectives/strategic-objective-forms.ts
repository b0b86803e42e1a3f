import { z } from 'zod'

import { requiredText } from '../../../shared/form-fields.ts'
import { longText } from '../plan-forms.ts'

/** A strategic objective above the priorities: its words, and how it is pursued when it has no local priority of its own. */
export const strategicObjectiveForm = z.object({
  title: requiredText('Enter the strategic objective', 1000),
  description: longText(2000),
})
export type StrategicObjectiveInput = z.output<typeof strategicObjectiveForm>
