import { Router } from 'express'

import type { OpenApiPart } from '../../web/capability.ts'
import { partnershipContext } from '../../web/request.ts'
import { idParameter, jsonResponses } from '../../web/openapi.ts'
import { allows } from '../../core/access/partnership-context.ts'

import { FIGURE_NAMES, type FigureName } from './domain/funding.ts'
import { yearOf } from './funding-pages.ts'
import type { YearService } from './ledger/year-service.ts'
import type { YearSummary } from './ledger/year-summary.ts'

/**
 * The read API for funding: /api/v1/partnerships/{partnershipId}/funding (the years with their headline
 * figures) and …/funding/{year} (a year's summary, each figure with the entries that make it up).
 */

const BREAKDOWN_FIGURES = FIGURE_NAMES

export function fundingApi(funding: Pick<YearService, 'overview' | 'yearSummary'>) {
  const routes = Router({ mergeParams: true })
  routes.get('/funding', async (req, res) => {
    const ctx = partnershipContext(req)
    const { years } = await funding.overview(ctx)
    res.json({
      partnershipId: ctx.partnership.id,
      years: years.map(year => ({
        year: year.startYear,
        label: year.label,
        ...figureTotals(year.totals, allows(ctx, 'view')),
      })),
    })
  })
  routes.get('/funding/:year', async (req, res) => {
    const ctx = partnershipContext(req)
    res.json(summaryJson(await funding.yearSummary(ctx, yearOf(req))))
  })
  return { routes, openapi: fundingOpenApi }
}

/** Figures not stated (a forecast while nothing is allocated) are null. */
function figureTotals(totals: Record<FigureName, number | null>, withPending: boolean) {
  const out: Record<string, number | null> = {}
  for (const name of BREAKDOWN_FIGURES) if (withPending || !PENDING.has(name)) out[`${name}Pence`] = totals[name]
  return out
}

const PENDING = new Set<FigureName>(['notYetConfirmed', 'withdrawn'])

/** The year summary as the API gives it: money in pence, every figure with the entries that make it up. */
function summaryJson(summary: YearSummary) {
  const detailed = summary.audience === 'partnership'
  const figures = Object.fromEntries(
    BREAKDOWN_FIGURES.filter(name => detailed || !PENDING.has(name)).map(name => [
      name,
      {
        totalPence: summary.figures[name].withheld ? null : summary.figures[name].totalPence,
        withheld: summary.figures[name].withheld ?? null,
        lines: summary.figures[name].lines.map(l => ({
          kind: l.kind,
          id: l.id,
          label: l.label,
          amountPence: l.amountPence,
          nature: l.nature ?? null,
          note: l.note ?? null,
        })),
      },
    ]),
  )
  return {
    partnershipId: summary.partnership.id,
    year: summary.year.startYear,
    label: summary.year.label,
    from: summary.year.first,
    to: summary.year.last,
    audience: summary.audience,
    accountableOrganisation: summary.year.accountableOrganisationName,
    notes: summary.year.notes,
    figures,
    streams: summary.streams.map(s => ({
      id: s.id,
      name: s.name,
      funder: s.funder,
      status: s.status,
      counted: s.counted,
      notCounted: s.notCounted,
      nature: s.nature,
      administeredForOthers: s.administeredForOthers,
      amountPence: s.amountPence,
      automaticPercent: s.automaticPercent,
      automaticPence: s.automaticPence,
      commissionedPence: s.commissionedPence,
      conditions: s.conditions,
      district: s.districtName,
      districtShares: s.shares,
    })),
    rollOvers: summary.rollOvers.map(r => ({
      id: r.id,
      amountPence: r.amountPence,
      nature: r.nature,
      approvedOn: r.approvedOn,
      approvedBy: r.approvedBy,
      reason: r.reason,
    })),
    reserves: summary.reserves.map(r => ({
      id: r.id,
      description: r.description,
      amountPence: r.amountPence,
      nature: r.nature,
      heldBy: r.heldByOrganisationName,
      approvedOn: r.approvedOn,
    })),
    contributions: summary.contributions.map(c => ({
      id: c.id,
      organisation: c.organisationName,
      organisationId: c.organisationId,
      status: c.status,
      counted: c.counted,
      notCounted: c.notCounted,
      nature: c.nature,
      amountPence: c.amountPence,
    })),
    bids: summary.bids.map(b => ({
      id: b.id,
      fund: b.fund,
      funder: b.funder,
      purpose: b.purpose,
      projectId: b.projectId,
      status: b.status,
      nature: b.nature,
      amountRequestedPence: b.amountRequestedPence,
      amountAwardedPence: b.amountAwardedPence,
      submittedOn: b.submittedOn,
      decidedOn: b.decidedOn,
    })),
    allocations: summary.allocations.map(a => ({
      id: a.id,
      purpose: a.purpose,
      kind: a.kind,
      priorityId: a.priorityId,
      projectId: a.projectId,
      nature: a.nature,
      administeredStreamId: a.administeredStreamId,
      amountPence: a.amountPence,
      expectedSpendPence: a.expectedSpendPence,
      spentPence: a.spentPence,
      committedPence: a.committedPence,
      remainingPence: a.remainingPence,
      forecastSpendPence: a.forecastSpendPence,
      forecastUnderspendPence: a.forecastUnderspendPence,
    })),
    ...(detailed
      ? {
          spend: summary.spend.map(s => ({
            id: s.id,
            allocationId: s.allocationId,
            spentOn: s.spentOn,
            description: s.description,
            payee: s.payee,
            reference: s.reference,
            status: s.status,
            amountPence: s.amountPence,
          })),
        }
      : {}),
    byNature: summary.byNature,
    nothingAllocated: summary.nothingAllocated,
    amountsNotKnown: detailed ? summary.unknownAmounts : [],
    administered: summary.administered,
    byDistrict: summary.byDistrict,
    changeSinceLastYear: summary.change,
    warnings: summary.warnings.map(w => w.text),
    previousYear: summary.previousYear,
    rolledForward: summary.rolledForward,
    generatedAt: summary.generatedAt.toISOString(),
  }
}

const figureSchema = {
  type: 'object',
  properties: {
    totalPence: { type: ['integer', 'null'], description: 'Null when the figure is not stated (see withheld).' },
    withheld: { type: ['string', 'null'], description: 'Why the figure is not stated, e.g. “Nothing allocated yet” for the forecasts of a year with no allocations.' },
    lines: {
      type: 'array',
      description: 'The entries that make the figure up; totalPence is the sum of their amountPence.',
      items: {
        type: 'object',
        properties: {
          kind: { type: 'string', enum: ['stream', 'roll_over', 'reserve', 'contribution', 'bid', 'allocation', 'spend'] },
          id: { type: 'integer' },
          label: { type: 'string' },
          amountPence: { type: 'integer', description: 'Signed: negative lines are taken away.' },
          nature: { type: ['string', 'null'], enum: ['revenue', 'capital', null] },
          note: { type: ['string', 'null'] },
        },
      },
    },
  },
}

const yearParameter = {
  name: 'year',
  in: 'path',
  required: true,
  description: 'The financial year: its first calendar year (2021 for 2021/22) or both halves (2021-22).',
  schema: { type: 'string', pattern: '^\\d{1,4}(-(\\d{2}|\\d{4}))?$' },
}

const fundingOpenApi: OpenApiPart = {
  tags: [
    {
      name: 'Funding',
      description:
        'Funding years: money available, allocated and spent, with the entries behind every figure. Money is in integer pence.',
    },
  ],
  paths: {
    '/api/v1/partnerships/{partnershipId}/funding': {
      get: {
        tags: ['Funding'],
        summary: 'The funding years of a partnership with their headline figures',
        parameters: [idParameter('partnershipId', 'The partnership’s number')],
        responses: jsonResponses('The funding years, newest first', 'FundingYears'),
      },
    },
    '/api/v1/partnerships/{partnershipId}/funding/{year}': {
      get: {
        tags: ['Funding'],
        summary: 'The summary of one funding year',
        description:
          'Available, allocated, unallocated, spent, committed, forecast spend and forecast underspend, each with the entries that make it up, and the entries themselves. ' +
          'For a published partnership the public gets the money counted as available and the totals per allocation, without individual payments, notes, money not yet confirmed or bids not won.',
        parameters: [idParameter('partnershipId', 'The partnership’s number'), yearParameter],
        responses: jsonResponses('The year summary', 'FundingYearSummary'),
      },
    },
  },
  schemas: {
    FundingYears: {
      type: 'object',
      properties: {
        partnershipId: { type: 'integer' },
        years: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              year: { type: 'integer' },
              label: { type: 'string', examples: ['2021/22'] },
              availablePence: { type: 'integer' },
              allocatedPence: { type: 'integer' },
              unallocatedPence: { type: 'integer' },
              spentPence: { type: 'integer' },
              committedPence: { type: 'integer' },
              forecastSpendPence: { type: ['integer', 'null'], description: 'Null while nothing is allocated.' },
              forecastUnderspendPence: { type: ['integer', 'null'], description: 'Null while nothing is allocated: money not yet allocated is not an underspend.' },
            },
          },
        },
      },
    },
    FundingYearSummary: {
      type: 'object',
      properties: {
        partnershipId: { type: 'integer' },
        year: { type: 'integer', examples: [2021] },
        label: { type: 'string', examples: ['2021/22'] },
        from: { type: 'string', format: 'date' },
        to: { type: 'string', format: 'date' },
        audience: { type: 'string', enum: ['partnership', 'public'] },
        accountableOrganisation: { type: ['string', 'null'] },
        notes: { type: ['string', 'null'] },
        figures: {
          type: 'object',
          description: 'Each figure with its lines. notYetConfirmed is left out for the public.',
          properties: Object.fromEntries(
            BREAKDOWN_FIGURES.map(name => [name, { $ref: '#/components/schemas/FundingFigure' }]),
          ),
        },
        streams: { type: 'array', items: { type: 'object' } },
        rollOvers: { type: 'array', items: { type: 'object' } },
        reserves: { type: 'array', items: { type: 'object' }, description: 'Reserves drawn into the year: a source of their own.' },
        contributions: { type: 'array', items: { type: 'object' } },
        bids: { type: 'array', items: { type: 'object' } },
        allocations: { type: 'array', items: { type: 'object' } },
        spend: { type: 'array', items: { type: 'object' }, description: 'Members only.' },
        byNature: { type: 'object', description: 'Available, allocated, unallocated, spent and committed, each split into revenue and capital (pence).' },
        nothingAllocated: { type: 'boolean' },
        amountsNotKnown: { type: 'array', items: { type: 'object' }, description: 'Streams and contributions whose amount is not known yet (members only).' },
        administered: { type: 'array', items: { type: 'object' }, description: 'Money administered for others, with what is allocated and spent from it.' },
        byDistrict: { type: 'array', items: { type: 'object' }, description: 'The money available per district of a joint partnership.' },
        changeSinceLastYear: { type: ['object', 'null'], description: 'Each source against the year before, with the totals.' },
        warnings: { type: 'array', items: { type: 'string' } },
        generatedAt: { type: 'string', format: 'date-time' },
      },
    },
    FundingFigure: figureSchema,
  },
}
