import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'

import type { IdentityTables, IdentityUserColumns } from '../capabilities/accounts/identity-tables.ts'
import type { FundingTables } from '../capabilities/funding/funding-tables.ts'
import type { HighlightReportTables } from '../capabilities/highlight-reports/highlight-report-tables.ts'
import type { IndicatorPartnershipColumns, IndicatorTables } from '../capabilities/indicators/indicator-tables.ts'
import type { TeamTables } from '../capabilities/partnerships/team/team-tables.ts'
import type { PeopleTables } from '../capabilities/people/people-tables.ts'
import type { PlanPartnershipColumns, PlanTables } from '../capabilities/plans/plan-tables.ts'
import type { PoliceDataTables } from '../capabilities/police-data/police-data-tables.ts'
import type { ReportTables } from '../capabilities/reports/report-tables.ts'

/**
 * Row types of every table (the Database interface Kysely checks queries against), in camelCase:
 * the CamelCasePlugin maps them to the snake_case columns. Capabilities that own tables declare them in
 * their own `*-tables.ts` and this interface extends it.
 */
export type CreatedAt = ColumnType<Date, Date | string | undefined, never>
export type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>
export type Json<T = unknown> = ColumnType<T, string, string>

export interface PartnershipsTable {
  id: Generated<number>
  name: string
  shortName: string | null
  vision: string | null
  description: string | null
  isPublished: Generated<boolean>
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

export interface AreasTable {
  id: Generated<number>
  partnershipId: number
  parentId: number | null
  type: string
  name: string
  code: string | null
  description: string | null
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

export interface OrganisationsTable {
  id: Generated<number>
  partnershipId: number
  name: string
  shortName: string | null
  kind: string
  authorityType: string | null
  website: string | null
  notes: string | null
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

export interface GroupsTable {
  id: Generated<number>
  partnershipId: number
  name: string
  shortName: string | null
  type: string
  purpose: string | null
  meetingCadence: string | null
  reportsToGroupId: number | null
  notes: string | null
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

export interface PeopleTable {
  id: Generated<number>
  partnershipId: number
  name: string
  jobTitle: string | null
  organisationId: number | null
  email: string | null
  userId: number | null
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

export interface MembershipsTable {
  id: Generated<number>
  partnershipId: number
  groupId: number
  personId: number
  role: string
  createdAt: CreatedAt
  updatedAt: UpdatedAt
}

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

export interface PartnershipRolesTable {
  userId: number
  partnershipId: number
  role: string
  createdAt: CreatedAt
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

export interface AuditEventsTable {
  id: Generated<number>
  occurredAt: ColumnType<Date, Date | undefined, never>
  actorUserId: number | null
  actorLabel: string
  partnershipId: number | null
  action: string
  entityType: string
  entityId: string | null
  summary: string
  before: Json | null
  after: Json | null
  requestId: string | null
}

export interface FoundationTables {
  partnerships: PartnershipsTable
  areas: AreasTable
  organisations: OrganisationsTable
  groups: GroupsTable
  people: PeopleTable
  memberships: MembershipsTable
  users: UsersTable
  partnershipRoles: PartnershipRolesTable
  sessions: SessionsTable
  signInAttempts: SignInAttemptsTable
  passwordResetTokens: PasswordResetTokensTable
  apiTokens: ApiTokensTable
  auditEvents: AuditEventsTable
}

// Capabilities add their tables here.
export interface Database
  extends FoundationTables,
    PlanTables,
    IndicatorTables,
    FundingTables,
    ReportTables,
    PoliceDataTables,
    HighlightReportTables,
    IdentityTables,
    PeopleTables,
    TeamTables {
  partnerships: PartnershipsTable & PlanPartnershipColumns & IndicatorPartnershipColumns
  users: UsersTable & IdentityUserColumns
}

export type Row<T extends keyof Database> = Selectable<Database[T]>
export type NewRow<T extends keyof Database> = Insertable<Database[T]>
export type RowUpdate<T extends keyof Database> = Updateable<Database[T]>
