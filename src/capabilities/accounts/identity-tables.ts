import type { ColumnType, Generated } from 'kysely'

import type { CreatedAt } from '../../db/column-types.ts'

/** Row types of single sign-on, two-factor sign-in and account activity (migration 0800-identity). */

export interface IdentityUserColumns {
  /** When an admin last enabled the account again: it counts as used from then. */
  enabledAt: Date | null
}

export interface ExternalIdentitiesTable {
  id: Generated<number>
  userId: number
  provider: string
  issuer: string
  subject: string
  email: string
  createdAt: CreatedAt
  lastUsedAt: Date | null
}

export interface OidcSignInRequestsTable {
  sessionId: string
  provider: string
  state: string
  nonce: string
  codeVerifier: string
  returnTo: string
  createdAt: CreatedAt
  expiresAt: Date
}

export interface OidcSessionsTable {
  sessionId: string
  provider: string
  idToken: string
}

export interface PendingSignInsTable {
  sessionId: string
  userId: number
  returnTo: string
  createdAt: CreatedAt
  expiresAt: Date
}

export interface TwoFactorSecretsTable {
  userId: number
  secret: string
  createdAt: CreatedAt
  confirmedAt: Date | null
  lastStep: ColumnType<number | null, number | null | undefined, number | null>
}

export interface RecoveryCodesTable {
  id: Generated<number>
  userId: number
  codeHash: string
  createdAt: CreatedAt
  usedAt: Date | null
}

export interface IdentityTables {
  externalIdentities: ExternalIdentitiesTable
  oidcSignInRequests: OidcSignInRequestsTable
  oidcSessions: OidcSessionsTable
  pendingSignIns: PendingSignInsTable
  twoFactorSecrets: TwoFactorSecretsTable
  recoveryCodes: RecoveryCodesTable
}
