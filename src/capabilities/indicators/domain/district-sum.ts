/**
 * Joint partnerships: an indicator for the whole partnership with an indicator for each district under it.
 * Where the measure allows summing (counts and money), the partnership's figure for a period is the sum of
 * the districts' figures for that same period, and says so; a rate or a percentage is not the sum of the
 * districts' rates or percentages, and the summary says it cannot be summed rather than print a wrong total.
 */
import { exact, roundHalfAwayFromZero, sum } from './exact.ts'
import { formatValue, type Unit } from './indicator.ts'

/** Whether the whole is the sum of its parts for this unit: counts and money, not rates or percentages. */
export const isSummable = (unit: Unit) => unit === 'count' || unit === 'money'

export interface DistrictSum {
  total: number | null
  totalText: string
  /** "Sum of the 3 districts’ figures"; or why there is no sum. */
  text: string
}

const NOT_SUMMED: Partial<Record<Unit, string>> = {
  percentage: 'a percentage is not the sum of the districts’ percentages',
  rate_per_1000_population: 'a rate per 1,000 is not the sum of the districts’ rates',
  rate_per_1000_households: 'a rate per 1,000 is not the sum of the districts’ rates',
}

/** The districts' figures for one period added up, when the unit allows it and every district has one. */
export function sumDistricts(unit: Unit, figures: { district: string; value: number | null }[]): DistrictSum {
  if (!isSummable(unit)) return { total: null, totalText: '', text: `Cannot be summed: ${NOT_SUMMED[unit] ?? 'these figures do not add up'}` }
  if (!figures.length) return { total: null, totalText: '', text: 'No district has a figure yet' }
  const missing = figures.filter(f => f.value === null).map(f => f.district)
  if (missing.length) return { total: null, totalText: '', text: `Not summed: no figure yet for ${listOf(missing)}` }
  const total = roundHalfAwayFromZero(sum(figures.map(f => exact(f.value!))), 2)
  return { total, totalText: formatValue(total, unit), text: `Sum of the ${figures.length === 1 ? 'one district’s figure' : `${figures.length} districts’ figures`}` }
}

export interface DistrictSeries {
  name: string
  baselines: { year: number; label: string; value: number }[]
  /** Figures by period: `order` sorts periods (later last), `key` matches the same period across districts. */
  figures: { key: string; label: string; order: number; value: number }[]
}

export interface DistrictColumn {
  label: string
  values: { district: string; value: number | null; text: string }[]
  sum: DistrictSum
}

/**
 * The latest baseline year and the latest period that any district has, each with every district's figure
 * (or none) and their sum for the whole partnership.
 */
export function districtSummary(unit: Unit, districts: DistrictSeries[]): { baseline: DistrictColumn | null; latest: DistrictColumn | null } {
  const column = (label: string, pick: (d: DistrictSeries) => number | null): DistrictColumn => {
    const values = districts.map(d => {
      const value = pick(d)
      return { district: d.name, value, text: value === null ? 'None' : formatValue(value, unit) }
    })
    return { label, values, sum: sumDistricts(unit, values.map(v => ({ district: v.district, value: v.value }))) }
  }
  const baselineYear = Math.max(-Infinity, ...districts.flatMap(d => d.baselines.map(b => b.year)))
  const baselineLabel = districts.flatMap(d => d.baselines).find(b => b.year === baselineYear)?.label
  const latest = districts.flatMap(d => d.figures).sort((a, b) => b.order - a.order)[0]
  return {
    baseline: baselineLabel ? column(`Baseline ${baselineLabel}`, d => d.baselines.find(b => b.year === baselineYear)?.value ?? null) : null,
    latest: latest ? column(latest.label, d => d.figures.find(f => f.key === latest.key)?.value ?? null) : null,
  }
}

function listOf(names: string[]): string {
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
}
