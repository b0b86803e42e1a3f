import type { Db } from '../../../db/database.ts'
import { isForeignKeyViolation } from '../../../db/errors.ts'
import type { Clock } from '../../../shared/clock.ts'
import { ConflictError, NotFoundError, ValidationError } from '../../../shared/errors.ts'
import { formatDate, formatMoney } from '../../../shared/format.ts'
import { auditedDelete, auditedInsert, auditedUpdate, findInPartnership } from '../../../core/audit/audited-changes.ts'
import { requirePermission, type PartnershipContext } from '../../../core/access/partnership-context.ts'
import { financialYearDates, financialYearLabel, isInFinancialYear } from '../../../core/calendar/index.ts'
import { shareProblems } from '../domain/districts.ts'
import { sumPence } from '../domain/money.ts'
import { suggestedRollOver } from '../domain/warnings.ts'
import { checkId, requireOrganisation, requirePriority, requireProject, target, targets, type YearEntryName } from '../funding-records.ts'
import { projectRepository } from '../projects/project-repository.ts'

import type { AllocationInput, BidInput, ContributionInput, ReserveInput, RollOverInput, SpendInput, StreamInput } from './ledger-forms.ts'
import { ledgerRepository as repo, type YearRecords } from './ledger-repository.ts'
import { figuresOf, findYear } from './year-service.ts'
import { heading, money } from './year-summary.ts'

/**
 * The entries of a funding year: funding streams, roll-overs, reserves, partner contributions, bids and
 * allocations, which belong to the year, and spend, which belongs to an allocation of the year.
 */
export function entryService({ db, clock }: { db: Db; clock: Clock }) {
  /** An entry of the year, or a 404 when it belongs to another year or partnership. */
  async function findEntry<K extends YearEntryName>(executor: Db, ctx: PartnershipContext, name: K, yearId: number, id: number) {
    checkId(id)
    const row = await findInPartnership(executor, target(name, ctx), id)
    if ((row as { fundingYearId: number }).fundingYearId !== yearId) throw new NotFoundError(targets[name].entityType)
    return row
  }

  async function findSpend(executor: Db, ctx: PartnershipContext, yearId: number, id: number) {
    checkId(id)
    const row = await findInPartnership(executor, target('spend', ctx), id)
    const allocation = await findInPartnership(executor, target('allocation', ctx), row.allocationId)
    if (allocation.fundingYearId !== yearId) throw new NotFoundError('funding_spend')
    return row
  }

  async function saveYearEntry<K extends YearEntryName>(
    ctx: PartnershipContext,
    name: K,
    startYear: number,
    id: number | null,
    values: Record<string, unknown>,
    check?: (trx: Db, year: YearRecords['year']) => Promise<void>,
  ) {
    requirePermission(ctx, 'edit_records')
    return db.transaction().execute(async trx => {
      const year = await findYear(trx, ctx, startYear)
      if (id !== null) await findEntry(trx, ctx, name, year.id, id)
      if (check) await check(trx, year)
      return id === null ? auditedInsert(trx, ctx.actor, target(name, ctx), { ...values, fundingYearId: year.id }) : auditedUpdate(trx, ctx.actor, target(name, ctx), id, values, clock.now())
    })
  }

  async function deleteYearEntry(ctx: PartnershipContext, name: YearEntryName, startYear: number, id: number) {
    requirePermission(ctx, 'edit_records')
    try {
      await db.transaction().execute(async trx => {
        const year = await findYear(trx, ctx, startYear)
        await findEntry(trx, ctx, name, year.id, id)
        if (name === 'allocation') {
          // Its spend entries go with it, each with its own audit record.
          const spend = await repo.allocationSpend(trx, ctx.partnership.id, id)
          for (const entry of spend) await auditedDelete(trx, ctx.actor, target('spend', ctx), entry.id)
        }
        await auditedDelete(trx, ctx.actor, target(name, ctx), id)
      })
    } catch (error) {
      if (isForeignKeyViolation(error)) throw new ConflictError('This entry cannot be deleted while other records refer to it.')
      throw error
    }
  }

  return {
    async stream(ctx: PartnershipContext, startYear: number, id: number) {
      requirePermission(ctx, 'view')
      return findEntry(db, ctx, 'stream', (await findYear(db, ctx, startYear)).id, id)
    },
    saveStream: (ctx: PartnershipContext, startYear: number, id: number | null, input: StreamInput) =>
      saveYearEntry(ctx, 'stream', startYear, id, { ...input, districtShares: JSON.stringify(input.districtShares) }, async (trx, year) => {
        const problems = shareProblems(input, await repo.districts(trx, ctx.partnership.id), formatMoney)
        if (id !== null && !input.administeredForOthers && (await repo.hasAllocationsFrom(trx, ctx.partnership.id, year.id, id))) {
          problems.whose = 'Allocations are made from this money as money administered for others: move them first'
        }
        if (Object.keys(problems).length) throw new ValidationError(problems)
      }),
    deleteStream: (ctx: PartnershipContext, startYear: number, id: number) => deleteYearEntry(ctx, 'stream', startYear, id),

    async rollOver(ctx: PartnershipContext, startYear: number, id: number) {
      requirePermission(ctx, 'view')
      return findEntry(db, ctx, 'rollOver', (await findYear(db, ctx, startYear)).id, id)
    },
    saveRollOver: (ctx: PartnershipContext, startYear: number, id: number | null, input: RollOverInput) => saveYearEntry(ctx, 'rollOver', startYear, id, input),
    deleteRollOver: (ctx: PartnershipContext, startYear: number, id: number) => deleteYearEntry(ctx, 'rollOver', startYear, id),

    /** What the roll-over form suggests: what the year before is forecast to leave unspent, less what is already rolled over. */
    async rollOverSuggestion(ctx: PartnershipContext, startYear: number) {
      requirePermission(ctx, 'view')
      const year = await findYear(db, ctx, startYear)
      const previous = await repo.year(db, ctx.partnership.id, startYear - 1)
      if (!previous) return null
      const { summary } = await figuresOf(db, previous)
      const already = sumPence((await repo.records(db, year)).rollOvers.map(r => r.amountPence))
      const underspend = summary.figures.forecastUnderspend.withheld ? null : summary.figures.forecastUnderspend.totalPence
      return {
        previousLabel: financialYearLabel(previous.startYear),
        forecastUnderspendPence: underspend,
        alreadyRolledOverPence: already,
        suggestedPence: suggestedRollOver(underspend, already),
      }
    },

    async reserve(ctx: PartnershipContext, startYear: number, id: number) {
      requirePermission(ctx, 'view')
      return findEntry(db, ctx, 'reserve', (await findYear(db, ctx, startYear)).id, id)
    },
    saveReserve: (ctx: PartnershipContext, startYear: number, id: number | null, input: ReserveInput) =>
      saveYearEntry(ctx, 'reserve', startYear, id, input, trx => requireOrganisation(trx, ctx, input.heldByOrganisationId, 'heldByOrganisationId')),
    deleteReserve: (ctx: PartnershipContext, startYear: number, id: number) => deleteYearEntry(ctx, 'reserve', startYear, id),

    async contribution(ctx: PartnershipContext, startYear: number, id: number) {
      requirePermission(ctx, 'view')
      return findEntry(db, ctx, 'contribution', (await findYear(db, ctx, startYear)).id, id)
    },
    saveContribution: (ctx: PartnershipContext, startYear: number, id: number | null, input: ContributionInput) =>
      saveYearEntry(ctx, 'contribution', startYear, id, input, trx => requireOrganisation(trx, ctx, input.organisationId, 'organisationId')),
    deleteContribution: (ctx: PartnershipContext, startYear: number, id: number) => deleteYearEntry(ctx, 'contribution', startYear, id),

    async bid(ctx: PartnershipContext, startYear: number, id: number) {
      requirePermission(ctx, 'view')
      return findEntry(db, ctx, 'bid', (await findYear(db, ctx, startYear)).id, id)
    },
    saveBid: (ctx: PartnershipContext, startYear: number, id: number | null, input: BidInput) =>
      saveYearEntry(ctx, 'bid', startYear, id, input, async trx => {
        await requireProject(trx, ctx, input.projectId, 'projectId')
        if (input.submittedOn && input.decidedOn && input.decidedOn < input.submittedOn) {
          throw new ValidationError({ 'decidedOn-day': 'Date decided must be the same as or after the date submitted' })
        }
      }),
    deleteBid: (ctx: PartnershipContext, startYear: number, id: number) => deleteYearEntry(ctx, 'bid', startYear, id),

    async allocation(ctx: PartnershipContext, startYear: number, id: number) {
      requirePermission(ctx, 'view')
      const row = await findEntry(db, ctx, 'allocation', (await findYear(db, ctx, startYear)).id, id)
      const spend = await repo.allocationSpend(db, ctx.partnership.id, id)
      return { ...row, spendCount: spend.length }
    },
    saveAllocation: (ctx: PartnershipContext, startYear: number, id: number | null, input: AllocationInput) =>
      saveYearEntry(ctx, 'allocation', startYear, id, input, async (trx, year) => {
        await requirePriority(trx, ctx, input.priorityId)
        await requireProject(trx, ctx, input.projectId, 'projectId')
        if (input.administeredStreamId !== null && !(await repo.isAdministeredStreamOfYear(trx, ctx.partnership.id, year.id, input.administeredStreamId))) {
          throw new ValidationError({ administeredStreamId: `Select money ${financialYearLabel(startYear)} administers for others, or the partnership’s own money` })
        }
      }),
    deleteAllocation: (ctx: PartnershipContext, startYear: number, id: number) => deleteYearEntry(ctx, 'allocation', startYear, id),

    async spendEntry(ctx: PartnershipContext, startYear: number, id: number) {
      requirePermission(ctx, 'view')
      return findSpend(db, ctx, (await findYear(db, ctx, startYear)).id, id)
    },

    async saveSpend(ctx: PartnershipContext, startYear: number, id: number | null, input: SpendInput) {
      requirePermission(ctx, 'edit_records')
      return db.transaction().execute(async trx => {
        const year = await findYear(trx, ctx, startYear)
        if (id !== null) await findSpend(trx, ctx, year.id, id)
        if (!(await repo.isAllocationOfYear(trx, ctx.partnership.id, year.id, input.allocationId))) {
          throw new ValidationError({ allocationId: `Select one of ${financialYearLabel(startYear)}’s allocations` })
        }
        if (!isInFinancialYear(input.spentOn, startYear)) {
          const { first, last } = financialYearDates(startYear)
          throw new ValidationError({ 'spentOn-day': `Date must be within ${financialYearLabel(startYear)}, from ${formatDate(first)} to ${formatDate(last)}` })
        }
        return id === null ? auditedInsert(trx, ctx.actor, target('spend', ctx), input) : auditedUpdate(trx, ctx.actor, target('spend', ctx), id, input, clock.now())
      })
    },

    async deleteSpend(ctx: PartnershipContext, startYear: number, id: number) {
      requirePermission(ctx, 'edit_records')
      await db.transaction().execute(async trx => {
        const year = await findYear(trx, ctx, startYear)
        await findSpend(trx, ctx, year.id, id)
        await auditedDelete(trx, ctx.actor, target('spend', ctx), id)
      })
    },

    /** What the entry forms offer to choose from. */
    async choices(ctx: PartnershipContext, startYear?: number) {
      requirePermission(ctx, 'view')
      const [organisations, priorities, projects, districts, year] = await Promise.all([
        repo.organisations(db, ctx.partnership.id),
        repo.priorities(db, ctx.partnership.id),
        projectRepository.projects(db, ctx.partnership.id),
        repo.districts(db, ctx.partnership.id),
        startYear === undefined ? Promise.resolve(undefined) : findYear(db, ctx, startYear),
      ])
      const records = year ? await repo.records(db, year) : undefined
      const allocations = records?.allocations ?? []
      return {
        /** A joint partnership's districts (the district fields show only when there are two or more). */
        districts: districts.length > 1 ? districts.map(d => ({ value: String(d.id), text: d.name })) : [],
        administeredStreams: (records?.streams ?? []).filter(s => s.administeredForOthers).map(s => ({ value: s.id, text: s.name })),
        year: year ? heading(year) : undefined,
        organisations: organisations.map(o => ({ value: o.id, text: o.name })),
        priorities: priorities.map(p => ({ value: p.id, text: `${p.title} (${p.planTitle}, ${financialYearLabel(p.planYear)})` })),
        projects: projects.map(p => ({ value: p.id, text: p.name })),
        allocations: allocations.map(a => ({ value: a.id, text: `${a.purpose} (${money(a.amountPence)})` })),
      }
    },
  }
}

export type EntryService = ReturnType<typeof entryService>
