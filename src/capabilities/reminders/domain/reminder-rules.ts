import { addDays, daysBetween, quarterDates, type IsoDate, type Quarter } from '../../../core/calendar/index.ts'

/**
 * Which reminder e-mails an action's quarterly update calls for, and on which days.
 *
 * An action's update for a quarter is due by the quarter's last day (the plan pages call it "due" while
 * the quarter runs and "overdue" once it has ended). For each missing update the partnership may send:
 *  - a reminder to the action's leads some days before the quarter ends ("due");
 *  - a reminder to them some days after it ended, if the update is still missing ("overdue");
 *  - an escalation to the chair of the priority's delivering group some days later still ("escalation").
 * Each goes once (the outbox's key names the action, the quarter and the person). A server that was off on
 * the day sends it when it next looks, while it still applies: a "due" reminder only until the quarter ends.
 */

export interface ReminderSettings {
  dueReminder: boolean
  /** Days before the quarter's last day that the "due" reminder goes (0 = on the last day). */
  daysBefore: number
  overdueReminder: boolean
  /** Days after the quarter's last day that the "overdue" reminder goes (at least 1). */
  daysAfter: number
  escalation: boolean
  /** Days after the quarter's last day that the escalation goes. */
  escalateAfterDays: number
  /** A weekly e-mail to the coordinators of what is due and overdue. */
  weeklyDigest: boolean
}

/** Nothing is sent until a coordinator turns reminders on; these are the suggested days. */
export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  dueReminder: false,
  daysBefore: 14,
  overdueReminder: false,
  daysAfter: 7,
  escalation: false,
  escalateAfterDays: 21,
  weeklyDigest: false,
}

export const MAX_REMINDER_DAYS = 90

export type ReminderKind = 'due' | 'overdue' | 'escalation'

export const REMINDER_KIND_LABELS: Record<ReminderKind, string> = {
  due: 'Update due',
  overdue: 'Update overdue',
  escalation: 'Escalation to the chair',
}

/** What the plan says of an action's update today (from the plans capability's update state). */
export type UpdateNeed = { kind: 'due' | 'overdue'; quarter: Quarter } | { kind: 'none' }

export interface PlannedReminder {
  kind: ReminderKind
  quarter: Quarter
  /** The quarter's last day: the day the update is due by. */
  dueDate: IsoDate
  /** The day the e-mail goes. */
  on: IsoDate
}

/** The last day of a quarter of a plan year: the day its update is due by. */
export function updateDueDate(planYear: number, quarter: Quarter): IsoDate {
  return quarterDates(planYear, quarter).last
}

/**
 * The reminders an action's missing update calls for under the settings, each with its day, whether that
 * day has come or not. A reminder whose time has passed without it being sent (a "due" reminder once the
 * quarter is over) is left out.
 */
export function plannedReminders(settings: ReminderSettings, need: UpdateNeed, planYear: number, today: IsoDate): PlannedReminder[] {
  if (need.kind === 'none') return []
  const dueDate = updateDueDate(planYear, need.quarter)
  const planned: PlannedReminder[] = []
  const add = (kind: ReminderKind, on: IsoDate) => planned.push({ kind, quarter: need.quarter, dueDate, on })
  if (need.kind === 'due' && settings.dueReminder && today <= dueDate) add('due', addDays(dueDate, -settings.daysBefore))
  if (settings.overdueReminder) add('overdue', addDays(dueDate, settings.daysAfter))
  if (settings.escalation) add('escalation', addDays(dueDate, settings.escalateAfterDays))
  return planned
}

/** The reminders whose day has come (today or earlier): the ones the daily run queues. */
export function remindersToSend(settings: ReminderSettings, need: UpdateNeed, planYear: number, today: IsoDate): PlannedReminder[] {
  return plannedReminders(settings, need, planYear, today).filter(reminder => reminder.on <= today)
}

/** "in 3 days", "tomorrow", "today", "3 days ago": how far a day is from today. */
export function daysFromToday(day: IsoDate, today: IsoDate): string {
  const n = daysBetween(today, day)
  if (n === 0) return 'today'
  if (n === 1) return 'tomorrow'
  if (n === -1) return 'yesterday'
  return n > 0 ? `in ${n} days` : `${-n} days ago`
}

/** Why the settings cannot be saved, field by field (empty when they can). */
export function settingsProblems(settings: ReminderSettings): Record<string, string> {
  const problems: Record<string, string> = {}
  if (settings.overdueReminder && settings.escalation && settings.escalateAfterDays <= settings.daysAfter) {
    problems.escalateAfterDays = 'The escalation must go later than the overdue reminder: enter more days than for the overdue reminder'
  }
  return problems
}
