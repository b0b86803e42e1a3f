import { z } from 'zod'

import { optionalEmail, optionalText } from '../../shared/form-fields.ts'

/** Yes, No, or not answered (null). */
const yesNo = (message: string) =>
  z
    .enum(['', 'yes', 'no'], { error: message })
    .optional()
    .transform(value => (value ? value === 'yes' : null))

/** The council's paper front matter: every field optional; a phone number of digits, spaces, +, ( and ). */
export const paperForm = z.object({
  agendaItem: optionalText(50),
  reportOf: optionalText(200),
  portfolioHolder: optionalText(200),
  wardsAffected: optionalText(500),
  keyDecision: yesNo('Select whether the report is a key decision'),
  exempt: yesNo('Select whether the report holds exempt information'),
  exemptReason: optionalText(300),
  contactName: optionalText(200),
  contactPhone: optionalText(40).refine(value => value === null || /^\+?[\d\s()-]{6,}$/.test(value), { message: 'Enter a telephone number, like 01702 546366 or +44 1702 546366' }),
  contactEmail: optionalEmail,
})
