import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { Router, type Request, type Response } from 'express'
import multer from 'multer'

import { renderChart, type Chart } from '../../shared/charts/chart.ts'
import { ValidationError } from '../../shared/errors.ts'
import { fileName, toCsv, toXlsx, type Table } from '../../shared/spreadsheet.ts'
import type { Capability } from '../../web/capability.ts'
import { formErrors } from '../../web/form.ts'
import { idParam, partnershipContext } from '../../web/request.ts'
import { receiveUpload } from '../../web/upload.ts'
import type { CapabilityDeps } from '../index.ts'
import { requireSharedDataAdmin } from './police-import-jobs.ts'

import { ratePer1000 } from './domain/analyses.ts'
import type { DocumentChart, DocumentTable } from './domain/assessment-document.ts'
import { BAND_COLOURS, NO_RATE_COLOUR, renderDistrictMap, type Geometry } from './domain/district-map.ts'
import { describeMonths, monthLabel, monthRange, shortMonthLabel, type Month } from './domain/months.ts'
import { policeDataOpenApi } from './police-data-openapi.ts'
import { OGL, ONS_ATTRIBUTION, trendCharts, type AnalysisQuery, type PeriodChoice } from './police-data-service.ts'
import { priorityRoutes } from './priority-routes.ts'

const BASE = '/strategic-assessment'
const TABLE_KEYS = ['crime-types', 'year-to-date', 'top-types', 'trend-12', 'trend-36', 'wards', 'lsoas', 'districts'] as const

/** The chosen area and period, from the query string. */
function choice(req: Request): { area: unknown; period: PeriodChoice } {
  return { area: req.query.area, period: { from: req.query.from, to: req.query.to } }
}

/** '?area=…&from=…&to=…' to carry the choice from page to page. */
export function queryString(q: AnalysisQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ area: q.area.key, from: q.from, to: q.to, ...extra })
  return `?${params.toString()}`
}

export function toChart(chart: DocumentChart): Chart {
  return renderChart({ ...chart, format: value => value.toLocaleString('en-GB', { maximumFractionDigits: 1 }) })
}

export function toSpreadsheetTable(table: DocumentTable & { key?: string }, name: string): Table {
  return { name, headers: table.headers, rows: table.rows, notes: [table.caption, ...(table.notes ?? [])] }
}

export function policeDataCapability(deps: CapabilityDeps): Capability {
  const { services } = deps
  const { policeData, policeImports, assessmentExport } = services
  const scoped = Router({ mergeParams: true })
  const apiScoped = Router({ mergeParams: true })
  const api = Router()

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
    const ctx = partnershipContext(req)
    const base = `/partnerships/${ctx.partnership.id}${BASE}`
    const qs = queryString(q)
    return {
      q,
      qs,
      base,
      page,
      chooser: await chooser(req, q),
      periodLabel: q.from === q.to ? monthLabel(q.from) : `${monthLabel(q.from)} to ${monthLabel(q.to)}`,
      missingMonths: describeMonths(monthRange(q.from, q.to).filter(m => !q.heldMonths.has(m))),
      sections: [
        { key: 'overview', text: 'Overview', href: `${base}${qs}` },
        { key: 'crime-types', text: 'By type and month', href: `${base}/crime-types${qs}` },
        { key: 'trends', text: 'Trends', href: `${base}/trends${qs}` },
        { key: 'hotspots', text: 'Hotspots', href: `${base}/hotspots${qs}` },
        { key: 'map', text: 'Map', href: `${base}/map${qs}` },
        { key: 'districts', text: 'Compare districts', href: `${base}/districts${qs}` },
      ],
      downloads: {
        docx: `${base}/document.docx${qs}`,
        pdf: `${base}/document.pdf${qs}`,
        xlsx: `${base}/download.xlsx${qs}`,
        csv: (key: string) => `${base}/download.csv${queryString(q, { table: key })}`,
      },
      oglAttribution: OGL,
      onsAttribution: ONS_ATTRIBUTION,
    }
  }

  /** Run an analysis page; a bad area or period shows the chooser with the error instead. */
  async function analysisPage(req: Request, res: Response, page: string, view: string, build: (q: AnalysisQuery) => Promise<Record<string, unknown>>) {
    const ctx = partnershipContext(req)
    const { area, period } = choice(req)
    try {
      const q = await policeData.query(ctx, area, period)
      res.render(view, { ...(await common(req, q, page)), ...(await build(q)) })
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      const q = await policeData.query(ctx, 'partnership', period)
      const errors = formErrors(error.fieldErrors)
      res.status(400).render(view, { ...(await common(req, q, page)), ...(await build(q)), ...errors, badArea: String(area ?? '') })
    }
  }

  // --- Pages ------------------------------------------------------------------------------------------

  scoped.get(BASE, (req, res) =>
    analysisPage(req, res, 'overview', 'police-data/views/overview.njk', async q => {
      const a = await policeData.assessment(q, { top: req.query.top })
      const charts = trendCharts(a)
      return {
        a,
        trend12: toChart(charts.trend12),
        topRows: a.top.items.map((t, i) => ({ rank: i + 1, ...t, rate: q.area.population ? ratePer1000(t.count, q.area.population.value) : null })),
        topLinks: [5, 10, 20].map(n => ({ text: n === 20 ? 'every type' : `the top ${n}`, href: queryString(q, { top: String(n) }), current: n === (Number(req.query.top) || 10) })),
        ytdPeriod: `${monthLabel(a.yearToDate.currentFrom)} to ${monthLabel(a.yearToDate.to)}`,
        comparableMonths: describeMonths(a.yearToDate.comparableMonths),
        canImport: req.user?.isSiteAdmin ?? false,
        canView: res.locals.can?.('view') ?? false,
      }
    }),
  )

  scoped.get(`${BASE}/crime-types`, (req, res) =>
    analysisPage(req, res, 'crime-types', 'police-data/views/crime-types.njk', async q => {
      const a = await policeData.assessment(q)
      return { a, monthLabels: a.months.map(shortMonthLabel) }
    }),
  )

  scoped.get(`${BASE}/trends`, (req, res) =>
    analysisPage(req, res, 'trends', 'police-data/views/trends.njk', async q => {
      const a = await policeData.assessment(q)
      const charts = trendCharts(a)
      return { a, trend12: toChart(charts.trend12), trend36: toChart(charts.trend36) }
    }),
  )

  scoped.get(`${BASE}/hotspots`, (req, res) =>
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
      `${d.name}: ${d.rate === null ? 'no population held' : `${d.rate.toLocaleString('en-GB', { maximumFractionDigits: 1 })} per 1,000 residents`} (${d.count.toLocaleString('en-GB')} records)`
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
    const fmt = (v: number) => v.toLocaleString('en-GB', { maximumFractionDigits: 1 })
    return BAND_COLOURS.map((colour, i) => ({
      colour,
      text: i === 0 ? `below ${fmt(limits[0]!)}` : i === BAND_COLOURS.length - 1 ? `${fmt(limits[i - 1]!)} or more` : `${fmt(limits[i - 1]!)} to under ${fmt(limits[i]!)}`,
    })).concat([{ colour: NO_RATE_COLOUR, text: 'no population held' }])
  }

  const groupOf = (req: Request) => (req.query.group === 'county' ? 'county' : 'force')

  scoped.get(`${BASE}/map`, (req, res) =>
    analysisPage(req, res, 'map', 'police-data/views/map.njk', async q => {
      const group = groupOf(req)
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
        geojsonUrl: `/partnerships/${ctx.partnership.id}${BASE}/map.geojson${queryString(q, { group })}`,
        tileUrl: deps.deps.config.map.tileUrl ?? '',
        tileAttribution: deps.deps.config.map.tileAttribution ?? '',
      }
    }),
  )

  scoped.get(`${BASE}/map.geojson`, async (req, res) => {
    const ctx = partnershipContext(req)
    const { area, period } = choice(req)
    const q = await policeData.query(ctx, area, period)
    const { features } = await mapData(q, groupOf(req))
    res.type('application/geo+json').json({
      type: 'FeatureCollection',
      features: features.map(f => ({ type: 'Feature', properties: { name: f.name, band: f.band, label: f.label, isChosen: f.isChosen }, geometry: f.geometry })),
      bandColours: BAND_COLOURS,
      noRateColour: NO_RATE_COLOUR,
      attribution: `${OGL} ${ONS_ATTRIBUTION}`,
    })
  })

  scoped.get(`${BASE}/districts`, (req, res) =>
    analysisPage(req, res, 'districts', 'police-data/views/districts.njk', async q => {
      const group = groupOf(req)
      return { c: await policeData.comparison(q, group), group }
    }),
  )

  // --- Downloads --------------------------------------------------------------------------------------

  scoped.get(`${BASE}/download.csv`, async (req, res) => {
    const ctx = partnershipContext(req)
    const { area, period } = choice(req)
    const key = String(req.query.table ?? 'crime-types')
    if (!(TABLE_KEYS as readonly string[]).includes(key)) throw new ValidationError({ table: `Choose a table to download: ${TABLE_KEYS.join(', ')}` })
    const { query: q, tables } = await policeData.downloadTables(ctx, area, period)
    const table = tables.find(t => t.key === key)!
    res.attachment(`${fileName('police-data', key, q.area.shortName, q.from, q.to)}.csv`)
    res.type('text/csv; charset=utf-8').send(toCsv(toSpreadsheetTable(table, key)))
  })

  scoped.get(`${BASE}/download.xlsx`, async (req, res) => {
    const ctx = partnershipContext(req)
    const { area, period } = choice(req)
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
    const { area, period } = choice(req)
    const file = await assessmentExport.download(partnershipContext(req), area, period, format)
    res.set('Content-Type', file.contentType)
    res.set('Content-Disposition', `attachment; filename="${file.fileName}"`)
    res.set('Cache-Control', 'private, no-store')
    res.set('Server-Timing', `generate;dur=${file.milliseconds.toFixed(1)}`)
    res.send(file.body)
  }
  scoped.get(`${BASE}/document.docx`, documentDownload('docx'))
  scoped.get(`${BASE}/document.pdf`, documentDownload('pdf'))

  // --- Police data imports (uploads run as background jobs) -------------------------------------------

  const upload = (dir: string) =>
    multer({
      storage: multer.diskStorage({ destination: dir, filename: (_req, file, cb) => cb(null, `${Date.now()}-${Math.random().toString(36).slice(2)}.csv`) }),
      limits: { fileSize: deps.deps.config.uploadMaxBytes, files: 200 },
    }).array('files', 200)

  async function importsPage(req: Request, res: Response, state: Record<string, unknown> = {}, status = 200) {
    const ctx = partnershipContext(req)
    const [jobs, held] = await Promise.all([policeImports.list(ctx, req.user ?? null), policeData.status()])
    res.status(status).render('police-data/views/imports.njk', {
      jobs,
      held: {
        ...held,
        forces: held.forces.map(f => ({ ...f, monthsText: describeMonths(f.months) })),
      },
      maxMb: Math.round(deps.deps.config.uploadMaxBytes / 1024 / 1024),
      values: {},
      ...state,
    })
  }

  scoped.get('/police-data/imports', async (req, res) => {
    requireSharedDataAdmin(partnershipContext(req), req.user ?? null)
    await importsPage(req, res)
  })

  scoped.post('/police-data/imports', async (req, res) => {
    const ctx = partnershipContext(req)
    requireSharedDataAdmin(ctx, req.user ?? null)
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'csp-hub-police-'))
    try {
      await receiveUpload(req, res, upload(dir))
    } catch (error) {
      await fs.rm(dir, { recursive: true, force: true })
      if (!(error instanceof multer.MulterError)) throw error
      const message =
        error.code === 'LIMIT_FILE_SIZE'
          ? `A file is larger than ${Math.round(deps.deps.config.uploadMaxBytes / 1024 / 1024)} MB: split it, or import it with the command line (csp-hub import police-uk)`
          : error.code === 'LIMIT_FILE_COUNT' || error.code === 'LIMIT_UNEXPECTED_FILE'
            ? 'Choose at most 200 files at a time'
            : 'The files could not be received: try again'
      return importsPage(req, res, formErrors({ files: message }), 400)
    }
    const uploaded = (req.files as Express.Multer.File[] | undefined) ?? []
    const files = uploaded.map(f => ({ path: f.path, name: path.basename(f.originalname), size: f.size }))
    const skipBadRows = (req.body as Record<string, unknown> | undefined)?.skipBadRows === 'yes'
    try {
      const job = await policeImports.start(ctx, req.user ?? null, files, { skipBadRows }, dir)
      res.redirect(303, `/partnerships/${ctx.partnership.id}/police-data/imports/${job.id}`)
    } catch (error) {
      await fs.rm(dir, { recursive: true, force: true })
      if (!(error instanceof ValidationError)) throw error
      return importsPage(req, res, { ...formErrors(error.fieldErrors), values: { skipBadRows } }, 400)
    }
  })

  scoped.get('/police-data/imports/:id', async (req, res) => {
    const ctx = partnershipContext(req)
    const { job, live } = await policeImports.get(ctx, req.user ?? null, idParam(req, 'id'))
    const running = job.status === 'queued' || job.status === 'running'
    let progress = null
    if (live) {
      const seconds = Math.max(0.001, (live.now - live.startedAt) / 1000)
      const bytesPerSecond = live.bytesDone / seconds
      progress = {
        file: live.file,
        fileNumber: live.fileIndex + 1,
        fileCount: live.fileCount,
        percent: live.bytesTotal ? Math.min(100, (live.bytesDone / live.bytesTotal) * 100) : 0,
        rows: live.rowsDone,
        rowsPerSecond: live.rowsDone / seconds,
        secondsLeft: bytesPerSecond > 0 ? Math.max(0, (live.bytesTotal - live.bytesDone) / bytesPerSecond) : null,
      }
    }
    res.render('police-data/views/import-job.njk', {
      job,
      running,
      progress,
      imported: job.outcome.filter(o => o.status === 'imported'),
      failed: job.outcome.filter(o => o.status === 'failed'),
      waiting: job.outcome.filter(o => o.status === 'not_started'),
      skippedCount: job.outcome.reduce((s, o) => s + (o.skipped ?? 0), 0),
    })
  })

  scoped.get('/police-data/imports/:id/skipped.csv', async (req, res) => {
    const ctx = partnershipContext(req)
    const { job } = await policeImports.get(ctx, req.user ?? null, idParam(req, 'id'))
    const rows = job.outcome.flatMap(o => (o.skippedRows ?? []).map(r => [r.file, r.line, r.column, r.message, r.row.join(',')]))
    const kept = job.outcome.reduce((s, o) => s + (o.skippedRows?.length ?? 0), 0)
    const total = job.outcome.reduce((s, o) => s + (o.skipped ?? 0), 0)
    res.attachment(`police-import-${job.id}-skipped-rows.csv`)
    res.type('text/csv; charset=utf-8').send(
      toCsv({
        name: 'Skipped rows',
        headers: ['File', 'Line', 'Column', 'Problem', 'Row as read'],
        rows,
        notes: kept < total ? [`The first ${kept.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} skipped rows are listed.`] : [],
      }),
    )
  })

  // --- API --------------------------------------------------------------------------------------------

  const apiQuery = async (req: Request) => {
    const { area, period } = choice(req)
    return policeData.query(partnershipContext(req), area, period)
  }
  const apiArea = (q: AnalysisQuery) => ({
    key: q.area.key,
    kind: q.area.kind,
    code: q.area.code,
    name: q.area.name,
    districtCodes: q.area.filter.districtCodes,
    population: q.area.population,
  })
  const apiPeriod = (q: AnalysisQuery) => {
    const months = monthRange(q.from, q.to)
    return { from: q.from, to: q.to, monthsHeld: months.filter(m => q.heldMonths.has(m)), missingMonths: months.filter(m => !q.heldMonths.has(m)) }
  }
  const attribution = [OGL, ONS_ATTRIBUTION]

  apiScoped.get(BASE, async (req, res) => {
    const q = await apiQuery(req)
    const a = await policeData.assessment(q, { top: req.query.top })
    res.json({
      area: apiArea(q),
      period: apiPeriod(q),
      total: a.table.total,
      antiSocialBehaviour: a.table.asbTotal,
      ratePer1000: a.rate,
      topTypes: a.top,
      yearToDate: a.yearToDate,
      seasonalPeaks: a.peaks,
      summary: a.summary,
      caveats: a.caveats,
      attribution,
    })
  })

  apiScoped.get(`${BASE}/crime-types`, async (req, res) => {
    const q = await apiQuery(req)
    const a = await policeData.assessment(q)
    res.json({ area: apiArea(q), period: apiPeriod(q), months: a.months, rows: a.table.rows, monthTotals: a.table.monthTotals, total: a.table.total, caveats: a.caveats, attribution })
  })

  apiScoped.get(`${BASE}/trends`, async (req, res) => {
    const q = await apiQuery(req)
    const a = await policeData.assessment(q)
    res.json({ area: apiArea(q), period: apiPeriod(q), months12: a.trend12, months36: a.trend36, antiSocialBehaviour36: a.asb36, seasonalPeaks: a.peaks, summary: a.summary, caveats: a.caveats, attribution })
  })

  apiScoped.get(`${BASE}/hotspots`, async (req, res) => {
    const q = await apiQuery(req)
    const h = await policeData.hotspots(q)
    res.json({ area: apiArea(q), period: apiPeriod(q), wardsByCount: h.wardsByCount, wardsByRate: h.wardsByRate, lsoas: h.lsoas, wardPopulation: h.wardPopulation, caveats: h.caveats, attribution })
  })

  apiScoped.get(`${BASE}/districts`, async (req, res) => {
    const q = await apiQuery(req)
    const c = await policeData.comparison(q, groupOf(req))
    res.json({ area: apiArea(q), period: apiPeriod(q), group: c.groupName, districts: c.districts, population: c.populationDescription, caveats: c.caveats, attribution })
  })

  apiScoped.get(`${BASE}/document`, async (req, res) => {
    const { area, period } = choice(req)
    res.json(await policeData.strategicAssessmentDocument(partnershipContext(req), area, period))
  })

  api.get('/police-data/months', async (_req, res) => {
    const status = await policeData.status()
    res.json({
      forces: status.forces.map(f => ({ force: f.force, name: f.forceName, months: f.months, rows: f.rows })),
      months: status.months.map(m => ({ force: m.force, month: m.month, rows: m.rowCount, rowsWithoutLocation: m.rowsWithoutLocation, lsoaVintage: m.lsoaVintage, importedAt: m.importedAt })),
      attribution,
    })
  })

  scoped.use(priorityRoutes(deps))
  apiScoped.use(priorityRoutes(deps, { api: true }))

  return {
    name: 'police-data',
    partnershipRoutes: scoped,
    uploadRoutes: ['/police-data/imports'],
    apiPartnershipRoutes: apiScoped,
    apiRoutes: api,
    navigation: [{ text: 'Strategic assessment', path: BASE, permission: 'view_published', order: 40 }],
    openapi: policeDataOpenApi,
  }
}

export { TABLE_KEYS }
export type { Month }
