import type { ColumnType, Generated } from 'kysely'

import type { CreatedAt, Json, UpdatedAt } from '../../db/column-types.ts'

/** Row types of accounts, roles, sessions and tokens (migration 0001-foundation). */

export interface UsersTable {
  id: Generated<number>
  email: string
  name: string
  passwordHash: string | null
  isSiteAdmin: Generated<boolean>
  disabledAt: Date | null
  lastSignedInAt: Date | null
  passwordChangedAt: Date | null
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}


export interface SessionsTable {
  id: string
  userId: number | null
  csrfToken: string
  flash: Json<Record<string, unknown> | null> | null
  createdAt: CreatedAt
  lastSeenAt: ColumnType<Date, Date | undefined, Date>
  expiresAt: ColumnType<Date, Date, Date>
}

export interface SignInAttemptsTable {
  id: Generated<number>
  emailKey: string
  ip: string
  succeeded: boolean
  attemptedAt: ColumnType<Date, Date | undefined, never>
}

export interface PasswordResetTokensTable {
  tokenHash: string
  userId: number
  createdAt: CreatedAt
  expiresAt: Date
  usedAt: Date | null
}

export interface ApiTokensTable {
  id: Generated<number>
  userId: number
  name: string
  tokenHash: string
  tokenPrefix: string
  createdAt: CreatedAt
  lastUsedAt: Date | null
  expiresAt: Date | null
  revokedAt: Date | null
}

export interface AccountTables {
  users: UsersTable
  sessions: SessionsTable
  signInAttempts: SignInAttemptsTable
  passwordResetTokens: PasswordResetTokensTable
  apiTokens: ApiTokensTable
}
