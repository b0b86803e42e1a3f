import ical from 'ical-generator'

import { requirePermission, type PartnershipContext } from '../../core/access/partnership-context.ts'
import type { Viewer } from '../../core/access/roles.ts'
import { auditLog } from '../../core/audit/audit-log.ts'
import { auditedDelete, auditedInsert, auditedUpdate, findInPartnership, type ChangeTarget } from '../../core/audit/audited-changes.ts'
import { financialYearOfDay, quarterDates, ukDate, type IsoDate, type Quarter } from '../../core/calendar/index.ts'
import type { Db } from '../../db/database.ts'
import type { Clock } from '../../shared/clock.ts'
import { formatDate } from '../../shared/format.ts'
import { hashToken, newToken } from '../../shared/tokens.ts'
import { NotFoundError, ValidationError } from '../../shared/errors.ts'
import type { PartnershipService } from '../partnerships/index.ts'
import type { PlanService } from '../plans/index.ts'

import type { DateInput } from './calendar-forms.ts'
import { calendarWindow, dateState, dutyRule, OWN_DATE, ruleDates, type DateState, type DutyPlace } from './domain/duties.ts'

/**
 * The statutory calendar: the rules' dates for each year, as the partnership changed them, with its own;
 * which are done (some known from the records: a plan agreed for next year, every quarterly update in),
 * due and overdue; the iCalendar feed at a secret address that Outlook subscribes to.
 */

export interface CalendarEntry {
  /** The row that changed or added the date, if any. */
  id: number | null
  duty: string
  period: string
  title: string
  basis: string | null
  dueOn: IsoDate
  doneOn: IsoDate | null
  /** Done known from the records rather than marked by hand. */
  doneFromRecords: boolean
  notes: string | null
  state: DateState
  /** Where the duty is done. */
  href: string
  isOwn: boolean
  /** A deadline one of the partnership's records sets (a death review's): changed on that record, not here. */
  isRecord: boolean
}

/** A deadline a record sets, as the capability that keeps the record gives it. */
export interface RecordDeadline {
  key: string
  title: string
  /** Which duty, e.g. 'Domestic abuse related death review'. */
  duty: string
  dueOn: IsoDate
  doneOn: IsoDate | null
  href: string
}

/**
 * What the statutory duties' records tell the calendar, wired in src/services.ts from the public surfaces of
 * the capabilities that keep them: deadlines records set, and the rule duties the records show done.
 */
export interface DutyRecords {
  /** Deadlines the records set (a death review's), as this viewer may see them: none for a viewer without access. */
  deadlines(ctx: PartnershipContext): Promise<RecordDeadline[]>
  /** The financial years whose ASB case review figures the partnership has published, and the day each was. */
  asbFiguresPublished(ctx: PartnershipContext): Promise<{ year: number; publishedOn: IsoDate }[]>
  /** The days a Serious Violence Duty strategy was dated or reviewed. */
  violenceStrategyReviewed(ctx: PartnershipContext): Promise<IsoDate[]>
  /** Where those duties are done. */
  places: { asbFigures(partnershipId: number, year: number): string; seriousViolence(partnershipId: number): string }
}

const ASB_FIGURES_DUTY = 'asb-case-review-figures'
const VIOLENCE_REVIEW_DUTY = 'serious-violence-strategy-review'

const FEED_ACTOR = { userId: null, label: 'CSP Hub (calendar)' }
const SYSTEM_VIEWER: Viewer = { userId: 0, isSiteAdmin: true, roles: new Map() }

function placeHref(partnershipId: number, place: DutyPlace): string {
  const base = `/partnerships/${partnershipId}`
  return { assessment: `${base}/strategic-assessment`, plans: `${base}/plans`, reports: `${base}/reports`, funding: `${base}/funding`, calendar: `${base}/calendar` }[place]
}

export function calendarService({ db, clock, baseUrl, plans, partnerships, duties }: { db: Db; clock: Clock; baseUrl: string; plans: PlanService; partnerships: PartnershipService; duties?: DutyRecords }) {
  const target = (ctx: PartnershipContext): ChangeTarget<'calendarDates'> => ({ table: 'calendarDates', partnershipId: ctx.partnership.id, entityType: 'calendar date', describe: row => `${row.title} (${row.dueOn})` })

  /** Done from the records: next year's plan agreed; every action's update in for a quarter that has ended. */
  async function doneFromRecords(ctx: PartnershipContext, years: number[], today: IsoDate): Promise<Map<string, IsoDate>> {
    const done = new Map<string, IsoDate>()
    const agreed = (await plans.list(ctx)).filter(plan => plan.status === 'agreed')
    for (const year of years) {
      const next = agreed.find(plan => plan.planYear === year + 1)
      if (next) done.set(`plan-refresh ${year}`, next.agreedOn ?? ukDate(next.updatedAt))
      const plan = agreed.find(p => p.planYear === year)
      if (!plan) continue
      const view = await plans.planView(ctx, plan.id, today)
      const actions = view.priorities.flatMap(priority => priority.actions).filter(action => action.status === 'open')
      for (const quarter of [1, 2, 3, 4] as Quarter[]) {
        const last = quarterDates(year, quarter).last
        if (last >= today) continue
        const expected = actions.filter(action => action.quarters.length === 0 || action.quarters.includes(quarter))
        const posted = expected.map(action => action.updates.filter(u => u.quarter >= quarter).map(u => ukDate(u.createdAt)).sort()[0])
        if (posted.every(day => day !== undefined)) done.set(`quarterly-updates ${year}Q${quarter}`, (posted as IsoDate[]).sort().at(-1) ?? last)
      }
    }
    if (duties) {
      // The ASB case review figures of the year before, published; a Serious Violence Duty strategy dated or reviewed in the year.
      const published = new Map((await duties.asbFiguresPublished(ctx)).map(p => [p.year, p.publishedOn]))
      const reviewed = (await duties.violenceStrategyReviewed(ctx)).sort()
      for (const year of years) {
        const figures = published.get(year - 1)
        if (figures) done.set(`${ASB_FIGURES_DUTY} ${year}`, figures)
        const review = reviewed.find(day => financialYearOfDay(day) === year)
        if (review) done.set(`${VIOLENCE_REVIEW_DUTY} ${year}`, review)
      }
    }
    return done
  }

  /** Where a rule's duty is done: the duty's own page where the records show it. */
  function ruleHref(partnershipId: number, duty: string, period: string, place: DutyPlace): string {
    if (duties && duty === ASB_FIGURES_DUTY) return duties.places.asbFigures(partnershipId, Number(period) - 1)
    if (duties && duty === VIOLENCE_REVIEW_DUTY) return duties.places.seriousViolence(partnershipId)
    return placeHref(partnershipId, place)
  }

  /** Every date of the calendar's window (a year back to a year ahead), by due date. */
  async function entries(ctx: PartnershipContext, today: IsoDate): Promise<CalendarEntry[]> {
    const window = calendarWindow(today)
    const years: number[] = []
    for (let year = financialYearOfDay(today); year <= financialYearOfDay(window.to); year++) years.push(year)
    const rows = await db.selectFrom('calendarDates').selectAll().where('partnershipId', '=', ctx.partnership.id).execute()
    const changed = new Map(rows.filter(row => row.duty !== OWN_DATE).map(row => [`${row.duty} ${row.period}`, row]))
    const fromRecords = await doneFromRecords(ctx, years, today)
    const pid = ctx.partnership.id
    const list: CalendarEntry[] = []
    for (const year of years) {
      for (const rule of ruleDates(year)) {
        const key = `${rule.duty} ${rule.period}`
        const row = changed.get(key)
        const recorded = fromRecords.get(key) ?? null
        const doneOn = row?.doneOn ?? recorded
        const dueOn = row?.dueOn ?? rule.dueOn
        list.push({ id: row?.id ?? null, duty: rule.duty, period: rule.period, title: rule.title, basis: rule.basis, dueOn, doneOn, doneFromRecords: !row?.doneOn && recorded !== null, notes: row?.notes ?? null, state: dateState(dueOn, doneOn, today), href: ruleHref(pid, rule.duty, rule.period, rule.place), isOwn: false, isRecord: false })
      }
    }
    for (const row of rows.filter(r => r.duty === OWN_DATE)) {
      list.push({ id: row.id, duty: OWN_DATE, period: '', title: row.title, basis: null, dueOn: row.dueOn, doneOn: row.doneOn, doneFromRecords: false, notes: row.notes, state: dateState(row.dueOn, row.doneOn, today), href: `${placeHref(pid, 'calendar')}/dates/${row.id}/edit`, isOwn: true, isRecord: false })
    }
    for (const d of duties ? await duties.deadlines(ctx) : []) {
      list.push({ id: null, duty: 'record', period: d.key, title: d.title, basis: d.duty, dueOn: d.dueOn, doneOn: d.doneOn, doneFromRecords: d.doneOn !== null, notes: null, state: dateState(d.dueOn, d.doneOn, today), href: d.href, isOwn: false, isRecord: true })
    }
    // The window: this financial year's duties and next year's up to a year ahead; own dates from a year back.
    return list.filter(entry => entry.dueOn <= window.to && (!(entry.isOwn || entry.isRecord) || entry.dueOn >= window.from || entry.state !== 'done')).sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.title.localeCompare(b.title))
  }

  async function dateRow(ctx: PartnershipContext, id: number) {
    requirePermission(ctx, 'edit_records')
    return findInPartnership(db, target(ctx), id)
  }

  return {
    async calendar(ctx: PartnershipContext) {
      requirePermission(ctx, 'view')
      const today = ukDate(clock.now())
      const list = await entries(ctx, today)
      const feed = await db.selectFrom('calendarFeeds').select('createdAt').where('partnershipId', '=', ctx.partnership.id).executeTakeFirst()
      return { today, entries: list, feedSince: feed?.createdAt ?? null }
    },

    /** What is overdue or due within 30 days, as lines for the coordinators' digest. */
    async digestLines(ctx: PartnershipContext, today: IsoDate): Promise<string[]> {
      const list = await entries(ctx, today)
      // Record deadlines (the death reviews') are for those who may see the records, not for the digest.
      return list
        .filter(entry => !entry.isRecord && (entry.state === 'overdue' || entry.state === 'due_soon'))
        .map(entry => `${entry.state === 'overdue' ? 'OVERDUE' : 'Due'} ${formatDate(entry.dueOn)}: ${entry.title} (${baseUrl}${entry.href})`)
    },

    /** A rule's date for the form that changes it, or a blank own date. */
    async blankDate(ctx: PartnershipContext, duty: string | undefined, period: string | undefined) {
      requirePermission(ctx, 'edit_records')
      if (!duty) return { duty: OWN_DATE, period: '', title: '', dueOn: '', doneOn: '', notes: '' }
      const year = Number((period ?? '').slice(0, 4))
      const rule = dutyRule(duty) && Number.isSafeInteger(year) ? ruleDates(year).find(d => d.duty === duty && d.period === period) : undefined
      if (!rule) throw new NotFoundError('Date')
      return { duty, period: rule.period, title: rule.title, dueOn: rule.dueOn, doneOn: '', notes: '' }
    },

    date: dateRow,

    /** Change a rule's date (its first change makes the partnership's row) or add a date of its own. */
    async addDate(ctx: PartnershipContext, input: DateInput) {
      requirePermission(ctx, 'edit_records')
      let title = input.title
      let duty = OWN_DATE
      let period = ''
      if (input.duty && input.duty !== OWN_DATE) {
        const rule = (await this.blankDate(ctx, input.duty, input.period)) as { duty: string; period: string; title: string }
        ;({ duty, period, title } = rule)
      } else if (!title) {
        throw new ValidationError({ title: 'Enter what is due' })
      }
      return db.transaction().execute(async trx => {
        const existing = duty === OWN_DATE ? undefined : await trx.selectFrom('calendarDates').select('id').where('partnershipId', '=', ctx.partnership.id).where('duty', '=', duty).where('period', '=', period).executeTakeFirst()
        const values = { dueOn: input.dueOn, doneOn: input.doneOn, notes: input.notes }
        if (existing) return auditedUpdate(trx, ctx.actor, target(ctx), existing.id, values, clock.now())
        return auditedInsert(trx, ctx.actor, target(ctx), { duty, period, title, ...values, createdAt: clock.now(), updatedAt: clock.now() })
      })
    },

    async editDate(ctx: PartnershipContext, id: number, input: DateInput) {
      const row = await dateRow(ctx, id)
      if (row.duty === OWN_DATE && !input.title) throw new ValidationError({ title: 'Enter what is due' })
      return db.transaction().execute(trx =>
        auditedUpdate(trx, ctx.actor, target(ctx), id, { ...(row.duty === OWN_DATE ? { title: input.title } : {}), dueOn: input.dueOn, doneOn: input.doneOn, notes: input.notes }, clock.now()),
      )
    },

    async deleteDate(ctx: PartnershipContext, id: number) {
      await dateRow(ctx, id)
      return db.transaction().execute(trx => auditedDelete(trx, ctx.actor, target(ctx), id))
    },

    /** A new secret feed address (replacing any earlier one), shown once. */
    async newFeed(ctx: PartnershipContext): Promise<string> {
      requirePermission(ctx, 'edit_records')
      const token = newToken()
      await db.transaction().execute(async trx => {
        const before = await trx.selectFrom('calendarFeeds').select('createdAt').where('partnershipId', '=', ctx.partnership.id).executeTakeFirst()
        await trx
          .insertInto('calendarFeeds')
          .values({ partnershipId: ctx.partnership.id, tokenHash: hashToken(token), createdAt: clock.now() })
          .onConflict(oc => oc.column('partnershipId').doUpdateSet({ tokenHash: hashToken(token), createdAt: clock.now() }))
          .execute()
        await auditLog.record(trx, ctx.actor, {
          partnershipId: ctx.partnership.id,
          action: before ? 'update' : 'create',
          entityType: 'calendar feed',
          entityId: ctx.partnership.id,
          summary: before ? 'Made a new calendar feed address; the old one no longer works' : 'Made a calendar feed address',
        })
      })
      return `${baseUrl}/calendar-feeds/${token}.ics`
    },

    async revokeFeed(ctx: PartnershipContext) {
      requirePermission(ctx, 'edit_records')
      await db.transaction().execute(async trx => {
        const result = await trx.deleteFrom('calendarFeeds').where('partnershipId', '=', ctx.partnership.id).executeTakeFirst()
        if (Number(result.numDeletedRows) === 0) return
        await auditLog.record(trx, ctx.actor, { partnershipId: ctx.partnership.id, action: 'revoke', entityType: 'calendar feed', entityId: ctx.partnership.id, summary: 'Stopped the calendar feed address' })
      })
    },

    /** The iCalendar feed for a secret address, or null when it is not (or no longer) one. */
    async feed(token: string): Promise<string | null> {
      if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null
      const row = await db.selectFrom('calendarFeeds').select('partnershipId').where('tokenHash', '=', hashToken(token)).executeTakeFirst()
      if (!row) return null
      const ctx = await partnerships.contextFor(SYSTEM_VIEWER, row.partnershipId, FEED_ACTOR)
      const today = ukDate(clock.now())
      const calendar = ical({ name: `${ctx.partnership.name}: statutory calendar`, prodId: { company: 'CSP Hub', product: 'statutory-calendar', language: 'EN' } })
      // Never a record's deadline (the death reviews'): anyone with the address sees the feed.
      for (const entry of (await entries(ctx, today)).filter(e => !e.isRecord)) {
        const [y, m, d] = entry.dueOn.split('-').map(Number) as [number, number, number]
        calendar.createEvent({
          id: `${entry.isOwn ? `own-${entry.id}` : `${entry.duty}-${entry.period}`}@${new URL(baseUrl).hostname}/partnerships/${ctx.partnership.id}`,
          start: new Date(y, m - 1, d),
          allDay: true,
          stamp: clock.now(),
          summary: `${entry.doneOn ? 'Done: ' : ''}${entry.title}`,
          description: [entry.basis, entry.notes, entry.doneOn ? `Done on ${formatDate(entry.doneOn)}` : null, `${baseUrl}${entry.href}`].filter(Boolean).join('\n\n'),
          url: `${baseUrl}${entry.href}`,
        })
      }
      return calendar.toString()
    },
  }
}

export type CalendarService = ReturnType<typeof calendarService>
