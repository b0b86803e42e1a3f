import { z } from 'zod'

import { choice, optionalId, optionalText, requiredText } from '../../../shared/form-fields.ts'
import { ROLES } from '../../../core/access/roles.ts'

export const teamMemberForm = z.object({
  email: z
    .string({ error: 'Enter an email address' })
    .trim()
    .min(1, 'Enter an email address')
    .toLowerCase()
    .pipe(z.email({ error: 'Enter an email address in the correct format, like name@example.com' })),
  name: requiredText('Enter their full name'),
  role: choice(ROLES, 'Select a role'),
  personId: optionalId,
  message: optionalText(1000),
})
export type TeamMemberInput = z.output<typeof teamMemberForm>

export const accessForm = z.object({ role: choice(ROLES, 'Select a role'), personId: optionalId })

export const emailDomainForm = z.object({ domain: requiredText('Enter an e-mail domain, like rochford.gov.uk', 253) })

/** The rows of a checked spreadsheet, carried from the preview to the confirmation (checked again there). */
export const importConfirmForm = z.object({
  rows: z.string().min(2).max(2_000_000).transform((value, ctx) => {
    try {
      const parsed: unknown = JSON.parse(value)
      if (Array.isArray(parsed) && parsed.every(row => Array.isArray(row) && row.every(cell => typeof cell === 'string'))) return parsed as string[][]
    } catch {
      // fall through
    }
    ctx.addIssue({ code: 'custom', message: 'Upload the file again' })
    return z.NEVER
  }),
  message: optionalText(1000),
})
