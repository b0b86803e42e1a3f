import { Router, type Request } from 'express'

import { crudPages } from '../../../web/crud-routes.ts'
import { requirePermission, type PartnershipContext } from '../../../core/access/partnership-context.ts'
import { penceToInput } from '../domain/money.ts'
import { dateValues } from '../funding-forms.ts'
import { labels, text, yearOf } from '../funding-pages.ts'
import { fundingPaths } from '../funding-paths.ts'

import type { EntryService } from './entry-service.ts'
import { allocationForm, bidForm, contributionForm, reserveForm, rollOverForm, spendForm, streamForm } from './ledger-forms.ts'
import { sharesOf } from './ledger-repository.ts'

const edits = (ctx: PartnershipContext) => requirePermission(ctx, 'edit_records')

/** The entries of a year: funding streams, roll-overs, reserves, partner contributions, bids, allocations and spend. */
export function entryRoutes(funding: EntryService): Router {
  const routes = Router({ mergeParams: true })

  /** Options for the entry forms, and the year (a 404 when the year is not recorded). */
  const entryExtra = async (ctx: PartnershipContext, req: Request) => ({ ...(await funding.choices(ctx, yearOf(req))), labels })
  const backTo = (anchor: string) => (ctx: PartnershipContext, req: Request) => fundingPaths(ctx.partnership.id).year(yearOf(req)).section(anchor)

  routes.use(
    crudPages({
      path: '/funding/:year/streams',
      noun: 'funding stream',
      view: 'funding/ledger/views/stream-form.njk',
      schema: streamForm,
      guard: edits,
      load: (ctx, id, req) => funding.stream(ctx, yearOf(req), id),
      toValues: row => ({
        ...row,
        amount: penceToInput(row.amountPence),
        automaticPercent: String(row.automaticPercent),
        whose: row.administeredForOthers ? 'others' : 'own',
        areaId: row.areaId === null ? '' : String(row.areaId),
        ...Object.fromEntries(sharesOf(row.districtShares).map(share => [`share-${share.areaId}`, penceToInput(share.amountPence)])),
      }),
      defaults: () => ({ status: 'confirmed', automaticPercent: '100', nature: 'revenue', whose: 'own', areaId: '' }),
      extra: entryExtra,
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
      view: 'funding/ledger/views/roll-over-form.njk',
      schema: rollOverForm,
      guard: edits,
      load: (ctx, id, req) => funding.rollOver(ctx, yearOf(req), id),
      toValues: row => ({ ...row, amount: penceToInput(row.amountPence), ...dateValues('approvedOn', row.approvedOn) }),
      defaults: async (ctx, req) => {
        const suggestion = await funding.rollOverSuggestion(ctx, yearOf(req))
        return { nature: 'revenue', ...(suggestion && suggestion.suggestedPence > 0 ? { amount: penceToInput(suggestion.suggestedPence) } : {}) }
      },
      extra: async (ctx, req) => ({ ...(await entryExtra(ctx, req)), suggestion: await funding.rollOverSuggestion(ctx, yearOf(req)) }),
      save: (ctx, id, input, req) => funding.saveRollOver(ctx, yearOf(req), id, input),
      remove: (ctx, id, req) => funding.deleteRollOver(ctx, yearOf(req), id),
      after: backTo('sources'),
      describe: row => `Roll-over${row.reason ? `: ${row.reason}` : ''}`,
    }),
  )

  routes.use(
    crudPages({
      path: '/funding/:year/reserves',
      noun: 'draw on reserves',
      view: 'funding/ledger/views/reserve-form.njk',
      schema: reserveForm,
      guard: edits,
      load: (ctx, id, req) => funding.reserve(ctx, yearOf(req), id),
      toValues: row => ({ ...row, amount: penceToInput(row.amountPence), heldByOrganisationId: text(row.heldByOrganisationId), ...dateValues('approvedOn', row.approvedOn) }),
      defaults: () => ({ nature: 'revenue' }),
      extra: entryExtra,
      save: (ctx, id, input, req) => funding.saveReserve(ctx, yearOf(req), id, input),
      remove: (ctx, id, req) => funding.deleteReserve(ctx, yearOf(req), id),
      after: backTo('reserves'),
      describe: row => `Reserves: ${row.description}`,
    }),
  )

  routes.use(
    crudPages({
      path: '/funding/:year/contributions',
      noun: 'partner contribution',
      view: 'funding/ledger/views/contribution-form.njk',
      schema: contributionForm,
      guard: edits,
      load: (ctx, id, req) => funding.contribution(ctx, yearOf(req), id),
      toValues: row => ({ ...row, amount: penceToInput(row.amountPence) }),
      defaults: () => ({ status: 'confirmed', nature: 'revenue' }),
      extra: entryExtra,
      save: (ctx, id, input, req) => funding.saveContribution(ctx, yearOf(req), id, input),
      remove: (ctx, id, req) => funding.deleteContribution(ctx, yearOf(req), id),
      after: backTo('sources'),
      describe: row => (row.amountPence === null ? 'Contribution (amount not known)' : `Contribution of £${penceToInput(row.amountPence)}`),
    }),
  )

  routes.use(
    crudPages({
      path: '/funding/:year/bids',
      noun: 'bid',
      view: 'funding/ledger/views/bid-form.njk',
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
      defaults: (_ctx, req) => ({ status: 'submitted', nature: 'revenue', projectId: text(req.query.projectId) }),
      extra: entryExtra,
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
      view: 'funding/ledger/views/allocation-form.njk',
      schema: allocationForm,
      guard: edits,
      load: (ctx, id, req) => funding.allocation(ctx, yearOf(req), id),
      toValues: row => ({ ...row, amount: penceToInput(row.amountPence), expectedSpend: penceToInput(row.expectedSpendPence), administeredStreamId: text(row.administeredStreamId) }),
      defaults: (_ctx, req) => ({ kind: req.query.projectId ? 'project' : 'priority', nature: 'revenue', projectId: text(req.query.projectId), administeredStreamId: text(req.query.administeredStreamId) }),
      extra: entryExtra,
      save: (ctx, id, input, req) => funding.saveAllocation(ctx, yearOf(req), id, input),
      remove: (ctx, id, req) => funding.deleteAllocation(ctx, yearOf(req), id),
      after: backTo('allocations'),
      describe: row => row.purpose,
      deleteWarning: row => (row.spendCount > 0 ? `Its ${row.spendCount === 1 ? 'spend entry is' : `${row.spendCount} spend entries are`} deleted with it.` : undefined),
    }),
  )

  routes.use(
    crudPages({
      path: '/funding/:year/spend',
      noun: 'spend entry',
      view: 'funding/ledger/views/spend-form.njk',
      schema: spendForm,
      guard: edits,
      load: (ctx, id, req) => funding.spendEntry(ctx, yearOf(req), id),
      toValues: row => ({ ...row, amount: penceToInput(row.amountPence), ...dateValues('spentOn', row.spentOn) }),
      defaults: (_ctx, req) => ({ status: 'paid', allocationId: text(req.query.allocationId) }),
      extra: entryExtra,
      save: (ctx, id, input, req) => funding.saveSpend(ctx, yearOf(req), id, input),
      remove: (ctx, id, req) => funding.deleteSpend(ctx, yearOf(req), id),
      after: backTo('spend'),
      describe: row => row.description,
    }),
  )

  return routes
}
