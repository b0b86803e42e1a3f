import { z } from 'zod'

export const codeForm = z.object({
  code: z.string({ error: 'Enter the code from your authenticator app' }).trim().min(1, 'Enter the code from your authenticator app').max(40),
})
