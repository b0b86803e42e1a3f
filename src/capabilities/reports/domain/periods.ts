/**
 * Plan years are financial years, April to March: plan year 2016 is "2016/17". Quarters follow it:
 * Q1 April–June, Q2 July–September, Q3 October–December, Q4 January–March of the next calendar year.
 */

export const QUARTERS = [1, 2, 3, 4] as const
export type Quarter = (typeof QUARTERS)[number]

export function isQuarter(value: unknown): value is Quarter {
  return value === 1 || value === 2 || value === 3 || value === 4
}

/** 2016 → "2016/17"; 1999 → "1999/00". */
export function financialYearLabel(year: number): string {
  return `${year}/${String((year + 1) % 100).padStart(2, '0')}`
}

const MONTHS = ['April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December', 'January', 'February', 'March']

/** "April to June 2016"; Q4 of 2016 is "January to March 2017". */
export function quarterMonths(year: number, quarter: Quarter): string {
  const first = MONTHS[(quarter - 1) * 3]!
  const last = MONTHS[(quarter - 1) * 3 + 2]!
  return `${first} to ${last} ${quarter === 4 ? year + 1 : year}`
}

/** "1st Quarter", as the seeds' plan updates call them. */
export function quarterOrdinal(quarter: Quarter): string {
  return `${['1st', '2nd', '3rd', '4th'][quarter - 1]} Quarter`
}

/** "Q1 2016/17 (April to June 2016)". */
export function quarterLabel(year: number, quarter: Quarter): string {
  return `Q${quarter} ${financialYearLabel(year)} (${quarterMonths(year, quarter)})`
}

/** The date a quarter ends: Q1 2016 → '2016-06-30'. */
export function quarterEnd(year: number, quarter: Quarter): string {
  return ['', `${year}-06-30`, `${year}-09-30`, `${year}-12-31`, `${year + 1}-03-31`][quarter]!
}

/**
 * The quarters an action is due in, as the seeds write them: [1, 2, 3, 4] → "Q1–4", [2, 3] → "Q2–3",
 * [1, 3] → "Q1, Q3", [] → "".
 */
export function quartersText(quarters: readonly number[]): string {
  const sorted = [...new Set(quarters)].filter(isQuarter).sort((a, b) => a - b)
  if (!sorted.length) return ''
  if (sorted.length === 1) return `Q${sorted[0]}`
  const contiguous = sorted.every((q, index) => index === 0 || q === sorted[index - 1]! + 1)
  return contiguous ? `Q${sorted[0]}–${sorted.at(-1)}` : sorted.map(q => `Q${q}`).join(', ')
}

/** The financial year a date falls in: '2016-04-01' → 2016, '2017-03-31' → 2016. */
export function financialYearOf(date: Date): number {
  const month = date.getUTCMonth() // 0 = January
  return month >= 3 ? date.getUTCFullYear() : date.getUTCFullYear() - 1
}
