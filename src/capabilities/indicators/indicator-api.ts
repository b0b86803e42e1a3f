import { Router, type Request } from 'express'

import { financialYearLabel, parseFinancialYearText } from '../../core/calendar/index.ts'
import { ValidationError } from '../../shared/errors.ts'
import type { OpenApiPart } from '../../web/capability.ts'
import { idParameter, jsonResponses } from '../../web/openapi.ts'
import { actorFor, idParam, partnershipContext } from '../../web/request.ts'
import type { PartnershipService } from '../partnerships/index.ts'

import type { RawActualRow } from './domain/import.ts'
import type { IndicatorReport } from './domain/report.ts'
import { importApiPaths, importResponses } from './indicator-import-api-docs.ts'
import type { IndicatorService, PerformanceTable } from './indicator-service.ts'

/** An indicator as the API gives it: its records and everything worked out from them. */
function indicatorJson(report: IndicatorReport, partnershipId: number) {
  const { indicator } = report
  return {
    id: indicator.id,
    partnershipId,
    name: indicator.name,
    definition: indicator.definition,
    source: indicator.source,
    unit: indicator.unit,
    polarity: indicator.polarity,
    frequency: indicator.frequency,
    countedAs: indicator.countedAs,
    area: indicator.areaId === null ? null : { id: indicator.areaId, name: indicator.areaName },
    denominator: indicator.denominator,
    denominatorNote: indicator.denominatorNote,
    rateOf: indicator.rateOf ?? null,
    priority: indicator.priority,
    sourceKind: indicator.sourceKind,
    policeDefinition: indicator.policeDefinition,
    notes: indicator.notes,
    baselines: report.baselines.map(b => ({
      id: b.id,
      year: b.year,
      yearLabel: b.yearLabel,
      label: b.label ?? null,
      title: b.title,
      judged: b.judged ?? false,
      value: b.value,
      valueText: b.valueText,
      count: b.count ?? null,
      denominator: b.denominator ?? null,
      note: b.note,
    })),
    targets: report.targets.map(t => ({
      id: t.id,
      year: t.year,
      yearLabel: t.yearLabel,
      kind: t.kind,
      changePercent: t.changePercent,
      perYear: t.perYear ?? false,
      changePoints: t.changePoints ?? null,
      absoluteValue: t.absoluteValue,
      printedValue: t.printedValue ?? null,
      printedDiffers: t.printed?.differs ?? false,
      printedCheck: t.printed?.text ?? null,
      warnings: t.warnings,
      baselineId: t.baselineId,
      statement: t.statementText,
      targetValue: t.computed.value,
      targetExplanation: t.computed.explanation,
      targetProblem: t.computed.problem,
      rag: t.assessment.rag,
      ragReason: t.assessment.reason,
      basis: t.assessment.basis,
      basisText: t.assessment.basisText,
      compared: { actual: t.assessment.actual, target: t.assessment.comparedTarget, baseline: t.assessment.comparedBaseline },
    })),
    actuals: report.actuals.map(a => ({
      id: a.id,
      period: a.key,
      label: a.label,
      year: a.year,
      value: a.value,
      valueText: a.valueText,
      count: a.count ?? null,
      denominator: a.denominator ?? null,
      ratePer1000: a.rate,
      note: a.note,
    })),
    years: report.years.map(y => ({
      year: y.year,
      yearLabel: y.label,
      current: y.current,
      currentLabel: y.currentLabel,
      previous: y.previous,
      previousLabel: y.previousLabel,
      monthsCovered: y.monthsCovered,
      complete: y.complete,
      partial: y.partial,
      heldText: y.heldText,
      missing: y.missing,
      change: y.change,
      ratePer1000: y.rate,
    })),
    rankings: report.rankings.map(r => ({
      year: r.year,
      yearLabel: r.yearLabel,
      groupName: r.groupName,
      of: r.of,
      position: r.own?.position ?? null,
      text: r.text || null,
      ownMissing: r.ownMissing,
      areas: r.rows.map(row => ({ name: row.name, value: row.value, denominator: row.denominator, compared: row.compared, position: row.position, isOwn: row.isOwn })),
    })),
    links: { self: `/api/v1/indicators/${indicator.id}`, page: `/partnerships/${partnershipId}/indicators/${indicator.id}` },
  }
}

function performanceJson(table: PerformanceTable) {
  return {
    year: table.year,
    yearLabel: table.yearLabel,
    years: table.years.map(year => ({ year, yearLabel: financialYearLabel(year) })),
    headers: table.headers,
    tolerancePercent: table.tolerancePercent,
    ragLegend: table.ragLegend,
    rows: table.groups.flatMap(group =>
      group.rows.map(row => ({
        group: group.heading,
        indicatorId: row.indicatorId,
        indicatorName: row.indicatorName,
        statement: row.statement,
        targetWording: row.targetWording,
        baseline: row.baselineFigure,
        target: row.targetFigure,
        lastYear: row.lastYear,
        thisYear: row.thisYear,
        change: row.change,
        rag: row.rag,
        ragReason: row.reason,
        note: row.note,
      })),
    ),
  }
}

const yearQuery = (req: Request) => (typeof req.query.year === 'string' ? parseFinancialYearText(req.query.year) : null)

export function indicatorApi(services: { indicators: IndicatorService; partnerships: Pick<PartnershipService, 'contextFor'> }) {
  const { indicators, partnerships } = services

  const apiPartnershipRoutes = Router({ mergeParams: true })
  apiPartnershipRoutes.get('/indicators', async (req, res) => {
    const ctx = partnershipContext(req)
    const reports = await indicators.list(ctx)
    res.json({ indicators: reports.map(r => indicatorJson(r, ctx.partnership.id)) })
  })
  apiPartnershipRoutes.get('/performance', async (req, res) => {
    const ctx = partnershipContext(req)
    res.json(performanceJson(await indicators.performance(ctx, yearQuery(req))))
  })

  /** /api/v1/indicators/{id} sits outside the partnership mount: the indicator's partnership decides who may see it. */
  async function contextOf(req: Request) {
    const id = idParam(req, 'id')
    const partnershipId = await indicators.partnershipOf(id)
    return { id, ctx: await partnerships.contextFor(req.viewer ?? null, partnershipId, actorFor(req)) }
  }

  const apiRoutes = Router()
  apiRoutes.get('/indicators/:id', async (req, res) => {
    const { id, ctx } = await contextOf(req)
    res.json(indicatorJson(await indicators.report(ctx, id), ctx.partnership.id))
  })
  apiRoutes.post('/indicators/:id/actuals', async (req, res) => {
    const { id, ctx } = await contextOf(req)
    const body = req.body as { actuals?: unknown } | undefined
    if (!body || !Array.isArray(body.actuals)) {
      throw new ValidationError({ actuals: 'Send a JSON object with a list of actuals: { "actuals": [{ "period": "2011-04", "value": 170 }] }' })
    }
    const rows: RawActualRow[] = body.actuals.map((item: unknown, index) => {
      const row = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>
      return { row: index + 1, period: row.period, value: row.value, note: row.note, count: row.count, denominator: row.denominator }
    })
    const result = await indicators.importActuals(ctx, id, rows, 'the API')
    if (!result.ok) {
      res.status(400).json({ error: 'invalid_actuals', message: 'Nothing was imported: put every row right and send them again.', errors: result.errors })
      return
    }
    res.json({ imported: rows.length, created: result.created, updated: result.updated, unchanged: result.unchanged })
  })

  /** Baselines or targets of one indicator, all or nothing, as the CSV import takes them. */
  for (const kind of ['baselines', 'targets'] as const) {
    apiRoutes.post(`/indicators/:id/${kind}`, async (req, res) => {
      const { id, ctx } = await contextOf(req)
      const body = req.body as Record<string, unknown> | undefined
      const list = body?.[kind]
      if (!Array.isArray(list)) {
        throw new ValidationError({
          [kind]: kind === 'baselines'
            ? 'Send a JSON object with a list of baselines: { "baselines": [{ "year": "2023/24", "label": "Local", "value": 12.4 }] }'
            : 'Send a JSON object with a list of targets: { "targets": [{ "year": "2025/26", "kind": "percent", "change": -5 }] }',
        })
      }
      const rows = list.map((item: unknown, index) => ({ ...((typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>), row: index + 1 }))
      const result = await indicators.importRecords(ctx, id, { [kind]: rows as never[] }, 'the API')
      if (!result.ok) {
        res.status(400).json({ error: `invalid_${kind}`, message: 'Nothing was imported: put every row right and send them again.', errors: result.errors })
        return
      }
      res.json({ imported: rows.length, created: result.created, updated: result.updated, unchanged: result.unchanged })
    })
  }

  return { apiRoutes, apiPartnershipRoutes, openapi }
}

const nullable = (type: string) => ({ type: [type, 'null'] })
const change = {
  type: ['object', 'null'],
  description: 'The change from the earlier figure to the later: percent is signed and rounded to one decimal place (null from 0); text is as the seeds print it, e.g. "39.1% (127 offences)".',
  properties: {
    from: { type: 'number' },
    to: { type: 'number' },
    difference: { type: 'number' },
    percent: nullable('number'),
    direction: { type: 'string', enum: ['increase', 'decrease', 'none'] },
    text: { type: 'string' },
  },
}
const rag = { type: ['string', 'null'], enum: ['red', 'amber', 'green', null] }
const cell = { type: 'object', properties: { value: nullable('number'), text: { type: 'string' }, label: { type: 'string' } } }

const openapi: OpenApiPart = {
  tags: [{ name: 'Indicators', description: 'Performance indicators: baselines, targets with their computed values, actuals, year-to-date comparisons, % change, RAG and rankings' }],
  paths: {
    '/api/v1/partnerships/{partnershipId}/indicators': {
      get: {
        tags: ['Indicators'],
        summary: 'The partnership’s indicators, with everything worked out',
        parameters: [idParameter('partnershipId', 'The partnership’s number')],
        responses: {
          ...jsonResponses('The indicators', 'IndicatorList'),
        },
      },
    },
    '/api/v1/partnerships/{partnershipId}/performance': {
      get: {
        tags: ['Indicators'],
        summary: 'The performance table for a financial year: last year, this year, % change and RAG',
        description: 'Laid out as the “Achievements from Strategic Priorities” table of an annual partnership plan. Without `year`, the latest year with figures or targets.',
        parameters: [
          idParameter('partnershipId', 'The partnership’s number'),
          { name: 'year', in: 'query', required: false, description: 'The financial year, as 2010/11 or 2010', schema: { type: 'string' } },
        ],
        responses: jsonResponses('The performance table', 'PerformanceTable'),
      },
    },
    '/api/v1/indicators/{indicatorId}': {
      get: {
        tags: ['Indicators'],
        summary: 'One indicator with its baselines, targets (computed values and RAG), actuals, years and rankings',
        parameters: [idParameter('indicatorId', 'The indicator’s number')],
        responses: jsonResponses('The indicator', 'Indicator'),
      },
    },
    '/api/v1/indicators/{indicatorId}/actuals': {
      post: {
        tags: ['Indicators'],
        summary: 'Import actuals, all or nothing',
        description:
          'Every row is checked first: if any is wrong, nothing is saved and every problem comes back by row (its position in the list, from 1). ' +
          'Figures for periods already recorded are replaced. Periods are written as in CSV imports: 2011-04 (monthly), 2011/12 Q1 (quarterly) or 2011/12 (annual), matching the indicator’s frequency. ' +
          'Needs a token of someone who may edit the partnership’s records.',
        parameters: [idParameter('indicatorId', 'The indicator’s number')],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['actuals'],
                properties: {
                  actuals: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['period', 'value'],
                      properties: {
                        period: { type: 'string', example: '2011-04' },
                        value: { type: ['number', 'string'], example: 170 },
                        count: { type: ['number', 'string'], description: 'For a rate indicator: the count, over denominator, instead of the rate as value' },
                        denominator: { type: ['number', 'string'], description: 'For a rate indicator: what the count (or the rate) is over' },
                        note: { type: 'string' },
                      },
                    },
                  },
                },
              },
            },
          },
        },
        responses: importResponses,
      },
    },
    ...importApiPaths,
  },
  schemas: {
    IndicatorList: { type: 'object', properties: { indicators: { type: 'array', items: { $ref: '#/components/schemas/Indicator' } } } },
    Indicator: {
      type: 'object',
      properties: {
        id: { type: 'integer' },
        partnershipId: { type: 'integer' },
        name: { type: 'string' },
        definition: nullable('string'),
        source: nullable('string'),
        unit: { type: 'string', enum: ['count', 'rate_per_1000_population', 'rate_per_1000_households', 'rate_per_1000', 'rate_per_100000', 'percentage', 'money'], description: 'Figures are counts for count and rate_per_1000_population/households, the rate itself (two decimal places) for rate_per_1000 and rate_per_100000 (per rateOf), percentages for percentage, pence for money' },
        rateOf: { type: ['string', 'null'], description: 'What a rate_per_1000 or rate_per_100000 is per: households, residents' },
        polarity: { type: 'string', enum: ['lower_is_better', 'higher_is_better'] },
        frequency: { type: 'string', enum: ['monthly', 'quarterly', 'annual'] },
        countedAs: { type: 'string' },
        area: { type: ['object', 'null'], properties: { id: { type: 'integer' }, name: { type: 'string' } } },
        denominator: nullable('integer'),
        priority: { type: ['object', 'null'], properties: { id: { type: 'integer' }, title: { type: 'string' }, planTitle: { type: 'string' }, planYear: { type: 'integer' } } },
        sourceKind: { type: 'string', enum: ['manual', 'police_data'] },
        policeDefinition: { type: ['object', 'null'], properties: { crimeTypes: { type: 'array', items: { type: 'string' } }, areaId: nullable('integer') } },
        baselines: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, year: { type: 'integer' }, yearLabel: { type: 'string' }, value: { type: 'number' }, note: nullable('string') } } },
        targets: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              id: { type: 'integer' },
              year: { type: 'integer', description: 'Financial year by its first year: 2011 is 2011/12' },
              kind: { type: 'string', enum: ['percent_change', 'point_change', 'absolute', 'direction', 'to_be_agreed'] },
              changePercent: nullable('number'),
              perYear: { type: 'boolean', description: 'The percentage applies once for each year since the baseline' },
              changePoints: { ...nullable('number'), description: 'Signed percentage points, for a point_change target' },
              absoluteValue: nullable('number'),
              printedValue: { ...nullable('number'), description: 'The target figure the plan printed' },
              printedDiffers: { type: 'boolean', description: 'The printed figure differs from the one the rule gives' },
              printedCheck: nullable('string'),
              warnings: { type: 'array', items: { type: 'string' }, description: 'A target that does not fit its indicator (kept as entered)' },
              baselineId: nullable('integer'),
              statement: { type: 'string' },
              targetValue: { type: ['number', 'null'], description: 'Computed and rounded by the stated rule (targetExplanation)' },
              targetExplanation: { type: 'string' },
              targetProblem: nullable('string'),
              rag,
              ragReason: { type: 'string' },
              basis: { type: 'string', enum: ['none', 'full_year', 'same_months', 'pro_rata', 'latest', 'incomplete'] },
              basisText: { type: 'string' },
            },
          },
        },
        actuals: { type: 'array', items: { type: 'object', properties: { id: nullable('integer'), period: { type: 'string' }, label: { type: 'string' }, year: { type: 'integer' }, value: { type: 'number' }, ratePer1000: nullable('number'), note: nullable('string') } } },
        years: {
          type: 'array',
          description: 'Each financial year with figures, latest first, to date against the same months of the year before',
          items: { type: 'object', properties: { year: { type: 'integer' }, current: nullable('number'), previous: nullable('number'), monthsCovered: { type: 'integer' }, complete: { type: 'boolean' }, partial: { type: 'boolean' }, heldText: { type: 'string' }, change } },
        },
        rankings: {
          type: 'array',
          items: { type: 'object', properties: { year: { type: 'integer' }, groupName: { type: 'string' }, of: { type: 'integer' }, position: nullable('integer'), text: nullable('string') } },
        },
      },
    },
    PerformanceTable: {
      type: 'object',
      properties: {
        year: { type: 'integer' },
        yearLabel: { type: 'string' },
        headers: { type: 'object', properties: { lastYear: { type: 'string' }, thisYear: { type: 'string' } } },
        tolerancePercent: { type: 'number' },
        ragLegend: { type: 'string', description: 'The partnership’s RAG rules in words, including what no change counts as' },
        rows: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              group: nullable('string'),
              indicatorId: { type: 'integer' },
              statement: { type: 'string' },
              lastYear: cell,
              thisYear: cell,
              change,
              rag,
              ragReason: { type: 'string' },
              note: nullable('string'),
            },
          },
        },
      },
    },
  },
}
