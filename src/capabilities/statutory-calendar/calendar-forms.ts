import { z } from 'zod'

/** The form of a calendar date: what is due (own dates only), when, when it was done, notes. */

const optionalDate = (message: string) =>
  z
    .string()
    .optional()
    .transform(value => value?.trim() ?? '')
    .pipe(z.union([z.literal('').transform(() => null), z.iso.date(message)]))

export const dateForm = z.object({
  duty: z.string().max(60).optional(),
  period: z.string().max(10).optional(),
  title: z
    .string()
    .optional()
    .transform(value => value?.trim() ?? '')
    .pipe(z.string().max(300, 'What is due must be 300 characters or fewer')),
  dueOn: z.string({ error: 'Enter the date it is due' }).trim().min(1, 'Enter the date it is due').pipe(z.iso.date('Enter the date it is due as a real date, like 2017-01-31')),
  doneOn: optionalDate('Enter the date it was done as a real date, like 2017-01-31'),
  notes: z
    .string()
    .optional()
    .transform(value => (value?.trim() ? value.trim() : null))
    .pipe(z.string().max(2000, 'Notes must be 2,000 characters or fewer').nullable()),
})

export type DateInput = z.output<typeof dateForm>
