import { accountService } from './capabilities/accounts/account-service.ts'
import type { PasswordHasher } from './capabilities/accounts/password-hasher.ts'
import { sessionRepository } from './capabilities/accounts/session-repository.ts'
import { auditService } from './capabilities/audit/audit-service.ts'
import { partnershipService } from './capabilities/partnerships/partnership-service.ts'
import { policeDataServices } from './capabilities/police-data/police-data-services.ts'
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
  return {
    accounts,
    sessions: sessionRepository(db),
    partnerships,
    audit,
    ...policeDataServices(deps),
  }
}
export type Services = ReturnType<typeof createServices>
