import { daysBetween, type IsoDate } from '../../../core/calendar/index.ts'

/**
 * Reminders of the reviews' deadlines (the decision, the report to the Home Office, each action of an action
 * plan): once when a deadline is a fortnight away or nearer, and once when it has passed undone. Each is sent
 * once per due date: an extension that moves the report's date brings new reminders for the new date.
 */
export const REMINDER_DAYS_BEFORE = 14

export type ReminderKind = 'upcoming' | 'overdue'

export interface ReminderDate {
  key: string
  dueOn: IsoDate
  doneOn: IsoDate | null
}

/** The reminders due today: for each deadline not done, 'overdue' once it has passed, 'upcoming' within the fortnight before. */
export function remindersDue<T extends ReminderDate>(
  dates: readonly T[],
  today: IsoDate,
): { date: T; kind: ReminderKind }[] {
  return dates
    .filter(date => date.doneOn === null)
    .flatMap((date): { date: T; kind: ReminderKind }[] => {
      if (date.dueOn < today) return [{ date, kind: 'overdue' }]
      if (daysBetween(today, date.dueOn) <= REMINDER_DAYS_BEFORE) return [{ date, kind: 'upcoming' }]
      return []
    })
    .sort((a, b) => a.date.dueOn.localeCompare(b.date.dueOn) || a.date.key.localeCompare(b.date.key))
}
