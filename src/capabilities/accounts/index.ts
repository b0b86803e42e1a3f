/**
 * The accounts capability (sign-in, passwords, API tokens, sessions) as other capabilities and the app's
 * wiring see it. The signed-in user and the roles are the core's (core/access).
 */
export { accountService, type AccountService, type AccountServiceDeps } from './account-service.ts'
export { accountsCapability } from './account-routes.ts'
export { argon2Hasher, type PasswordHasher } from './password-hasher.ts'
export { sessionRepository, type SessionRepository } from './session-repository.ts'
