import { Router, type Request } from 'express'

import { NotFoundError } from '../../shared/errors.ts'
import { fileName, toCsv, toXlsx } from '../../shared/spreadsheet.ts'
import type { Capability, OpenApiPart } from '../../web/capability.ts'
import { crudPages } from '../../web/crud-routes.ts'
import { attempt, parseForm } from '../../web/form.ts'
import { idParam, partnershipContext } from '../../web/request.ts'
import { idParameter, jsonResponses } from '../../web/openapi.ts'
import type { CapabilityDeps } from '../index.ts'
import { allows, requirePermission, type PartnershipContext } from '../../core/access/partnership-context.ts'

import { financialYearLabel, financialYearSlug, parseFinancialYearParam as parseYearParam } from '../../core/calendar/index.ts'
import {
  ALLOCATION_KIND_LABELS,
  ALLOCATION_KINDS,
  BID_STATUS_LABELS,
  BID_STATUSES,
  CONTRIBUTION_NATURES,
  FIGURE_LABELS,
  FIGURE_RULES,
  NATURE_LABELS,
  SPEND_STATUS_LABELS,
  SPEND_STATUSES,
  STATUS_LABELS,
  STREAM_STATUSES,
  ENTRY_KIND_LABELS,
  FIGURE_NAMES,
  HEADLINE_FIGURES,
  type EntryKind,
  type FigureName,
} from './domain/funding.ts'
import { penceToInput } from './domain/money.ts'
import { DEFAULT_EVALUATION_WEEKS, EVALUATION_STATE_LABELS } from './domain/projects.ts'
import {
  allocationForm,
  bidForm,
  contributionForm,
  dateValues,
  evaluationForm,
  projectForm,
  rollOverForm,
  spendForm,
  streamForm,
  yearDetailsForm,
  yearForm,
} from './funding-forms.ts'
import type { YearSummary } from './funding-service.ts'

const BREAKDOWN_FIGURES = FIGURE_NAMES

const options = <T extends string>(values: readonly T[], labels: Record<T, string>) =>
  values.map(value => ({ value, text: labels[value] }))

const labels = {
  streamStatuses: options(STREAM_STATUSES, STATUS_LABELS),
  natures: options(CONTRIBUTION_NATURES, NATURE_LABELS),
  bidStatuses: options(BID_STATUSES, BID_STATUS_LABELS),
  spendStatuses: options(SPEND_STATUSES, SPEND_STATUS_LABELS),
  allocationKinds: options(ALLOCATION_KINDS, ALLOCATION_KIND_LABELS),
  evaluationStates: EVALUATION_STATE_LABELS,
}

const text = (value: unknown) => (value === null || value === undefined ? '' : String(value))

/** The financial year in the address ("2021-22" or "2021"), or a 404. */
function yearOf(req: Request): number {
  const year = parseYearParam(String(req.params.year ?? ''))
  if (year === null) throw new NotFoundError('Funding year')
  return year
}

export function fundingCapability({ services }: CapabilityDeps): Capability {
  const { funding } = services
  const routes = Router({ mergeParams: true })
  const base = (ctx: PartnershipContext) => `/partnerships/${ctx.partnership.id}/funding`
  const yearUrl = (ctx: PartnershipContext, startYear: number) => `${base(ctx)}/${financialYearSlug(startYear)}`
  const edits = (ctx: PartnershipContext) => requirePermission(ctx, 'edit_records')

  /** Where each entry is changed, for links from the breakdown page. */
  const entryHref = (ctx: PartnershipContext, startYear: number, kind: EntryKind, id: number) => {
    const path: Record<EntryKind, string> = {
      stream: 'streams',
      roll_over: 'roll-overs',
      contribution: 'contributions',
      bid: 'bids',
      allocation: 'allocations',
      spend: 'spend',
    }
    return `${yearUrl(ctx, startYear)}/${path[kind]}/${id}/edit`
  }

  // --- Overview and years ---------------------------------------------------------------------------

  routes.get('/funding', async (req, res) => {
    const ctx = partnershipContext(req)
    const overview = await funding.overview(ctx)
    res.render('funding/views/overview.njk', {
      ...overview,
      base: base(ctx),
      years: overview.years.map(year => ({ ...year, href: yearUrl(ctx, year.startYear) })),
      labels,
    })
  })

  routes.get('/funding/years/new', async (req, res) => {
    const ctx = partnershipContext(req)
    edits(ctx)
    const { organisations } = await funding.choices(ctx)
    res.render('funding/views/year-form.njk', { isNew: true, values: {}, organisations, cancelHref: base(ctx) })
  })

  routes.post('/funding/years/new', async (req, res) => {
    const ctx = partnershipContext(req)
    edits(ctx)
    const form = parseForm(yearForm, req.body)
    const result = form.ok ? await attempt(() => funding.createYear(ctx, form.value)) : form
    if (!result.ok) {
      const { organisations } = await funding.choices(ctx)
      return res.status(400).render('funding/views/year-form.njk', {
        isNew: true,
        values: req.body,
        organisations,
        cancelHref: base(ctx),
        ...result,
      })
    }
    await req.flash(`${financialYearLabel(result.value.startYear)} added. Add its funding streams next.`)
    res.redirect(303, yearUrl(ctx, result.value.startYear))
  })

  // --- Projects (before /funding/:year, so "projects" is never read as a year) ------------------------

  routes.get('/funding/projects', async (req, res) => {
    const ctx = partnershipContext(req)
    res.render('funding/views/projects.njk', { projects: await funding.projects(ctx), base: base(ctx), labels })
  })

  routes.use(
    crudPages({
      path: '/funding/projects',
      noun: 'project',
      view: 'funding/views/project-form.njk',
      schema: projectForm,
      guard: edits,
      load: async (ctx, id) => (await funding.project(ctx, id)).project,
      toValues: row => ({
        ...row,
        ...dateValues('startDate', row.startDate),
        ...dateValues('endDate', row.endDate),
        evaluationDueWeeks: String(row.evaluationDueWeeks),
      }),
      defaults: () => ({ evaluationDueWeeks: String(DEFAULT_EVALUATION_WEEKS) }),
      extra: async ctx => ({
        organisations: (await funding.choices(ctx)).organisations,
        basePath: `${base(ctx)}/projects`,
      }),
      save: (ctx, id, input) => funding.saveProject(ctx, id, input),
      remove: (ctx, id) => funding.deleteProject(ctx, id),
      after: (ctx, _req, saved) => (saved?.id ? `${base(ctx)}/projects/${saved.id}` : `${base(ctx)}/projects`),
      describe: row => row.name,
    }),
  )

  routes.get('/funding/projects/:id', async (req, res) => {
    const ctx = partnershipContext(req)
    const details = await funding.project(ctx, idParam(req, 'id'))
    res.render('funding/views/project.njk', { ...details, base: base(ctx), labels })
  })

  routes.get('/funding/projects/:id/evaluation', async (req, res) => {
    const ctx = partnershipContext(req)
    edits(ctx)
    const { project, evaluation } = await funding.project(ctx, idParam(req, 'id'))
    res.render('funding/views/evaluation-form.njk', {
      project,
      evaluation,
      values: { ...dateValues('completedOn', project.evaluationCompletedOn), summary: project.evaluationSummary },
      cancelHref: `${base(ctx)}/projects/${project.id}`,
    })
  })

  routes.post('/funding/projects/:id/evaluation', async (req, res) => {
    const ctx = partnershipContext(req)
    edits(ctx)
    const id = idParam(req, 'id')
    const { project, evaluation } = await funding.project(ctx, id)
    const form = parseForm(evaluationForm, req.body)
    const result = form.ok ? await attempt(() => funding.recordEvaluation(ctx, id, form.value)) : form
    if (!result.ok) {
      return res.status(400).render('funding/views/evaluation-form.njk', {
        project,
        evaluation,
        values: req.body,
        cancelHref: `${base(ctx)}/projects/${id}`,
        ...result,
      })
    }
    await req.flash('Evaluation recorded')
    res.redirect(303, `${base(ctx)}/projects/${id}`)
  })

  // --- One year -----------------------------------------------------------------------------------

  /** The year summary with ready-made links: each figure links to the entries that make it up. */
  function summaryView(ctx: PartnershipContext, summary: YearSummary) {
    const url = yearUrl(ctx, summary.year.startYear)
    const detailed = summary.audience === 'partnership'
    const figureHref = (name: FigureName) =>
      detailed
        ? `${url}/breakdown#${name}`
        : name === 'spent' || name === 'committed' || name === 'forecastSpend' || name === 'allocated'
          ? '#allocations'
          : '#sources'
    return {
      summary,
      url,
      figureRows: HEADLINE_FIGURES.map(name => {
        const count = summary.figures[name].lines.length
        return {
          name,
          label: FIGURE_LABELS[name],
          totalPence: summary.figures[name].totalPence,
          href: figureHref(name),
          linkText: detailed
            ? `see the ${count === 1 ? 'entry' : `${count} entries`} that make it up`
            : 'see the table it comes from',
        }
      }),
      pending: detailed ? summary.figures.notYetConfirmed : null,
      allocationTotals: {
        amountPence: summary.figures.allocated.totalPence,
        spentPence: summary.figures.spent.totalPence,
        committedPence: summary.figures.committed.totalPence,
        forecastSpendPence: summary.figures.forecastSpend.totalPence,
        forecastUnderspendPence: summary.figures.allocated.totalPence - summary.figures.forecastSpend.totalPence,
      },
      labels,
    }
  }

  routes.get('/funding/:year', async (req, res) => {
    const ctx = partnershipContext(req)
    const summary = await funding.yearSummary(ctx, yearOf(req))
    res.render('funding/views/year.njk', summaryView(ctx, summary))
  })

  routes.get('/funding/:year/breakdown', async (req, res) => {
    const ctx = partnershipContext(req)
    requirePermission(ctx, 'view')
    const summary = await funding.yearSummary(ctx, yearOf(req))
    const startYear = summary.year.startYear
    const canEdit = allows(ctx, 'edit_records')
    res.render('funding/views/breakdown.njk', {
      summary,
      url: yearUrl(ctx, startYear),
      figures: BREAKDOWN_FIGURES.map(name => ({
        name,
        label: FIGURE_LABELS[name],
        rule: FIGURE_RULES[name],
        totalPence: summary.figures[name].totalPence,
        lines: summary.figures[name].lines.map(line => ({
          ...line,
          kindLabel: ENTRY_KIND_LABELS[line.kind],
          href: canEdit ? entryHref(ctx, startYear, line.kind, line.id) : null,
        })),
      })),
    })
  })

  routes.get('/funding/:year/export.csv', async (req, res) => {
    const ctx = partnershipContext(req)
    const { summary, ledger } = await funding.exportYear(ctx, yearOf(req))
    res.type('text/csv; charset=utf-8')
    res.attachment(`${fileName(ctx.partnership.shortName ?? ctx.partnership.name, 'funding', summary.year.slug)}.csv`)
    res.send(toCsv(ledger))
  })

  routes.get('/funding/:year/export.xlsx', async (req, res) => {
    const ctx = partnershipContext(req)
    const { summary, sheets } = await funding.exportYear(ctx, yearOf(req))
    res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    res.attachment(`${fileName(ctx.partnership.shortName ?? ctx.partnership.name, 'funding', summary.year.slug)}.xlsx`)
    res.send(await toXlsx(sheets, { title: `${ctx.partnership.name}: funding ${summary.year.label}` }))
  })

  routes.get('/funding/:year/edit', async (req, res) => {
    const ctx = partnershipContext(req)
    edits(ctx)
    const year = await funding.year(ctx, yearOf(req))
    const { organisations } = await funding.choices(ctx)
    res.render('funding/views/year-form.njk', {
      isNew: false,
      year,
      values: year,
      organisations,
      cancelHref: yearUrl(ctx, year.startYear),
    })
  })

  routes.post('/funding/:year/edit', async (req, res) => {
    const ctx = partnershipContext(req)
    edits(ctx)
    const year = await funding.year(ctx, yearOf(req))
    const form = parseForm(yearDetailsForm, req.body)
    const result = form.ok ? await attempt(() => funding.updateYear(ctx, year.startYear, form.value)) : form
    if (!result.ok) {
      const { organisations } = await funding.choices(ctx)
      return res.status(400).render('funding/views/year-form.njk', {
        isNew: false,
        year,
        values: req.body,
        organisations,
        cancelHref: yearUrl(ctx, year.startYear),
        ...result,
      })
    }
    await req.flash(`${year.label} updated`)
    res.redirect(303, yearUrl(ctx, year.startYear))
  })

  routes.get('/funding/:year/delete', async (req, res) => {
    const ctx = partnershipContext(req)
    edits(ctx)
    const year = await funding.year(ctx, yearOf(req))
    const entryCount = await funding.yearEntryCount(ctx, year.startYear)
    res.render('funding/views/year-delete.njk', { year, entryCount, cancelHref: yearUrl(ctx, year.startYear) })
  })

  routes.post('/funding/:year/delete', async (req, res) => {
    const ctx = partnershipContext(req)
    edits(ctx)
    const year = await funding.year(ctx, yearOf(req))
    await funding.deleteYear(ctx, year.startYear)
    await req.flash(`${year.label} deleted`)
    res.redirect(303, base(ctx))
  })

  // --- Entries of a year ----------------------------------------------------------------------------

  /** Options for the entry forms, and the year (a 404 when the year is not recorded). */
  const entryExtra = async (ctx: PartnershipContext, req: Request, path: string) => {
    const choices = await funding.choices(ctx, yearOf(req))
    return { ...choices, basePath: `${yearUrl(ctx, choices.year!.startYear)}/${path}`, labels }
  }
  const backTo = (anchor: string) => (ctx: PartnershipContext, req: Request) => `${yearUrl(ctx, yearOf(req))}#${anchor}`

  routes.use(
    crudPages({
      path: '/funding/:year/streams',
      noun: 'funding stream',
      view: 'funding/views/stream-form.njk',
      schema: streamForm,
      guard: edits,
      load: (ctx, id, req) => funding.stream(ctx, yearOf(req), id),
      toValues: row => ({
        ...row,
        amount: penceToInput(row.amountPence),
        automaticPercent: String(row.automaticPercent),
      }),
      defaults: () => ({ status: 'confirmed', automaticPercent: '100' }),
      extra: (ctx, req) => entryExtra(ctx, req, 'streams'),
      save: (ctx, id, input, req) => funding.saveStream(ctx, yearOf(req), id, input),
      remove: (ctx, id, req) => funding.deleteStream(ctx, yearOf(req), id),
      after: backTo('sources'),
      describe: row => row.name,
    }),
  )

  routes.use(
    crudPages({
      path: '/funding/:year/roll-overs',
      noun: 'roll-over',
      view: 'funding/views/roll-over-form.njk',
      schema: rollOverForm,
      guard: edits,
      load: (ctx, id, req) => funding.rollOver(ctx, yearOf(req), id),
      toValues: row => ({ ...row, amount: penceToInput(row.amountPence), ...dateValues('approvedOn', row.approvedOn) }),
      defaults: async (ctx, req) => {
        const suggestion = await funding.rollOverSuggestion(ctx, yearOf(req))
        return suggestion && suggestion.suggestedPence > 0 ? { amount: penceToInput(suggestion.suggestedPence) } : {}
      },
      extra: async (ctx, req) => ({
        ...(await entryExtra(ctx, req, 'roll-overs')),
        suggestion: await funding.rollOverSuggestion(ctx, yearOf(req)),
      }),
      save: (ctx, id, input, req) => funding.saveRollOver(ctx, yearOf(req), id, input),
      remove: (ctx, id, req) => funding.deleteRollOver(ctx, yearOf(req), id),
      after: backTo('sources'),
      describe: row => `Roll-over${row.reason ? `: ${row.reason}` : ''}`,
    }),
  )

  routes.use(
    crudPages({
      path: '/funding/:year/contributions',
      noun: 'partner contribution',
      view: 'funding/views/contribution-form.njk',
      schema: contributionForm,
      guard: edits,
      load: (ctx, id, req) => funding.contribution(ctx, yearOf(req), id),
      toValues: row => ({ ...row, amount: penceToInput(row.amountPence) }),
      defaults: () => ({ status: 'confirmed', nature: 'revenue' }),
      extra: (ctx, req) => entryExtra(ctx, req, 'contributions'),
      save: (ctx, id, input, req) => funding.saveContribution(ctx, yearOf(req), id, input),
      remove: (ctx, id, req) => funding.deleteContribution(ctx, yearOf(req), id),
      after: backTo('sources'),
      describe: row => `Contribution of £${penceToInput(row.amountPence)}`,
    }),
  )

  routes.use(
    crudPages({
      path: '/funding/:year/bids',
      noun: 'bid',
      view: 'funding/views/bid-form.njk',
      schema: bidForm,
      guard: edits,
      load: (ctx, id, req) => funding.bid(ctx, yearOf(req), id),
      toValues: row => ({
        ...row,
        amountRequested: penceToInput(row.amountRequestedPence),
        amountAwarded: penceToInput(row.amountAwardedPence),
        ...dateValues('submittedOn', row.submittedOn),
        ...dateValues('decidedOn', row.decidedOn),
      }),
      defaults: (_ctx, req) => ({ status: 'submitted', projectId: text(req.query.projectId) }),
      extra: (ctx, req) => entryExtra(ctx, req, 'bids'),
      save: (ctx, id, input, req) => funding.saveBid(ctx, yearOf(req), id, input),
      remove: (ctx, id, req) => funding.deleteBid(ctx, yearOf(req), id),
      after: backTo('bids'),
      describe: row => `${row.fund}: ${row.purpose}`,
    }),
  )

  routes.use(
    crudPages({
      path: '/funding/:year/allocations',
      noun: 'allocation',
      view: 'funding/views/allocation-form.njk',
      schema: allocationForm,
      guard: edits,
      load: (ctx, id, req) => funding.allocation(ctx, yearOf(req), id),
      toValues: row => ({
        ...row,
        amount: penceToInput(row.amountPence),
        expectedSpend: penceToInput(row.expectedSpendPence),
      }),
      defaults: (_ctx, req) => ({
        kind: req.query.projectId ? 'project' : 'priority',
        projectId: text(req.query.projectId),
      }),
      extra: (ctx, req) => entryExtra(ctx, req, 'allocations'),
      save: (ctx, id, input, req) => funding.saveAllocation(ctx, yearOf(req), id, input),
      remove: (ctx, id, req) => funding.deleteAllocation(ctx, yearOf(req), id),
      after: backTo('allocations'),
      describe: row => row.purpose,
      deleteWarning: row =>
        row.spendCount > 0
          ? `Its ${row.spendCount === 1 ? 'spend entry is' : `${row.spendCount} spend entries are`} deleted with it.`
          : undefined,
    }),
  )

  routes.use(
    crudPages({
      path: '/funding/:year/spend',
      noun: 'spend entry',
      view: 'funding/views/spend-form.njk',
      schema: spendForm,
      guard: edits,
      load: (ctx, id, req) => funding.spendEntry(ctx, yearOf(req), id),
      toValues: row => ({ ...row, amount: penceToInput(row.amountPence), ...dateValues('spentOn', row.spentOn) }),
      defaults: (_ctx, req) => ({ status: 'paid', allocationId: text(req.query.allocationId) }),
      extra: (ctx, req) => entryExtra(ctx, req, 'spend'),
      save: (ctx, id, input, req) => funding.saveSpend(ctx, yearOf(req), id, input),
      remove: (ctx, id, req) => funding.deleteSpend(ctx, yearOf(req), id),
      after: backTo('spend'),
      describe: row => row.description,
    }),
  )

  // --- API ----------------------------------------------------------------------------------------

  const apiPartnershipRoutes = Router({ mergeParams: true })
  apiPartnershipRoutes.get('/funding', async (req, res) => {
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
  apiPartnershipRoutes.get('/funding/:year', async (req, res) => {
    const ctx = partnershipContext(req)
    res.json(summaryJson(await funding.yearSummary(ctx, yearOf(req))))
  })

  return {
    name: 'funding',
    partnershipRoutes: routes,
    navigation: [{ text: 'Funding', path: '/funding', permission: 'view_published', order: 40 }],
    apiPartnershipRoutes,
    openapi: fundingOpenApi,
  }
}

function figureTotals(totals: Record<FigureName, number>, withPending: boolean) {
  const out: Record<string, number> = {}
  for (const name of BREAKDOWN_FIGURES)
    if (withPending || name !== 'notYetConfirmed') out[`${name}Pence`] = totals[name]
  return out
}

/** The year summary as the API gives it: money in pence, every figure with the entries that make it up. */
export function summaryJson(summary: YearSummary) {
  const detailed = summary.audience === 'partnership'
  const figures = Object.fromEntries(
    BREAKDOWN_FIGURES.filter(name => detailed || name !== 'notYetConfirmed').map(name => [
      name,
      {
        totalPence: summary.figures[name].totalPence,
        lines: summary.figures[name].lines.map(l => ({
          kind: l.kind,
          id: l.id,
          label: l.label,
          amountPence: l.amountPence,
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
      amountPence: s.amountPence,
      automaticPercent: s.automaticPercent,
      automaticPence: s.automaticPence,
      commissionedPence: s.commissionedPence,
      conditions: s.conditions,
    })),
    rollOvers: summary.rollOvers.map(r => ({
      id: r.id,
      amountPence: r.amountPence,
      approvedOn: r.approvedOn,
      approvedBy: r.approvedBy,
      reason: r.reason,
    })),
    contributions: summary.contributions.map(c => ({
      id: c.id,
      organisation: c.organisationName,
      organisationId: c.organisationId,
      status: c.status,
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
    warnings: summary.warnings.map(w => w.text),
    previousYear: summary.previousYear,
    rolledForward: summary.rolledForward,
    generatedAt: summary.generatedAt.toISOString(),
  }
}

const figureSchema = {
  type: 'object',
  properties: {
    totalPence: { type: 'integer' },
    lines: {
      type: 'array',
      description: 'The entries that make the figure up; totalPence is the sum of their amountPence.',
      items: {
        type: 'object',
        properties: {
          kind: { type: 'string', enum: ['stream', 'roll_over', 'contribution', 'bid', 'allocation', 'spend'] },
          id: { type: 'integer' },
          label: { type: 'string' },
          amountPence: { type: 'integer', description: 'Signed: negative lines are taken away.' },
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
              forecastSpendPence: { type: 'integer' },
              forecastUnderspendPence: { type: 'integer' },
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
        contributions: { type: 'array', items: { type: 'object' } },
        bids: { type: 'array', items: { type: 'object' } },
        allocations: { type: 'array', items: { type: 'object' } },
        spend: { type: 'array', items: { type: 'object' }, description: 'Members only.' },
        warnings: { type: 'array', items: { type: 'string' } },
        generatedAt: { type: 'string', format: 'date-time' },
      },
    },
    FundingFigure: figureSchema,
  },
}
