/**
 * The accounts capability (sign-in, passwords, API tokens, sessions) as other capabilities and the app's
 * wiring see it. The signed-in user and the roles are the core's (core/access).
 */
export { accountService, type AccountService, type AccountServiceDeps } from './account-service.ts'
export { accountsCapability } from './account-routes.ts'
export { argon2Hasher, type PasswordHasher } from './password-hasher.ts'
export { sessionRepository, type SessionRepository } from './session-repository.ts'
export { registerAccountsCommands } from './accounts-cli.ts'
export { singleSignOnService, type SingleSignOnService } from './single-sign-on/sso-service.ts'
export { twoFactorService, type TwoFactorService } from './two-factor/two-factor-service.ts'
/** E-mail domains, as single sign-on compares them (the partnership's members by domain use the same rule). */
export { domainProblem, emailDomain, normaliseDomain } from './single-sign-on/domain/claims.ts'
