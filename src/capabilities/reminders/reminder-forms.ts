import { z } from 'zod'

import { MAX_REMINDER_DAYS } from './domain/reminder-rules.ts'

/** The reminder settings form: which reminders go, and how many days before or after the quarter ends. */

const ticked = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform(value => value !== undefined && (Array.isArray(value) ? value : [value]).includes('yes'))

const days = (what: string, min: number) =>
  z
    .string({ error: `Enter the number of days ${what}` })
    .trim()
    .min(1, `Enter the number of days ${what}`)
    .regex(/^\d{1,3}$/, `The number of days ${what} must be a whole number, like 14`)
    .transform(Number)
    .pipe(z.number().min(min, `The number of days ${what} must be ${min} or more`).max(MAX_REMINDER_DAYS, `The number of days ${what} must be ${MAX_REMINDER_DAYS} or fewer`))

export const settingsForm = z.object({
  dueReminder: ticked,
  daysBefore: days('before the quarter ends', 0),
  overdueReminder: ticked,
  daysAfter: days('after the quarter ends for the overdue reminder', 1),
  escalation: ticked,
  escalateAfterDays: days('after the quarter ends for the escalation', 1),
  weeklyDigest: ticked,
})
