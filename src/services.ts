import { accountService, type PasswordHasher, sessionRepository, singleSignOnService, twoFactorService } from './capabilities/accounts/index.ts'
import { auditService } from './capabilities/audit/index.ts'
import { fundingService } from './capabilities/funding/index.ts'
import { highlightReportService } from './capabilities/highlight-reports/index.ts'
import { indicatorService } from './capabilities/indicators/index.ts'
import { districtSetupService, partnershipService, teamInvitations, teamService } from './capabilities/partnerships/index.ts'
import { personalDataService, privacyNoticeService } from './capabilities/people/index.ts'
import { planService } from './capabilities/plans/index.ts'
import { onsAreaLookup, policeActualsProvider, policeDataServices } from './capabilities/police-data/index.ts'
import { priorityMatrixService } from './capabilities/priority-matrix/index.ts'
import { reportService, reportSources } from './capabilities/reports/index.ts'
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
  const reports = reportService({ db, clock: deps.clock, plans, sources: reportSources({ indicators, funding, police: police.assessmentExport }) })
  // Highlight reports read the plan and the indicators' figures through their services.
  const highlightReports = highlightReportService({ db, clock: deps.clock, plans, indicators })
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
  }
}
export type Services = ReturnType<typeof createServices>
