import { addDays, dayOfMonthOrLast, weekdayOf, WEEKDAY_NAMES, type IsoDate } from '../../calendar/index.ts'

/**
 * When a scheduled job runs, in UK time: every day, every week on a weekday, or every month on a day, at a
 * time of day ('07:00'). Each run has a slot, the UK day it belongs to; a schedule queues each slot once.
 * A server that was off when a slot came queues that slot when it next looks (late, but once); slots
 * missed before the latest are not run again (a digest or a reminder scan for a past day has no use).
 */
export type Cadence =
  | { every: 'day'; at: string }
  | { every: 'week'; weekday: number; at: string }
  | { every: 'month'; day: number; at: string }

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/

export function minutesOf(at: string): number {
  const match = TIME.exec(at)
  if (!match) throw new Error(`Not a time of day (HH:MM): ${at}`)
  return Number(match[1]) * 60 + Number(match[2])
}

/** The latest slot at or before a UK day and time: the day the run belongs to. */
export function latestSlot(cadence: Cadence, now: { date: IsoDate; minutes: number }): IsoDate {
  const started = now.minutes >= minutesOf(cadence.at)
  switch (cadence.every) {
    case 'day':
      return started ? now.date : addDays(now.date, -1)
    case 'week': {
      const back = (weekdayOf(now.date) - cadence.weekday + 7) % 7
      const candidate = addDays(now.date, -back)
      return back === 0 && !started ? addDays(candidate, -7) : candidate
    }
    case 'month': {
      const year = Number(now.date.slice(0, 4))
      const month = Number(now.date.slice(5, 7))
      const thisMonth = dayOfMonthOrLast(year, month, cadence.day)
      if (thisMonth < now.date || (thisMonth === now.date && started)) return thisMonth
      return month === 1 ? dayOfMonthOrLast(year - 1, 12, cadence.day) : dayOfMonthOrLast(year, month - 1, cadence.day)
    }
  }
}

/** "every day at 07:00", "every Monday at 08:00", "on day 15 of every month at 03:00". */
export function describeCadence(cadence: Cadence): string {
  switch (cadence.every) {
    case 'day':
      return `every day at ${cadence.at}`
    case 'week':
      return `every ${WEEKDAY_NAMES[cadence.weekday - 1]} at ${cadence.at}`
    case 'month':
      return `on day ${cadence.day} of every month at ${cadence.at}`
  }
}

/** The next slot after a day (for "next run" on the admin page): the slot of the first day and time after it. */
export function nextSlotAfter(cadence: Cadence, slot: IsoDate | null, today: { date: IsoDate; minutes: number }): IsoDate {
  // Walk forward a day at a time from today (at most a month and a bit) to the first day whose slot is new.
  for (let i = 0; i <= 62; i++) {
    const date = addDays(today.date, i)
    const candidate = latestSlot(cadence, { date, minutes: 24 * 60 - 1 })
    if ((slot === null || candidate > slot) && (i > 0 || candidate === today.date)) return candidate
  }
  throw new Error('No next slot within two months')
}
