import { Router, type Request, type Response } from 'express'

import type { Config } from '../../config.ts'
import { describeMonths, monthLabel, monthRange, shortMonthLabel } from '../../core/calendar/index.ts'
import { renderChart, type Chart } from '../../core/documents/chart.ts'
import type { DocumentChart, DocumentTable } from '../../core/documents/structured.ts'
import { ValidationError } from '../../shared/errors.ts'
import { formatNumber, formatUpTo } from '../../shared/format.ts'
import { fileName, toCsv, toXlsx, type Table } from '../../shared/spreadsheet.ts'
import type { Capability } from '../../web/capability.ts'
import { formErrors } from '../../web/form.ts'
import { partnershipContext } from '../../web/request.ts'

import type { AssessmentExport } from './assessment-export.ts'
import { ratePer1000, yearToDateHeadings, yearToDateSentences } from './domain/analyses.ts'
import { BAND_COLOURS, NO_RATE_COLOUR, renderDistrictMap, type Geometry } from './domain/district-map.ts'
import { policeDataApi } from './police-data-api.ts'
import { analysisChoice, ASSESSMENT_PATH, comparisonGroup, IMPORTS_PATH, policeDataPaths, queryString } from './police-data-paths.ts'
import type { AnalysisQuery } from './analysis-query.ts'
import { trendCharts } from './assessment-tables.ts'
import { OGL, ONS_ATTRIBUTION } from './domain/caveats.ts'
import type { PoliceDataService } from './police-data-service.ts'
import type { PoliceImportJobs } from './police-import-jobs.ts'
import { policeImportRoutes } from './police-import-routes.ts'
import type { PoliceArchiveRefresh } from './police-archive-refresh.ts'
import { policeArchiveRoutes } from './police-archive-routes.ts'

const TABLE_KEYS = ['crime-types', 'year-to-date', 'top-types', 'trend-12', 'trend-36', 'wards', 'lsoas', 'districts'] as const

function toChart(chart: DocumentChart): Chart {
  return renderChart({ ...chart, format: value => formatUpTo(value, 1) })
}

function toSpreadsheetTable(table: DocumentTable & { key?: string }, name: string): Table {
  return { name, headers: table.headers, rows: table.rows, notes: [table.caption, ...(table.notes ?? [])] }
}

export interface PoliceDataCapabilityDeps {
  services: { policeData: PoliceDataService; policeImports: PoliceImportJobs; assessmentExport: AssessmentExport; policeArchive: PoliceArchiveRefresh }
  deps: { config: Pick<Config, 'map' | 'uploadMaxBytes'> }
}

/** The strategic assessment's pages and downloads, the imports pages and the read API. */
export function policeDataCapability({ services, deps: { config } }: PoliceDataCapabilityDeps): Capability {
  const { policeData, policeImports, assessmentExport, policeArchive } = services
  const scoped = Router({ mergeParams: true })

  /** The area/period chooser every analysis page shows. */
  async function chooser(req: Request, q: AnalysisQuery) {
    const ctx = partnershipContext(req)
    const options = await policeData.areaOptions(ctx)
    const areaItems = [
      { value: 'partnership', text: `${ctx.partnership.name} area${options.own.length ? ` (${options.own.map(d => d.name).join(', ')})` : ''}` },
      ...options.wards.map(w => ({ value: `ward:${w.code}`, text: `Ward: ${w.name}` })),
      ...options.districts.map(d => ({ value: `district:${d.code}`, text: `District: ${d.name}` })),
    ]
    if (!areaItems.some(item => item.value === q.area.key)) areaItems.push({ value: q.area.key, text: q.area.name })
    const first = q.availableMonths[0]
    const last = q.availableMonths.at(-1)
    const months = first && last ? monthRange(first, last) : monthRange(q.from, q.to)
    for (const m of [q.from, q.to]) if (!months.includes(m)) months.push(m)
    months.sort()
    const monthItems = months.map(m => ({ value: m, text: `${monthLabel(m)}${q.heldMonths.has(m) ? '' : ' (no data held)'}` }))
    return { areaItems, monthItems, ownDistricts: options.own, hasData: q.availableMonths.length > 0 }
  }

  /** Everything an analysis page needs in common. */
  async function common(req: Request, q: AnalysisQuery, page: string) {
    const paths = policeDataPaths(partnershipContext(req).partnership.id)
    const [chosen, sampleLoading] = await Promise.all([chooser(req, q), policeData.sampleDataLoading()])
    return {
      q,
      paths,
      page,
      chooser: chosen,
      sampleLoading,
      periodLabel: q.from === q.to ? monthLabel(q.from) : `${monthLabel(q.from)} to ${monthLabel(q.to)}`,
      missingMonths: describeMonths(monthRange(q.from, q.to).filter(m => !q.heldMonths.has(m))),
      sections: [
        { key: 'overview', text: 'Overview', href: paths.overview(q) },
        { key: 'crime-types', text: 'By type and month', href: paths.crimeTypes(q) },
        { key: 'trends', text: 'Trends', href: paths.trends(q) },
        { key: 'hotspots', text: 'Hotspots', href: paths.hotspots(q) },
        { key: 'map', text: 'Map', href: paths.map(q) },
        { key: 'districts', text: 'Compare districts', href: paths.districts(q) },
      ],
      downloads: {
        docx: paths.document(q, 'docx'),
        pdf: paths.document(q, 'pdf'),
        xlsx: paths.xlsx(q),
        csv: (key: string) => paths.csv(q, key),
      },
      oglAttribution: OGL,
      onsAttribution: ONS_ATTRIBUTION,
    }
  }

  /** Run an analysis page; a bad area or period shows the chooser with the error instead. */
  async function analysisPage(req: Request, res: Response, page: string, view: string, build: (q: AnalysisQuery) => Promise<Record<string, unknown>>) {
    const ctx = partnershipContext(req)
    const { area, period } = analysisChoice(req)
    try {
      const q = await policeData.query(ctx, area, period)
      // The page's own figures are asked beside the chooser's lists: one wait for the database, not two.
      const [shared, own] = await Promise.all([common(req, q, page), build(q)])
      res.render(view, { ...shared, ...own })
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      const q = await policeData.query(ctx, 'partnership', period)
      const errors = formErrors(error.fieldErrors)
      res.status(400).render(view, { ...(await common(req, q, page)), ...(await build(q)), ...errors, badArea: String(area ?? '') })
    }
  }

  // --- Pages ------------------------------------------------------------------------------------------

  scoped.get(ASSESSMENT_PATH, (req, res) =>
    analysisPage(req, res, 'overview', 'police-data/views/overview.njk', async q => {
      const a = await policeData.assessment(q, { top: req.query.top })
      const charts = trendCharts(a)
      return {
        a,
        trend12: toChart(charts.trend12),
        topRows: a.top.items.map((t, i) => ({ rank: i + 1, ...t, rate: q.area.population ? ratePer1000(t.count, q.area.population.value) : null })),
        topLinks: [5, 10, 20].map(n => ({ text: n === 20 ? 'every type' : `the top ${n}`, href: queryString(q, { top: String(n) }), current: n === (Number(req.query.top) || 10) })),
        ytdHeadings: yearToDateHeadings(a.yearToDate),
        ytdSentences: yearToDateSentences(a.yearToDate),
        canImport: req.user?.isSiteAdmin ?? false,
        canRefresh: Boolean(req.user) && (res.locals.can?.('edit_records') ?? false),
        canView: res.locals.can?.('view') ?? false,
      }
    }),
  )

  scoped.get(`${ASSESSMENT_PATH}/crime-types`, (req, res) =>
    analysisPage(req, res, 'crime-types', 'police-data/views/crime-types.njk', async q => {
      const a = await policeData.assessment(q)
      return { a, monthLabels: a.months.map(shortMonthLabel) }
    }),
  )

  scoped.get(`${ASSESSMENT_PATH}/trends`, (req, res) =>
    analysisPage(req, res, 'trends', 'police-data/views/trends.njk', async q => {
      const a = await policeData.assessment(q)
      const charts = trendCharts(a)
      return { a, trend12: toChart(charts.trend12), trend36: toChart(charts.trend36) }
    }),
  )

  scoped.get(`${ASSESSMENT_PATH}/hotspots`, (req, res) =>
    analysisPage(req, res, 'hotspots', 'police-data/views/hotspots.njk', async q => {
      const h = await policeData.hotspots(q)
      return { h, lsoas: h.lsoas.slice(0, 30), lsoaCount: h.lsoas.length, wardsByRate: h.wardsByRate.slice(0, 30), wardsByCount: h.wardsByCount.slice(0, 30) }
    }),
  )

  async function mapData(q: AnalysisQuery, group: 'force' | 'county') {
    const c = await policeData.comparison(q, group)
    const shapes = await policeData.boundaries(c.districts.map(d => d.name))
    const shapeOf = new Map(shapes.map(s => [s.districtName, JSON.parse(s.geometry) as Geometry]))
    const label = (d: (typeof c.districts)[number]) =>
      `${d.name}: ${d.rate === null ? 'no population held' : `${formatUpTo(d.rate, 1)} per 1,000 residents`} (${formatNumber(d.count)} records)`
    const features = c.districts
      .filter(d => shapeOf.has(d.name))
      .map(d => ({ name: d.name, geometry: shapeOf.get(d.name)!, band: d.band, label: label(d), isChosen: d.isChosen }))
    const rates = c.districts.map(d => d.rate).filter((r): r is number => r !== null)
    return { c, features, missingShapes: c.districts.filter(d => !shapeOf.has(d.name)).map(d => d.name), rates }
  }

  function legend(rates: number[]) {
    const sorted = [...rates].sort((a, b) => a - b)
    if (!sorted.length) return []
    const limits = Array.from({ length: BAND_COLOURS.length - 1 }, (_, i) => sorted[Math.min(sorted.length - 1, Math.floor(((i + 1) * sorted.length) / BAND_COLOURS.length))]!)
    const fmt = (v: number) => formatUpTo(v, 1)
    return BAND_COLOURS.map((colour, i) => ({
      colour,
      text: i === 0 ? `below ${fmt(limits[0]!)}` : i === BAND_COLOURS.length - 1 ? `${fmt(limits[i - 1]!)} or more` : `${fmt(limits[i - 1]!)} to under ${fmt(limits[i]!)}`,
    })).concat([{ colour: NO_RATE_COLOUR, text: 'no population held' }])
  }

  scoped.get(`${ASSESSMENT_PATH}/map`, (req, res) =>
    analysisPage(req, res, 'map', 'police-data/views/map.njk', async q => {
      const group = comparisonGroup(req)
      const { c, features, missingShapes, rates } = await mapData(q, group)
      const title = `Crime and anti-social behaviour per 1,000 residents by district, ${q.from === q.to ? monthLabel(q.from) : `${monthLabel(q.from)} to ${monthLabel(q.to)}`}`
      const description = `Districts of ${c.groupName} shaded from light (lowest rate) to dark blue (highest). The chosen area has a thick outline. The figures are in the table below the map.`
      const ctx = partnershipContext(req)
      return {
        c,
        group,
        svg: renderDistrictMap(features, { id: 'district-map', title, description }),
        mapTitle: title,
        mapDescription: description,
        missingShapes,
        legend: legend(rates),
        geojsonUrl: policeDataPaths(ctx.partnership.id).mapGeojson(q, group),
        tileUrl: config.map.tileUrl ?? '',
        tileAttribution: config.map.tileAttribution ?? '',
      }
    }),
  )

  scoped.get(`${ASSESSMENT_PATH}/map.geojson`, async (req, res) => {
    const ctx = partnershipContext(req)
    const { area, period } = analysisChoice(req)
    const q = await policeData.query(ctx, area, period)
    const { features } = await mapData(q, comparisonGroup(req))
    res.type('application/geo+json').json({
      type: 'FeatureCollection',
      features: features.map(f => ({ type: 'Feature', properties: { name: f.name, band: f.band, label: f.label, isChosen: f.isChosen }, geometry: f.geometry })),
      bandColours: BAND_COLOURS,
      noRateColour: NO_RATE_COLOUR,
      attribution: `${OGL} ${ONS_ATTRIBUTION}`,
    })
  })

  scoped.get(`${ASSESSMENT_PATH}/districts`, (req, res) =>
    analysisPage(req, res, 'districts', 'police-data/views/districts.njk', async q => {
      const group = comparisonGroup(req)
      return { c: await policeData.comparison(q, group), group }
    }),
  )

  // --- Downloads --------------------------------------------------------------------------------------

  scoped.get(`${ASSESSMENT_PATH}/download.csv`, async (req, res) => {
    const ctx = partnershipContext(req)
    const { area, period } = analysisChoice(req)
    const key = String(req.query.table ?? 'crime-types')
    if (!(TABLE_KEYS as readonly string[]).includes(key)) throw new ValidationError({ table: `Choose a table to download: ${TABLE_KEYS.join(', ')}` })
    const { query: q, tables } = await policeData.downloadTables(ctx, area, period)
    const table = tables.find(t => t.key === key)!
    res.attachment(`${fileName('police-data', key, q.area.shortName, q.from, q.to)}.csv`)
    res.type('text/csv; charset=utf-8').send(toCsv(toSpreadsheetTable(table, key)))
  })

  scoped.get(`${ASSESSMENT_PATH}/download.xlsx`, async (req, res) => {
    const ctx = partnershipContext(req)
    const { area, period } = analysisChoice(req)
    const { query: q, tables } = await policeData.downloadTables(ctx, area, period)
    const a = await policeData.assessment(q)
    const summary: Table = {
      name: 'Summary',
      headers: [`Strategic assessment: ${q.area.name}, ${monthLabel(q.from)} to ${monthLabel(q.to)}`],
      rows: a.summary.map(s => [s]),
      notes: ['What these figures can and cannot tell you:', ...a.caveats, OGL, ONS_ATTRIBUTION],
    }
    const names: Record<string, string> = {
      'crime-types': 'By type and month',
      'year-to-date': 'Year to date',
      'top-types': 'Top types',
      'trend-12': '12-month trend',
      'trend-36': '36-month trend',
      wards: 'Wards',
      lsoas: 'LSOAs',
      districts: 'Districts',
    }
    const buffer = await toXlsx([summary, ...tables.map(t => toSpreadsheetTable(t, names[t.key] ?? t.key))], { title: `Strategic assessment: ${q.area.name}` })
    res.attachment(`${fileName('strategic-assessment', q.area.shortName, q.from, q.to)}.xlsx`)
    res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(buffer)
  })

  /** The whole assessment for the chosen area and period as one document, drawn by the reports' renderers. */
  const documentDownload = (format: 'docx' | 'pdf') => async (req: Request, res: Response) => {
    const { area, period } = analysisChoice(req)
    const file = await assessmentExport.download(partnershipContext(req), area, period, format)
    res.set('Content-Type', file.contentType)
    res.set('Content-Disposition', `attachment; filename="${file.fileName}"`)
    res.set('Cache-Control', 'private, no-store')
    res.set('Server-Timing', `generate;dur=${file.milliseconds.toFixed(1)}`)
    res.send(file.body)
  }
  scoped.get(`${ASSESSMENT_PATH}/document.docx`, documentDownload('docx'))
  scoped.get(`${ASSESSMENT_PATH}/document.pdf`, documentDownload('pdf'))

  scoped.use(policeImportRoutes({ policeData, policeImports, policeArchive, uploadMaxBytes: config.uploadMaxBytes }))
  scoped.use(policeArchiveRoutes({ policeArchive, policeImports }))
  const api = policeDataApi({ policeData })
  return {
    name: 'police-data',
    partnershipRoutes: scoped,
    uploadRoutes: [IMPORTS_PATH],
    apiPartnershipRoutes: api.partnershipRoutes,
    apiRoutes: api.routes,
    navigation: [{ text: 'Strategic assessment', path: ASSESSMENT_PATH, permission: 'view_published', order: 40 }],
    openapi: api.openapi,
  }
}

