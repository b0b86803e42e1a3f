import { accountService } from './capabilities/accounts/account-service.ts'
import type { PasswordHasher } from './capabilities/accounts/password-hasher.ts'
import { sessionRepository } from './capabilities/accounts/session-repository.ts'
import { singleSignOnService } from './capabilities/accounts/single-sign-on/sso-service.ts'
import { twoFactorService } from './capabilities/accounts/two-factor/two-factor-service.ts'
import { auditService } from './capabilities/audit/audit-service.ts'
import { fundingService } from './capabilities/funding/funding-service.ts'
import { highlightReportService } from './capabilities/highlight-reports/highlight-report-service.ts'
import { indicatorService } from './capabilities/indicators/indicator-service.ts'
import { partnershipService } from './capabilities/partnerships/partnership-service.ts'
import { districtSetupService } from './capabilities/partnerships/setup/district-setup-service.ts'
import { teamInvitations } from './capabilities/partnerships/team/team-invitations.ts'
import { teamService } from './capabilities/partnerships/team/team-service.ts'
import { personalDataService } from './capabilities/people/personal-data-service.ts'
import { privacyNoticeService } from './capabilities/people/privacy-notice-service.ts'
import { planService } from './capabilities/plans/plan-service.ts'
import { policeActualsProvider } from './capabilities/police-data/indicator-actuals.ts'
import { onsAreaLookup } from './capabilities/police-data/ons-area-lookup.ts'
import { policeDataServices } from './capabilities/police-data/police-data-services.ts'
import { reportService } from './capabilities/reports/report-service.ts'
import { reportSources } from './capabilities/reports/report-sources.ts'
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
  const police = policeDataServices(deps)
  // Indicators defined as crime type(s) × area count their actuals from the police data.
  const policeActuals = policeActualsProvider({ db, clock: deps.clock, policeData: police.policeData })
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
  }
}
export type Services = ReturnType<typeof createServices>
