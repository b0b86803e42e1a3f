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
