import { accountService, type PasswordHasher, sessionRepository, singleSignOnService, twoFactorService } from './capabilities/accounts/index.ts'
import { asbCaseReviewPaths, asbCaseReviewService } from './capabilities/asb-case-reviews/index.ts'
import { auditService } from './capabilities/audit/index.ts'
import { deathReviewReminders, deathReviewService } from './capabilities/death-reviews/index.ts'
import { eventService } from './capabilities/events/index.ts'
import { fundingService } from './capabilities/funding/index.ts'
import { highlightReportService } from './capabilities/highlight-reports/index.ts'
import { indicatorService } from './capabilities/indicators/index.ts'
import { districtSetupService, partnershipService, teamInvitations, teamService } from './capabilities/partnerships/index.ts'
import { personalDataService, privacyNoticeService } from './capabilities/people/index.ts'
import { planService } from './capabilities/plans/index.ts'
import { OFFENCES_NOT_TOLD_APART, onsAreaLookup, POLICE_SOURCE, policeActualsProvider, policeArchiveRefresh, policeDataServices } from './capabilities/police-data/index.ts'
import { priorityMatrixService } from './capabilities/priority-matrix/index.ts'
import { threadService } from './capabilities/priority-thread/index.ts'
import { reportService, reportSources, type ReportDataSources } from './capabilities/reports/index.ts'
import { seriousViolencePaths, seriousViolenceService, violenceEvidence } from './capabilities/serious-violence/index.ts'
import { dutyDirectory, fundingLines, retentionSchedule } from './capabilities/statutory-duties/index.ts'
import { reminderService } from './capabilities/reminders/index.ts'
import { calendarService } from './capabilities/statutory-calendar/index.ts'
import type { Config } from './config.ts'
import { ukDate } from './core/calendar/index.ts'
import { jobRunner } from './core/jobs/index.ts'
import { outboxService, signingKeys } from './core/outbox/index.ts'
import type { DatabaseHandle } from './db/database.ts'
import type { Logger } from './logger.ts'
import type { Mailer } from './mailer.ts'
import type { Clock } from './shared/clock.ts'

/** What every service may be built from. Tests build the same with PGlite, a fixed clock and a memory mailer. */
export interface AppDeps {
  config: Config
  logger: Logger
  database: DatabaseHandle
  clock: Clock
  mailer: Mailer
  hasher: PasswordHasher
}

/** Plain functions, not a container: each service gets what it needs. */
export function createServices(deps: AppDeps) {
  const db = deps.database.db
  const accounts = accountService({
    db,
    hasher: deps.hasher,
    clock: deps.clock,
    mailer: deps.mailer,
    baseUrl: deps.config.baseUrl,
    logger: deps.logger,
    disableInactiveAfterDays: deps.config.disableInactiveAfterDays,
  })
  const twoFactor = twoFactorService({ db, clock: deps.clock, policy: deps.config.requireMfa })
  const partnerships = partnershipService({ db, clock: deps.clock, accounts })
  const invitations = teamInvitations({
    db,
    accounts,
    mailer: deps.mailer,
    logger: deps.logger,
    baseUrl: deps.config.baseUrl,
    passwordSignIn: deps.config.passwordSignIn,
    providerNames: deps.config.oidcProviders.map(p => p.name),
  })
  const team = teamService({ db, clock: deps.clock, accounts, invitations })
  // A new partnership's districts, wards and LSOAs come from the ONS lookups the police data capability holds.
  const districtSetup = districtSetupService({ db, lookup: onsAreaLookup(db) })
  const singleSignOn = singleSignOnService({
    db,
    clock: deps.clock,
    logger: deps.logger,
    baseUrl: deps.config.baseUrl,
    providers: deps.config.oidcProviders,
    accounts,
    onFirstSignIn: team.grantByEmailDomain,
  })
  const audit = auditService({ db })
  const plans = planService({ db, clock: deps.clock, partnerships })
  // The police data counts by the partnership's areas; its strategic assessment document carries the
  // partnership's latest priority scoring matrix.
  const partnershipAreas = (partnershipId: number) => partnerships.areasOf(partnershipId)
  const police = policeDataServices({ ...deps, partnershipAreas, assessmentSections: ctx => priorityMatrix.assessmentSections(ctx) })
  const priorityMatrix = priorityMatrixService({ db, clock: deps.clock, policeData: police.policeData })
  // Indicators defined as crime type(s) × area count their actuals from the police data.
  const policeActuals = policeActualsProvider({ clock: deps.clock, policeData: police.policeData, partnershipAreas })
  const indicators = indicatorService({ db, clock: deps.clock, policeActuals })
  const funding = fundingService({ db, clock: deps.clock })
  // Reports read the plans, indicators and funding through the capabilities that own them.
  // The statutory duties add their sections to the reports of their period (built below; called only when a report is made).
  const moreSections: ReportDataSources['moreSections'] = async (ctx, report) => [
    ...(await events.reportSections(ctx, report)),
    ...(await asbCaseReviews.reportSections(ctx, report)),
    ...(await deathReviews.reportSections(ctx, report)),
    ...(await seriousViolence.reportSections(ctx, report)),
    ...(await priorityThread.reportSections(ctx, report)),
  ]
  const reports = reportService({ db, clock: deps.clock, plans, sources: reportSources({ indicators, funding, police: police.assessmentExport, moreSections }) })
  // Highlight reports read the plan and the indicators' figures through their services.
  const highlightReports = highlightReportService({ db, clock: deps.clock, plans, indicators })
  // Background work in the database (each job once, whichever app server or worker runs it), and the
  // e-mails the system sends by itself (each once, ever).
  const jobs = jobRunner({ db, clock: deps.clock, logger: deps.logger })
  const outbox = outboxService({ db, clock: deps.clock, mailer: deps.mailer, jobs, logger: deps.logger, messageIdDomain: new URL(deps.config.baseUrl).hostname })
  // The statutory duties beyond the plan link to the partnership's structure and plans, read as the viewer may.
  const directory = dutyDirectory({ structure: ctx => partnerships.structure(ctx), plans: ctx => plans.list(ctx), planView: (ctx, id) => plans.planView(ctx, id) })
  const deathReviews = deathReviewService({ db, clock: deps.clock, directory })
  const asbCaseReviews = asbCaseReviewService({ db, clock: deps.clock, directory })
  // Events draw their cost from the funding ledger's lines rather than an amount of their own.
  const ledger = fundingLines({ overview: ctx => funding.overview(ctx), yearSummary: (ctx, year) => funding.yearSummary(ctx, year) })
  const events = eventService({ db, clock: deps.clock, directory, ledger })
  // The Serious Violence Duty's documents draw on the strategic assessment's police data and scoring matrices.
  const evidence = violenceEvidence({
    matrices: ctx => priorityMatrix.list(ctx),
    matrix: async (ctx, id) => {
      const m = await priorityMatrix.matrix(ctx, id)
      const chosen = new Map(m.candidates.map(c => [c.id, c.isChosen]))
      return { rows: m.rows.map(row => ({ ...row, candidate: { id: row.candidate.id, name: row.candidate.name, isChosen: chosen.get(row.candidate.id) ?? false } })) }
    },
    districts: ctx => police.policeData.partnershipDistricts(ctx),
    districtCounts: (codes, from, to) => police.policeData.districtCounts(codes, from, to),
    caveats: [OFFENCES_NOT_TOLD_APART, POLICE_SOURCE],
  })
  const seriousViolence = seriousViolenceService({ db, clock: deps.clock, directory, evidence })
  // Each priority's thread from the evidence that chose it to the money spent on it.
  const priorityThread = threadService({ plans, matrices: priorityMatrix, indicators, ledger, deathReviews, caseReviews: asbCaseReviews, events, seriousViolence })
  // The retention rules of the statutory duties' records, applied by a recurring job once a day (and by `csp-hub retention run`).
  const runRetention = async (now: Date) => [...(await deathReviews.runRetention(now)), ...(await asbCaseReviews.runRetention(now))]
  const retention = retentionSchedule({ db, clock: deps.clock, logger: deps.logger, jobs, run: runRetention })
  // Reminders of the death reviews' deadlines go to the holders of the reviews grant each morning, through the outbox.
  const systemViewer = { userId: 0, isSiteAdmin: true, roles: new Map() }
  deathReviewReminders({
    ...{ db, clock: deps.clock, logger: deps.logger, jobs, outbox, delivers: deps.mailer.delivers, baseUrl: deps.config.baseUrl },
    statutoryDates: id => deathReviews.statutoryDates(id),
    partnershipName: async id => (await partnerships.contextFor(systemViewer, id, { userId: null, label: 'system (reminders)' })).partnership.name,
  })
  const keys = signingKeys(db)
  // The statutory calendar takes in the duties' records: the death reviews' deadlines (for the grant's holders only),
  // the ASB case review figures published and the Serious Violence Duty strategy reviewed, each where it is done.
  const calendar = calendarService({
    ...{ db, clock: deps.clock, baseUrl: deps.config.baseUrl, plans, partnerships },
    duties: {
      deadlines: ctx => deathReviews.calendarDeadlines(ctx),
      asbFiguresPublished: async ctx =>
        (await asbCaseReviews.figureYears(ctx)).flatMap(y => (y.publishedAt ? [{ year: y.year, publishedOn: ukDate(y.publishedAt) }] : [])),
      violenceStrategyReviewed: async ctx =>
        (await seriousViolence.list(ctx)).filter(d => d.kind === 'strategy').flatMap(d => [d.datedOn, ...(d.lastReviewedOn ? [d.lastReviewedOn] : [])]),
      places: { asbFigures: (id, year) => asbCaseReviewPaths(id).figures(year), seriousViolence: id => seriousViolencePaths(id).list },
    },
  })
  const reminders = reminderService({
    ...{ db, clock: deps.clock, logger: deps.logger, baseUrl: deps.config.baseUrl, plans, partnerships, team, outbox, jobs },
    signer: keys.signer('reminder-opt-out'),
    // The coordinators' digest lists the statutory calendar's dates that are overdue or due soon.
    calendarLines: (ctx, today) => calendar.digestLines(ctx, today),
  })
  // The monthly police.uk archive, fetched by a recurring job (when CSP_HUB_POLICE_ARCHIVE_URL is set) or
  // by a coordinator for their force; a failed fetch is e-mailed to the site admins through the outbox.
  const policeArchive = policeArchiveRefresh({
    ...{ database: deps.database, clock: deps.clock, logger: deps.logger, importer: police.policeImporter, jobs, outbox },
    settings: { ...deps.config.policeArchive, maxEntryBytes: deps.config.uploadMaxBytes, baseUrl: deps.config.baseUrl },
    siteAdmins: () => accounts.siteAdmins(),
    coveredDistricts: () => partnerships.allDistrictCodes(),
    partnershipDistricts: async id => (await partnerships.areasOf(id)).flatMap(area => (area.type === 'district' && area.code ? [area.code] : [])),
  })
  return {
    accounts,
    twoFactor,
    singleSignOn,
    sessions: sessionRepository(db),
    partnerships,
    team,
    districtSetup,
    personalData: personalDataService({ db, clock: deps.clock }),
    privacyNotices: privacyNoticeService({ db, clock: deps.clock }),
    audit,
    plans,
    indicators,
    funding,
    reports,
    highlightReports,
    ...police,
    priorityMatrix,
    dutyDirectory: directory,
    deathReviews,
    asbCaseReviews,
    events,
    seriousViolence,
    priorityThread,
    /** Every deadline the statutory duties compute for a partnership, as plain data (access-free, for internal callers). */
    statutoryDutyDates: async (partnershipId: number) => [
      ...(await deathReviews.statutoryDates(partnershipId)),
      ...(await asbCaseReviews.statutoryDates(partnershipId)),
      ...(await seriousViolence.statutoryDates(partnershipId)),
    ],
    /** The same rules applied by a recurring job once a day, or now by `csp-hub retention run`; the last run for the pages. */
    retention,
    jobs,
    outbox,
    reminders,
    calendar,
    policeArchive,
  }
}
export type Services = ReturnType<typeof createServices>
