import { Router, type Request } from 'express'

import { monthRange } from '../../core/calendar/index.ts'
import type { OpenApiPart } from '../../web/capability.ts'
import { idParameter, jsonResponses } from '../../web/openapi.ts'
import { partnershipContext } from '../../web/request.ts'

import { analysisChoice, ASSESSMENT_PATH, comparisonGroup } from './police-data-paths.ts'
import type { AnalysisQuery } from './analysis-query.ts'
import { OGL, ONS_ATTRIBUTION } from './domain/caveats.ts'
import type { PoliceDataService } from './police-data-service.ts'

/**
 * The read API of the police data: the strategic assessment's analyses under
 * /api/v1/partnerships/:partnershipId, and the months held at /api/v1/police-data/months.
 */
export function policeDataApi({ policeData }: { policeData: PoliceDataService }) {
  const partnershipRoutes = Router({ mergeParams: true })
  const routes = Router()

  const apiQuery = async (req: Request) => {
    const { area, period } = analysisChoice(req)
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

  partnershipRoutes.get(ASSESSMENT_PATH, async (req, res) => {
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

  partnershipRoutes.get(`${ASSESSMENT_PATH}/crime-types`, async (req, res) => {
    const q = await apiQuery(req)
    const a = await policeData.assessment(q)
    res.json({ area: apiArea(q), period: apiPeriod(q), months: a.months, rows: a.table.rows, monthTotals: a.table.monthTotals, total: a.table.total, caveats: a.caveats, attribution })
  })

  partnershipRoutes.get(`${ASSESSMENT_PATH}/trends`, async (req, res) => {
    const q = await apiQuery(req)
    const a = await policeData.assessment(q)
    res.json({ area: apiArea(q), period: apiPeriod(q), months12: a.trend12, months36: a.trend36, antiSocialBehaviour36: a.asb36, seasonalPeaks: a.peaks, summary: a.summary, caveats: a.caveats, attribution })
  })

  partnershipRoutes.get(`${ASSESSMENT_PATH}/hotspots`, async (req, res) => {
    const q = await apiQuery(req)
    const h = await policeData.hotspots(q)
    res.json({ area: apiArea(q), period: apiPeriod(q), wardsByCount: h.wardsByCount, wardsByRate: h.wardsByRate, lsoas: h.lsoas, wardPopulation: h.wardPopulation, caveats: h.caveats, attribution })
  })

  partnershipRoutes.get(`${ASSESSMENT_PATH}/districts`, async (req, res) => {
    const q = await apiQuery(req)
    const c = await policeData.comparison(q, comparisonGroup(req))
    res.json({ area: apiArea(q), period: apiPeriod(q), group: c.groupName, districts: c.districts, population: c.populationDescription, caveats: c.caveats, attribution })
  })

  partnershipRoutes.get(`${ASSESSMENT_PATH}/document`, async (req, res) => {
    const { area, period } = analysisChoice(req)
    res.json(await policeData.strategicAssessmentDocument(partnershipContext(req), area, period))
  })

  routes.get('/police-data/months', async (_req, res) => {
    const status = await policeData.status()
    res.json({
      forces: status.forces.map(f => ({ force: f.force, name: f.forceName, months: f.months, rows: f.rows })),
      months: status.months.map(m => ({ force: m.force, month: m.month, rows: m.rowCount, rowsWithoutLocation: m.rowsWithoutLocation, lsoaVintage: m.lsoaVintage, importedAt: m.importedAt })),
      attribution,
    })
  })

  return { partnershipRoutes, routes, openapi }
}

const partnership = idParameter('partnershipId', 'The partnership’s number')
const analysisParameters = [
  partnership,
  {
    name: 'area',
    in: 'query',
    required: false,
    description:
      'The area: `partnership` (default: the partnership’s districts), or an ONS code: a district (`district:E07000075` or `E07000075`), a December 2021 ward (`ward:E05004021`) or an LSOA (`lsoa:E01021296`).',
    schema: { type: 'string' },
  },
  { name: 'from', in: 'query', required: false, description: 'First month, YYYY-MM (default: 11 months before `to`).', schema: { type: 'string', pattern: '^\\d{4}-\\d{2}$' } },
  { name: 'to', in: 'query', required: false, description: 'Last month, YYYY-MM (default: the latest month held).', schema: { type: 'string', pattern: '^\\d{4}-\\d{2}$' } },
]
const note =
  'Every answer carries `caveats` (approximate locations, offences that cannot be told apart, months missing from the period, LSOA boundary vintage, the population used for rates) and `attribution`: show them with the figures.'

const get = (summary: string, description: string, schema: string, parameters: unknown[] = analysisParameters) => ({
  get: { tags: ['Police data'], summary, description: `${description} ${note}`, parameters, responses: jsonResponses(summary, schema) },
})

const openapi: OpenApiPart = {
  tags: [{ name: 'Police data', description: 'Strategic assessment analyses of police.uk street-level crime and anti-social behaviour, with ONS geography and population' }],
  paths: {
    '/api/v1/police-data/months': {
      get: {
        tags: ['Police data'],
        summary: 'The police.uk force-months held',
        description: 'Each force and month imported, with its row count and LSOA boundary vintage.',
        responses: { '200': { description: 'Months held', content: { 'application/json': { schema: { $ref: '#/components/schemas/PoliceMonths' } } } } },
      },
    },
    '/api/v1/partnerships/{partnershipId}/strategic-assessment': get(
      'Strategic assessment summary',
      'Totals, rate per 1,000 residents, top crime types and their share, financial year to date against the same months last year, seasonal peaks and a plain-English summary.',
      'PoliceAssessment',
      [...analysisParameters, { name: 'top', in: 'query', required: false, description: 'How many crime types the top list holds (1 to 20, default 10).', schema: { type: 'integer', minimum: 1, maximum: 20 } }],
    ),
    '/api/v1/partnerships/{partnershipId}/strategic-assessment/crime-types': get('Counts by crime type and month', 'One row per crime type; `null` for a month not held.', 'PoliceCrimeTypes'),
    '/api/v1/partnerships/{partnershipId}/strategic-assessment/trends': get('12- and 36-month trends', 'Monthly totals to the end of the period, anti-social behaviour alone, and seasonal peaks.', 'PoliceTrends'),
    '/api/v1/partnerships/{partnershipId}/strategic-assessment/hotspots': get(
      'Hotspots: wards and LSOAs ranked',
      'Wards (December 2021) ranked by count and by rate per 1,000 residents; LSOAs ranked by count (no LSOA population is held).',
      'PoliceHotspots',
    ),
    '/api/v1/partnerships/{partnershipId}/strategic-assessment/districts': get(
      'Districts compared per 1,000 residents',
      'Every district of the force area (`group=force`, default) or of the county (`group=county`), ranked by rate.',
      'PoliceDistricts',
      [...analysisParameters, { name: 'group', in: 'query', required: false, schema: { type: 'string', enum: ['force', 'county'] } }],
    ),
    '/api/v1/partnerships/{partnershipId}/strategic-assessment/document': get(
      'The strategic assessment as structured content',
      'Sections of headings, paragraphs, tables with captions and notes, chart data and caveats, for a document renderer (DOCX, PDF, print).',
      'StructuredDocument',
    ),
  },
  schemas: {
    PoliceMonths: { type: 'object', properties: { forces: { type: 'array', items: { type: 'object' } }, months: { type: 'array', items: { type: 'object' } }, attribution: { type: 'array', items: { type: 'string' } } } },
    PoliceArea: {
      type: 'object',
      properties: {
        key: { type: 'string' },
        kind: { type: 'string', enum: ['partnership', 'district', 'ward', 'lsoa'] },
        code: { type: ['string', 'null'] },
        name: { type: 'string' },
        districtCodes: { type: 'array', items: { type: 'string' } },
        population: { type: ['object', 'null'], properties: { value: { type: 'integer' }, midYear: { type: 'integer' }, description: { type: 'string' } } },
      },
    },
    PolicePeriod: {
      type: 'object',
      properties: { from: { type: 'string' }, to: { type: 'string' }, monthsHeld: { type: 'array', items: { type: 'string' } }, missingMonths: { type: 'array', items: { type: 'string' } } },
    },
    PoliceAssessment: {
      type: 'object',
      properties: {
        area: { $ref: '#/components/schemas/PoliceArea' },
        period: { $ref: '#/components/schemas/PolicePeriod' },
        total: { type: 'integer' },
        antiSocialBehaviour: { type: 'integer' },
        ratePer1000: { type: ['number', 'null'] },
        topTypes: { type: 'object' },
        yearToDate: { type: 'object' },
        seasonalPeaks: { type: 'array', items: { type: 'object' } },
        summary: { type: 'array', items: { type: 'string' } },
        caveats: { type: 'array', items: { type: 'string' } },
        attribution: { type: 'array', items: { type: 'string' } },
      },
    },
    PoliceCrimeTypes: { type: 'object', properties: { months: { type: 'array', items: { type: 'string' } }, rows: { type: 'array', items: { type: 'object' } }, caveats: { type: 'array', items: { type: 'string' } } } },
    PoliceTrends: { type: 'object', properties: { months12: { type: 'array', items: { type: 'object' } }, months36: { type: 'array', items: { type: 'object' } }, seasonalPeaks: { type: 'array', items: { type: 'object' } } } },
    PoliceHotspots: { type: 'object', properties: { wardsByCount: { type: 'array', items: { type: 'object' } }, wardsByRate: { type: 'array', items: { type: 'object' } }, lsoas: { type: 'array', items: { type: 'object' } } } },
    PoliceDistricts: { type: 'object', properties: { group: { type: 'string' }, districts: { type: 'array', items: { type: 'object' } } } },
    StructuredDocument: {
      type: 'object',
      properties: {
        title: { type: 'string' },
        subtitle: { type: 'string' },
        date: { type: 'string' },
        sections: { type: 'array', items: { type: 'object', properties: { heading: { type: 'string' }, blocks: { type: 'array', items: { type: 'object' } } } } },
        attribution: { type: 'array', items: { type: 'string' } },
      },
    },
  },
}
