import type { Db } from '../../../db/database.ts'
import { isUniqueViolation } from '../../../db/errors.ts'
import type { Clock } from '../../../shared/clock.ts'
import { ConflictError, NotFoundError, ValidationError } from '../../../shared/errors.ts'
import type { Table } from '../../../shared/spreadsheet.ts'
import { auditedDelete, auditedInsert, auditedUpdate } from '../../../core/audit/audited-changes.ts'
import { allows, requirePermission, type PartnershipContext } from '../../../core/access/partnership-context.ts'
import { financialYearLabel } from '../../../core/calendar/index.ts'
import { availableByDistrict } from '../domain/districts.ts'
import {
  ALLOCATION_KIND_LABELS,
  BID_STATUS_LABELS,
  NATURE_LABELS,
  SPEND_STATUS_LABELS,
  STATUS_LABELS,
  isCounted,
  notCountedReason,
  splitGrant,
  splitLabel,
  type FigureName,
  type ReportFundingSummary,
} from '../domain/funding.ts'
import { sumPence, type Pence } from '../domain/money.ts'
import { changeSinceLastYear } from '../domain/year-change.ts'
import { summariseYear } from '../domain/year-figures.ts'
import { warningsFor } from '../domain/warnings.ts'
import { requireOrganisation, target } from '../funding-records.ts'
import type { ProjectService } from '../projects/project-service.ts'

import type { YearDetailsInput, YearInput } from './ledger-forms.ts'
import { ledgerRepository as repo, type YearRecords } from './ledger-repository.ts'
import { yearTables } from './year-export.ts'
import { forPublic, reportFundingSummary } from './year-report.ts'
import { administeredViews, allocationTarget, entriesOf, heading, money, type YearHeading, type YearSummary } from './year-summary.ts'

/** A recorded year of the partnership, or a 404. */
export async function findYear(executor: Db, ctx: PartnershipContext, startYear: number) {
  if (!Number.isSafeInteger(startYear)) throw new NotFoundError('Funding year')
  const year = await repo.year(executor, ctx.partnership.id, startYear)
  if (!year) throw new NotFoundError('Funding year')
  return year
}

/** The figures of a year, computed from its entries. */
export async function figuresOf(executor: Db, year: YearRecords['year']) {
  const records = await repo.records(executor, year)
  return { records, summary: summariseYear(entriesOf(records)) }
}

/**
 * The funding years: recording, changing and deleting one, and the year summary with its figures (for
 * the year page, the annual report, the downloads and the API).
 */
export function yearService({ db, clock }: { db: Db; clock: Clock }, projects: Pick<ProjectService, 'projects'>) {
  async function neighbours(ctx: PartnershipContext, startYear: number) {
    const [previous, next] = await Promise.all([repo.year(db, ctx.partnership.id, startYear - 1), repo.year(db, ctx.partnership.id, startYear + 1)])
    const previousFigures = previous ? await figuresOf(db, previous) : null
    const nextRollOvers = next ? (await repo.records(db, next)).rollOvers : []
    const forecast = previousFigures?.summary.figures.forecastUnderspend
    return {
      previousRecords: previousFigures?.records ?? null,
      previousYear:
        previous && forecast
          ? {
              startYear: previous.startYear,
              label: financialYearLabel(previous.startYear),
              forecastUnderspendPence: forecast.withheld ? null : forecast.totalPence,
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

  /**
   * The year summary: available, allocated, unallocated, spent, committed, forecast spend and forecast
   * underspend, each with the entries that make it up. The annual report's "resource implications"
   * section calls this. The public gets the public version (see year-summary.ts).
   */
  async function yearSummary(ctx: PartnershipContext, startYear: number): Promise<YearSummary> {
    requirePermission(ctx, 'view_published')
    const year = await findYear(db, ctx, startYear)
    const { records, summary } = await figuresOf(db, year)
    const { previousYear, rolledForward, previousRecords } = await neighbours(ctx, startYear)
    const districts = await repo.districts(db, ctx.partnership.id)
    const districtName = new Map(districts.map(d => [d.id, d.name]))
    const byAllocation = new Map(summary.allocations.map(a => [a.allocationId, a]))
    const streamName = new Map(records.streams.map(s => [s.id, s.name]))
    const entries = entriesOf(records)
    const streams = records.streams.map(s => {
      const split = s.amountPence === null ? null : splitGrant(s.amountPence, s.automaticPercent)
      return {
        ...s,
        automaticPence: split?.automaticPence ?? null,
        commissionedPence: split?.commissionedPence ?? null,
        split: splitLabel(s.automaticPercent),
        counted: isCounted.stream(s),
        notCounted: notCountedReason(s),
        statusLabel: STATUS_LABELS[s.status],
        natureLabel: NATURE_LABELS[s.nature],
        districtName: s.areaId === null ? null : (districtName.get(s.areaId) ?? null),
        shares: s.districtShares.map(share => ({ name: districtName.get(share.areaId) ?? 'A district no longer recorded', amountPence: share.amountPence })),
      }
    })
    const allocations = records.allocations.map(a => ({
      ...a,
      ...byAllocation.get(a.id)!,
      target: allocationTarget(a),
      kindLabel: ALLOCATION_KIND_LABELS[a.kind],
      natureLabel: NATURE_LABELS[a.nature],
      administeredStreamName: a.administeredStreamId === null ? null : (streamName.get(a.administeredStreamId) ?? null),
    }))
    const full: YearSummary = {
      partnership: { id: ctx.partnership.id, name: ctx.partnership.name },
      year: heading(year),
      audience: 'partnership',
      figures: summary.figures,
      byNature: summary.byNature,
      nothingAllocated: summary.nothingAllocated,
      streams,
      rollOvers: records.rollOvers.map(r => ({ ...r, natureLabel: NATURE_LABELS[r.nature] })),
      reserves: records.reserves.map(r => ({ ...r, natureLabel: NATURE_LABELS[r.nature] })),
      contributions: records.contributions.map(c => ({
        ...c,
        counted: isCounted.contribution(c),
        notCounted: notCountedReason(c),
        statusLabel: STATUS_LABELS[c.status],
        natureLabel: NATURE_LABELS[c.nature],
      })),
      bids: records.bids.map(b => ({ ...b, counted: isCounted.bid(b), statusLabel: BID_STATUS_LABELS[b.status], natureLabel: NATURE_LABELS[b.nature] })),
      allocations,
      spend: records.spend.map(s => ({ ...s, statusLabel: SPEND_STATUS_LABELS[s.status] })),
      unknownAmounts: summary.unknownAmounts,
      administered: administeredViews({ streams, allocations }),
      byDistrict: availableByDistrict(entries, summary, districts),
      change: previousRecords ? changeSinceLastYear(entries, entriesOf(previousRecords), startYear - 1, money) : null,
      warnings: warningsFor(entries, summary, previousYear, money),
      previousYear,
      rolledForward,
      generatedAt: clock.now(),
    }
    return allows(ctx, 'view') ? full : forPublic(full)
  }

  return {
    /** The funding years with their headline figures, newest first; projects and overdue evaluations for members. */
    async overview(ctx: PartnershipContext) {
      requirePermission(ctx, 'view_published')
      const years = await repo.years(db, ctx.partnership.id)
      const rows = []
      for (const year of years) {
        const { summary } = await figuresOf(db, year)
        const totals = Object.fromEntries(Object.entries(summary.figures).map(([name, figure]) => [name, figure.withheld ? null : figure.totalPence])) as Record<FigureName, Pence | null>
        rows.push({ ...heading(year), totals, nothingAllocated: summary.nothingAllocated })
      }
      const list = allows(ctx, 'view') ? await projects.projects(ctx) : []
      return { years: rows, projects: list, overdueEvaluations: list.filter(p => p.evaluation.state === 'overdue') }
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
        if (isUniqueViolation(error)) throw new ValidationError({ startYear: `${financialYearLabel(input.startYear)} has already been added` })
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
        if (count > 0) throw new ConflictError(`${financialYearLabel(startYear)} still has ${count} ${count === 1 ? 'entry' : 'entries'}. Delete them first.`)
        await auditedDelete(trx, ctx.actor, target('year', ctx), year.id)
      })
    },

    yearSummary,

    /**
     * The year's money for the annual report ("resource implications"), or null when the year has not
     * been recorded. Respects the viewer: the public gets the public summary's figures.
     */
    async reportSummary(ctx: PartnershipContext, startYear: number): Promise<ReportFundingSummary | null> {
      requirePermission(ctx, 'view_published')
      if (!Number.isSafeInteger(startYear) || !(await repo.year(db, ctx.partnership.id, startYear))) return null
      return reportFundingSummary(await yearSummary(ctx, startYear))
    },

    /** A year's funding as tables, for the CSV ledger and the XLSX workbook (see year-export.ts). */
    async exportYear(ctx: PartnershipContext, startYear: number): Promise<{ summary: YearSummary; ledger: Table; sheets: Table[] }> {
      requirePermission(ctx, 'view')
      const summary = await yearSummary(ctx, startYear)
      return { summary, ...yearTables(summary) }
    },
  }
}

export type YearService = ReturnType<typeof yearService>
