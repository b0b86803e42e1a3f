import type { Db } from '../../db/database.ts'
import type { Row } from '../../db/tables.ts'
import { NotFoundError, ValidationError } from '../../shared/errors.ts'
import { formatMoney } from '../../shared/format.ts'
import type { ChangeTarget } from '../../core/audit/audited-changes.ts'
import type { PartnershipContext } from '../../core/access/partnership-context.ts'

import { financialYearLabel } from '../../core/calendar/index.ts'
import { ledgerRepository } from './ledger/ledger-repository.ts'
import { projectRepository } from './projects/project-repository.ts'

/** What the funding use cases share: how each record is named in the audit log, and the checks of ids and references. */

const money = (pence: number | null) => (pence === null ? 'amount not known' : formatMoney(pence))

/** How each kind of funding record is named in the audit log. */
export const targets = {
  year: {
    table: 'fundingYears',
    entityType: 'funding_year',
    describe: (row: Row<'fundingYears'>) => `Funding ${financialYearLabel(row.startYear)}`,
  },
  stream: {
    table: 'fundingStreams',
    entityType: 'funding_stream',
    describe: (row: Row<'fundingStreams'>) => `${row.name} (${money(row.amountPence)})`,
  },
  rollOver: {
    table: 'fundingRollOvers',
    entityType: 'funding_roll_over',
    describe: (row: Row<'fundingRollOvers'>) => `Roll-over of ${money(row.amountPence)}`,
  },
  reserve: {
    table: 'fundingReserves',
    entityType: 'funding_reserve',
    describe: (row: Row<'fundingReserves'>) => `Reserves: ${row.description} (${money(row.amountPence)})`,
  },
  contribution: {
    table: 'fundingContributions',
    entityType: 'funding_contribution',
    describe: (row: Row<'fundingContributions'>) => `Partner contribution of ${money(row.amountPence)}`,
  },
  bid: {
    table: 'fundingBids',
    entityType: 'funding_bid',
    describe: (row: Row<'fundingBids'>) => `${row.fund}: ${row.purpose} (${money(row.amountRequestedPence)})`,
  },
  allocation: {
    table: 'fundingAllocations',
    entityType: 'funding_allocation',
    describe: (row: Row<'fundingAllocations'>) => `${row.purpose} (${money(row.amountPence)})`,
  },
  spend: {
    table: 'fundingSpend',
    entityType: 'funding_spend',
    describe: (row: Row<'fundingSpend'>) => `${row.description} (${money(row.amountPence)}, ${row.spentOn})`,
  },
  project: {
    table: 'fundedProjects',
    entityType: 'funded_project',
    describe: (row: Row<'fundedProjects'>) => row.name,
  },
} as const

export type TargetName = keyof typeof targets
export function target<K extends TargetName>(name: K, ctx: PartnershipContext): ChangeTarget<(typeof targets)[K]['table']> {
  return { ...targets[name], partnershipId: ctx.partnership.id } as ChangeTarget<(typeof targets)[K]['table']>
}

/** The entries that belong to a year directly. */
export type YearEntryName = 'stream' | 'rollOver' | 'reserve' | 'contribution' | 'bid' | 'allocation'

/** A record's number from a URL, or a 404. */
export const checkId = (id: number) => {
  if (!Number.isSafeInteger(id) || id <= 0) throw new NotFoundError()
}

/** The organisation a form names must be one of the partnership's. */
export async function requireOrganisation(executor: Db, ctx: PartnershipContext, id: number | null, field: string) {
  if (id === null) return
  if (!(await ledgerRepository.isOrganisation(executor, ctx.partnership.id, id))) throw new ValidationError({ [field]: 'Select an organisation from the list' })
}

export async function requireProject(executor: Db, ctx: PartnershipContext, id: number | null, field: string) {
  if (id === null) return
  if (!(await projectRepository.isProject(executor, ctx.partnership.id, id))) throw new ValidationError({ [field]: 'Select a project from the list' })
}

export async function requirePriority(executor: Db, ctx: PartnershipContext, id: number | null) {
  if (id === null) return
  if (!(await ledgerRepository.isPriority(executor, ctx.partnership.id, id))) throw new ValidationError({ priorityId: 'Select a priority from the list' })
}
