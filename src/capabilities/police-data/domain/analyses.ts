import { addMonths, describeMonths, describeMonthsOfYear, financialYearLabel, monthLabel, monthNumber, monthRange, monthRangeLabel, yearToDateMonths, type Month } from '../../../core/calendar/index.ts'
import { CRIME_TYPES } from '../../../shared/police-uk.ts'
import { formatNumber, formatUpTo } from '../../../shared/format.ts'
import { ANTI_SOCIAL_BEHAVIOUR } from './police-rows.ts'

/**
 * The analyses of a strategic assessment, from counts by month and crime type. Pure: the repository
 * gives the counts and which months are held; nothing here touches the database.
 *
 * A month is "held" when police.uk data for it has been imported for the force(s) covering the area. A
 * month not held is missing (null), never zero: sums, changes and averages say how many months they use.
 */

export interface MonthTypeCount {
  month: Month
  crimeType: string
  count: number
}

export const isAsb = (crimeType: string) => crimeType === ANTI_SOCIAL_BEHAVIOUR

/** Per 1,000 residents, or null without a population. */
export function ratePer1000(count: number, population: number | null | undefined): number | null {
  if (!population || population <= 0) return null
  return (count / population) * 1000
}

/** Percentage change from `before` to `after`, or null when there is nothing to compare with. */
export function percentChange(before: number, after: number): number | null {
  if (before === 0) return null
  return ((after - before) / before) * 100
}

// --- Counts by crime type and month ------------------------------------------------------------------

export interface TypeByMonthTable {
  months: Month[]
  held: boolean[]
  rows: { crimeType: string; byMonth: (number | null)[]; total: number }[]
  monthTotals: (number | null)[]
  total: number
  asbTotal: number
  heldCount: number
}

export function crimeTypeByMonth(counts: readonly MonthTypeCount[], months: readonly Month[], heldMonths: ReadonlySet<Month>): TypeByMonthTable {
  const index = new Map(months.map((m, i) => [m, i]))
  const byType = new Map<string, number[]>()
  for (const c of counts) {
    const i = index.get(c.month)
    if (i === undefined) continue
    let row = byType.get(c.crimeType)
    if (!row) {
      row = months.map(() => 0)
      byType.set(c.crimeType, row)
    }
    row[i]! += c.count
  }
  const held = months.map(m => heldMonths.has(m))
  const order = (type: string) => {
    const known = (CRIME_TYPES as readonly string[]).indexOf(type)
    return known === -1 ? CRIME_TYPES.length : known
  }
  const rows = [...byType]
    .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
    .map(([crimeType, values]) => ({
      crimeType,
      byMonth: values.map((v, i) => (held[i] || v > 0 ? v : null)),
      total: values.reduce((s, v) => s + v, 0),
    }))
  const monthTotals = months.map((_, i) => (held[i] || rows.some(r => (r.byMonth[i] ?? 0) > 0) ? rows.reduce((s, r) => s + (r.byMonth[i] ?? 0), 0) : null))
  const total = rows.reduce((s, r) => s + r.total, 0)
  return {
    months: [...months],
    held,
    rows,
    monthTotals,
    total,
    asbTotal: rows.filter(r => isAsb(r.crimeType)).reduce((s, r) => s + r.total, 0),
    heldCount: held.filter(Boolean).length,
  }
}

export function totalsByType(counts: readonly MonthTypeCount[], months?: ReadonlySet<Month>): Map<string, number> {
  const totals = new Map<string, number>()
  for (const c of counts) {
    if (months && !months.has(c.month)) continue
    totals.set(c.crimeType, (totals.get(c.crimeType) ?? 0) + c.count)
  }
  return totals
}

export function totalsByMonth(counts: readonly MonthTypeCount[], filter?: (crimeType: string) => boolean): Map<Month, number> {
  const totals = new Map<Month, number>()
  for (const c of counts) {
    if (filter && !filter(c.crimeType)) continue
    totals.set(c.month, (totals.get(c.month) ?? 0) + c.count)
  }
  return totals
}

// --- Financial year to date against the same period last year ----------------------------------------

export interface YearToDateRow {
  crimeType: string
  /** Every month of the year held so far: what "to date" counts. */
  heldSoFar: number
  /** The comparable months this year (held in both years). */
  current: number
  /** The same months a year earlier. */
  previous: number
  difference: number
  /** null when last year's count is 0 or no month can be compared */
  change: number | null
}

export interface YearToDate {
  financialYear: string
  previousFinancialYear: string
  currentFrom: Month
  to: Month
  previousFrom: Month
  previousTo: Month
  /** Every month of the year to date that is held: the "to date" figures count all of them. */
  heldSoFar: Month[]
  /** Months of this year-to-date held in both years: the comparison uses only these. */
  comparableMonths: Month[]
  missingThisYear: Month[]
  missingLastYear: Month[]
  /** Every month of the year to date is held, this year and last: the comparison rests on the whole year to date. */
  isComplete: boolean
  /** The comparison rests on every month held so far (though some months of the year may not be held). */
  comparesAllHeld: boolean
  rows: YearToDateRow[]
  total: YearToDateRow
}

/**
 * The financial year to date against the same months a year earlier, by the calendar's rule (yearToDateMonths):
 * "to date" counts every month held so far; the comparison counts only the comparable months (held in both
 * years), in both columns, so its two figures rest on the same months.
 */
export function yearToDate(counts: readonly MonthTypeCount[], to: Month, heldMonths: ReadonlySet<Month>): YearToDate {
  const ytd = yearToDateMonths(to, heldMonths)
  const comparable = ytd.comparable
  const soFar = totalsByType(counts, new Set(ytd.heldSoFar))
  const current = totalsByType(counts, new Set(comparable))
  const previous = totalsByType(counts, new Set(comparable.map(m => addMonths(m, -12))))
  const types = [...new Set([...soFar.keys(), ...previous.keys()])]
  const row = (crimeType: string, held: number, a: number, b: number): YearToDateRow => ({
    crimeType,
    heldSoFar: held,
    current: a,
    previous: b,
    difference: a - b,
    change: comparable.length ? percentChange(b, a) : null,
  })
  const rows = types
    .map(t => row(t, soFar.get(t) ?? 0, current.get(t) ?? 0, previous.get(t) ?? 0))
    .sort((a, b) => b.heldSoFar - a.heldSoFar || b.current - a.current || a.crimeType.localeCompare(b.crimeType))
  const sum = (m: Map<string, number>) => [...m.values()].reduce((s, v) => s + v, 0)
  return {
    financialYear: financialYearLabel(ytd.financialYear),
    previousFinancialYear: financialYearLabel(ytd.financialYear - 1),
    currentFrom: ytd.from,
    to,
    previousFrom: addMonths(ytd.from, -12),
    previousTo: addMonths(to, -12),
    heldSoFar: ytd.heldSoFar,
    comparableMonths: comparable,
    missingThisYear: ytd.missingSoFar,
    missingLastYear: ytd.missingLastYear,
    isComplete: comparable.length === ytd.months.length,
    comparesAllHeld: comparable.length > 0 && comparable.length === ytd.heldSoFar.length,
    rows,
    total: row('All crime and anti-social behaviour', sum(soFar), sum(current), sum(previous)),
  }
}

/** The column headings of a year-to-date table: each names exactly the months its figures count. */
export function yearToDateHeadings(ytd: YearToDate): { heldSoFar: string; current: string | null; previous: string } {
  const lastYear = ytd.comparableMonths.map(m => addMonths(m, -12))
  return {
    heldSoFar: ytd.heldSoFar.length ? `${describeMonths(ytd.heldSoFar)} (${ytd.financialYear} to date)` : `${ytd.financialYear} to date (no month held)`,
    // The comparable months this year get their own column only when they are fewer than the months held.
    current: ytd.comparesAllHeld || !ytd.comparableMonths.length ? null : `${describeMonths(ytd.comparableMonths)} (compared)`,
    previous: lastYear.length ? `${describeMonths(lastYear)} (${ytd.previousFinancialYear})` : `Same months of ${ytd.previousFinancialYear} (not held)`,
  }
}

// --- Top crime types --------------------------------------------------------------------------------

export interface TopTypes {
  items: { crimeType: string; count: number; share: number }[]
  total: number
  topTotal: number
  /** Share of all records the top N make up, in per cent. */
  topShare: number
}

export function topTypes(totals: ReadonlyMap<string, number>, n: number, options: { excludeAsb?: boolean } = {}): TopTypes {
  const entries = [...totals].filter(([type]) => !(options.excludeAsb && isAsb(type)))
  const total = entries.reduce((s, [, v]) => s + v, 0)
  const items = entries
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, n)
    .map(([crimeType, count]) => ({ crimeType, count, share: total ? (count / total) * 100 : 0 }))
  const topTotal = items.reduce((s, i) => s + i.count, 0)
  return { items, total, topTotal, topShare: total ? (topTotal / total) * 100 : 0 }
}

// --- Trends and seasonal peaks ----------------------------------------------------------------------

export interface TrendPoint {
  month: Month
  value: number | null
}

const SEASONS = [
  { key: 'summer', name: 'the summer holidays', months: [7, 8], label: 'July and August' },
  { key: 'halloween', name: 'Halloween and bonfire night', months: [10, 11], label: 'October and November' },
  { key: 'christmas', name: 'Christmas', months: [12], label: 'December' },
] as const

export interface SeasonalPeak {
  season: (typeof SEASONS)[number]['key']
  seasonName: string
  seasonMonths: string
  series: string
  /** Mean of the season's held months against the mean of every held month, in per cent above. */
  aboveAverage: number
  seasonAverage: number
  overallAverage: number
}

/** The months of a window ending at `to`, with their values (null when not held). */
export function trendSeries(totals: ReadonlyMap<Month, number>, to: Month, length: number, heldMonths: ReadonlySet<Month>): TrendPoint[] {
  return monthRange(addMonths(to, -(length - 1)), to).map(month => ({ month, value: heldMonths.has(month) ? (totals.get(month) ?? 0) : null }))
}

const mean = (values: number[]) => (values.length ? values.reduce((s, v) => s + v, 0) / values.length : 0)

/**
 * Seasons whose months run at least `threshold` per cent above the series' monthly average. Needs at
 * least six held months, and at least one held month of the season.
 */
export function seasonalPeaks(series: readonly TrendPoint[], seriesName: string, threshold = 5): SeasonalPeak[] {
  const held = series.filter((p): p is { month: Month; value: number } => p.value !== null)
  if (held.length < 6) return []
  const overall = mean(held.map(p => p.value))
  if (overall <= 0) return []
  const peaks: SeasonalPeak[] = []
  for (const season of SEASONS) {
    const inSeason = held.filter(p => (season.months as readonly number[]).includes(monthNumber(p.month)))
    if (!inSeason.length) continue
    const seasonAverage = mean(inSeason.map(p => p.value))
    const above = ((seasonAverage - overall) / overall) * 100
    if (above >= threshold) {
      peaks.push({ season: season.key, seasonName: season.name, seasonMonths: season.label, series: seriesName, aboveAverage: above, seasonAverage, overallAverage: overall })
    }
  }
  return peaks.sort((a, b) => b.aboveAverage - a.aboveAverage)
}

export interface TrendDirection {
  direction: 'rising' | 'falling' | 'level' | 'unknown'
  /** Change a month, from a least-squares line through the held months. */
  perMonth: number | null
  /** The same, as a share of the monthly average, in per cent. */
  perMonthShare: number | null
}

/** Least-squares slope over the held months (their position in the window, not their order). */
export function trendDirection(series: readonly TrendPoint[]): TrendDirection {
  const points = series.map((p, x) => ({ x, y: p.value })).filter((p): p is { x: number; y: number } => p.y !== null)
  if (points.length < 6) return { direction: 'unknown', perMonth: null, perMonthShare: null }
  const mx = mean(points.map(p => p.x))
  const my = mean(points.map(p => p.y))
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0)
  const slope = sxx ? points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0) / sxx : 0
  const share = my ? (slope / my) * 100 : 0
  return { direction: Math.abs(share) < 1 ? 'level' : slope > 0 ? 'rising' : 'falling', perMonth: slope, perMonthShare: share }
}

// --- Ranking areas ----------------------------------------------------------------------------------

export interface AreaFigure {
  code: string
  name: string
  count: number
  population: number | null
  rate: number | null
}

export function rankAreas(areas: readonly AreaFigure[], by: 'count' | 'rate'): (AreaFigure & { rank: number | null })[] {
  const sorted = [...areas].sort((a, b) => {
    if (by === 'rate') {
      if (a.rate === null && b.rate === null) return b.count - a.count
      if (a.rate === null) return 1
      if (b.rate === null) return -1
      return b.rate - a.rate || a.name.localeCompare(b.name)
    }
    return b.count - a.count || a.name.localeCompare(b.name)
  })
  let rank = 0
  return sorted.map(area => ({ ...area, rank: by === 'rate' && area.rate === null ? null : ++rank }))
}

/** Five shading bands by rate (quintiles of the areas shown), for a map. */
export function rateBands(rates: readonly (number | null)[], bands = 5): { band: (rate: number | null) => number | null; limits: number[] } {
  const sorted = rates.filter((r): r is number => r !== null).sort((a, b) => a - b)
  if (!sorted.length) return { band: () => null, limits: [] }
  const limits = Array.from({ length: bands - 1 }, (_, i) => sorted[Math.min(sorted.length - 1, Math.floor(((i + 1) * sorted.length) / bands))]!)
  return {
    limits,
    band: rate => (rate === null ? null : limits.filter(limit => rate >= limit).length),
  }
}

// --- Plain-English summary ----------------------------------------------------------------------------

const n = (value: number) => formatNumber(Math.round(value))
const pct = (value: number) => `${formatUpTo(Math.abs(value), value !== 0 && Math.abs(value) < 10 ? 1 : 0)}%`
const lower = (type: string) => (type === 'Anti-social behaviour' ? 'anti-social behaviour' : type.charAt(0).toLowerCase() + type.slice(1))

export interface SummaryInput {
  areaName: string
  from: Month
  to: Month
  table: TypeByMonthTable
  population: { value: number; description: string } | null
  top: TopTypes
  yearToDate: YearToDate
  trend12: TrendPoint[]
  peaks: SeasonalPeak[]
}

/** A short, honest summary from the figures: what they say, and what they cannot. */
export function summarise(input: SummaryInput): string[] {
  const { table, top, yearToDate: ytd } = input
  const months = table.months.length
  const sentences: string[] = []
  const period = monthRangeLabel(input.from, input.to)
  if (table.heldCount === 0) {
    return [`No police.uk data is held for ${input.areaName} for ${period}. Import the months you need, then come back.`]
  }
  sentences.push(
    `Police.uk holds ${n(table.total)} crimes and anti-social behaviour incidents in ${input.areaName} for ${period}` +
      (table.asbTotal ? `, ${n(table.asbTotal)} of them anti-social behaviour (${pct((table.asbTotal / Math.max(1, table.total)) * 100)}).` : '.'),
  )
  const missing = table.months.filter((_, i) => !table.held[i])
  if (missing.length) {
    sentences.push(`No data is held for ${describeMonths(missing)}: the figures cover ${table.heldCount} of the ${months} months, so totals are lower than a full period's would be.`)
  }
  if (input.population) {
    const rate = ratePer1000(table.total, input.population.value)!
    sentences.push(`That is ${formatUpTo(rate, 1)} per 1,000 residents over the ${table.heldCount === 1 ? 'month held' : `${table.heldCount} months held`}, using ${input.population.description}.`)
  }
  const [first, second, third] = top.items
  if (first) {
    const others = [second, third].filter((x): x is NonNullable<typeof x> => Boolean(x))
    sentences.push(
      `${first.crimeType} was the most common type (${pct(first.share)})` +
        (others.length ? `, followed by ${others.map(o => `${lower(o.crimeType)} (${pct(o.share)})`).join(' and ')}.` : '.'),
    )
  }
  if (top.items.length > 3) sentences.push(`The top ${top.items.length} types made up ${pct(top.topShare)} of all ${n(top.total)} records.`)

  sentences.push(...yearToDateSentences(ytd))

  const trend = trendDirection(input.trend12)
  const heldTrend = input.trend12.filter(p => p.value !== null) as { month: Month; value: number }[]
  if (trend.direction === 'unknown') {
    sentences.push(`Only ${heldTrend.length} of the last 12 months are held, too few to describe a trend.`)
  } else {
    const highest = heldTrend.reduce((a, b) => (b.value > a.value ? b : a))
    const lowest = heldTrend.reduce((a, b) => (b.value < a.value ? b : a))
    const words = trend.direction === 'level' ? 'were broadly level' : `were ${trend.direction}, by about ${n(Math.abs(trend.perMonth!))} a month`
    sentences.push(
      `Over the 12 months to ${monthLabel(input.to)}, monthly totals ${words}: the lowest was ${n(lowest.value)} (${monthLabel(lowest.month)}), the highest ${n(highest.value)} (${monthLabel(highest.month)}).`,
    )
  }
  for (const peak of input.peaks.slice(0, 3)) {
    sentences.push(`${peak.series === 'All crime and anti-social behaviour' ? 'Monthly totals' : peak.series} ran ${pct(peak.aboveAverage)} above the monthly average in ${peak.seasonName} (${peak.seasonMonths}).`)
  }
  return sentences
}


const signedPct = (value: number) => `${value > 0 ? '+' : value < 0 ? '−' : ''}${pct(value)}`

/**
 * The year to date in words that count what they say: the figure "to date" counts every month held so far and
 * names them; the comparison with last year names the months it rests on, and zero and empty cases read as
 * English ("0 were recorded: none in the same months of 2024/25 either").
 */
export function yearToDateSentences(ytd: YearToDate): string[] {
  const year = ytd.financialYear
  const last = ytd.previousFinancialYear
  if (!ytd.heldSoFar.length) {
    return [`No month of the financial year ${year} to date (${monthRangeLabel(ytd.currentFrom, ytd.to)}) is held, so nothing can be said about it yet.`]
  }
  const held = describeMonths(ytd.heldSoFar)
  const missing = ytd.missingThisYear.length ? ` (${describeMonths(ytd.missingThisYear)} ${ytd.missingThisYear.length === 1 ? 'is' : 'are'} not held)` : ''
  const total = ytd.total
  const first = `Financial year ${year} to date, ${held}: ${n(total.heldSoFar)} ${total.heldSoFar === 1 ? 'crime or incident was' : 'crimes and incidents were'} recorded${missing}.`
  if (!ytd.comparableMonths.length) {
    return [first, `None of these months can be compared with ${last}: the same months of ${last} are not held.`]
  }
  const comparison = (() => {
    if (total.current === 0 && total.previous === 0) return `none were recorded in either year`
    if (total.previous === 0) return `${n(total.current)} against none, so no percentage change can be worked out`
    if (total.current === total.previous) return `${n(total.current)} in both years, no change`
    return `${n(total.current)} against ${n(total.previous)}, ${signedPct(total.change!)}`
  })()
  if (ytd.comparesAllHeld) {
    const lastMonths = describeMonths(ytd.comparableMonths.map(m => addMonths(m, -12)))
    if (total.heldSoFar === 0 && total.previous === 0) return [`${first.replace(/\.$/, '')}: none in the same months of ${last} either.`]
    if (total.previous === 0) return [first, `None were recorded in the same months of ${last} (${lastMonths}), so no percentage change can be worked out.`]
    return [first, `Against the same months of ${last} (${lastMonths}): ${comparison}.`]
  }
  const only = describeMonthsOfYear(ytd.comparableMonths)
  return [first, `Only ${only} can be compared with ${last}: ${comparison}.`]
}
