/**
 * Days and financial years as every capability counts them. A financial year (the plan year) runs from 1 April
 * to 31 March and is named by the calendar year it starts in: 2016 is "2016/17".
 */

/** The calendar day in the UK for an instant, as 'YYYY-MM-DD' (so 00:30 BST on 1 July is already 1 July). */
export function ukDate(instant: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant)
  const get = (type: string) => parts.find(p => p.type === type)!.value
  return `${get('year')}-${get('month')}-${get('day')}`
}

/** 2016 → "2016/17"; 1999 → "1999/00". */
export function financialYearLabel(startYear: number): string {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`
}
