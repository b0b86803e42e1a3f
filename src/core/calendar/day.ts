/** A calendar day, 'YYYY-MM-DD', as the database stores dates. */
export type IsoDate = string

/** The calendar day in the UK for an instant, as 'YYYY-MM-DD' (so 00:30 BST on 1 July is already 1 July). */
export function ukDate(instant: Date): IsoDate {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant)
  const get = (type: string) => parts.find(p => p.type === type)!.value
  return `${get('year')}-${get('month')}-${get('day')}`
}

/**
 * The day with these year, month and day numbers as 'YYYY-MM-DD' (the year written with four digits), or
 * null when there is no such day (31 June, 29 February 2023, month 13).
 */
export function dayFrom(year: number, month: number, day: number): IsoDate | null {
  const date = new Date(Date.UTC(2000, month - 1, day))
  date.setUTCFullYear(year) // years below 100 are not shifted to the 1900s
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

const DAY_MS = 86_400_000
const timeOf = (date: IsoDate) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)))

/** The day `days` days after (or before, when negative) a day. */
export function addDays(date: IsoDate, days: number): IsoDate {
  const d = new Date(timeOf(date) + days * DAY_MS)
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`
}

/** Whole days from one day to another (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((timeOf(to) - timeOf(from)) / DAY_MS)
}

/**
 * The same day `months` calendar months later (earlier, when negative), or the last day of that month when it
 * is shorter: "within one month of 31 January" is by 28 (or 29) February. The statutory timescales that run in
 * months (a death review's decision, its report) count this way.
 */
export function addCalendarMonths(date: IsoDate, months: number): IsoDate {
  const year = Number(date.slice(0, 4))
  const month = Number(date.slice(5, 7)) - 1 + months
  const targetYear = year + Math.floor(month / 12)
  const targetMonth = ((month % 12) + 12) % 12
  let day = Number(date.slice(8, 10))
  while (day > 28 && !dayFrom(targetYear, targetMonth + 1, day)) day -= 1
  return dayFrom(targetYear, targetMonth + 1, day)!
}

/** The UK calendar day and the minutes since its midnight for an instant (Europe/London, summer time too). */
export function ukDayAndTime(instant: Date): { date: IsoDate; minutes: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant)
  const get = (type: string) => parts.find(p => p.type === type)!.value
  return { date: `${get('year')}-${get('month')}-${get('day')}`, minutes: Number(get('hour')) * 60 + Number(get('minute')) }
}

/** The day of the week of a day: 1 for Monday … 7 for Sunday. */
export function weekdayOf(date: IsoDate): number {
  return ((new Date(timeOf(date)).getUTCDay() + 6) % 7) + 1
}

export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const

/** The day of a month with this day number, or the month's last day when it is shorter (31 → 30 June). */
export function dayOfMonthOrLast(year: number, month: number, day: number): IsoDate {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return dayFrom(year, month, Math.min(day, last))!
}
