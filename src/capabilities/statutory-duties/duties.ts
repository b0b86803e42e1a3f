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

/** A line of the funding ledger: an allocation (with what has been paid or committed from it) or one spend entry. */
export interface FundingLine {
  /** 'allocation:12' or 'spend:34' */
  key: string
  kind: 'allocation' | 'spend'
  id: number
  /** The financial year of the ledger it is in. */
  year: number
  /** "Allocation: Crucial Crew" or "Spend: Crucial Crew transport" */
  label: string
  /** The spend entry's amount, or what has been paid or committed from the allocation so far. */
  costPence: number
  /** An allocation's amount (null for a spend entry). */
  allocatedPence: number | null
  /** The priority an allocation is for (a spend entry: its allocation's). */
  priorityId: number | null
  /** The funding year's page. */
  href: string
}
