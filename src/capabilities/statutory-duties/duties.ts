import type { PartnershipContext } from '../../core/access/partnership-context.ts'

/**
 * What the statutory duties beyond the plan share: the deadlines they compute, in one shape the statutory
 * calendar can take in; the partnership's structure and plans they link to, read through a port that the
 * app's wiring fills from the capabilities that own them; and what a retention run did.
 */

/** A statutory deadline, as plain data. */
export interface StatutoryDate {
  partnershipId: number
  /** Stable, e.g. 'death-review:12:qa-report'. */
  key: string
  title: string
  /** 'YYYY-MM-DD' */
  dueOn: string
  doneOn: string | null
  /** The page where the duty is done. */
  href: string
  /** e.g. 'Domestic abuse related death review'. */
  duty: string
}

/** The partnership's organisations, wards, and plans' priorities and actions, for choosing links. */
export interface DutyDirectory {
  organisations(ctx: PartnershipContext): Promise<{ id: number; name: string }[]>
  wards(ctx: PartnershipContext): Promise<{ id: number; name: string }[]>
  priorities(ctx: PartnershipContext): Promise<DirectoryPriority[]>
  actions(ctx: PartnershipContext): Promise<DirectoryAction[]>
}

export interface DirectoryPriority {
  id: number
  title: string
  planId: number
  planTitle: string
  planYear: number
  /** "Violence (Partnership Plan 2021/22)" */
  label: string
}

export interface DirectoryAction {
  id: number
  title: string
  priorityId: number
  priorityTitle: string
  planId: number
  planYear: number
  /** "Crucial Crew for year 6 pupils (Violence, 2021/22)" */
  label: string
}

/** What a retention run did to one kind of record. */
export interface RetentionOutcome {
  recordType: string
  action: 'anonymise' | 'delete'
  count: number
}

/** Today's deadlines in date order: those not done first (overdue, then due soonest), then those done. */
export function sortStatutoryDates(dates: readonly StatutoryDate[]): StatutoryDate[] {
  return [...dates].sort((a, b) => Number(a.doneOn !== null) - Number(b.doneOn !== null) || a.dueOn.localeCompare(b.dueOn) || a.key.localeCompare(b.key))
}
