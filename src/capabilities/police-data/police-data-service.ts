import { requirePermission, type PartnershipContext } from '../../core/access/partnership-context.ts'
import { addMonths, describeMonths, isMonth, monthLabel, monthRange, monthRangeLabel, monthsBetween, shortMonthLabel, utcMonthOf, yearOf, type Month } from '../../core/calendar/index.ts'
import { chartTable, type DocumentChart, type DocumentTable, type StructuredDocument } from '../../core/documents/structured.ts'
import type { Db } from '../../db/database.ts'
import type { Clock } from '../../shared/clock.ts'
import { ValidationError } from '../../shared/errors.ts'

import {
  crimeTypeByMonth,
  isAsb,
  rankAreas,
  rateBands,
  ratePer1000,
  seasonalPeaks,
  summarise,
  topTypes,
  totalsByMonth,
  totalsByType,
  trendSeries,
  yearToDate,
  type AreaFigure,
  type MonthTypeCount,
  type SeasonalPeak,
  type TopTypes,
  type TrendPoint,
  type TypeByMonthTable,
  type YearToDate,
} from './domain/analyses.ts'
import { caveatsFor, POLICE_SOURCE } from './domain/caveats.ts'
import { areaKindOfCode, type AreaKind } from './domain/geography.ts'
import { policeDataRepository as repo, type AreaFilter, type PopulationFigure } from './police-data-repository.ts'

export const OGL = 'Contains public sector information licensed under the Open Government Licence v3.0.'
export const ONS_ATTRIBUTION = 'Source: Office for National Statistics licensed under the Open Government Licence v3.0. Contains OS data © Crown copyright and database right.'

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

export interface Assessment {
  query: AnalysisQuery
  periodLabel: string
  months: Month[]
  missingMonths: Month[]
  table: TypeByMonthTable
  rate: number | null
  top: TopTypes
  topCrime: TopTypes
  yearToDate: YearToDate
  trend12: TrendPoint[]
  trend36: TrendPoint[]
  asb36: TrendPoint[]
  peaks: SeasonalPeak[]
  summary: string[]
  caveats: string[]
}

export interface Hotspots {
  query: AnalysisQuery
  wardsByCount: (AreaFigure & { rank: number | null; district: string })[]
  wardsByRate: (AreaFigure & { rank: number | null; district: string })[]
  lsoas: (AreaFigure & { rank: number | null; ward: string | null; district: string })[]
  wardPopulation: string | null
  caveats: string[]
}

export interface DistrictComparison {
  query: AnalysisQuery
  group: 'force' | 'county'
  groupName: string
  districts: (AreaFigure & { rank: number | null; isChosen: boolean; band: number | null })[]
  populationDescription: string | null
  caveats: string[]
}

const MAX_PERIOD_MONTHS = 120

function describePopulation(figures: PopulationFigure[], areaName: string, total: number): string {
  const years = [...new Set(figures.map(f => f.midYear))].sort()
  const boundaries = [...new Set(figures.map(f => f.boundaries))]
  return `the ONS mid-${years.join('/')} population estimate for ${areaName}, ${total.toLocaleString('en-GB')} residents (${boundaries.join('; ')})`
}

export function policeDataService({ db, clock }: { db: Db; clock: Clock }) {
  /** The partnership's districts: its areas of type district with an ONS code. */
  async function partnershipDistricts(ctx: PartnershipContext) {
    const areas = await db
      .selectFrom('areas')
      .select(['name', 'code'])
      .where('partnershipId', '=', ctx.partnership.id)
      .where('type', '=', 'district')
      .where('code', 'is not', null)
      .orderBy('name')
      .execute()
    return areas.filter(a => a.code && areaKindOfCode(a.code.trim().toUpperCase()) === 'district').map(a => ({ name: a.name, code: a.code!.trim().toUpperCase() }))
  }

  async function populationOf(areaType: 'district' | 'ward', codes: string[], year: number, areaName: string) {
    const figures = await repo.populations(db, areaType, codes, year)
    if (!codes.length || codes.some(code => !figures.has(code))) return null
    const list = [...figures.values()]
    const value = list.reduce((s, f) => s + f.population, 0)
    return { value, midYear: Math.max(...list.map(f => f.midYear)), description: describePopulation(list, areaName, value) }
  }

  async function resolveArea(ctx: PartnershipContext, choice: AreaChoice, year: number): Promise<ResolvedArea> {
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
      area.population = await populationOf('district', area.filter.districtCodes as string[], year, area.shortName)
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
        population: await populationOf('district', [code], year, district.name),
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
        population: await populationOf('ward', [code], year, name),
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

  /** Resolve the area and the period (default: the 12 months to the latest month held). */
  async function query(ctx: PartnershipContext, areaValue: unknown, period: PeriodChoice): Promise<AnalysisQuery> {
    requirePermission(ctx, 'view_published')
    const choice = parseAreaChoice(areaValue)
    // The area's districts first (without population), to know its forces and their months.
    const provisional = await resolveArea(ctx, choice, yearOf(clockMonth()))
    let forces = await repo.principalForces(db, provisional.filter.districtCodes)
    const months = await repo.months(db, forces.length ? forces : undefined)
    if (!forces.length) forces = [...new Set(months.map(m => m.force))]
    const availableMonths = [...new Set(months.map(m => m.month))].sort()
    // A month is held when every force covering the area has it.
    const heldMonths = new Set(availableMonths.filter(month => forces.every(force => months.some(m => m.month === month && m.force === force))))
    const latest = availableMonths.at(-1) ?? addMonths(clockMonth(), -2)
    let to = isMonth(period.to) ? period.to : latest
    let from = isMonth(period.from) ? period.from : addMonths(to, -11)
    if (monthsBetween(from, to) < 0) [from, to] = [to, from]
    if (monthsBetween(from, to) >= MAX_PERIOD_MONTHS) from = addMonths(to, -(MAX_PERIOD_MONTHS - 1))
    const area = yearOf(to) === yearOf(clockMonth()) ? provisional : await resolveArea(ctx, choice, yearOf(to))
    return { area, from, to, forces, heldMonths, availableMonths }
  }

  function clockMonth(): Month {
    return utcMonthOf(clock.now())
  }

  async function caveats(q: AnalysisQuery, options: { belowDistrict?: boolean; population?: { description: string } | null }) {
    const months = monthRange(q.from, q.to)
    const held = await repo.months(db, q.forces)
    const inPeriod = held.filter(m => monthsBetween(q.from, m.month) >= 0 && monthsBetween(m.month, q.to) >= 0)
    const byMonth = new Map<Month, (typeof inPeriod)[number]['lsoaVintage']>()
    for (const m of inPeriod) byMonth.set(m.month, byMonth.has(m.month) && byMonth.get(m.month) !== m.lsoaVintage ? 'mixed' : m.lsoaVintage)
    return caveatsFor({
      missingMonths: months.filter(m => !q.heldMonths.has(m)),
      vintages: [...byMonth].map(([month, vintage]) => ({ month, vintage })),
      population: options.population,
      belowDistrict: options.belowDistrict ?? (q.area.kind === 'ward' || q.area.kind === 'lsoa'),
      rowsWithoutLocation: inPeriod.reduce((s, m) => s + m.rowsWithoutLocation, 0),
      rowsPlacedByName: await repo.rowsPlacedByName(db, q.area.filter, q.from, q.to),
    })
  }

  /** `top`: how many crime types the top list holds (1 to 20; 10 unless given). */
  async function assessment(q: AnalysisQuery, options: { top?: unknown } = {}): Promise<Assessment> {
    const topN = Number.isInteger(Number(options.top)) && Number(options.top) >= 1 && Number(options.top) <= 20 ? Number(options.top) : 10
    const months = monthRange(q.from, q.to)
    // The period, and the 36 months to its end (trends; the year to date and the same months last year).
    const earliest = [q.from, addMonths(q.to, -35)].sort()[0]!
    const counts = await repo.countsByMonthAndType(db, q.area.filter, earliest, q.to)
    const inPeriod = counts.filter(c => monthsBetween(q.from, c.month) >= 0)
    const table = crimeTypeByMonth(inPeriod, months, q.heldMonths)
    const totals = totalsByType(inPeriod)
    const top = topTypes(totals, topN)
    const topCrime = topTypes(totals, 5, { excludeAsb: true })
    const ytd = yearToDate(counts, q.to, q.heldMonths)
    const allByMonth = totalsByMonth(counts)
    const asbByMonth = totalsByMonth(counts, isAsb)
    const trend12 = trendSeries(allByMonth, q.to, 12, q.heldMonths)
    const trend36 = trendSeries(allByMonth, q.to, 36, q.heldMonths)
    const asb36 = trendSeries(asbByMonth, q.to, 36, q.heldMonths)
    const peaks = [...seasonalPeaks(trend36, 'All crime and anti-social behaviour'), ...seasonalPeaks(asb36, 'Anti-social behaviour')].sort((a, b) => b.aboveAverage - a.aboveAverage)
    const population = q.area.population
    const summary = summarise({ areaName: q.area.shortName, from: q.from, to: q.to, table, population, top, yearToDate: ytd, trend12, peaks })
    return {
      query: q,
      periodLabel: monthRangeLabel(q.from, q.to),
      months,
      missingMonths: months.filter(m => !q.heldMonths.has(m)),
      table,
      rate: population ? ratePer1000(table.total, population.value) : null,
      top,
      topCrime,
      yearToDate: ytd,
      trend12,
      trend36,
      asb36,
      peaks,
      summary,
      caveats: await caveats(q, { population }),
    }
  }

  async function hotspots(q: AnalysisQuery): Promise<Hotspots> {
    const lsoaCounts = await repo.countsByLsoa(db, q.area.filter, q.from, q.to)
    const places = await repo.places(db, lsoaCounts.map(l => l.lsoaCode))
    const placeOf = new Map(places.map(p => [p.code, p]))
    const districtNames = new Map((await repo.districts(db, [...new Set(places.map(p => p.districtCode))])).map(d => [d.code, d.name]))
    const wardTotals = new Map<string, number>()
    for (const l of lsoaCounts) {
      const ward = placeOf.get(l.lsoaCode)?.wardCode
      if (ward) wardTotals.set(ward, (wardTotals.get(ward) ?? 0) + l.count)
    }
    const wards = await repo.wards(db, [...wardTotals.keys()])
    const wardNames = new Map(wards.map(w => [w.code, w]))
    const populations = await repo.populations(db, 'ward', [...wardTotals.keys()], yearOf(q.to))
    const wardFigures = [...wardTotals].map(([code, count]) => {
      const population = populations.get(code)?.population ?? null
      const ward = wardNames.get(code)
      return { code, name: ward?.name ?? code, district: districtNames.get(ward?.districtCode ?? '') ?? '', count, population, rate: ratePer1000(count, population) }
    })
    const lsoaFigures = lsoaCounts.map(l => {
      const place = placeOf.get(l.lsoaCode)
      return {
        code: l.lsoaCode,
        name: place?.name ?? l.lsoaCode,
        ward: place?.wardCode ? (wardNames.get(place.wardCode)?.name ?? place.wardCode) : null,
        district: districtNames.get(place?.districtCode ?? '') ?? '',
        count: l.count,
        population: null,
        rate: null,
      }
    })
    const years = [...new Set([...populations.values()].map(p => p.midYear))]
    const wardPopulation = populations.size ? `ONS mid-${years.join('/')} ward population estimates (December 2021 wards)` : null
    return {
      query: q,
      wardsByCount: rankAreas(wardFigures, 'count') as Hotspots['wardsByCount'],
      wardsByRate: rankAreas(wardFigures, 'rate') as Hotspots['wardsByRate'],
      lsoas: rankAreas(lsoaFigures, 'count') as Hotspots['lsoas'],
      wardPopulation,
      caveats: await caveats(q, { belowDistrict: true, population: wardPopulation ? { description: wardPopulation } : null }),
    }
  }

  async function comparison(q: AnalysisQuery, group: 'force' | 'county'): Promise<DistrictComparison> {
    let codes: string[]
    let groupName: string
    const chosen = new Set(q.area.filter.districtCodes)
    if (group === 'county') {
      const districts = await repo.districts(db, [...chosen])
      const county = districts.find(d => d.countyCode && d.countyCode !== d.code)
      if (county?.countyCode) {
        const all = await db.selectFrom('onsDistricts').select('code').where('countyCode', '=', county.countyCode).execute()
        codes = all.map(d => d.code)
        groupName = `districts of ${county.countyName ?? county.countyCode}`
      } else {
        codes = [...chosen]
        groupName = 'the chosen districts (no county is held for them: import the district to county lookup)'
      }
    } else {
      codes = await repo.forceDistricts(db, q.forces, q.from, q.to)
      groupName = `districts of the ${q.forces.join(' and ') || 'police force'} area (each holding at least 1% of the force’s records)`
    }
    for (const code of chosen) if (!codes.includes(code)) codes.push(code)
    const [counts, districts, populations] = await Promise.all([
      repo.countsByDistrict(db, codes, q.from, q.to),
      repo.districts(db, codes),
      repo.populations(db, 'district', codes, yearOf(q.to)),
    ])
    const countOf = new Map(counts.map(c => [c.districtCode, c.count]))
    const figures = districts.map(d => {
      const count = countOf.get(d.code) ?? 0
      const population = populations.get(d.code)?.population ?? null
      return { code: d.code, name: d.name, count, population, rate: ratePer1000(count, population) }
    })
    const ranked = rankAreas(figures, 'rate')
    const bands = rateBands(ranked.map(r => r.rate))
    const years = [...new Set([...populations.values()].map(p => p.midYear))]
    const populationDescription = populations.size ? `ONS mid-${years.join('/')} district population estimates` : null
    return {
      query: q,
      group,
      groupName,
      districts: ranked.map(r => ({ ...r, isChosen: chosen.has(r.code), band: bands.band(r.rate) })),
      populationDescription,
      caveats: await caveats(q, { belowDistrict: false, population: populationDescription ? { description: populationDescription } : null }),
    }
  }

  return {
    parseAreaChoice,
    query,
    assessment,
    hotspots,
    comparison,
    partnershipDistricts,

    /** The areas a user can pick: the partnership's districts and their wards, then every district. */
    async areaOptions(ctx: PartnershipContext) {
      requirePermission(ctx, 'view_published')
      const own = await partnershipDistricts(ctx)
      const [districts, wards] = await Promise.all([repo.districts(db), repo.wardsOf(db, own.map(d => d.code))])
      return { own, districts, wards }
    },

    async boundaries(districtNames: string[]) {
      return repo.boundaries(db, districtNames)
    },

    /** What is held: force-months, geography and populations (for the imports page). */
    async status() {
      const [months, geography] = await Promise.all([repo.months(db), repo.geographyStatus(db)])
      const byForce = new Map<string, { force: string; forceName: string; months: Month[]; rows: number }>()
      for (const m of months) {
        const entry = byForce.get(m.force) ?? { force: m.force, forceName: m.forceName, months: [], rows: 0 }
        entry.months.push(m.month)
        entry.rows += m.rowCount
        byForce.set(m.force, entry)
      }
      return { forces: [...byForce.values()], geography, months }
    },

    /**
     * For indicators defined as "crime type(s) × area": the count for each month from `from` to `to`
     * (null for a month not held for the area's force), with the caveats that go with the figures.
     * `areaCodes` are ONS codes of districts, wards (December 2021) or LSOAs, mixed as needed.
     */
    async countsByMonth(input: { crimeTypes?: readonly string[]; areaCodes: readonly string[]; from: Month; to: Month }) {
      if (!isMonth(input.from) || !isMonth(input.to) || monthsBetween(input.from, input.to) < 0) throw new ValidationError({ period: 'Give a period from one month to a later one, like 2024-04 to 2025-03' })
      const months = monthRange(input.from, input.to)
      const byMonth = new Map<Month, number>()
      const forces = new Set<string>()
      const filters: AreaFilter[] = []
      for (const raw of input.areaCodes) {
        const code = raw.trim().toUpperCase()
        const kind = areaKindOfCode(code)
        if (kind === 'district') filters.push({ districtCodes: [code] })
        else if (kind === 'ward') {
          const ward = await repo.ward(db, code)
          if (!ward) throw new ValidationError({ areaCodes: `Ward ${code} is not in the ONS lookups imported` })
          filters.push({ districtCodes: [ward.districtCode], wardCode: code })
        } else if (kind === 'lsoa') {
          const lsoa = await repo.lsoa(db, code)
          if (!lsoa) throw new ValidationError({ areaCodes: `LSOA ${code} is not in the ONS lookups imported` })
          filters.push({ districtCodes: [lsoa.districtCode], lsoaCodes: [code] })
        } else throw new ValidationError({ areaCodes: `“${raw}” is not a district, ward or LSOA code` })
      }
      for (const filter of filters) {
        for (const c of await repo.countsByMonthAndType(db, { ...filter, crimeTypes: input.crimeTypes }, input.from, input.to)) byMonth.set(c.month, (byMonth.get(c.month) ?? 0) + c.count)
        for (const f of await repo.principalForces(db, filter.districtCodes)) forces.add(f)
      }
      const held = await repo.months(db, [...forces])
      const heldMonths = new Set(months.filter(m => [...forces].every(f => held.some(h => h.force === f && h.month === m))))
      const q: AnalysisQuery = {
        area: { key: 'codes', kind: 'district', code: null, name: input.areaCodes.join(', '), shortName: '', filter: filters[0] ?? { districtCodes: [] }, population: null },
        from: input.from,
        to: input.to,
        forces: [...forces],
        heldMonths,
        availableMonths: [],
      }
      return {
        months: months.map(month => ({ month, count: heldMonths.has(month) && forces.size ? (byMonth.get(month) ?? 0) : null })),
        caveats: forces.size ? (await caveats(q, { belowDistrict: filters.some(f => f.wardCode || f.lsoaCodes), population: null })).filter(c => !c.startsWith('No population')) : ['No police data is held for these areas.'],
      }
    },

    /**
     * Counts by month and crime type in the given districts from `from` to `to`, with the forces that police
     * them and the months held (a month is held only when every one of those forces has it).
     */
    async districtCounts(districtCodes: string[], from: Month, to: Month) {
      const counts = await repo.countsByMonthAndType(db, { districtCodes }, from, to)
      const forces = await repo.principalForces(db, districtCodes)
      const held = await repo.months(db, forces)
      const heldMonths: ReadonlySet<Month> = new Set(monthRange(from, to).filter(m => forces.length > 0 && forces.every(f => held.some(h => h.force === f && h.month === m))))
      return { counts, forces, heldMonths }
    },

    /** The strategic assessment as structured content, for the document renderer (DOCX, PDF, print). */
    async strategicAssessmentDocument(ctx: PartnershipContext, areaValue: unknown, period: PeriodChoice): Promise<StructuredDocument> {
      const q = await query(ctx, areaValue, period)
      const [a, h, c, held] = await Promise.all([assessment(q), hotspots(q), comparison(q, 'force'), repo.months(db, q.forces)])
      return assessmentDocument(ctx, a, h, c, clock.now().toISOString().slice(0, 10), new Map(held.map(m => [m.force, m.forceName])))
    },

    /** Tables for the CSV and XLSX downloads: every table of the assessment, each with its caveats. */
    async downloadTables(ctx: PartnershipContext, areaValue: unknown, period: PeriodChoice) {
      const q = await query(ctx, areaValue, period)
      const [a, h, c] = await Promise.all([assessment(q), hotspots(q), comparison(q, 'force')])
      return { query: q, tables: assessmentTables(a, h, c) }
    },
  }
}
export type PoliceDataService = ReturnType<typeof policeDataService>

const fmt = (value: number | null | undefined, decimals = 0) => (value === null || value === undefined ? null : Number(value.toFixed(decimals)))

export function trendCharts(a: Assessment): { trend12: DocumentChart; trend36: DocumentChart } {
  const lastYear = a.trend12.map(p => ({ month: addMonths(p.month, -12), value: null as number | null }))
  const allByMonth = new Map(a.trend36.map(p => [p.month, p.value]))
  for (const p of lastYear) p.value = allByMonth.get(p.month) ?? null
  const area = a.query.area.shortName
  const held12 = a.trend12.filter(p => p.value !== null).length
  const held36 = a.trend36.filter(p => p.value !== null).length
  return {
    trend12: {
      id: 'trend-12',
      title: `Crime and anti-social behaviour by month, 12 months to ${monthLabel(a.query.to)}`,
      description: `Monthly totals in ${area}, with the same months a year earlier as a dashed line. ${held12} of the 12 months are held; missing months are gaps.`,
      kind: 'line',
      series: [
        { name: '12 months to ' + shortMonthLabel(a.query.to), points: a.trend12.map(p => ({ label: shortMonthLabel(p.month).slice(0, 3), value: p.value })) },
        { name: 'A year earlier', dashed: true, points: lastYear.map(p => ({ label: shortMonthLabel(addMonths(p.month, 12)).slice(0, 3), value: p.value })) },
      ],
      yLabel: 'Records a month',
    },
    trend36: {
      id: 'trend-36',
      title: `Crime and anti-social behaviour by month, 36 months to ${monthLabel(a.query.to)}`,
      description: `Monthly totals in ${area}, and anti-social behaviour alone. ${held36} of the 36 months are held; missing months are gaps.`,
      kind: 'line',
      series: [
        { name: 'All crime and ASB', points: a.trend36.map(p => ({ label: shortMonthLabel(p.month), value: p.value })) },
        { name: 'Anti-social behaviour', points: a.asb36.map(p => ({ label: shortMonthLabel(p.month), value: p.value })) },
      ],
      yLabel: 'Records a month',
    },
  }
}

/** Every table of the assessment, with captions, headers and its caveats as notes. */
export function assessmentTables(a: Assessment, h: Hotspots, c: DistrictComparison): (DocumentTable & { key: string })[] {
  const notes = (caveats: string[]) => [...caveats, POLICE_SOURCE, OGL]
  const area = a.query.area.name
  const period = a.periodLabel
  const ytd = a.yearToDate
  const charts = trendCharts(a)
  return [
    {
      key: 'crime-types',
      caption: `Crimes and anti-social behaviour by type and month, ${area}, ${period}`,
      headers: ['Crime type', ...a.months.map(shortMonthLabel), 'Total'],
      rows: [
        ...a.table.rows.map(r => [r.crimeType, ...r.byMonth, r.total]),
        ['All crime and anti-social behaviour', ...a.table.monthTotals, a.table.total],
      ],
      numericColumns: a.months.map((_, i) => i + 1).concat(a.months.length + 1),
      notes: notes(a.caveats),
      totalRows: 1,
    },
    {
      key: 'year-to-date',
      caption: `Financial year ${ytd.financialYear} to date (${monthRangeLabel(ytd.currentFrom, ytd.to)}) against the same months of ${ytd.previousFinancialYear}, ${area}`,
      headers: ['Crime type', `${ytd.financialYear} to date`, `Same months ${ytd.previousFinancialYear}`, 'Difference', '% change'],
      rows: [...ytd.rows, ytd.total].map(r => [r.crimeType, r.current, r.previous, r.difference, fmt(r.change, 1)]),
      numericColumns: [1, 2, 3, 4],
      totalRows: 1,
      notes: notes([
        ytd.isComplete
          ? 'Every month of the year to date is held for both years.'
          : ytd.comparableMonths.length
            ? `Only months held in both years are compared: ${ytd.comparableMonths.map(shortMonthLabel).join(', ')} and the same months a year earlier.`
            : 'No month of the year to date is held for both years: nothing can be compared.',
        ...a.caveats,
      ]),
    },
    {
      key: 'top-types',
      caption: `The top ${a.top.items.length} types, ${area}, ${period}: ${a.top.topShare.toFixed(0)}% of all ${a.top.total.toLocaleString('en-GB')} records`,
      headers: ['Rank', 'Crime type', 'Count', 'Share of all records (%)', a.query.area.population ? 'Per 1,000 residents' : 'Per 1,000 residents (no population held)'],
      rows: a.top.items.map((t, i) => [i + 1, t.crimeType, t.count, fmt(t.share, 1), a.query.area.population ? fmt(ratePer1000(t.count, a.query.area.population.value), 2) : null]),
      numericColumns: [0, 2, 3, 4],
      notes: notes(a.caveats),
    },
    { key: 'trend-12', ...chartTable(charts.trend12, notes(a.caveats)) },
    { key: 'trend-36', ...chartTable(charts.trend36, notes(a.caveats)) },
    {
      key: 'wards',
      caption: `Wards ranked by count, ${area}, ${period}`,
      headers: ['Rank by count', 'Rank by rate', 'Ward (December 2021)', 'Ward code', 'District', 'Count', 'Population', 'Per 1,000 residents'],
      rows: h.wardsByCount.map(w => [w.rank, h.wardsByRate.find(r => r.code === w.code)?.rank ?? null, w.name, w.code, w.district, w.count, w.population, fmt(w.rate, 2)]),
      numericColumns: [0, 1, 5, 6, 7],
      notes: notes(h.caveats),
    },
    {
      key: 'lsoas',
      caption: `LSOAs ranked by count, ${area}, ${period}`,
      headers: ['Rank', 'LSOA', 'LSOA code', 'Ward (December 2021)', 'District', 'Count'],
      rows: h.lsoas.map(l => [l.rank, l.name, l.code, l.ward, l.district, l.count]),
      numericColumns: [0, 5],
      notes: notes(['No LSOA population estimates are held, so LSOAs are ranked by count only.', ...h.caveats]),
    },
    {
      key: 'districts',
      caption: `Districts ranked per 1,000 residents: ${c.groupName}, ${period}`,
      headers: ['Rank', 'District', 'District code', 'Count', 'Population', 'Per 1,000 residents'],
      rows: c.districts.map(d => [d.rank, d.name, d.code, d.count, d.population, fmt(d.rate, 2)]),
      numericColumns: [0, 3, 4, 5],
      notes: notes(c.caveats),
    },
  ]
}

/** What the figures are: area, period, months held, forces, the population a rate uses. */
export function assessmentMetadata(a: Assessment, forceNames: ReadonlyMap<string, string> = new Map()): { label: string; value: string }[] {
  const held = a.months.length - a.missingMonths.length
  return [
    { label: 'Area', value: a.query.area.name },
    { label: 'Period', value: a.periodLabel },
    {
      label: 'Months of police data held',
      value: `${held} of ${a.months.length}${a.missingMonths.length ? `; no data for ${describeMonths(a.missingMonths)}` : ''}`,
    },
    { label: 'Police force data', value: a.query.forces.length ? a.query.forces.map(f => forceNames.get(f) ?? f).join(', ') : 'None held' },
    { label: 'Population for rates', value: a.query.area.population ? a.query.area.population.description : 'None held for this area, so no rate per 1,000 residents is given' },
  ]
}

function assessmentDocument(ctx: PartnershipContext, a: Assessment, h: Hotspots, c: DistrictComparison, date: string, forceNames: ReadonlyMap<string, string>): StructuredDocument {
  const tables = assessmentTables(a, h, c)
  const table = (key: string) => {
    const { key: _key, ...rest } = tables.find(t => t.key === key)!
    return rest
  }
  const charts = trendCharts(a)
  const byCount = h.wardsByCount.slice(0, 10)
  return {
    title: `Strategic assessment: police recorded crime and anti-social behaviour`,
    subtitle: `${a.query.area.name}, ${a.periodLabel}`,
    date,
    metadata: assessmentMetadata(a, forceNames),
    sections: [
      { heading: 'Summary', blocks: [{ type: 'bullets', items: a.summary }] },
      { heading: 'Crime and anti-social behaviour by type', blocks: [{ type: 'table', table: table('top-types') }, { type: 'table', table: table('crime-types') }] },
      { heading: 'This financial year against last', blocks: [{ type: 'table', table: table('year-to-date') }] },
      {
        heading: 'Trends and seasonal peaks',
        blocks: [
          { type: 'chart', chart: charts.trend12, table: table('trend-12') },
          { type: 'chart', chart: charts.trend36, table: table('trend-36') },
          a.peaks.length
            ? { type: 'bullets', items: a.peaks.map(p => `${p.series}: ${p.aboveAverage.toFixed(0)}% above the monthly average in ${p.seasonName} (${p.seasonMonths}).`) }
            : { type: 'paragraph', text: 'No seasonal peak stands out in the months held (summer holidays, Halloween and bonfire night, Christmas).' },
        ],
      },
      {
        heading: 'Hotspots',
        blocks: [
          { type: 'paragraph', text: byCount.length ? `The wards with the most records were ${byCount.slice(0, 3).map(w => `${w.name} (${w.count.toLocaleString('en-GB')})`).join(', ')}.` : 'No ward figures are held for this area.' },
          { type: 'table', table: table('wards') },
          { type: 'table', table: { ...table('lsoas'), rows: table('lsoas').rows.slice(0, 20), caption: `${table('lsoas').caption} (top 20)` } },
        ],
      },
      { heading: 'Comparison with other districts', blocks: [{ type: 'table', table: table('districts') }] },
      { heading: 'About these figures', blocks: [{ type: 'caveats', title: 'What these figures can and cannot tell you', items: a.caveats }] },
    ],
    attribution: [POLICE_SOURCE, OGL, ONS_ATTRIBUTION, `Prepared with CSP Hub for ${ctx.partnership.name}.`],
  }
}

export type { MonthTypeCount }
