/**
 * npm run simulate:year [-- --data DIR] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
 *
 * The cycle running itself for a whole plan year (1 April 2016 to 31 March 2017, the year of the joint
 * Rochford and Castle Point demo plan), on a fresh database (embedded PGlite in a temp folder, or a new
 * database on the PostgreSQL server of DATABASE_URL), with the clock moved a day at a time:
 *  - each morning a worker starts afresh, as `csp-hub worker --once` from a timer does, and runs what is
 *    due (reminders, the weekly digest, death-review deadlines, retention, the monthly police.uk fetch);
 *  - e-mail goes to a real SMTP server on 127.0.0.1; the police.uk archive comes from a local HTTP server
 *    on 127.0.0.1 that publishes one more real month (from shared/data/real) at the start of each month;
 *  - the coordinator turns reminders on and gives the partners' leads their addresses on 1 April; leads
 *    post some updates early (no reminder at all must go to them), some after the "due" reminder (no
 *    "overdue" one must go), the rest after the escalation; the coordinator marks calendar duties done.
 * It prints, month by month, the e-mails received by kind, the calendar's duties come due, gone overdue
 * and done, and the police months imported by the scheduled fetch; then the totals and the schedules in
 * force. It exits 1 when a check fails: an e-mail twice, a reminder to a lead whose update was in, a
 * reminder on the wrong day or missing, a police month that did not arrive, a job left failed, a duty done
 * that the calendar never showed due.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { loadConfig } from '../src/config.ts'
import { addDays, quarterDates, weekdayOf } from '../src/core/calendar/index.ts'
import { createLogger } from '../src/logger.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { fixedClock } from '../src/shared/clock.ts'
import { loadDemoData } from '../src/demo/index.ts'
import { loadGeography } from '../test/helpers/police-data.ts'
import { startSmtpServer } from '../test/helpers/smtp-server.ts'

import { duplicates, logMail, MAIL_KINDS, type LoggedMail, type MailKind } from './simulate-year/mail-log.ts'
import { startPoliceArchiveServer } from './simulate-year/police-archive-server.ts'
import { openYearDatabase, servicesFor, type YearServices } from './simulate-year/year-app.ts'
import { leadsPost, markDuty, planState, type PostedUpdate } from './simulate-year/year-actors.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const dataOption = args.indexOf('--data') === -1 ? undefined : args[args.indexOf('--data') + 1]
const DATA = path.resolve(
  dataOption ??
    process.env.CSP_HUB_SAMPLE_DATA_DIR ??
    [path.join(root, '..', 'shared', 'data', 'real'), path.join(root, '..', '..', 'shared', 'data', 'real')].find(dir =>
      existsSync(dir),
    ) ??
    path.join(root, '..', 'shared', 'data', 'real'),
)
const PLAN_YEAR = 2016
const dayOption = (name: string, fallback: string): string => {
  const at = args.indexOf(name)
  if (at === -1) return fallback
  const value = args[at + 1] ?? ''
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || value < `${PLAN_YEAR}-04-01` || value > `${PLAN_YEAR + 1}-03-31`) {
    console.error(
      `${name} must be a day of the plan year, from ${PLAN_YEAR}-04-01 to ${PLAN_YEAR + 1}-03-31, like ${PLAN_YEAR}-09-01`,
    )
    process.exit(1)
  }
  return value
}
/** The days simulated: the whole plan year unless --from or --to says otherwise (the quick test runs part of it). */
const FIRST_DAY = dayOption('--from', `${PLAN_YEAR}-04-01`)
const LAST_DAY = dayOption('--to', `${PLAN_YEAR + 1}-03-31`)
if (LAST_DAY < FIRST_DAY) {
  console.error('--to must not be before --from')
  process.exit(1)
}
/** The real months the archive publishes, one a month: the latest twelve held. */
const REAL_MONTHS = existsSync(path.join(DATA, 'police-uk'))
  ? readdirSync(path.join(DATA, 'police-uk'))
      .filter(
        month =>
          /^\d{4}-\d{2}$/.test(month) && existsSync(path.join(DATA, 'police-uk', month, `${month}-essex-street.csv`)),
      )
      .sort()
      .slice(-12)
  : []
const DISTRICTS = ['Rochford', 'Castle Point']
/** The reminder settings the coordinator turns on (the suggested days). */
const SETTINGS = {
  dueReminder: true,
  daysBefore: 14,
  overdueReminder: true,
  daysAfter: 7,
  escalation: true,
  escalateAfterDays: 21,
  weeklyDigest: true,
}

const failures: string[] = []
const fail = (message: string) => failures.push(message)
const started = performance.now()

const work = mkdtempSync(path.join(os.tmpdir(), 'csp-hub-year-'))
const smtp = await startSmtpServer()
const archive = await startPoliceArchiveServer({ dataDir: DATA, months: REAL_MONTHS, districts: DISTRICTS })
const database = await openYearDatabase(work)
try {
  await migrateToLatest(database.handle.db)
  const config = loadConfig({
    NODE_ENV: 'production',
    CSP_HUB_BASE_URL: 'https://csp-hub.example',
    CSP_HUB_DATA_DIR: work,
    CSP_HUB_LOG_LEVEL: 'silent',
    CSP_HUB_SMTP_URL: smtp.url,
    CSP_HUB_MAIL_FROM: 'CSP Hub <no-reply@csp-hub.example>',
    CSP_HUB_POLICE_ARCHIVE_URL: archive.url,
    CSP_HUB_POLICE_FORCES: 'essex',
  })
  const logger = createLogger('silent')
  const clock = fixedClock(`${addDays(FIRST_DAY, -1)}T09:00:00Z`)
  const fresh = () => servicesFor({ config, logger, database: database.handle, clock })

  // The demo partnerships (without the sample police data: the monthly fetch brings it), and the ONS lookups.
  // The demo is loaded as of today (its records are dated up to now), then the clock goes back to the plan year.
  clock.set(new Date())
  let app: YearServices = fresh()
  await loadDemoData(app.deps, app.services, { onlyIfEmpty: false, sampleData: 'later' })
  await loadGeography(app)
  const db = database.handle.db
  const joint = await db
    .selectFrom('partnerships')
    .select(['id', 'name'])
    .where('name', 'like', '%Castle Point%')
    .executeTakeFirstOrThrow()
  const coordinatorUser = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'coordinator@csp-hub.example')
    .executeTakeFirstOrThrow()
  const coordinator = () =>
    app.services.partnerships.contextFor(
      { userId: coordinatorUser.id, isSiteAdmin: false, roles: new Map([[joint.id, 'coordinator']]) },
      joint.id,
      { userId: coordinatorUser.id, label: 'Community Safety Officer' },
    )

  // 1 April: the coordinator gives each partner their work address and turns the reminders on.
  clock.set(`${FIRST_DAY}T08:30:00Z`)
  const slug = (text: string) =>
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '.')
      .replace(/^\.|\.$/g, '')
  const people = await db
    .selectFrom('people')
    .leftJoin('organisations', 'organisations.id', 'people.organisationId')
    .select(['people.id', 'people.name', 'organisations.name as org'])
    .where('people.partnershipId', '=', joint.id)
    .where('people.email', 'is', null)
    .where('people.userId', 'is', null)
    .execute()
  for (const person of people)
    await db
      .updateTable('people')
      .set({ email: `${slug(person.name)}@${slug(person.org ?? 'partner')}.example` })
      .where('id', '=', person.id)
      .execute()
  await app.services.reminders.saveSettings(await coordinator(), SETTINGS)
  const demoUpdateIds = new Set((await db.selectFrom('actionUpdates').select('id').execute()).map(row => row.id))

  // What happens on which day, besides the worker's run.
  const events = new Map<string, (() => Promise<void>)[]>()
  const on = (day: string, event: () => Promise<void>) => events.set(day, [...(events.get(day) ?? []), event])
  const posted: PostedUpdate[] = []
  const expectations: { day: string; kind: MailKind; actionId: number; quarter: number; emails: string[] }[] = []
  for (const quarter of [1, 2, 3, 4] as const) {
    const due = quarterDates(PLAN_YEAR, quarter).last
    // Three weeks before the quarter ends a third of the leads report: no reminder of this quarter may go to them.
    on(
      addDays(due, -20),
      async () =>
        void posted.push(...(await leadsPost(app, await coordinator(), PLAN_YEAR, quarter, 'early', clock.now()))),
    )
    // Three days after it ends, another third (who had the "due" reminder): no "overdue" one may go to them.
    on(
      addDays(due, 3),
      async () =>
        void posted.push(...(await leadsPost(app, await coordinator(), PLAN_YEAR, quarter, 'late', clock.now()))),
    )
    // After the chair is told, the rest report, and the quarter's updates are all in.
    on(
      addDays(due, 25),
      async () =>
        void posted.push(...(await leadsPost(app, await coordinator(), PLAN_YEAR, quarter, 'rest', clock.now()))),
    )
    // Just after the worker's run on each reminder day: what the plan said was missing must have been written about.
    for (const [kind, offset] of [
      ['due reminder', -SETTINGS.daysBefore],
      ['overdue reminder', SETTINGS.daysAfter],
      ['escalation', SETTINGS.escalateAfterDays],
    ] as const) {
      on(addDays(due, offset), async () => {
        for (const missing of await planState(app, await coordinator(), PLAN_YEAR, quarter, addDays(due, offset))) {
          expectations.push({
            day: addDays(due, offset),
            kind,
            actionId: missing.actionId,
            quarter,
            emails: kind === 'escalation' ? [] : missing.leadEmails,
          })
        }
      })
    }
  }
  // The coordinator records duties done on the calendar as they are done.
  on(`${PLAN_YEAR}-04-22`, () => markDuty(app, coordinator, 'plan-to-pcc', String(PLAN_YEAR), `${PLAN_YEAR}-04-22`))
  for (const quarter of [1, 2, 3] as const) {
    const day = addDays(quarterDates(PLAN_YEAR, quarter).last, 21)
    on(day, () => markDuty(app, coordinator, 'pcc-grant-return', `${PLAN_YEAR}Q${quarter}`, day))
  }
  on(`${PLAN_YEAR + 1}-01-20`, () =>
    markDuty(app, coordinator, 'strategic-assessment', String(PLAN_YEAR), `${PLAN_YEAR + 1}-01-20`),
  )
  on(`${PLAN_YEAR + 1}-03-09`, () =>
    markDuty(app, coordinator, 'scrutiny-meeting', String(PLAN_YEAR), `${PLAN_YEAR + 1}-03-09`),
  )

  // The year, a day at a time.
  const mails: LoggedMail[] = []
  const duties = new Map<
    string,
    { title: string; dueOn: string; dueSoon?: string; overdue?: string; done?: string; doneOn?: string }
  >()
  const months: {
    month: string
    mails: LoggedMail[]
    came: string[]
    overdue: string[]
    done: string[]
    police: string[]
    jobs: number
    failedJobs: number
  }[] = []
  const policeHeld = async () => new Set((await app.services.policeArchive.monthsHeld(['essex'])).map(m => m.month))
  let held = await policeHeld()
  let jobsRun = 0
  let workers = 0
  /** The day each police month arrived, and the day it was published. */
  const arrived = new Map<string, string>()
  const publishedOn = new Map<string, string>()
  for (let day = FIRST_DAY; day <= LAST_DAY; day = addDays(day, 1)) {
    const month = day.slice(0, 7)
    if (months.at(-1)?.month !== month) {
      months.push({ month, mails: [], came: [], overdue: [], done: [], police: [], jobs: 0, failedJobs: 0 })
      // data.police.uk publishes the month before last early in each month.
      const next = archive.publish()
      if (next) publishedOn.set(next, day)
    }
    const record = months.at(-1)!
    // The timer starts the worker at 09:00 UTC (after every schedule's time of day, in summer and winter).
    clock.set(`${day}T09:00:00Z`)
    app = fresh()
    workers++
    await app.services.jobs.releaseDeadRunners()
    const { ran } = await app.services.jobs.tick()
    jobsRun += ran.length
    record.jobs += ran.length
    for (const outcome of ran.filter(o => o.status !== 'succeeded')) {
      record.failedJobs++
      fail(`${day}: job ${outcome.kind} ${outcome.status}: ${outcome.error ?? ''}`)
    }
    const received = smtp.received.splice(0).map(mail => logMail(mail, day))
    mails.push(...received)
    record.mails.push(...received)
    // Reminders: only on their day, and never about an update already in.
    for (const mail of received) {
      // A digest is for a Monday (the day in its key); only the first run catches up the Monday before.
      const slot = /^reminder\.digest:\d+:(\d{4}-\d{2}-\d{2}):/.exec(mail.key)?.[1]
      if (mail.kind === 'digest' && (!slot || weekdayOf(slot) !== 1 || (slot !== day && day !== FIRST_DAY)))
        fail(`${day}: a digest for ${slot ?? '?'} went on the wrong day`)
      if (!mail.reminder) continue
      const due = quarterDates(mail.reminder.planYear, mail.reminder.quarter as 1 | 2 | 3 | 4).last
      const offset = {
        'due reminder': -SETTINGS.daysBefore,
        'overdue reminder': SETTINGS.daysAfter,
        escalation: SETTINGS.escalateAfterDays,
      }[mail.kind as 'due reminder']
      // Each on its day; the first run also sends those whose day has passed and that still apply.
      if (offset !== undefined && addDays(due, offset) !== day && !(day === FIRST_DAY && addDays(due, offset) < day))
        fail(
          `${day}: ${mail.kind} of Q${mail.reminder.quarter} ${mail.reminder.planYear} (due ${due}) went on the wrong day`,
        )
      const inBefore = await db
        .selectFrom('actionUpdates')
        .select(['id', 'createdAt'])
        .where('actionId', '=', mail.reminder.actionId)
        .where('quarter', '>=', mail.reminder.quarter)
        .execute()
      const early = inBefore.find(u => demoUpdateIds.has(u.id) || u.createdAt.getTime() < clock.now().getTime())
      if (early)
        fail(
          `${day}: ${mail.kind} about action ${mail.reminder.actionId} Q${mail.reminder.quarter} to ${mail.to.join(', ')}, whose update was in`,
        )
    }
    // The day's own events (after the worker's run): updates posted, duties marked, reminders checked.
    clock.set(`${day}T12:00:00Z`)
    for (const event of events.get(day) ?? []) await event()
    // The calendar as the coordinator sees it that day: this plan year's duties.
    for (const entry of (await app.services.calendar.calendar(await coordinator())).entries) {
      if (
        !(entry.period.startsWith(String(PLAN_YEAR)) || (entry.isRecord && entry.dueOn >= FIRST_DAY)) ||
        entry.dueOn > addDays(LAST_DAY, 30)
      )
        continue
      const key = `${entry.duty} ${entry.period}`
      const seen = duties.get(key) ?? { title: entry.title, dueOn: entry.dueOn }
      duties.set(key, seen)
      if (entry.state === 'due_soon' && !seen.dueSoon) {
        record.came.push(entry.title)
        seen.dueSoon = day
      }
      if (entry.state === 'overdue' && !seen.overdue) {
        record.overdue.push(entry.title)
        seen.overdue = day
      }
      if (entry.state === 'done' && !seen.done) {
        seen.done = day
        seen.doneOn = entry.doneOn ?? undefined
        if (day > FIRST_DAY) record.done.push(`${entry.title}${entry.doneFromRecords ? ' (from the records)' : ''}`)
      }
    }
    const nowHeld = await policeHeld()
    for (const m of [...nowHeld].filter(m => !held.has(m)).sort()) {
      record.police.push(m)
      arrived.set(m, day)
    }
    held = nowHeld
  }

  // Every reminder the plan called for went, on its day, to each lead with an address.
  for (const expected of expectations) {
    const sent = mails.filter(
      m =>
        m.day === expected.day &&
        m.kind === expected.kind &&
        m.reminder?.actionId === expected.actionId &&
        m.reminder.quarter === expected.quarter,
    )
    if (!sent.length && (expected.kind === 'escalation' || expected.emails.length))
      fail(
        `${expected.day}: no ${expected.kind} about action ${expected.actionId} Q${expected.quarter}, whose update was missing`,
      )
    for (const email of expected.emails)
      if (!sent.some(m => m.to.includes(email)))
        fail(`${expected.day}: no ${expected.kind} to ${email} about action ${expected.actionId} Q${expected.quarter}`)
  }
  for (const twice of duplicates(mails)) fail(`received twice: ${twice}`)
  // Police: each month published by the 20th arrived with that month's fetch.
  for (const [m, published] of publishedOn) {
    // A month published after the last fetch of the run (a partial run) is not due yet.
    if (`${published.slice(0, 7)}-20` > LAST_DAY && !held.has(m)) continue
    if (!held.has(m)) fail(`police month ${m} was published on ${published} but never imported`)
    else if (arrived.get(m)! > `${published.slice(0, 7)}-20`)
      fail(`police month ${m}, published on ${published}, arrived only on ${arrived.get(m)}`)
  }
  const fetches = await db.selectFrom('policeArchiveFetches').select(['trigger', 'status']).execute()
  for (const f of fetches.filter(f => f.status !== 'succeeded'))
    fail(`a police.uk fetch (${f.trigger}) ended ${f.status}`)
  // Jobs and e-mails left failed.
  const failedJobs = await db.selectFrom('jobs').select(['kind', 'lastError']).where('status', '=', 'failed').execute()
  for (const job of failedJobs) fail(`job ${job.kind} left failed: ${job.lastError ?? ''}`)
  const outbox = await db.selectFrom('outboundEmails').select(['status']).execute()
  const outboxBy = (status: string) => outbox.filter(row => row.status === status).length
  if (outboxBy('failed') || outboxBy('queued') || outboxBy('sending'))
    fail(`outbox: ${outboxBy('failed')} failed, ${outboxBy('queued')} still queued, ${outboxBy('sending')} sending`)
  // The calendar: every duty marked done had been shown due first.
  for (const [key, duty] of duties)
    if (duty.done && !duty.dueSoon && !duty.overdue && duty.done > FIRST_DAY)
      fail(`calendar: ${key} went to done without being shown due`)

  // The figures.
  const pad = (text: string | number, width: number) => String(text).padStart(width)
  const short: Record<MailKind, string> = {
    'due reminder': 'due',
    'overdue reminder': 'overdue',
    escalation: 'escal.',
    digest: 'digest',
    'death-review deadline': 'DR',
    'police fetch failed': 'police!',
    other: 'other',
  }
  console.log(
    `The plan year ${PLAN_YEAR}/${String(PLAN_YEAR + 1).slice(2)} (${FIRST_DAY === `${PLAN_YEAR}-04-01` && LAST_DAY === `${PLAN_YEAR + 1}-03-31` ? 'the whole year' : 'part of it'}) of “${joint.name}”, ${FIRST_DAY} to ${LAST_DAY}, one worker run a day (${database.kind})`,
  )
  console.log(
    `Set up on ${FIRST_DAY}: reminders on (${SETTINGS.daysBefore} days before, ${SETTINGS.daysAfter} after, escalation after ${SETTINGS.escalateAfterDays}, weekly digest); ${people.length} partners given an address`,
  )
  console.log(
    'The first run also catches up the latest slot of each schedule before it (e.g. from 1 April: the digest of Monday 28 March, the fetch of 20 March).\n',
  )
  console.log(`Month    ${MAIL_KINDS.map(k => pad(short[k], 8)).join('')}  people  dupl.  jobs  police months imported`)
  for (const m of months) {
    const count = (kind: MailKind) => m.mails.filter(mail => mail.kind === kind).length
    const people = new Set(m.mails.flatMap(mail => mail.to)).size
    console.log(
      `${m.month}  ${MAIL_KINDS.map(k => pad(count(k), 8)).join('')}  ${pad(people, 6)}  ${pad(duplicates(m.mails).length, 5)}  ${pad(m.jobs, 4)}  ${m.police.map(p => `${p} (${archive.rows.get(p)} rows, on ${arrived.get(p)})`).join(', ') || '-'}`,
    )
    if (m.came.length) console.log(`         calendar, due within 30 days: ${m.came.join('; ')}`)
    if (m.overdue.length) console.log(`         calendar, overdue: ${m.overdue.join('; ')}`)
    if (m.done.length) console.log(`         calendar, done: ${m.done.join('; ')}`)
  }
  const total = (kind: MailKind) => mails.filter(mail => mail.kind === kind).length
  console.log(
    `\nTotals: ${mails.length} e-mails (${MAIL_KINDS.map(k => `${total(k)} ${k}`).join(', ')}) to ${new Set(mails.flatMap(m => m.to)).size} people; ${duplicates(mails).length} received twice`,
  )
  console.log(
    `Outbox: ${outboxBy('sent')} sent, ${outboxBy('skipped')} skipped just before sending (the update had come in), ${outboxBy('failed')} failed`,
  )
  console.log(
    `Updates posted by leads during the year: ${posted.length} (${['early', 'late', 'rest'].map(w => `${posted.filter(p => p.when === w).length} ${w}`).join(', ')}); reminder days checked: ${expectations.length} action-quarter-kinds`,
  )
  console.log(
    `Police: ${held.size} month${held.size === 1 ? '' : 's'} held, all from ${fetches.filter(f => f.trigger === 'schedule').length} scheduled fetches (${archive.requests()} archive downloads), ${fetches.filter(f => f.status !== 'succeeded').length} failed`,
  )
  console.log(
    `Jobs: ${jobsRun} run over ${months.length} months by ${workers} fresh workers (one a day); ${failedJobs.length} left failed`,
  )
  console.log('\nCalendar of the year (due → shown due soon / overdue → done):')
  for (const [, d] of [...duties].sort((a, b) => a[1].dueOn.localeCompare(b[1].dueOn))) {
    console.log(
      `  ${d.dueOn}  ${d.title}: ${d.dueSoon ? `due soon ${d.dueSoon}` : ''}${d.overdue ? `${d.dueSoon ? ', ' : ''}overdue ${d.overdue}` : ''}${d.done ? `, done ${d.doneOn ?? d.done}` : d.dueOn <= LAST_DAY ? ', not done by the year’s end' : ''}`,
    )
  }
  console.log('\nSchedules in force:')
  for (const s of await app.services.jobs.scheduleStates())
    console.log(`  ${s.name.padEnd(34)} ${s.when.padEnd(30)} ${s.describe} (last ${s.lastSlot ?? 'never'})`)
  console.log(`\nRan in ${((performance.now() - started) / 1000).toFixed(0)} s.`)
  if (failures.length) {
    console.log(`\n${failures.length} check(s) failed:`)
    for (const f of failures) console.log(`  ${f}`)
    process.exitCode = 1
  } else {
    console.log(
      'Every check passed: no e-mail twice, no reminder after an update, each on its day, every police month arrived, no job left failed.',
    )
  }
} finally {
  await database.close()
  await smtp.close()
  await archive.close()
  rmSync(work, { recursive: true, force: true })
}
