import type { Db } from '../../db/database.ts'
import { isForeignKeyViolation, isUniqueViolation } from '../../db/errors.ts'
import type { Row } from '../../db/tables.ts'
import type { Clock } from '../../shared/clock.ts'
import { ConflictError, NotFoundError, ValidationError } from '../../shared/errors.ts'
import { formatDate, formatMoney } from '../../shared/format.ts'
import type { Table } from '../../shared/spreadsheet.ts'
import {
  auditedDelete,
  auditedInsert,
  auditedUpdate,
  findInPartnership,
  type ChangeTarget,
} from '../../core/audit/audited-changes.ts'
import { allows, requirePermission, type PartnershipContext } from '../../core/access/partnership-context.ts'

import {
  financialYearDates as yearBounds,
  financialYearLabel,
  financialYearSlug,
  isInFinancialYear as isInYear,
  ukDate,
} from '../../core/calendar/index.ts'
import {
  ALLOCATION_KIND_LABELS,
  BID_STATUS_LABELS,
  ENTRY_KIND_LABELS,
  FIGURE_LABELS,
  FIGURE_NAMES,
  NATURE_LABELS,
  SPEND_STATUS_LABELS,
  STATUS_LABELS,
  isCounted,
  splitGrant,
  splitLabel,
  suggestedRollOver,
  summariseYear,
  warningsFor,
  type AllocationFigures,
  type Figure,
  type FigureName,
  type ReportFundingSummary,
  type Warning,
  type YearEntries,
} from './domain/funding.ts'
import { penceToPounds, sumPence, type Pence } from './domain/money.ts'
import { evaluationStatus, type EvaluationStatus } from './domain/projects.ts'
import type {
  AllocationInput,
  BidInput,
  ContributionInput,
  EvaluationInput,
  ProjectInput,
  RollOverInput,
  SpendInput,
  StreamInput,
  YearDetailsInput,
  YearInput,
} from './funding-forms.ts'
import {
  fundingRepository as repo,
  type AllocationRow,
  type BidRow,
  type ContributionRow,
  type ProjectRow,
  type SpendRow,
  type StreamRow,
  type YearRecords,
} from './funding-repository.ts'

/**
 * Funding use cases: access check → validate → domain sums → save with its audit record, in one
 * transaction. Coordinators and admins change funding records; members (and leads) read everything.
 * The public, for a published partnership, reads the year summaries: the money the partnership has
 * and how it is allocated and spent, in totals per allocation, but not individual payments, entry
 * notes, money not yet confirmed, bids, projects or the downloads.
 */

const money = (pence: number) => formatMoney(pence)

const targets = {
  year: {
    table: 'fundingYears',
    entityType: 'funding_year',
    describe: (row: Row<'fundingYears'>) => `Funding ${financialYearLabel(row.startYear)}`,
  },
  stream: {
    table: 'fundingStreams',
    entityType: 'funding_stream',
    describe: (row: Row<'fundingStreams'>) => `${row.name} (${money(row.amountPence)})`,
  },
  rollOver: {
    table: 'fundingRollOvers',
    entityType: 'funding_roll_over',
    describe: (row: Row<'fundingRollOvers'>) => `Roll-over of ${money(row.amountPence)}`,
  },
  contribution: {
    table: 'fundingContributions',
    entityType: 'funding_contribution',
    describe: (row: Row<'fundingContributions'>) => `Partner contribution of ${money(row.amountPence)}`,
  },
  bid: {
    table: 'fundingBids',
    entityType: 'funding_bid',
    describe: (row: Row<'fundingBids'>) => `${row.fund}: ${row.purpose} (${money(row.amountRequestedPence)})`,
  },
  allocation: {
    table: 'fundingAllocations',
    entityType: 'funding_allocation',
    describe: (row: Row<'fundingAllocations'>) => `${row.purpose} (${money(row.amountPence)})`,
  },
  spend: {
    table: 'fundingSpend',
    entityType: 'funding_spend',
    describe: (row: Row<'fundingSpend'>) => `${row.description} (${money(row.amountPence)}, ${row.spentOn})`,
  },
  project: {
    table: 'fundedProjects',
    entityType: 'funded_project',
    describe: (row: Row<'fundedProjects'>) => row.name,
  },
} as const

type TargetName = keyof typeof targets
function target<K extends TargetName>(name: K, ctx: PartnershipContext): ChangeTarget<(typeof targets)[K]['table']> {
  return { ...targets[name], partnershipId: ctx.partnership.id } as ChangeTarget<(typeof targets)[K]['table']>
}

/** The entries that belong to a year directly. */
type YearEntryName = 'stream' | 'rollOver' | 'contribution' | 'bid' | 'allocation'

/** Today in the UK, as 'YYYY-MM-DD'. */
export { ukDate }

const checkId = (id: number) => {
  if (!Number.isSafeInteger(id) || id <= 0) throw new NotFoundError()
}

export interface YearHeading {
  id: number
  startYear: number
  label: string
  slug: string
  first: string
  last: string
  notes: string | null
  accountableOrganisationId: number | null
  accountableOrganisationName: string | null
}

const heading = (year: YearRecords['year']): YearHeading => ({
  id: year.id,
  startYear: year.startYear,
  label: financialYearLabel(year.startYear),
  slug: financialYearSlug(year.startYear),
  ...yearBounds(year.startYear),
  notes: year.notes,
  accountableOrganisationId: year.accountableOrganisationId,
  accountableOrganisationName: year.accountableOrganisationName,
})

function allocationTarget(row: AllocationRow): string {
  if (row.kind === 'project' && row.projectName) return `Project: ${row.projectName}`
  if (row.kind === 'priority' && row.priorityTitle)
    return `Priority: ${row.priorityTitle}${row.planYear ? ` (${financialYearLabel(row.planYear)} plan)` : ''}`
  if (row.kind === 'priority') return 'A priority (not linked to a plan)'
  if (row.kind === 'post') return 'A post'
  return row.projectName ? `Project: ${row.projectName}` : 'Other'
}

function entriesOf(records: YearRecords): YearEntries {
  return {
    streams: records.streams,
    rollOvers: records.rollOvers,
    contributions: records.contributions,
    bids: records.bids,
    allocations: records.allocations,
    spend: records.spend,
  }
}

/** The year summary: every figure with the entries that make it up, and the entries themselves. */
export interface YearSummary {
  partnership: { id: number; name: string }
  year: YearHeading
  /** 'public' summaries leave out individual payments, notes, pending money and bids not won. */
  audience: 'partnership' | 'public'
  figures: Record<FigureName, Figure>
  streams: (StreamRow & {
    automaticPence: Pence
    commissionedPence: Pence
    split: string | null
    counted: boolean
    statusLabel: string
  })[]
  rollOvers: YearRecords['rollOvers']
  contributions: (ContributionRow & { counted: boolean; statusLabel: string; natureLabel: string })[]
  bids: (BidRow & { counted: boolean; statusLabel: string })[]
  allocations: (AllocationRow & AllocationFigures & { target: string; kindLabel: string })[]
  spend: (SpendRow & { statusLabel: string })[]
  warnings: Warning[]
  previousYear: { startYear: number; label: string; forecastUnderspendPence: Pence } | null
  /** Roll-overs of this year's underspend recorded in the next year. */
  rolledForward: { startYear: number; label: string; totalPence: Pence } | null
  generatedAt: Date
}

export type { ReportFundingSummary }

export function reportFundingSummary(summary: YearSummary): ReportFundingSummary {
  const { figures } = summary
  const streams = [
    ...summary.streams
      .filter(s => s.counted)
      .map(s => ({
        name: s.name,
        amountPence: s.amountPence,
        note: s.split
          ? `${s.split} split: ${money(s.automaticPence)} paid automatically, ${money(s.commissionedPence)} against the action plan`
          : null,
      })),
    ...summary.contributions
      .filter(c => c.counted)
      .map(c => ({ name: `${c.organisationName} contribution`, amountPence: c.amountPence, note: `${c.natureLabel}` })),
    ...summary.bids
      .filter(b => b.counted)
      .map(b => ({ name: `${b.fund} (successful bid)`, amountPence: b.amountAwardedPence!, note: b.purpose })),
  ]
  return {
    financialYear: summary.year.startYear,
    streams,
    rollOverPence: sumPence(summary.rollOvers.map(r => r.amountPence)),
    availablePence: figures.available.totalPence,
    allocatedPence: figures.allocated.totalPence,
    spentPence: figures.spent.totalPence,
    committedPence: figures.committed.totalPence,
    forecastUnderspendPence: figures.forecastUnderspend.totalPence,
    allocations: summary.allocations.map(a => ({
      name: a.purpose,
      amountPence: a.amountPence,
      spentPence: a.spentPence,
    })),
    bids: summary.bids.map(b => ({
      fund: b.fund,
      purpose: b.purpose,
      amountPence: b.amountAwardedPence ?? b.amountRequestedPence,
      status: b.status,
    })),
    notes: [
      ...(summary.year.notes ? [summary.year.notes] : []),
      ...summary.streams.filter(s => !s.counted).map(s => `${s.name}: ${money(s.amountPence)} to be confirmed.`),
    ],
  }
}

export function fundingService({ db, clock }: { db: Db; clock: Clock }) {
  async function findYear(executor: Db, ctx: PartnershipContext, startYear: number) {
    if (!Number.isSafeInteger(startYear)) throw new NotFoundError('Funding year')
    const year = await repo.year(executor, ctx.partnership.id, startYear)
    if (!year) throw new NotFoundError('Funding year')
    return year
  }

  /** An entry of the year, or a 404 when it belongs to another year or partnership. */
  async function findEntry<K extends YearEntryName>(
    executor: Db,
    ctx: PartnershipContext,
    name: K,
    yearId: number,
    id: number,
  ) {
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

  async function requireOrganisation(executor: Db, ctx: PartnershipContext, id: number | null, field: string) {
    if (id === null) return
    const found = await executor
      .selectFrom('organisations')
      .select('id')
      .where('partnershipId', '=', ctx.partnership.id)
      .where('id', '=', id)
      .executeTakeFirst()
    if (!found) throw new ValidationError({ [field]: 'Select an organisation from the list' })
  }

  async function requireProject(executor: Db, ctx: PartnershipContext, id: number | null, field: string) {
    if (id === null) return
    const found = await executor
      .selectFrom('fundedProjects')
      .select('id')
      .where('partnershipId', '=', ctx.partnership.id)
      .where('id', '=', id)
      .executeTakeFirst()
    if (!found) throw new ValidationError({ [field]: 'Select a project from the list' })
  }

  async function requirePriority(executor: Db, ctx: PartnershipContext, id: number | null) {
    if (id === null) return
    const found = await executor
      .selectFrom('priorities')
      .select('id')
      .where('partnershipId', '=', ctx.partnership.id)
      .where('id', '=', id)
      .executeTakeFirst()
    if (!found) throw new ValidationError({ priorityId: 'Select a priority from the list' })
  }

  /** The figures of a year, computed from its entries. */
  async function figuresOf(executor: Db, year: YearRecords['year']) {
    const records = await repo.records(executor, year)
    return { records, summary: summariseYear(entriesOf(records)) }
  }

  async function neighbours(ctx: PartnershipContext, startYear: number) {
    const [previous, next] = await Promise.all([
      repo.year(db, ctx.partnership.id, startYear - 1),
      repo.year(db, ctx.partnership.id, startYear + 1),
    ])
    const previousFigures = previous ? (await figuresOf(db, previous)).summary : null
    const nextRollOvers = next ? (await repo.records(db, next)).rollOvers : []
    return {
      previousYear:
        previous && previousFigures
          ? {
              startYear: previous.startYear,
              label: financialYearLabel(previous.startYear),
              forecastUnderspendPence: previousFigures.figures.forecastUnderspend.totalPence,
            }
          : null,
      rolledForward:
        next && nextRollOvers.length
          ? {
              startYear: next.startYear,
              label: financialYearLabel(next.startYear),
              totalPence: sumPence(nextRollOvers.map(r => r.amountPence)),
            }
          : null,
    }
  }

  function forPublic(summary: YearSummary): YearSummary {
    const perAllocation = (key: 'spentPence' | 'committedPence'): Figure => {
      const lines = summary.allocations
        .filter(a => a[key] !== 0)
        .map(a => ({ kind: 'allocation' as const, id: a.id, label: a.purpose, amountPence: a[key] }))
      return { totalPence: sumPence(lines.map(l => l.amountPence)), lines }
    }
    return {
      ...summary,
      audience: 'public',
      figures: {
        ...summary.figures,
        spent: perAllocation('spentPence'),
        committed: perAllocation('committedPence'),
        notYetConfirmed: { totalPence: 0, lines: [] },
      },
      streams: summary.streams.filter(s => s.counted).map(s => ({ ...s, notes: null })),
      contributions: summary.contributions.filter(c => c.counted).map(c => ({ ...c, notes: null })),
      bids: summary.bids.filter(b => b.counted).map(b => ({ ...b, notes: null })),
      allocations: summary.allocations.map(a => ({ ...a, notes: null })),
      rollOvers: summary.rollOvers,
      spend: [],
      warnings: [],
    }
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
      return id === null
        ? auditedInsert(trx, ctx.actor, target(name, ctx), { ...values, fundingYearId: year.id })
        : auditedUpdate(trx, ctx.actor, target(name, ctx), id, values, clock.now())
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
          const spend = await trx
            .selectFrom('fundingSpend')
            .select('id')
            .where('partnershipId', '=', ctx.partnership.id)
            .where('allocationId', '=', id)
            .execute()
          for (const entry of spend) await auditedDelete(trx, ctx.actor, target('spend', ctx), entry.id)
        }
        await auditedDelete(trx, ctx.actor, target(name, ctx), id)
      })
    } catch (error) {
      if (isForeignKeyViolation(error))
        throw new ConflictError('This entry cannot be deleted while other records refer to it.')
      throw error
    }
  }

  const service = {
    // --- Years ------------------------------------------------------------------------------------

    /** The funding years with their headline figures, newest first; projects and overdue evaluations for members. */
    async overview(ctx: PartnershipContext) {
      requirePermission(ctx, 'view_published')
      const years = await repo.years(db, ctx.partnership.id)
      const rows = []
      for (const year of years) {
        const { summary } = await figuresOf(db, year)
        const totals = Object.fromEntries(
          Object.entries(summary.figures).map(([name, figure]) => [name, figure.totalPence]),
        ) as Record<FigureName, Pence>
        rows.push({ ...heading(year), totals })
      }
      const projects = allows(ctx, 'view') ? await service.projects(ctx) : []
      return { years: rows, projects, overdueEvaluations: projects.filter(p => p.evaluation.state === 'overdue') }
    },

    async year(ctx: PartnershipContext, startYear: number): Promise<YearHeading> {
      requirePermission(ctx, 'view_published')
      return heading(await findYear(db, ctx, startYear))
    },

    async createYear(ctx: PartnershipContext, input: YearInput) {
      requirePermission(ctx, 'edit_records')
      try {
        return await db.transaction().execute(async trx => {
          await requireOrganisation(trx, ctx, input.accountableOrganisationId, 'accountableOrganisationId')
          return auditedInsert(trx, ctx.actor, target('year', ctx), input)
        })
      } catch (error) {
        if (isUniqueViolation(error))
          throw new ValidationError({ startYear: `${financialYearLabel(input.startYear)} has already been added` })
        throw error
      }
    },

    async updateYear(ctx: PartnershipContext, startYear: number, input: YearDetailsInput) {
      requirePermission(ctx, 'edit_records')
      return db.transaction().execute(async trx => {
        const year = await findYear(trx, ctx, startYear)
        await requireOrganisation(trx, ctx, input.accountableOrganisationId, 'accountableOrganisationId')
        return auditedUpdate(trx, ctx.actor, target('year', ctx), year.id, input, clock.now())
      })
    },

    /** How many entries stand in the way of deleting a year. */
    async yearEntryCount(ctx: PartnershipContext, startYear: number) {
      requirePermission(ctx, 'edit_records')
      const year = await findYear(db, ctx, startYear)
      return repo.entryCount(db, ctx.partnership.id, year.id)
    },

    /** A year is deleted only once it is empty, so that every entry's deletion is in the audit log. */
    async deleteYear(ctx: PartnershipContext, startYear: number) {
      requirePermission(ctx, 'edit_records')
      await db.transaction().execute(async trx => {
        const year = await findYear(trx, ctx, startYear)
        const count = await repo.entryCount(trx, ctx.partnership.id, year.id)
        if (count > 0)
          throw new ConflictError(
            `${financialYearLabel(startYear)} still has ${count} ${count === 1 ? 'entry' : 'entries'}. Delete them first.`,
          )
        await auditedDelete(trx, ctx.actor, target('year', ctx), year.id)
      })
    },

    /**
     * The year summary: available, allocated, unallocated, spent, committed, forecast spend and forecast
     * underspend, each with the entries that make it up. The annual report's "resource implications"
     * section calls this. The public gets the public version (see the note at the top).
     */
    async yearSummary(ctx: PartnershipContext, startYear: number): Promise<YearSummary> {
      requirePermission(ctx, 'view_published')
      const year = await findYear(db, ctx, startYear)
      const { records, summary } = await figuresOf(db, year)
      const { previousYear, rolledForward } = await neighbours(ctx, startYear)
      const byAllocation = new Map(summary.allocations.map(a => [a.allocationId, a]))
      const full: YearSummary = {
        partnership: { id: ctx.partnership.id, name: ctx.partnership.name },
        year: heading(year),
        audience: 'partnership',
        figures: summary.figures,
        streams: records.streams.map(s => ({
          ...s,
          ...splitGrant(s.amountPence, s.automaticPercent),
          split: splitLabel(s.automaticPercent),
          counted: isCounted.stream(s),
          statusLabel: STATUS_LABELS[s.status],
        })),
        rollOvers: records.rollOvers,
        contributions: records.contributions.map(c => ({
          ...c,
          counted: isCounted.contribution(c),
          statusLabel: STATUS_LABELS[c.status],
          natureLabel: NATURE_LABELS[c.nature],
        })),
        bids: records.bids.map(b => ({ ...b, counted: isCounted.bid(b), statusLabel: BID_STATUS_LABELS[b.status] })),
        allocations: records.allocations.map(a => ({
          ...a,
          ...byAllocation.get(a.id)!,
          target: allocationTarget(a),
          kindLabel: ALLOCATION_KIND_LABELS[a.kind],
        })),
        spend: records.spend.map(s => ({ ...s, statusLabel: SPEND_STATUS_LABELS[s.status] })),
        warnings: warningsFor(entriesOf(records), summary, previousYear, money),
        previousYear,
        rolledForward,
        generatedAt: clock.now(),
      }
      return allows(ctx, 'view') ? full : forPublic(full)
    },

    /**
     * The year's money for the annual report ("resource implications"), or null when the year has not
     * been recorded. Respects the viewer: the public gets the public summary's figures.
     */
    async reportSummary(ctx: PartnershipContext, startYear: number): Promise<ReportFundingSummary | null> {
      requirePermission(ctx, 'view_published')
      if (!Number.isSafeInteger(startYear) || !(await repo.year(db, ctx.partnership.id, startYear))) return null
      return reportFundingSummary(await service.yearSummary(ctx, startYear))
    },

    // --- Entries of a year --------------------------------------------------------------------------

    async stream(ctx: PartnershipContext, startYear: number, id: number) {
      requirePermission(ctx, 'view')
      return findEntry(db, ctx, 'stream', (await findYear(db, ctx, startYear)).id, id)
    },
    saveStream: (ctx: PartnershipContext, startYear: number, id: number | null, input: StreamInput) =>
      saveYearEntry(ctx, 'stream', startYear, id, input),
    deleteStream: (ctx: PartnershipContext, startYear: number, id: number) =>
      deleteYearEntry(ctx, 'stream', startYear, id),

    async rollOver(ctx: PartnershipContext, startYear: number, id: number) {
      requirePermission(ctx, 'view')
      return findEntry(db, ctx, 'rollOver', (await findYear(db, ctx, startYear)).id, id)
    },
    saveRollOver: (ctx: PartnershipContext, startYear: number, id: number | null, input: RollOverInput) =>
      saveYearEntry(ctx, 'rollOver', startYear, id, input),
    deleteRollOver: (ctx: PartnershipContext, startYear: number, id: number) =>
      deleteYearEntry(ctx, 'rollOver', startYear, id),

    /** What the roll-over form suggests: what the year before is forecast to leave unspent, less what is already rolled over. */
    async rollOverSuggestion(ctx: PartnershipContext, startYear: number) {
      requirePermission(ctx, 'view')
      const year = await findYear(db, ctx, startYear)
      const previous = await repo.year(db, ctx.partnership.id, startYear - 1)
      if (!previous) return null
      const { summary } = await figuresOf(db, previous)
      const already = sumPence((await repo.records(db, year)).rollOvers.map(r => r.amountPence))
      const underspend = summary.figures.forecastUnderspend.totalPence
      return {
        previousLabel: financialYearLabel(previous.startYear),
        forecastUnderspendPence: underspend,
        alreadyRolledOverPence: already,
        suggestedPence: suggestedRollOver(underspend, already),
      }
    },

    async contribution(ctx: PartnershipContext, startYear: number, id: number) {
      requirePermission(ctx, 'view')
      return findEntry(db, ctx, 'contribution', (await findYear(db, ctx, startYear)).id, id)
    },
    saveContribution: (ctx: PartnershipContext, startYear: number, id: number | null, input: ContributionInput) =>
      saveYearEntry(ctx, 'contribution', startYear, id, input, trx =>
        requireOrganisation(trx, ctx, input.organisationId, 'organisationId'),
      ),
    deleteContribution: (ctx: PartnershipContext, startYear: number, id: number) =>
      deleteYearEntry(ctx, 'contribution', startYear, id),

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
      const spend = await db
        .selectFrom('fundingSpend')
        .select('id')
        .where('partnershipId', '=', ctx.partnership.id)
        .where('allocationId', '=', id)
        .execute()
      return { ...row, spendCount: spend.length }
    },
    saveAllocation: (ctx: PartnershipContext, startYear: number, id: number | null, input: AllocationInput) =>
      saveYearEntry(ctx, 'allocation', startYear, id, input, async trx => {
        await requirePriority(trx, ctx, input.priorityId)
        await requireProject(trx, ctx, input.projectId, 'projectId')
      }),
    deleteAllocation: (ctx: PartnershipContext, startYear: number, id: number) =>
      deleteYearEntry(ctx, 'allocation', startYear, id),

    async spendEntry(ctx: PartnershipContext, startYear: number, id: number) {
      requirePermission(ctx, 'view')
      return findSpend(db, ctx, (await findYear(db, ctx, startYear)).id, id)
    },

    async saveSpend(ctx: PartnershipContext, startYear: number, id: number | null, input: SpendInput) {
      requirePermission(ctx, 'edit_records')
      return db.transaction().execute(async trx => {
        const year = await findYear(trx, ctx, startYear)
        if (id !== null) await findSpend(trx, ctx, year.id, id)
        const allocation = await trx
          .selectFrom('fundingAllocations')
          .select('id')
          .where('partnershipId', '=', ctx.partnership.id)
          .where('fundingYearId', '=', year.id)
          .where('id', '=', input.allocationId)
          .executeTakeFirst()
        if (!allocation)
          throw new ValidationError({ allocationId: `Select one of ${financialYearLabel(startYear)}’s allocations` })
        if (!isInYear(input.spentOn, startYear)) {
          const { first, last } = yearBounds(startYear)
          throw new ValidationError({
            'spentOn-day': `Date must be within ${financialYearLabel(startYear)}, from ${formatDate(first)} to ${formatDate(last)}`,
          })
        }
        return id === null
          ? auditedInsert(trx, ctx.actor, target('spend', ctx), input)
          : auditedUpdate(trx, ctx.actor, target('spend', ctx), id, input, clock.now())
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
      const [organisations, priorities, projects, year] = await Promise.all([
        repo.organisations(db, ctx.partnership.id),
        repo.priorities(db, ctx.partnership.id),
        repo.projects(db, ctx.partnership.id),
        startYear === undefined ? Promise.resolve(undefined) : findYear(db, ctx, startYear),
      ])
      const allocations = year ? (await repo.records(db, year)).allocations : []
      return {
        year: year ? heading(year) : undefined,
        organisations: organisations.map(o => ({ value: o.id, text: o.name })),
        priorities: priorities.map(p => ({
          value: p.id,
          text: `${p.title} (${p.planTitle}, ${financialYearLabel(p.planYear)})`,
        })),
        projects: projects.map(p => ({ value: p.id, text: p.name })),
        allocations: allocations.map(a => ({ value: a.id, text: `${a.purpose} (${money(a.amountPence)})` })),
      }
    },

    // --- Projects ---------------------------------------------------------------------------------

    async projects(ctx: PartnershipContext): Promise<(ProjectRow & { evaluation: EvaluationStatus })[]> {
      requirePermission(ctx, 'view')
      const today = ukDate(clock.now())
      return (await repo.projects(db, ctx.partnership.id)).map(p => ({ ...p, evaluation: evaluationStatus(p, today) }))
    },

    async project(ctx: PartnershipContext, id: number) {
      requirePermission(ctx, 'view')
      checkId(id)
      const project = await repo.project(db, ctx.partnership.id, id)
      if (!project) throw new NotFoundError('Project')
      const [allocations, bids] = await Promise.all([
        repo.projectAllocations(db, ctx.partnership.id, id),
        repo.projectBids(db, ctx.partnership.id, id),
      ])
      const rows = allocations.map(a => ({
        ...a,
        yearLabel: financialYearLabel(a.startYear),
        yearSlug: financialYearSlug(a.startYear),
      }))
      return {
        project,
        evaluation: evaluationStatus(project, ukDate(clock.now())),
        allocations: rows,
        totals: {
          allocatedPence: sumPence(rows.map(r => r.amountPence)),
          spentPence: sumPence(rows.map(r => r.spentPence)),
          committedPence: sumPence(rows.map(r => r.committedPence)),
        },
        bids: bids.map(b => ({
          ...b,
          yearLabel: financialYearLabel(b.startYear),
          yearSlug: financialYearSlug(b.startYear),
          statusLabel: BID_STATUS_LABELS[b.status],
        })),
      }
    },

    async saveProject(ctx: PartnershipContext, id: number | null, input: ProjectInput) {
      requirePermission(ctx, 'edit_records')
      try {
        return await db.transaction().execute(async trx => {
          if (id !== null) {
            checkId(id)
            await findInPartnership(trx, target('project', ctx), id)
          }
          await requireOrganisation(trx, ctx, input.leadOrganisationId, 'leadOrganisationId')
          return id === null
            ? auditedInsert(trx, ctx.actor, target('project', ctx), input)
            : auditedUpdate(trx, ctx.actor, target('project', ctx), id, input, clock.now())
        })
      } catch (error) {
        if (isUniqueViolation(error)) throw new ValidationError({ name: 'There is already a project with this name' })
        throw error
      }
    },

    async recordEvaluation(ctx: PartnershipContext, id: number, input: EvaluationInput) {
      requirePermission(ctx, 'edit_records')
      checkId(id)
      return db.transaction().execute(async trx => {
        const project = await findInPartnership(trx, target('project', ctx), id)
        if (project.startDate && input.evaluationCompletedOn < project.startDate) {
          throw new ValidationError({ 'completedOn-day': 'Date must be the same as or after the project’s start date' })
        }
        return auditedUpdate(trx, ctx.actor, target('project', ctx), id, input, clock.now())
      })
    },

    async deleteProject(ctx: PartnershipContext, id: number) {
      requirePermission(ctx, 'edit_records')
      checkId(id)
      try {
        await db.transaction().execute(trx => auditedDelete(trx, ctx.actor, target('project', ctx), id))
      } catch (error) {
        if (isForeignKeyViolation(error)) {
          throw new ConflictError(
            'This project cannot be deleted while money is allocated to it. Delete or change those allocations first.',
          )
        }
        throw error
      }
    },

    // --- Downloads --------------------------------------------------------------------------------

    /**
     * A year's funding as tables: the figures, then one sheet per kind of entry. The CSV holds the
     * ledger (every entry, one row each) with the figures as notes beneath.
     */
    async exportYear(
      ctx: PartnershipContext,
      startYear: number,
    ): Promise<{ summary: YearSummary; ledger: Table; sheets: Table[] }> {
      requirePermission(ctx, 'view')
      const summary = await service.yearSummary(ctx, startYear)
      const label = summary.year.label
      const pounds = penceToPounds
      const figureOrder = FIGURE_NAMES
      const figuresTable: Table = {
        name: `Summary ${label}`,
        headers: ['Figure', 'Amount (£)', 'Entries'],
        rows: figureOrder.map(name => [
          FIGURE_LABELS[name],
          pounds(summary.figures[name].totalPence),
          summary.figures[name].lines.length,
        ]),
        notes: [
          `${summary.partnership.name}: funding ${label}. Amounts in pounds.`,
          `Generated by CSP Hub on ${formatDate(summary.generatedAt, 'datetime')}.`,
        ],
      }
      const ledger: Table = {
        name: `Ledger ${label}`,
        headers: [
          'Entry',
          'Number',
          'Date',
          'Description',
          'Organisation or fund',
          'Status',
          'Counted as available',
          'Allocation',
          'Amount (£)',
          'Notes',
        ],
        rows: [
          ...summary.streams.map(s => [
            ENTRY_KIND_LABELS.stream,
            s.id,
            '',
            s.name,
            s.funder,
            s.statusLabel,
            s.counted ? 'Yes' : 'No',
            '',
            pounds(s.amountPence),
            [
              s.split
                ? `${s.split} split: ${money(s.automaticPence)} paid automatically, ${money(s.commissionedPence)} against the action plan`
                : '',
              s.conditions ?? '',
              s.notes ?? '',
            ]
              .filter(Boolean)
              .join('. '),
          ]),
          ...summary.rollOvers.map(r => [
            ENTRY_KIND_LABELS.roll_over,
            r.id,
            r.approvedOn ?? '',
            r.reason ?? 'Roll-over',
            r.approvedBy ?? '',
            'Approved',
            'Yes',
            '',
            pounds(r.amountPence),
            '',
          ]),
          ...summary.contributions.map(c => [
            ENTRY_KIND_LABELS.contribution,
            c.id,
            '',
            `${c.natureLabel} contribution`,
            c.organisationName,
            c.statusLabel,
            c.counted ? 'Yes' : 'No',
            '',
            pounds(c.amountPence),
            c.notes ?? '',
          ]),
          ...summary.bids.map(b => [
            ENTRY_KIND_LABELS.bid,
            b.id,
            b.decidedOn ?? b.submittedOn ?? '',
            b.purpose,
            b.fund,
            b.statusLabel,
            b.counted ? 'Yes' : 'No',
            '',
            pounds(b.amountAwardedPence ?? b.amountRequestedPence),
            `Requested ${money(b.amountRequestedPence)}${b.amountAwardedPence !== null ? `, awarded ${money(b.amountAwardedPence)}` : ''}${b.notes ? `. ${b.notes}` : ''}`,
          ]),
          ...summary.allocations.map(a => [
            ENTRY_KIND_LABELS.allocation,
            a.id,
            '',
            a.purpose,
            a.target,
            '',
            '',
            a.purpose,
            pounds(a.amountPence),
            a.notes ?? '',
          ]),
          ...summary.spend.map(s => [
            ENTRY_KIND_LABELS.spend,
            s.id,
            s.spentOn,
            s.description,
            s.payee ?? '',
            s.statusLabel,
            '',
            s.allocationPurpose,
            pounds(s.amountPence),
            s.reference ? `Reference ${s.reference}` : '',
          ]),
        ],
        notes: [
          ...figureOrder.map(name => `${FIGURE_LABELS[name]}: ${money(summary.figures[name].totalPence)}`),
          `${summary.partnership.name}: funding ${label}. Amounts in pounds. Generated by CSP Hub on ${formatDate(summary.generatedAt, 'datetime')}.`,
        ],
      }
      const sheets: Table[] = [
        figuresTable,
        {
          name: 'Funding streams',
          headers: [
            'Name',
            'Funder',
            'Status',
            'Amount (£)',
            'Paid automatically (£)',
            'Against the action plan (£)',
            'Split',
            'Conditions',
            'Notes',
          ],
          rows: summary.streams.map(s => [
            s.name,
            s.funder,
            s.statusLabel,
            pounds(s.amountPence),
            pounds(s.automaticPence),
            pounds(s.commissionedPence),
            s.split ?? 'None',
            s.conditions,
            s.notes,
          ]),
        },
        {
          name: 'Roll-over',
          headers: ['Amount (£)', 'Approved on', 'Approved by', 'Reason'],
          rows: summary.rollOvers.map(r => [pounds(r.amountPence), r.approvedOn, r.approvedBy, r.reason]),
        },
        {
          name: 'Partner contributions',
          headers: ['Organisation', 'Capital or revenue', 'Status', 'Amount (£)', 'Notes'],
          rows: summary.contributions.map(c => [
            c.organisationName,
            c.natureLabel,
            c.statusLabel,
            pounds(c.amountPence),
            c.notes,
          ]),
        },
        {
          name: 'Bids',
          headers: [
            'Fund',
            'Funder',
            'For',
            'Project',
            'Status',
            'Requested (£)',
            'Awarded (£)',
            'Submitted on',
            'Decided on',
            'Notes',
          ],
          rows: summary.bids.map(b => [
            b.fund,
            b.funder,
            b.purpose,
            b.projectName,
            b.statusLabel,
            pounds(b.amountRequestedPence),
            b.amountAwardedPence === null ? null : pounds(b.amountAwardedPence),
            b.submittedOn,
            b.decidedOn,
            b.notes,
          ]),
        },
        {
          name: 'Allocations',
          headers: [
            'Allocated to',
            'For',
            'Allocated (£)',
            'Spent (£)',
            'Committed (£)',
            'Remaining (£)',
            'Forecast spend (£)',
            'Forecast underspend (£)',
            'Notes',
          ],
          rows: summary.allocations.map(a => [
            a.purpose,
            a.target,
            pounds(a.amountPence),
            pounds(a.spentPence),
            pounds(a.committedPence),
            pounds(a.remainingPence),
            pounds(a.forecastSpendPence),
            pounds(a.forecastUnderspendPence),
            a.notes,
          ]),
        },
        {
          name: 'Spend',
          headers: ['Date', 'Allocation', 'Description', 'Payee', 'Reference', 'Status', 'Amount (£)'],
          rows: summary.spend.map(s => [
            s.spentOn,
            s.allocationPurpose,
            s.description,
            s.payee,
            s.reference,
            s.statusLabel,
            pounds(s.amountPence),
          ]),
        },
      ]
      return { summary, ledger, sheets }
    },
  }
  return service
}

export type FundingService = ReturnType<typeof fundingService>
