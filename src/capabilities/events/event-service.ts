import { allows, requirePermission, type PartnershipContext } from '../../core/access/partnership-context.ts'
import { auditLog } from '../../core/audit/audit-log.ts'
import { financialYearLabel, quarterLabel, type Quarter } from '../../core/calendar/index.ts'
import type { Block, DocumentSection } from '../../core/documents/model.ts'
import type { Db } from '../../db/database.ts'
import type { Clock } from '../../shared/clock.ts'
import { NotFoundError, ValidationError } from '../../shared/errors.ts'
import { formatDate, formatMoney } from '../../shared/format.ts'
import type { DutyDirectory } from '../statutory-duties/index.ts'

import { EVENT_KIND_LABELS, feedbackText, inQuarter, inYear, ledgerKey, parseLedgerKey, totals, type LedgerLine } from './domain/events.ts'
import type { EventInput } from './event-forms.ts'
import { eventRepository as repo, type EventRow } from './event-repository.ts'

/** The funding ledger's lines an event can draw its cost from, read through the funding capability. */
export interface FundingLedger {
  lines(ctx: PartnershipContext): Promise<LedgerLine[]>
}

/** Which report a section is for: its kind, financial year and (for a quarterly update) quarter. */
export interface ReportPeriod {
  kind: string
  year: number
  quarter: Quarter | null
}

/**
 * Events and campaigns: recorded by coordinators, read by the partnership's members, linked to the plan's
 * actions they deliver and to the funding line that paid for them; listed in the quarterly update and the
 * scrutiny report.
 */
export function eventService({ db, clock, directory, ledger }: { db: Db; clock: Clock; directory: DutyDirectory; ledger: FundingLedger }) {
  async function find(ctx: PartnershipContext, id: number): Promise<EventRow> {
    requirePermission(ctx, 'view')
    const event = await repo.find(db, ctx.partnership.id, id)
    if (!event) throw new NotFoundError('Event')
    return event
  }

  /** Events with the names of their ward, partners, actions and cost line, as the pages and documents show them. */
  async function described(ctx: PartnershipContext, events: readonly EventRow[]) {
    const [wards, organisations, actions, lines] = await Promise.all([directory.wards(ctx), directory.organisations(ctx), directory.actions(ctx), ledger.lines(ctx)])
    const lineOf = new Map(lines.map(l => [l.key, l]))
    return events.map(event => {
      const key = event.fundingSpendId ? ledgerKey('spend', event.fundingSpendId) : event.fundingAllocationId ? ledgerKey('allocation', event.fundingAllocationId) : null
      const line = key ? (lineOf.get(key) ?? null) : null
      return {
        ...event,
        kindLabel: EVENT_KIND_LABELS[event.kind],
        ward: wards.find(w => w.id === event.areaId)?.name ?? null,
        partners: organisations.filter(o => event.organisationIds.includes(o.id)).map(o => o.name),
        actions: actions.filter(a => event.actionIds.includes(a.id)),
        ledgerKey: key,
        costLine: line,
        costPence: line?.costPence ?? null,
        feedback: feedbackText(event),
      }
    })
  }

  async function check(ctx: PartnershipContext, input: EventInput) {
    const errors: Record<string, string> = {}
    const [wards, organisations, actions, lines] = await Promise.all([directory.wards(ctx), directory.organisations(ctx), directory.actions(ctx), ledger.lines(ctx)])
    if (input.areaId !== null && !wards.some(w => w.id === input.areaId)) errors.areaId = 'Select a ward from the list'
    if (input.organisationIds.some(id => !organisations.some(o => o.id === id))) errors.organisationIds = 'Select partners from the list'
    if (input.actionIds.some(id => !actions.some(a => a.id === id))) errors.actionIds = 'Select actions from the list'
    const line = parseLedgerKey(input.ledgerLine)
    if (input.ledgerLine && (!line || !lines.some(l => l.key === input.ledgerLine))) errors.ledgerLine = 'Select a funding line from the list'
    if (Object.keys(errors).length) throw new ValidationError(errors)
    return { fundingAllocationId: line?.kind === 'allocation' ? line.id : null, fundingSpendId: line?.kind === 'spend' ? line.id : null }
  }

  const service = {
    async list(ctx: PartnershipContext) {
      requirePermission(ctx, 'view')
      return described(ctx, await repo.list(db, ctx.partnership.id))
    },

    async event(ctx: PartnershipContext, id: number) {
      return (await described(ctx, [await find(ctx, id)]))[0]!
    },

    /** What the form offers: wards, partners, the plans' actions and the funding ledger's lines. */
    async choices(ctx: PartnershipContext) {
      requirePermission(ctx, 'view')
      const [wards, organisations, actions, lines] = await Promise.all([directory.wards(ctx), directory.organisations(ctx), directory.actions(ctx), ledger.lines(ctx)])
      return {
        wards: wards.map(w => ({ value: w.id, text: w.name })),
        organisations: organisations.map(o => ({ value: String(o.id), text: o.name })),
        actions: actions.map(a => ({ value: String(a.id), text: a.label })),
        lines: lines.map(l => ({ value: l.key, text: `${financialYearLabel(l.year)}: ${l.label} (${formatMoney(l.costPence)})` })),
      }
    },

    async save(ctx: PartnershipContext, id: number | null, input: EventInput) {
      requirePermission(ctx, 'edit_records')
      const before = id === null ? null : await find(ctx, id)
      const funding = await check(ctx, input)
      const { organisationIds, actionIds, ledgerLine: _line, ...fields } = input
      const values = { ...fields, startsOn: input.startsOn!, ...funding }
      return db.transaction().execute(async trx => {
        const row = before
          ? await trx.updateTable('events').set({ ...values, updatedAt: clock.now() }).where('id', '=', before.id).where('partnershipId', '=', ctx.partnership.id).returningAll().executeTakeFirstOrThrow()
          : await trx.insertInto('events').values({ ...values, partnershipId: ctx.partnership.id }).returningAll().executeTakeFirstOrThrow()
        await repo.setLinks(trx, ctx.partnership.id, row.id, organisationIds, actionIds)
        await auditLog.record(trx, ctx.actor, {
          partnershipId: ctx.partnership.id,
          action: before ? 'update' : 'create',
          entityType: 'event',
          entityId: row.id,
          summary: `${before ? 'Updated' : 'Added'} ${EVENT_KIND_LABELS[row.kind].toLowerCase()} “${row.title}”`,
          before,
          after: { ...row, organisationIds, actionIds },
        })
        return row
      })
    },

    async remove(ctx: PartnershipContext, id: number) {
      requirePermission(ctx, 'edit_records')
      const before = await find(ctx, id)
      await db.transaction().execute(async trx => {
        await trx.deleteFrom('events').where('id', '=', id).where('partnershipId', '=', ctx.partnership.id).execute()
        await auditLog.record(trx, ctx.actor, { partnershipId: ctx.partnership.id, action: 'delete', entityType: 'event', entityId: id, summary: `Deleted ${EVENT_KIND_LABELS[before.kind].toLowerCase()} “${before.title}”`, before })
      })
      return before
    },

    /** The events that deliver a priority's actions, for the thread from evidence to money. */
    async forActions(ctx: PartnershipContext, actionIds: readonly number[]) {
      if (!allows(ctx, 'view')) return []
      return described(ctx, (await repo.list(db, ctx.partnership.id)).filter(e => e.actionIds.some(id => actionIds.includes(id))))
    },

    /** The events of a report's period: the quarter of a quarterly update, the year of the annual report. */
    async inPeriod(ctx: PartnershipContext, year: number, quarter: Quarter | null) {
      const events = await service.list(ctx)
      return events.filter(e => (quarter ? inQuarter(e, year, quarter) : inYear(e, year))).sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.id - b.id)
    },

    /**
     * The "Events and campaigns" section of the quarterly update (the quarter's events) and of the annual report
     * to the scrutiny committee (the year's, with the totals); none for other reports.
     */
    async reportSections(ctx: PartnershipContext, report: ReportPeriod): Promise<DocumentSection[]> {
      const quarterly = report.kind === 'quarterly_plan_update' && report.quarter !== null
      if (!allows(ctx, 'view') || !(quarterly || report.kind === 'annual_scrutiny_report')) return []
      const events = await service.inPeriod(ctx, report.year, quarterly ? report.quarter : null)
      const period = quarterly ? quarterLabel(report.year, report.quarter!) : financialYearLabel(report.year)
      if (!events.length) return [{ heading: 'Events and campaigns', blocks: [{ kind: 'paragraph', text: `No events or campaigns are recorded for ${period}.` }] }]
      const sum = totals(events)
      const blocks: Block[] = [
        {
          kind: 'paragraph',
          text: `${sum.events} ${sum.events === 1 ? 'event or campaign' : 'events and campaigns'} in ${period}${sum.reachRecorded ? `, reaching ${sum.reach.toLocaleString('en-GB')} people${sum.reachRecorded < sum.events ? ` (at the ${sum.reachRecorded} that counted them)` : ''}` : ''}${sum.costRecorded ? `, at a cost of ${formatMoney(sum.costPence)} from the funding ledger${sum.costRecorded < sum.events ? ` (for the ${sum.costRecorded} with a funding line)` : ''}` : ''}.`,
        },
        {
          kind: 'table',
          caption: `Events and campaigns in ${period}`,
          size: 'small',
          columns: [
            { header: 'Date', width: 1.3 },
            { header: 'Event or campaign', width: 2.6 },
            { header: 'Ward', width: 1.3 },
            { header: 'Audience and reach', width: 2 },
            { header: 'Partners', width: 2 },
            { header: 'Cost', width: 1.1, numeric: true },
            { header: 'Feedback', width: 2 },
            { header: 'Actions it delivers', width: 2.6 },
          ],
          rows: events.map(e => ({
            cells: [
              e.endsOn && e.endsOn !== e.startsOn ? `${formatDate(e.startsOn)} to ${formatDate(e.endsOn)}` : formatDate(e.startsOn),
              { lines: [{ text: e.title }, { text: e.kindLabel, small: true }] },
              e.ward ?? '',
              { lines: [...(e.audience ? [e.audience] : []), ...(e.reach !== null ? [`${e.reach.toLocaleString('en-GB')} reached`] : [])] },
              e.partners.join(', '),
              e.costPence === null ? '' : formatMoney(e.costPence),
              e.feedback,
              { lines: e.actions.map(a => ({ text: a.title, bullet: true })) },
            ],
          })),
        },
      ]
      return [{ heading: 'Events and campaigns', orientation: 'landscape', blocks }]
    },
  }
  return service
}
export type EventService = ReturnType<typeof eventService>
