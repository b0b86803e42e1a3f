import type { Db } from '../../db/database.ts'
import type { AccountService } from '../accounts/index.ts'

import { allows, requirePermission, type PartnershipContext } from '../../core/access/partnership-context.ts'
import { partnershipRepository as repo } from './partnership-repository.ts'

/** A partnership's organisations, people, groups and districts, each list sorted by name. */
export interface PartnershipDirectory {
  organisations: { id: number; name: string; shortName: string | null }[]
  /** Empty for a reader who may not see people (the public). */
  people: { id: number; name: string; organisationName: string | null; organisationShortName: string | null }[]
  groups: { id: number; name: string; shortName: string | null }[]
  /** The partnership's districts (a joint partnership has more than one), by name. */
  districts: { id: number; name: string }[]
}

/**
 * What other capabilities read of a partnership's records, through the partnership service: the names
 * of its organisations, people and groups (a plan names its leads and delivering groups), and how a
 * member signs what they write.
 */
export function partnershipDirectory({ db, accounts }: { db: Db; accounts: Pick<AccountService, 'loadCurrentUser'> }) {
  return {
    async directory(ctx: PartnershipContext): Promise<PartnershipDirectory> {
      requirePermission(ctx, 'view_published')
      return repo.directory(db, ctx.partnership.id, { withPeople: allows(ctx, 'view') })
    },

    /** The signed-in user's name, with the person record they are in the partnership: "Sam Jones (Licensing Officer, Rochford District Council)". */
    async signature(ctx: PartnershipContext): Promise<string> {
      const user = ctx.actor.userId === null ? undefined : await accounts.loadCurrentUser(ctx.actor.userId)
      const person = ctx.personId === null ? undefined : await repo.personWithOrganisation(db, ctx.partnership.id, ctx.personId)
      const role = person ? [person.name, person.organisationName].filter(Boolean).join(', ') : null
      const name = user?.name ?? ctx.actor.label
      return role && role !== name ? `${name} (${role})` : name
    },
  }
}
