import { requirePermission, type PartnershipContext } from '../../core/access/partnership-context.ts'
import { addMonths, isMonth, latestRunOfMonths, monthsBetween, utcMonthOf, yearOf, type Month } from '../../core/calendar/index.ts'
import type { Db } from '../../db/database.ts'
import type { Clock } from '../../shared/clock.ts'
import { ValidationError } from '../../shared/errors.ts'

import { areaKindOfCode, type AreaKind } from './domain/geography.ts'
import { policeDataRepository as repo, type AreaFilter, type PopulationFigure } from './police-data-repository.ts'

/**
 * What an analysis is about: the area (the partnership's own districts, or any district, ward or LSOA by its
 * ONS code) and the period, with the forces that police the area and the months held for them.
 */

/** One of a partnership's areas, as the partnerships capability keeps them. */
export interface PartnershipArea {
  id: number
  parentId: number | null
  type: string
  name: string
  code: string | null
}

/** The port through which the police data reads a partnership's areas (implemented by the partnerships capability). */
export type PartnershipAreas = (partnershipId: number) => Promise<PartnershipArea[]>

/** What the user chose: the partnership's own area, or any district, ward or LSOA by its ONS code. */
export type AreaChoice = { kind: 'partnership' } | { kind: AreaKind; code: string }

export function parseAreaChoice(value: unknown): AreaChoice {
  if (typeof value !== 'string' || value === '' || value === 'partnership') return { kind: 'partnership' }
  const code = value.includes(':') ? value.slice(value.indexOf(':') + 1).trim().toUpperCase() : value.trim().toUpperCase()
  const kind = areaKindOfCode(code)
  if (!kind) throw new ValidationError({ area: `“${value.slice(0, 40)}” is not a district, ward or LSOA code, like E07000075, E05004021 or E01021296` })
  return { kind, code }
}

export const areaKey = (choice: AreaChoice) => (choice.kind === 'partnership' ? 'partnership' : `${choice.kind}:${choice.code}`)

export interface ResolvedArea {
  key: string
  kind: AreaChoice['kind']
  code: string | null
  /** "Castle Point and Rochford CSP area (Castle Point, Rochford)", "Rochford district", "Hockley ward (Rochford)" */
  name: string
  /** For sentences: "Castle Point and Rochford", "Rochford", "Hockley ward". */
  shortName: string
  filter: AreaFilter
  population: { value: number; midYear: number; description: string } | null
}

export interface PeriodChoice {
  from?: unknown
  to?: unknown
}

export interface AnalysisQuery {
  area: ResolvedArea
  from: Month
  to: Month
  /** Forces whose data covers the area (those that hold at least 5% of its records). */
  forces: string[]
  heldMonths: Set<Month>
  /** Every month held for the forces, for the period pickers. */
  availableMonths: Month[]
}

const MAX_PERIOD_MONTHS = 120

function describePopulation(figures: PopulationFigure[], areaName: string, total: number): string {
  const years = [...new Set(figures.map(f => f.midYear))].sort()
  const boundaries = [...new Set(figures.map(f => f.boundaries))]
  return `the ONS mid-${years.join('/')} population estimate for ${areaName}, ${total.toLocaleString('en-GB')} residents (${boundaries.join('; ')})`
}

export function analysisQueries({ db, clock, partnershipAreas }: { db: Db; clock: Clock; partnershipAreas: PartnershipAreas }) {
  /** The partnership's districts: its areas of type district with an ONS code. */
  async function partnershipDistricts(ctx: PartnershipContext) {
    // The partnership's areas come in name order.
    const areas = (await partnershipAreas(ctx.partnership.id)).filter(a => a.type === 'district' && a.code !== null)
    return areas.filter(a => a.code && areaKindOfCode(a.code.trim().toUpperCase()) === 'district').map(a => ({ name: a.name, code: a.code!.trim().toUpperCase() }))
  }

  async function populationOf(areaType: 'district' | 'ward', codes: string[], year: number, areaName: string) {
    const figures = await repo.populations(db, areaType, codes, year)
    if (!codes.length || codes.some(code => !figures.has(code))) return null
    const list = [...figures.values()]
    const value = list.reduce((s, f) => s + f.population, 0)
    return { value, midYear: Math.max(...list.map(f => f.midYear)), description: describePopulation(list, areaName, value) }
  }

  /** The area's population in a year's estimates (null for an LSOA, or when a part of the area has none). */
  function populationFor(area: ResolvedArea, year: number): Promise<ResolvedArea['population']> {
    if (area.kind === 'lsoa') return Promise.resolve(null)
    if (area.kind === 'ward') return populationOf('ward', [area.code!], year, area.shortName)
    return populationOf('district', area.filter.districtCodes as string[], year, area.shortName)
  }

  /** The area chosen, without its population (which depends on the year: see populationFor). */
  async function resolveArea(ctx: PartnershipContext, choice: AreaChoice): Promise<ResolvedArea> {
    if (choice.kind === 'partnership') {
      const districts = await partnershipDistricts(ctx)
      const short = ctx.partnership.shortName ?? ctx.partnership.name
      const names = (await repo.districts(db, districts.map(d => d.code))).map(d => d.name)
      const list = names.length ? names : districts.map(d => d.name)
      const area: ResolvedArea = {
        key: 'partnership',
        kind: 'partnership',
        code: null,
        name: list.length ? `${ctx.partnership.name} area (${list.join(', ')})` : ctx.partnership.name,
        shortName: list.length === 1 ? list[0]! : list.length ? list.join(' and ') : short,
        filter: { districtCodes: districts.map(d => d.code) },
        population: null,
      }
      return area
    }
    const code = choice.code
    if (choice.kind === 'district') {
      const [district] = await repo.districts(db, [code])
      if (!district) throw new ValidationError({ area: `No district ${code} is held: check the code, or import the ONS lookups` })
      return {
        key: areaKey(choice),
        kind: 'district',
        code,
        name: `${district.name} (district)`,
        shortName: district.name,
        filter: { districtCodes: [code] },
        population: null,
      }
    }
    if (choice.kind === 'ward') {
      const ward = await repo.ward(db, code)
      // Records are placed in December 2021 wards (those of the ward population estimates).
      if (!ward || !(await repo.isPlacementWard(db, code))) {
        throw new ValidationError({
          area: ward
            ? `${ward.name} (${code}) is not a December 2021 ward: figures are given for December 2021 wards, the boundaries of the ONS ward population estimates`
            : `No ward ${code} is held: wards are December 2021 wards from the ONS lookups`,
        })
      }
      const [district] = await repo.districts(db, [ward.districtCode])
      const name = `${ward.name} ward`
      return {
        key: areaKey(choice),
        kind: 'ward',
        code,
        name: `${name} (${district?.name ?? ward.districtCode}, December 2021 boundaries)`,
        shortName: name,
        filter: { districtCodes: [ward.districtCode], wardCode: code },
        population: null,
      }
    }
    const lsoa = await repo.lsoa(db, code)
    if (!lsoa) throw new ValidationError({ area: `No LSOA ${code} is held: check the code, or import the ONS lookups` })
    const [district] = await repo.districts(db, [lsoa.districtCode])
    return {
      key: areaKey(choice),
      kind: 'lsoa',
      code,
      name: `LSOA ${lsoa.name} (${code}, ${district?.name ?? lsoa.districtCode})`,
      shortName: `LSOA ${lsoa.name}`,
      filter: { districtCodes: [lsoa.districtCode], lsoaCodes: [code] },
      population: null,
    }
  }

  /** Resolve the area and the period (default: the latest run of months held, at most 12, to the latest month held). */
  async function query(ctx: PartnershipContext, areaValue: unknown, period: PeriodChoice): Promise<AnalysisQuery> {
    requirePermission(ctx, 'view_published')
    const choice = parseAreaChoice(areaValue)
    // The area's districts first (without population), to know its forces and their months.
    const resolved = await resolveArea(ctx, choice)
    let forces = await repo.principalForces(db, resolved.filter.districtCodes)
    const months = await repo.months(db, forces.length ? forces : undefined)
    if (!forces.length) forces = [...new Set(months.map(m => m.force))]
    const availableMonths = [...new Set(months.map(m => m.month))].sort()
    // A month is held when every force covering the area has it.
    const heldMonths = new Set(availableMonths.filter(month => forces.every(force => months.some(m => m.month === month && m.force === force))))
    // By default the latest run of months held, up to 12: never a period that starts on a month with no data.
    const run = latestRunOfMonths(heldMonths, 12)
    const latest = run?.to ?? availableMonths.at(-1) ?? addMonths(clockMonth(), -2)
    let to = isMonth(period.to) ? period.to : latest
    let from = isMonth(period.from) ? period.from : !isMonth(period.to) && run ? run.from : addMonths(to, -11)
    if (monthsBetween(from, to) < 0) [from, to] = [to, from]
    if (monthsBetween(from, to) >= MAX_PERIOD_MONTHS) from = addMonths(to, -(MAX_PERIOD_MONTHS - 1))
    // The population of the period's last year: the only part of the area that depends on the period.
    const area = { ...resolved, population: await populationFor(resolved, yearOf(to)) }
    return { area, from, to, forces, heldMonths, availableMonths }
  }

  function clockMonth(): Month {
    return utcMonthOf(clock.now())
  }

  return { partnershipDistricts, query }
}
