import { describeLookAlikes } from '../../shared/look-alikes.ts'

import { FIRST_FINANCIAL_YEAR, financialYearFirstMonth, financialYearLabel, financialYearOfMonth, type FinancialYear } from './financial-year.ts'
import { MONTH_NAMES, monthNumber, type Month } from './month.ts'
import type { Quarter } from './quarter.ts'

/**
 * The one reader of a period a person types, wherever one is typed (forms, CSV cells, the API, addresses):
 *  - a financial year: 2024/25, 2024-25, 2024/2025, 2024-2025, 2024 to 2025, FY 2024/25 (and 2024 alone,
 *    meaning the year that starts in April 2024);
 *  - a quarter of one: Q1 2025/26, 2025/26 Q1, Q1 2025-26, Quarter 1 2025/26;
 *  - a month: 2025-04, April 2025, Apr 2025, 04/2025, 01/04/2025;
 *  - part of a year from April, as a cumulative figure is counted: April to December 2025, Apr–Dec 2025,
 *    2025/26 April to December, 2025/26 to December.
 * What is not a period gets a message that says what to type, and names any look-alike character.
 */
export type TypedPeriod =
  | { kind: 'financial_year'; year: FinancialYear }
  | { kind: 'quarter'; year: FinancialYear; quarter: Quarter }
  | { kind: 'month'; month: Month }
  /** April of `year` to `to`, counted together (a cumulative figure). */
  | { kind: 'part_year'; year: FinancialYear; to: Month }

export type PeriodKind = TypedPeriod['kind']
/** `reason`: nothing typed ('empty'), not a period of these kinds ('format'), or a period that cannot be ('problem'). */
export type ReadPeriod<K extends PeriodKind = PeriodKind> =
  | { ok: true; period: Extract<TypedPeriod, { kind: K }> }
  | { ok: false; message: string; reason: 'empty' | 'format' | 'problem' }

const ALL_KINDS: readonly PeriodKind[] = ['financial_year', 'quarter', 'month', 'part_year']
const LAST_YEAR = 2100

const MONTH_LOOKUP = new Map<string, number>(
  MONTH_NAMES.flatMap((name, i) => [[name.toLowerCase(), i + 1] as [string, number], [name.slice(0, 3).toLowerCase(), i + 1] as [string, number]]),
)
MONTH_LOOKUP.set('sept', 9)

const pad = (n: number) => String(n).padStart(2, '0')
const monthOfNumbers = (year: number, month: number): Month => `${String(year).padStart(4, '0')}-${pad(month)}`

/** What to type, for the kinds a field takes. */
export function periodExamples(kinds: readonly PeriodKind[]): string {
  const examples: Record<PeriodKind, string> = {
    financial_year: '2024/25',
    quarter: 'Q1 2025/26',
    month: 'April 2025',
    part_year: 'April to December 2025',
  }
  const list = kinds.map(k => examples[k])
  return list.length === 1 ? list[0]! : `${list.slice(0, -1).join(', ')} or ${list.at(-1)}`
}

const FOLLOWING = 'The two years of a financial year must follow each other, like 2024/25'

type Attempt = TypedPeriod | { problem: string } | null

/** "2024/25", "2024-25", "2024/2025", "2024 to 2025", "FY 2024/25", "2024". */
function financialYearOf(text: string, allowBareYear: boolean): Attempt {
  const m = /^(?:fy\s*)?(\d{4})\s*(?:\/|-|–|—|to)\s*(\d{2}|\d{4})$/i.exec(text)
  if (m) {
    const year = Number(m[1])
    const second = m[2]!
    const expected = second.length === 2 ? pad((year + 1) % 100) : String(year + 1)
    if (second !== expected) return { problem: FOLLOWING }
    return { kind: 'financial_year', year }
  }
  if (allowBareYear && /^(?:fy\s*)?\d{4}$/i.test(text)) return { kind: 'financial_year', year: Number(text.replace(/^fy\s*/i, '')) }
  return null
}

function quarterOf(text: string): Attempt {
  const q = String.raw`(?:q|quarter\s*)([1-4])`
  const fy = String.raw`((?:fy\s*)?\d{4}\s*(?:\/|-|–|—|to)\s*(?:\d{2}|\d{4}))`
  const m = new RegExp(`^${q}\\s*,?\\s*${fy}$`, 'i').exec(text) ?? new RegExp(`^${fy}\\s*,?\\s*${q}$`, 'i').exec(text)
  if (!m) return null
  const [quarterText, yearText] = /^\d/.test(m[1]!) && m[1]!.length === 1 ? [m[1]!, m[2]!] : [m[2]!, m[1]!]
  const year = financialYearOf(yearText.trim(), false)
  if (year === null || 'problem' in year) return year ?? null
  return { kind: 'quarter', year: (year as { year: number }).year, quarter: Number(quarterText) as Quarter }
}

function monthNameNumber(text: string): number | undefined {
  return MONTH_LOOKUP.get(text.toLowerCase().replace(/\.$/, ''))
}

function monthOf(text: string): Attempt {
  let m = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$/.exec(text)
  if (m) {
    const month = Number(m[2])
    return month >= 1 && month <= 12 ? { kind: 'month', month: monthOfNumbers(Number(m[1]), month) } : null
  }
  if ((m = /^(?:(\d{1,2})\/)?(\d{1,2})\/(\d{4})$/.exec(text))) {
    const month = Number(m[2])
    return month >= 1 && month <= 12 ? { kind: 'month', month: monthOfNumbers(Number(m[3]), month) } : null
  }
  if ((m = /^([A-Za-z]+\.?)[ -](\d{4})$/.exec(text))) {
    const month = monthNameNumber(m[1]!)
    return month ? { kind: 'month', month: monthOfNumbers(Number(m[2]), month) } : null
  }
  return null
}

/** "April to December 2025", "Apr–Dec 2025", "April 2025 to January 2026", "2025/26 April to December", "2025/26 to December". */
function partYearOf(text: string): Attempt {
  const range = String.raw`\s*(?:to|-|–|—)\s*`
  let m = new RegExp(`^([A-Za-z]+\\.?)(?:\\s+(\\d{4}))?${range}([A-Za-z]+\\.?)\\s+(\\d{4})$`).exec(text)
  let fromMonth: number | undefined
  let toMonth: number | undefined
  let fromYear: number | undefined
  let toYear: number | undefined
  if (m) {
    fromMonth = monthNameNumber(m[1]!)
    toMonth = monthNameNumber(m[3]!)
    toYear = Number(m[4])
    fromYear = m[2] ? Number(m[2]) : undefined
    if (!fromMonth || !toMonth) return null
  } else if ((m = new RegExp(`^((?:fy\\s*)?\\d{4}\\s*(?:/|-|–)\\s*(?:\\d{2}|\\d{4}))\\s*,?\\s*(?:([A-Za-z]+\\.?)${range}|to\\s+)([A-Za-z]+\\.?)$`, 'i').exec(text))) {
    const year = financialYearOf(m[1]!.trim(), false)
    if (year === null || 'problem' in year) return year
    const fy = (year as { year: number }).year
    fromMonth = m[2] ? monthNameNumber(m[2]) : 4
    toMonth = monthNameNumber(m[3]!)
    if (!fromMonth || !toMonth) return null
    fromYear = fy
    toYear = toMonth >= 4 ? fy : fy + 1
  } else return null
  if (fromMonth !== 4) return { problem: 'A figure for part of a year runs from April, the start of the financial year, like April to December 2025' }
  // "April to February 2026": April is of the year before February.
  fromYear ??= toMonth >= 4 ? toYear : toYear - 1
  const to = monthOfNumbers(toYear, toMonth)
  const year = financialYearOfMonth(to)
  if (fromYear !== year || monthNumber(to) === 3) {
    if (monthNumber(to) === 3 && fromYear === year) return { kind: 'financial_year', year }
    return { problem: `A figure for part of a year runs from April to a month of the same financial year, like April to December ${toYear}` }
  }
  if (financialYearFirstMonth(year) === to) return { kind: 'month', month: to }
  return { kind: 'part_year', year, to }
}

const yearOfPeriod = (p: TypedPeriod) => (p.kind === 'month' ? Number(p.month.slice(0, 4)) : p.year)

/**
 * Read a typed period of one of the `kinds` (every kind unless given). A text that reads as more than one
 * (2011-12 is December 2011 or 2011/12) is read as the first kind listed that fits.
 */
export function readPeriod<K extends PeriodKind = PeriodKind>(input: string, kinds: readonly K[] = ALL_KINDS as readonly K[], options: { earliestYear?: number } = {}): ReadPeriod<K> {
  const earliest = options.earliestYear ?? 1990
  const text = input.trim().replace(/\s+/g, ' ').replace(/−/g, '-')
  if (!text) return { ok: false, message: `Enter the ${kindWord(kinds)}`, reason: 'empty' }
  const lookAlikes = describeLookAlikes(text)
  if (lookAlikes) return { ok: false, message: `“${text.slice(0, 40)}” has ${lookAlikes}: type the ${kindWord(kinds)} again, like ${periodExamples(kinds)}`, reason: 'problem' }
  const attempts: Record<PeriodKind, () => Attempt> = {
    month: () => monthOf(text),
    financial_year: () => financialYearOf(text, true),
    quarter: () => quarterOf(text),
    part_year: () => partYearOf(text),
  }
  let problem: string | null = null
  for (const kind of kinds) {
    const found = attempts[kind]()
    if (found === null) continue
    if ('problem' in found) {
      problem ??= found.problem
      continue
    }
    if (!(kinds as readonly PeriodKind[]).includes(found.kind)) continue
    const year = yearOfPeriod(found)
    if (year < earliest || year > LAST_YEAR) return { ok: false, message: `Enter a year between ${earliest} and ${LAST_YEAR}`, reason: 'problem' }
    return { ok: true, period: found as Extract<TypedPeriod, { kind: K }> }
  }
  return problem ? { ok: false, message: problem, reason: 'problem' } : { ok: false, message: `Enter the ${kindWord(kinds)} like ${periodExamples(kinds)}`, reason: 'format' }
}

function kindWord(kinds: readonly PeriodKind[]): string {
  if (kinds.length === 1) return { financial_year: 'financial year', quarter: 'quarter', month: 'month', part_year: 'months' }[kinds[0]!]
  return 'period'
}

/** A financial year typed in a form, a CSV cell or the API: 2024/25, 2024-25, 2024/2025 or 2024. */
export function readFinancialYear(input: string, options: { earliestYear?: number } = {}): ReadPeriod<'financial_year'> {
  return readPeriod(input, ['financial_year'], { earliestYear: options.earliestYear ?? FIRST_FINANCIAL_YEAR })
}

/** A financial year typed as 2011/12, 2011-12, 2011/2012 or 2011, or null (years from 1990). */
export function parseFinancialYearText(input: string): FinancialYear | null {
  const read = readFinancialYear(input, { earliestYear: 1990 })
  return read.ok ? read.period.year : null
}

export type FinancialYearInput = { ok: true; startYear: FinancialYear } | { ok: false; message: string }

/** What a user types for a new financial year: "2021/22", "2021-22", "2021/2022", "2021 to 2022" or "2021", with the error to show. */
export function parseFinancialYearInput(input: string | undefined): FinancialYearInput {
  const read = readFinancialYear(input ?? '')
  if (read.ok) return { ok: true, startYear: read.period.year }
  if (read.reason === 'empty') return { ok: false, message: 'Enter the financial year, like 2021/22' }
  if (read.reason === 'format') return { ok: false, message: 'Enter the financial year in the correct format, like 2021/22' }
  if (read.message === FOLLOWING) return { ok: false, message: 'A financial year runs from April to the following March, like 2021/22' }
  if (/^Enter a year between/.test(read.message)) {
    return { ok: false, message: `The financial year must be between ${financialYearLabel(FIRST_FINANCIAL_YEAR)} and ${financialYearLabel(LAST_YEAR)}` }
  }
  return { ok: false, message: read.message }
}

/** A typed period back as text the reader accepts: '2024/25', 'Q1 2025/26', 'April 2025', 'April to December 2025'. */
export function typedPeriodText(period: TypedPeriod): string {
  if (period.kind === 'financial_year') return financialYearLabel(period.year)
  if (period.kind === 'quarter') return `Q${period.quarter} ${financialYearLabel(period.year)}`
  if (period.kind === 'month') return `${MONTH_NAMES[monthNumber(period.month) - 1]} ${period.month.slice(0, 4)}`
  return `April to ${MONTH_NAMES[monthNumber(period.to) - 1]} ${period.to.slice(0, 4)}`
}
