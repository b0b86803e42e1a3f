import type { Insertable, Selectable, Updateable } from 'kysely'

import type { AccountTables, UsersTable } from '../capabilities/accounts/account-tables.ts'
import type { IdentityTables, IdentityUserColumns } from '../capabilities/accounts/identity-tables.ts'
import type { FundingTables } from '../capabilities/funding/funding-tables.ts'
import type { HighlightReportTables } from '../capabilities/highlight-reports/highlight-report-tables.ts'
import type { IndicatorPartnershipColumns, IndicatorTables } from '../capabilities/indicators/indicator-tables.ts'
import type { PartnershipsTable, PartnershipTables } from '../capabilities/partnerships/partnership-tables.ts'
import type { TeamTables } from '../capabilities/partnerships/team/team-tables.ts'
import type { PeopleTables } from '../capabilities/people/people-tables.ts'
import type { PlanPartnershipColumns, PlanTables } from '../capabilities/plans/plan-tables.ts'
import type { PoliceDataTables } from '../capabilities/police-data/police-data-tables.ts'
import type { PriorityMatrixTables } from '../capabilities/priority-matrix/matrix-tables.ts'
import type { ReportTables } from '../capabilities/reports/report-tables.ts'
import type { AccessTables } from '../core/access/access-tables.ts'
import type { AuditTables } from '../core/audit/audit-tables.ts'

/**
 * Row types of every table (the Database interface Kysely checks queries against), in camelCase:
 * the CamelCasePlugin maps them to the snake_case columns. Each capability declares its own tables in its
 * `*-tables.ts` (column types from ./column-types.ts); this interface puts them together, the one place
 * that may import every capability's tables.
 */

export interface Database
  extends PartnershipTables,
    AccountTables,
    AccessTables,
    AuditTables,
    PlanTables,
    IndicatorTables,
    FundingTables,
    ReportTables,
    PoliceDataTables,
    PriorityMatrixTables,
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
