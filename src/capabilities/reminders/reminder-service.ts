import { requirePermission, type PartnershipContext } from '../../core/access/partnership-context.ts'
import type { Viewer } from '../../core/access/roles.ts'
import type { Actor } from '../../core/audit/audit-entry.ts'
import { auditLog } from '../../core/audit/audit-log.ts'
import { daysBetween, ukDate, type IsoDate } from '../../core/calendar/index.ts'
import type { JobRunner } from '../../core/jobs/index.ts'
import type { OutboxService, Signer } from '../../core/outbox/index.ts'
import type { Db } from '../../db/database.ts'
import type { Logger } from '../../logger.ts'
import type { Clock } from '../../shared/clock.ts'
import { NotFoundError, ValidationError } from '../../shared/errors.ts'
import type { PartnershipService, TeamService } from '../partnerships/index.ts'
import { planPaths, type PlanService } from '../plans/index.ts'

import { digestEmail, reminderEmail, type DigestLine } from './domain/reminder-emails.ts'
import { plannedReminders, settingsProblems, type PlannedReminder, type ReminderKind, type ReminderSettings, type UpdateNeed } from './domain/reminder-rules.ts'
import { reminderRepository as repo } from './reminder-repository.ts'

/**
 * Reminders of quarterly updates: each day a job works out, for every partnership that sends them, which
 * reminders are due and queues them in the outbox (each e-mail once, ever); once a week a digest goes to
 * the coordinators. Just before an e-mail goes, it is checked again: an update posted meanwhile, or an
 * address that asked to stop, and it is skipped. The coordinators see what went and what will go.
 */

export const REMINDER_CATEGORIES: Record<ReminderKind | 'digest', string> = {
  due: 'reminder.due',
  overdue: 'reminder.overdue',
  escalation: 'reminder.escalation',
  digest: 'reminder.digest',
}
const ALL_CATEGORIES = Object.values(REMINDER_CATEGORIES)
export const REMINDER_SCAN_JOB = 'reminders.scan'
export const REMINDER_DIGEST_JOB = 'reminders.digest'
/** How far ahead the digest lists updates falling due. */
const DUE_SOON_DAYS = 14

const SYSTEM_ACTOR: Actor = { userId: null, label: 'CSP Hub (scheduled reminders)' }
const SYSTEM_VIEWER: Viewer = { userId: 0, isSiteAdmin: true, roles: new Map() }

export interface ReminderDeps {
  db: Db
  clock: Clock
  logger: Logger
  baseUrl: string
  plans: PlanService
  partnerships: Pick<PartnershipService, 'contextFor' | 'structure'>
  team: Pick<TeamService, 'team'>
  outbox: OutboxService
  jobs: JobRunner
  signer: Signer
  /** Lines of the statutory calendar for the digest (dates overdue or coming up), if the app has one. */
  calendarLines?: (ctx: PartnershipContext, today: IsoDate) => Promise<string[]>
}

interface Recipient {
  name: string | null
  email: string | null
}

interface WorkItem {
  plan: { id: number; title: string; planYear: number }
  priority: { id: number; title: string; group: { id: number; name: string } | null }
  action: { id: number; title: string; leads: { id: number; name: string }[] }
  need: UpdateNeed
}

export interface PlannedRow {
  item: WorkItem
  reminder: PlannedReminder
  recipient: Recipient
  /** The escalation goes to the coordinators: the priority has no delivering group with a chair to write to. */
  toCoordinators: boolean
  key: string | null
  optedOut: boolean
}

export function reminderService(deps: ReminderDeps) {
  const { db, clock, logger, baseUrl, plans, partnerships, team: teams, outbox, jobs, signer } = deps
  const systemContext = (partnershipId: number) => partnerships.contextFor(SYSTEM_VIEWER, partnershipId, SYSTEM_ACTOR)

  async function stopLink(partnershipId: number, email: string): Promise<string> {
    const signature = await signer.sign(`${partnershipId}:${email}`)
    return `${baseUrl}/reminders/stop/${partnershipId}.${Buffer.from(email).toString('base64url')}.${signature}`
  }

  async function readStopToken(token: string): Promise<{ partnershipId: number; email: string } | null> {
    const match = /^([1-9]\d{0,9})\.([A-Za-z0-9_-]{1,400})\.([A-Za-z0-9_-]{43})$/.exec(token)
    if (!match) return null
    const partnershipId = Number(match[1])
    const email = Buffer.from(match[2]!, 'base64url').toString('utf8')
    return (await signer.verify(`${partnershipId}:${email}`, match[3]!)) ? { partnershipId, email } : null
  }

  /** The open actions of the partnership's agreed plans, and what each needs today. */
  async function worklist(ctx: PartnershipContext, today: IsoDate): Promise<WorkItem[]> {
    const items: WorkItem[] = []
    for (const plan of (await plans.list(ctx)).filter(p => p.status === 'agreed')) {
      const view = await plans.planView(ctx, plan.id, today)
      for (const priority of view.priorities) {
        for (const action of priority.actions) {
          const state = action.state
          items.push({
            plan: { id: plan.id, title: plan.title, planYear: plan.planYear },
            priority: { id: priority.id, title: priority.title, group: priority.deliveringGroup && { id: priority.deliveringGroup.id, name: priority.deliveringGroup.name } },
            action: { id: action.id, title: action.title, leads: action.leadPeople.map(p => ({ id: p.id, name: p.name })) },
            need: state.kind === 'due' || state.kind === 'overdue' ? { kind: state.kind, quarter: state.quarter } : { kind: 'none' },
          })
        }
      }
    }
    return items
  }

  /**
   * Who can be written to: people with their address (their own, or their account's), chairs, coordinators.
   * Read as the system: the accounts list is an admin's page, but a coordinator sees who gets reminders.
   */
  async function contacts(partnershipId: number) {
    const ctx = await systemContext(partnershipId)
    const [structure, team] = await Promise.all([partnerships.structure(ctx), teams.team(ctx)])
    const people = new Map<number, Recipient>(structure.people.map(p => [p.id, { name: p.name, email: (p.email ?? p.accountEmail ?? null)?.toLowerCase() ?? null }]))
    const chairs = new Map(structure.memberships.filter(m => m.role === 'chair').map(m => [m.groupId, m.personId]))
    const active = team.filter(member => member.disabledAt === null)
    const coordinators = active.filter(member => member.role === 'coordinator')
    const toCoordinators = (coordinators.length ? coordinators : active.filter(member => member.role === 'admin')).map(m => ({ name: m.name, email: m.email.toLowerCase() }))
    return { people, chairs, coordinators: toCoordinators }
  }
  type Contacts = Awaited<ReturnType<typeof contacts>>

  function recipientsOf(kind: ReminderKind, item: WorkItem, who: Contacts): { recipients: Recipient[]; toCoordinators: boolean } {
    if (kind === 'escalation') {
      const chairId = item.priority.group ? who.chairs.get(item.priority.group.id) : undefined
      const chair = chairId === undefined ? undefined : who.people.get(chairId)
      if (chair?.email) return { recipients: [chair], toCoordinators: false }
      return { recipients: who.coordinators, toCoordinators: true }
    }
    return { recipients: item.action.leads.map(lead => who.people.get(lead.id) ?? { name: lead.name, email: null }), toCoordinators: false }
  }

  const dedupeKey = (partnershipId: number, item: WorkItem, reminder: PlannedReminder, email: string) =>
    `${REMINDER_CATEGORIES[reminder.kind]}:${partnershipId}:${item.action.id}:${item.plan.planYear}Q${reminder.quarter}:${email}`

  /** Every reminder the settings call for, for each recipient, whether its day has come or not. */
  async function planned(ctx: PartnershipContext, today: IsoDate, settings: ReminderSettings) {
    const [items, who, optOuts] = await Promise.all([worklist(ctx, today), contacts(ctx.partnership.id), repo.optOuts(db, ctx.partnership.id)])
    const stopped = new Set(optOuts.map(o => o.email))
    const rows: PlannedRow[] = []
    for (const item of items) {
      for (const reminder of plannedReminders(settings, item.need, item.plan.planYear, today)) {
        const { recipients, toCoordinators } = recipientsOf(reminder.kind, item, who)
        for (const recipient of recipients) {
          rows.push({
            item,
            reminder,
            recipient,
            toCoordinators,
            key: recipient.email ? dedupeKey(ctx.partnership.id, item, reminder, recipient.email) : null,
            optedOut: recipient.email !== null && stopped.has(recipient.email),
          })
        }
      }
    }
    return { rows, items, who, optOuts }
  }

  /** Queue the reminders whose day has come for one partnership, in one transaction. Returns how many. */
  async function scanPartnership(partnershipId: number, today: IsoDate): Promise<number> {
    const ctx = await systemContext(partnershipId)
    const settings = await repo.settings(db, partnershipId)
    const { rows } = await planned(ctx, today, settings)
    const ready = rows.filter(row => row.key && row.reminder.on <= today && !row.optedOut)
    if (!ready.length) return 0
    const paths = planPaths(partnershipId)
    const counts: Record<ReminderKind, number> = { due: 0, overdue: 0, escalation: 0 }
    const emails = await Promise.all(
      ready.map(async row => {
        const { item, reminder, recipient } = row
        const stop = await stopLink(partnershipId, recipient.email!)
        const words = reminderEmail({
          kind: reminder.kind,
          partnershipName: ctx.partnership.name,
          planTitle: item.plan.title,
          planYear: item.plan.planYear,
          priorityTitle: item.priority.title,
          groupName: row.toCoordinators ? null : (item.priority.group?.name ?? null),
          actionTitle: item.action.title,
          quarter: reminder.quarter,
          dueDate: reminder.dueDate,
          today,
          recipientName: recipient.name,
          leadNames: item.action.leads.map(lead => lead.name),
          link: `${baseUrl}${reminder.kind === 'escalation' ? paths.action(item.action.id).show : paths.action(item.action.id).newUpdate}`,
          stopLink: stop,
        })
        return { row, words, stop }
      }),
    )
    return db.transaction().execute(async trx => {
      let queued = 0
      for (const { row, words, stop } of emails) {
        const id = await outbox.queue(trx, {
          partnershipId,
          category: REMINDER_CATEGORIES[row.reminder.kind],
          dedupeKey: row.key!,
          to: { email: row.recipient.email!, name: row.recipient.name },
          subject: words.subject,
          text: words.text,
          headers: { 'List-Unsubscribe': `<${stop}>` },
          context: { actionId: row.item.action.id, planYear: row.item.plan.planYear, quarter: row.reminder.quarter, kind: row.reminder.kind },
        })
        if (id !== null) {
          queued++
          counts[row.reminder.kind]++
        }
      }
      if (queued) {
        await auditLog.record(trx, SYSTEM_ACTOR, {
          partnershipId,
          action: 'queue',
          entityType: 'reminder e-mails',
          entityId: null,
          summary: `Queued ${queued} reminder e-mail${queued === 1 ? '' : 's'} for ${today}: ${counts.due} update due, ${counts.overdue} overdue, ${counts.escalation} escalation`,
          after: { day: today, ...counts },
        })
      }
      return queued
    })
  }

  /** The weekly digest for one partnership's coordinators. Returns how many were queued. */
  async function digestPartnership(partnershipId: number, today: IsoDate): Promise<number> {
    const settings = await repo.settings(db, partnershipId)
    if (!settings.weeklyDigest) return 0
    const ctx = await systemContext(partnershipId)
    const [items, who, calendar] = await Promise.all([worklist(ctx, today), contacts(partnershipId), deps.calendarLines ? deps.calendarLines(ctx, today) : Promise.resolve([])])
    const paths = planPaths(partnershipId)
    const lines = (kind: 'due' | 'overdue') =>
      items.flatMap((item): DigestLine[] => {
        if (item.need.kind !== kind) return []
        const dueDate = plannedReminders({ ...settings, overdueReminder: true }, item.need, item.plan.planYear, today)[0]?.dueDate
        if (!dueDate || (kind === 'due' && daysBetween(today, dueDate) > DUE_SOON_DAYS)) return []
        const leads = item.action.leads.length ? item.action.leads.map(lead => lead.name) : ['No lead named']
        return leads.map(leadName => ({ leadName, priorityTitle: item.priority.title, actionTitle: item.action.title, quarter: item.need.kind === 'none' ? 1 : item.need.quarter, dueDate, link: `${baseUrl}${paths.action(item.action.id).show}` }))
      })
    const overdue = lines('overdue')
    const dueSoon = lines('due')
    if (!overdue.length && !dueSoon.length && !calendar.length) return 0
    const stopped = new Set((await repo.optOuts(db, partnershipId)).map(o => o.email))
    let queued = 0
    for (const coordinator of who.coordinators.filter(c => !stopped.has(c.email))) {
      const stop = await stopLink(partnershipId, coordinator.email)
      const words = digestEmail({ partnershipName: ctx.partnership.name, recipientName: coordinator.name, today, overdue, dueSoon, calendar, remindersLink: `${baseUrl}/partnerships/${partnershipId}/reminders`, stopLink: stop })
      const id = await outbox.queue(db, {
        partnershipId,
        category: REMINDER_CATEGORIES.digest,
        dedupeKey: `${REMINDER_CATEGORIES.digest}:${partnershipId}:${today}:${coordinator.email}`,
        to: coordinator,
        subject: words.subject,
        text: words.text,
        headers: { 'List-Unsubscribe': `<${stop}>` },
        context: { day: today },
      })
      if (id !== null) queued++
    }
    return queued
  }

  /** Run a step for every partnership that sends reminders; one partnership's failure does not stop the others. */
  async function forEachPartnership(step: (partnershipId: number) => Promise<number>, what: string) {
    let queued = 0
    const failed: string[] = []
    for (const partnershipId of await repo.partnershipsSending(db)) {
      try {
        queued += await step(partnershipId)
      } catch (error) {
        logger.error({ err: error, partnershipId }, `Could not queue the ${what} of a partnership`)
        failed.push(`partnership ${partnershipId}: ${error instanceof Error ? error.message : String(error)}`)
      }
    }
    // Another attempt queues only what is still missing (each e-mail has its key).
    if (failed.length) throw new Error(`Could not queue the ${what} of ${failed.join('; ')}`)
    return { queued }
  }

  const slotOf = (payload: Record<string, unknown>): IsoDate => (typeof payload.slot === 'string' ? payload.slot : ukDate(clock.now()))
  jobs.register({ kind: REMINDER_SCAN_JOB, describe: 'Queue the day’s reminders of quarterly updates', run: payload => forEachPartnership(id => scanPartnership(id, slotOf(payload)), 'reminders') })
  jobs.register({ kind: REMINDER_DIGEST_JOB, describe: 'Queue the weekly digest of due and overdue updates', run: payload => forEachPartnership(id => digestPartnership(id, slotOf(payload)), 'weekly digest') })
  jobs.schedule({ name: 'reminders.daily', describe: 'Reminders of quarterly updates', cadence: { every: 'day', at: '07:00' }, kind: REMINDER_SCAN_JOB })
  jobs.schedule({ name: 'reminders.weekly-digest', describe: 'Weekly digest to coordinators', cadence: { every: 'week', weekday: 1, at: '07:30' }, kind: REMINDER_DIGEST_JOB })

  // Just before a reminder goes: has the address stopped them, or has the update come in?
  for (const kind of ['due', 'overdue', 'escalation'] as const) {
    outbox.checkBefore(REMINDER_CATEGORIES[kind], async email => {
      if (email.partnershipId === null) return null
      if (await repo.hasOptedOut(db, email.partnershipId, email.recipientEmail)) return 'The address asked for no more reminders before it went'
      const { actionId, quarter } = email.context as { actionId: number; quarter: number }
      const ctx = await systemContext(email.partnershipId)
      const view = await plans.actionView(ctx, actionId).catch((error: unknown) => {
        if (error instanceof NotFoundError) return null
        throw error
      })
      if (!view) return 'The action was deleted before it went'
      if (view.plan.status !== 'agreed') return 'The plan was no longer agreed when it was due to go'
      if (view.action.status !== 'open') return `The action was marked ${view.action.status} before it went`
      const update = view.action.updates.find(u => u.quarter >= quarter)
      if (update) return `The Q${update.quarter} update was posted before it went`
      return null
    })
  }
  outbox.checkBefore(REMINDER_CATEGORIES.digest, async email =>
    email.partnershipId !== null && (await repo.hasOptedOut(db, email.partnershipId, email.recipientEmail)) ? 'The address asked for no more of these e-mails before it went' : null,
  )

  return {
    async settings(ctx: PartnershipContext): Promise<ReminderSettings> {
      requirePermission(ctx, 'edit_records')
      return repo.settings(db, ctx.partnership.id)
    },

    async saveSettings(ctx: PartnershipContext, input: ReminderSettings) {
      requirePermission(ctx, 'edit_records')
      const problems = settingsProblems(input)
      if (Object.keys(problems).length) throw new ValidationError(problems)
      await db.transaction().execute(async trx => {
        const before = await repo.settings(trx, ctx.partnership.id)
        await repo.saveSettings(trx, ctx.partnership.id, input, clock.now())
        await auditLog.record(trx, ctx.actor, {
          partnershipId: ctx.partnership.id,
          action: 'update',
          entityType: 'reminder settings',
          entityId: ctx.partnership.id,
          summary: 'Changed the reminders of quarterly updates',
          before,
          after: input,
        })
      })
    },

    /** The reminders page: the settings, what will go and when, what went, and who stopped them. */
    async overview(ctx: PartnershipContext) {
      requirePermission(ctx, 'edit_records')
      const today = ukDate(clock.now())
      const settings = await repo.settings(db, ctx.partnership.id)
      const { rows, optOuts } = await planned(ctx, today, settings)
      const sent = await outbox.list(ctx.partnership.id, { categories: ALL_CATEGORIES, limit: 200 })
      const queuedKeys = new Set(sent.map(email => email.dedupeKey))
      const comingUp = rows.filter(row => !(row.key && queuedKeys.has(row.key))).sort((a, b) => a.reminder.on.localeCompare(b.reminder.on) || a.item.action.title.localeCompare(b.item.action.title))
      const isOn = settings.dueReminder || settings.overdueReminder || settings.escalation || settings.weeklyDigest
      return { today, settings, isOn, comingUp, sent, optOuts, counts: await outbox.counts(ctx.partnership.id) }
    },

    /** For the page a stop link opens: whose reminders, or null when the link is not one of ours. */
    async stopRequest(token: string) {
      const request = await readStopToken(token)
      if (!request) return null
      const ctx = await systemContext(request.partnershipId).catch(() => null)
      if (!ctx) return null
      return { ...request, partnershipName: ctx.partnership.name, alreadyStopped: await repo.hasOptedOut(db, request.partnershipId, request.email) }
    },

    async stop(token: string, requestId: string | null) {
      const request = await readStopToken(token)
      if (!request) throw new NotFoundError('Link')
      await db.transaction().execute(async trx => {
        if (!(await repo.optOut(trx, request.partnershipId, request.email, clock.now()))) return
        await auditLog.record(trx, { userId: null, label: request.email, requestId }, {
          partnershipId: request.partnershipId,
          action: 'opt_out',
          entityType: 'reminder e-mails',
          entityId: null,
          summary: `${request.email} stopped the partnership’s reminder e-mails`,
          after: { email: request.email },
        })
      })
    },

    /** Run the day's reminders and the digest now (the command line's `csp-hub reminders run`, and tests). */
    scanPartnership,
    digestPartnership,
    stopLink,
  }
}

export type ReminderService = ReturnType<typeof reminderService>
