import { asbCaseReviewService } from './capabilities/asb-case-reviews/index.ts'
import { deathReviewService } from './capabilities/death-reviews/index.ts'
import { accountService } from './capabilities/accounts/account-service.ts'
import type { PasswordHasher } from './capabilities/accounts/password-hasher.ts'
import { sessionRepository } from './capabilities/accounts/session-repository.ts'
import { auditService } from './capabilities/audit/audit-service.ts'
import { fundingService } from './capabilities/funding/funding-service.ts'
import { highlightReportService } from './capabilities/highlight-reports/highlight-report-service.ts'
import { indicatorService } from './capabilities/indicators/indicator-service.ts'
import { partnershipService } from './capabilities/partnerships/partnership-service.ts'
import { planService } from './capabilities/plans/plan-service.ts'
import { policeActualsProvider, policeDataServices } from './capabilities/police-data/index.ts'
import { priorityMatrixService } from './capabilities/priority-matrix/index.ts'
import { reportService } from './capabilities/reports/report-service.ts'
import { reportSources } from './capabilities/reports/report-sources.ts'
import { eventService } from './capabilities/events/index.ts'
import { dutyDirectory, fundingLines } from './capabilities/statutory-duties/index.ts'
import type { Config } from './config.ts'
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
  const accounts = accountService({ db, hasher: deps.hasher, clock: deps.clock, mailer: deps.mailer, baseUrl: deps.config.baseUrl, logger: deps.logger })
  const partnerships = partnershipService({ db, clock: deps.clock, accounts })
  const audit = auditService({ db })
  const plans = planService({ db, clock: deps.clock })
  // The strategic assessment document carries the partnership's latest priority scoring matrix.
  const police = policeDataServices({ ...deps, assessmentSections: ctx => priorityMatrix.assessmentSections(ctx) })
  const priorityMatrix = priorityMatrixService({ db, clock: deps.clock, policeData: police.policeData })
  // Indicators defined as crime type(s) × area count their actuals from the police data.
  const policeActuals = policeActualsProvider({ db, clock: deps.clock, policeData: police.policeData })
  const indicators = indicatorService({ db, clock: deps.clock, policeActuals })
  const funding = fundingService({ db, clock: deps.clock })
  // Reports read the plans, indicators and funding through the capabilities that own them.
  const reports = reportService({ db, clock: deps.clock, plans, sources: reportSources({ indicators, funding, police: police.assessmentExport }) })
  // Highlight reports read the plan and the indicators' figures through their services.
  const highlightReports = highlightReportService({ db, clock: deps.clock, plans, indicators })
  // The statutory duties beyond the plan link to the partnership's structure and plans, read as the viewer may.
  const directory = dutyDirectory({ structure: ctx => partnerships.structure(ctx), plans: ctx => plans.list(ctx), planView: (ctx, id) => plans.planView(ctx, id) })
  const deathReviews = deathReviewService({ db, clock: deps.clock, directory })
  const asbCaseReviews = asbCaseReviewService({ db, clock: deps.clock, directory })
  // Events draw their cost from the funding ledger's lines rather than an amount of their own.
  const ledger = fundingLines({ overview: ctx => funding.overview(ctx), yearSummary: (ctx, year) => funding.yearSummary(ctx, year) })
  const events = eventService({ db, clock: deps.clock, directory, ledger })
  return {
    accounts,
    sessions: sessionRepository(db),
    partnerships,
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
    /** The retention rules of the statutory duties' records, applied by the system (daily, and `csp-hub retention run`). */
    runRetention: async (now: Date) => [...(await deathReviews.runRetention(now)), ...(await asbCaseReviews.runRetention(now))],
  }
}
export type Services = ReturnType<typeof createServices>
