import { z } from 'zod'

/**
 * The confirmation of an import: the rows the preview was made from (checked again before anything is
 * saved), the file's name, whether to remove what the file leaves out, and the fingerprint of the changes
 * the user saw.
 */
export const importConfirmForm = z.object({
  rows: z
    .string({ error: 'Upload the file again' })
    .min(2)
    .max(2_000_000)
    .transform((value, ctx) => {
      try {
        const parsed: unknown = JSON.parse(value)
        if (Array.isArray(parsed) && parsed.every(row => Array.isArray(row) && row.every(cell => typeof cell === 'string'))) return parsed as string[][]
      } catch {
        // fall through
      }
      ctx.addIssue({ code: 'custom', message: 'Upload the file again' })
      return z.NEVER
    }),
  fileName: z
    .string()
    .optional()
    .transform(value => (value ?? '').replace(/[^\w .()-]/g, '_').slice(0, 100) || 'the spreadsheet'),
  removeMissing: z
    .string()
    .optional()
    .transform(value => value === 'yes'),
  fingerprint: z.string({ error: 'Upload the file again' }).regex(/^[0-9a-f]{32}$/, 'Upload the file again'),
})
