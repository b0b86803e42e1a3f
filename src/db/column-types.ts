import type { ColumnType } from 'kysely'

/** Column types every capability's `*-tables.ts` uses. */
export type CreatedAt = ColumnType<Date, Date | string | undefined, never>
export type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>
export type Json<T = unknown> = ColumnType<T, string, string>
