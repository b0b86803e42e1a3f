import { requirePermission, type PartnershipContext } from '../../core/access/partnership-context.ts'
import { addMonths, isMonth, monthRange, monthRangeLabel, monthsBetween, yearOf, type Month } from '../../core/calendar/index.ts'
import type { StructuredDocument } from '../../core/documents/structured.ts'
import { jobRepository } from '../../core/jobs/index.ts'
import type { Db } from '../../db/database.ts'
import type { Clock } from '../../shared/clock.ts'
import { ValidationError } from '../../shared/errors.ts'

import { analysisQueries, parseAreaChoice, type AnalysisQuery, type PartnershipAreas, type PeriodChoice } from './analysis-query.ts'
import { assessmentDocument, assessmentTables } from './assessment-tables.ts'
import type { Assessment, DistrictComparison, Hotspots } from './analysis-types.ts'
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
} from './domain/analyses.ts'
import { caveatsFor } from './domain/caveats.ts'
import { areaKindOfCode } from './domain/geography.ts'
import { policeDataRepository as repo, type AreaFilter } from './police-data-repository.ts'

/**
 * The strategic assessment's analyses of the police data for an area and period: counts by type and month,
 * year to date, trends and peaks, hotspots, the comparison of districts, with the caveats that go with them.
 */
/**
 * The job (of src/core/jobs) that loads the sample data on a fresh demo database: its kind, and the dedupe
 * key it is queued under, once (src/demo/startup.ts queues and runs it).
 */
export const SAMPLE_DATA_JOB = 'demo.sample-data'

/** How far the sample data's background load has got: `done` files of `total`. */
export interface SampleDataLoading {
  step: string
  done: number
  total: number
  percent: number
  startedAt: Date
}

export function policeDataService({ db, clock, partnershipAreas }: { db: Db; clock: Clock; partnershipAreas: PartnershipAreas }) {
  const { partnershipDistricts, query } = analysisQueries({ db, clock, partnershipAreas })

  /** What the caveats rest on (the months held, the rows placed by name): asked beside an analysis's own queries. */
  function caveatFacts(q: AnalysisQuery) {
    return Promise.all([repo.months(db, q.forces), repo.rowsPlacedByName(db, q.area.filter, q.from, q.to)])
  }

  function caveats(q: AnalysisQuery, options: { belowDistrict?: boolean; population?: { description: string } | null }, [held, rowsPlacedByName]: Awaited<ReturnType<typeof caveatFacts>>) {
    const months = monthRange(q.from, q.to)
    const inPeriod = held.filter(m => monthsBetween(q.from, m.month) >= 0 && monthsBetween(m.month, q.to) >= 0)
    const byMonth = new Map<Month, (typeof inPeriod)[number]['lsoaVintage']>()
    for (const m of inPeriod) byMonth.set(m.month, byMonth.has(m.month) && byMonth.get(m.month) !== m.lsoaVintage ? 'mixed' : m.lsoaVintage)
    return caveatsFor({
      missingMonths: months.filter(m => !q.heldMonths.has(m)),
      vintages: [...byMonth].map(([month, vintage]) => ({ month, vintage })),
      population: options.population,
      belowDistrict: options.belowDistrict ?? (q.area.kind === 'ward' || q.area.kind === 'lsoa'),
      rowsWithoutLocation: inPeriod.reduce((s, m) => s + m.rowsWithoutLocation, 0),
      rowsPlacedByName,
    })
  }

  /** `top`: how many crime types the top list holds (1 to 20; 10 unless given). */
  async function assessment(q: AnalysisQuery, options: { top?: unknown } = {}): Promise<Assessment> {
    const topN = Number.isInteger(Number(options.top)) && Number(options.top) >= 1 && Number(options.top) <= 20 ? Number(options.top) : 10
    const months = monthRange(q.from, q.to)
    // The period, and the 36 months to its end (trends; the year to date and the same months last year).
    const earliest = [q.from, addMonths(q.to, -35)].sort()[0]!
    const [counts, facts] = await Promise.all([repo.countsByMonthAndType(db, q.area.filter, earliest, q.to), caveatFacts(q)])
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
      caveats: caveats(q, { population }, facts),
    }
  }

  async function hotspots(q: AnalysisQuery): Promise<Hotspots> {
    const [lsoaCounts, facts] = await Promise.all([repo.countsByLsoa(db, q.area.filter, q.from, q.to), caveatFacts(q)])
    const places = await repo.places(db, lsoaCounts.map(l => l.lsoaCode))
    const placeOf = new Map(places.map(p => [p.code, p]))
    const wardTotals = new Map<string, number>()
    for (const l of lsoaCounts) {
      const ward = placeOf.get(l.lsoaCode)?.wardCode
      if (ward) wardTotals.set(ward, (wardTotals.get(ward) ?? 0) + l.count)
    }
    const [districts, wards, populations] = await Promise.all([
      repo.districts(db, [...new Set(places.map(p => p.districtCode))]),
      repo.wards(db, [...wardTotals.keys()]),
      repo.populations(db, 'ward', [...wardTotals.keys()], yearOf(q.to)),
    ])
    const districtNames = new Map(districts.map(d => [d.code, d.name]))
    const wardNames = new Map(wards.map(w => [w.code, w]))
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
      caveats: caveats(q, { belowDistrict: true, population: wardPopulation ? { description: wardPopulation } : null }, facts),
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
        codes = await repo.districtsOfCounty(db, county.countyCode)
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
    const [counts, districts, populations, facts] = await Promise.all([
      repo.countsByDistrict(db, codes, q.from, q.to),
      repo.districts(db, codes),
      repo.populations(db, 'district', codes, yearOf(q.to)),
      caveatFacts(q),
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
      caveats: caveats(q, { belowDistrict: false, population: populationDescription ? { description: populationDescription } : null }, facts),
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

    /** The sample data's load while it runs (on a fresh demo database), for the pages to say so; else undefined. */
    async sampleDataLoading(): Promise<SampleDataLoading | undefined> {
      const job = await jobRepository.findByDedupeKey(db, SAMPLE_DATA_JOB)
      // Queued (about to start), or running under a live lease; a lease run out means its server died, and
      // another takes the job up again.
      const live = job?.status === 'queued' || (job?.status === 'running' && job.lockedUntil !== null && job.lockedUntil >= clock.now())
      if (!job || !live) return undefined
      const { step, done, total } = job.progress ?? { step: 'Starting the import', done: 0, total: 0 }
      return { step, done, total, percent: total ? Math.floor((100 * done) / total) : 0, startedAt: job.startedAt ?? job.createdAt }
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
        caveats: forces.size
          ? caveats(q, { belowDistrict: filters.some(f => f.wardCode || f.lsoaCodes), population: null }, await caveatFacts(q)).filter(c => !c.startsWith('No population'))
          : ['No police data is held for these areas.'],
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
