import type { OpenApiPart } from '../../web/capability.ts'
import { idParameter, jsonResponses } from '../api/openapi.ts'

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

export const policeDataOpenApi: OpenApiPart = {
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
    '/api/v1/partnerships/{partnershipId}/strategic-assessment/priorities': {
      get: {
        tags: ['Police data'],
        summary: 'Priority scoring matrices',
        parameters: [partnership],
        responses: jsonResponses('Scoring matrices', 'PriorityAssessmentList'),
      },
    },
    '/api/v1/partnerships/{partnershipId}/strategic-assessment/priorities/{id}': {
      get: {
        tags: ['Police data'],
        summary: 'A priority scoring matrix, ranked',
        description: 'Criteria with weights, and the candidate issues ranked by weighted score, with the police data behind volume and trend.',
        parameters: [partnership, idParameter('id', 'The scoring matrix’s number')],
        responses: jsonResponses('The ranked matrix', 'PriorityAssessment'),
      },
    },
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
    PriorityAssessmentList: { type: 'object', properties: { priorityAssessments: { type: 'array', items: { type: 'object' } } } },
    PriorityAssessment: { type: 'object', properties: { id: { type: 'integer' }, title: { type: 'string' }, criteria: { type: 'array', items: { type: 'object' } }, ranking: { type: 'array', items: { type: 'object' } } } },
  },
}
