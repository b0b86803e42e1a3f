import type { CurrentUser } from '../../src/core/access/current-user.ts'
import type { Role } from '../../src/core/access/roles.ts'
import type { PartnershipContext } from '../../src/core/access/partnership-context.ts'

import type { TestApp } from './test-app.ts'

let sequence = 0
const next = () => ++sequence

export const TEST_PASSWORD = 'correct horse battery staple'

/** A user, optionally with a role in a partnership and linked to a person there. */
export async function aUser(
  t: TestApp,
  options: { role?: Role; partnershipId?: number; siteAdmin?: boolean; email?: string; personId?: number } = {},
): Promise<CurrentUser> {
  const n = next()
  const user = await t.services.accounts.createUser(
    { email: options.email ?? `user${n}@example.org`, name: `User ${n}`, password: TEST_PASSWORD, isSiteAdmin: options.siteAdmin ?? false },
    { userId: null, label: 'test' },
  )
  if (options.role && options.partnershipId) {
    await t.db.insertInto('partnershipRoles').values({ userId: user.id, partnershipId: options.partnershipId, role: options.role }).execute()
  }
  if (options.personId) await t.db.updateTable('people').set({ userId: user.id }).where('id', '=', options.personId).execute()
  return (await t.services.accounts.loadCurrentUser(user.id))!
}

/** A partnership with one district, one organisation, one group and one person. */
export async function aPartnership(t: TestApp, options: { name?: string; isPublished?: boolean } = {}) {
  const n = next()
  const partnership = await t.db
    .insertInto('partnerships')
    .values({ name: options.name ?? `Test Partnership ${n}`, isPublished: options.isPublished ?? false, vision: 'A safer district' })
    .returningAll()
    .executeTakeFirstOrThrow()
  const district = await t.db
    .insertInto('areas')
    .values({ partnershipId: partnership.id, type: 'district', name: `District ${n}`, code: 'E07000075' })
    .returningAll()
    .executeTakeFirstOrThrow()
  const organisation = await t.db
    .insertInto('organisations')
    .values({ partnershipId: partnership.id, name: `Police ${n}`, kind: 'responsible_authority', authorityType: 'police' })
    .returningAll()
    .executeTakeFirstOrThrow()
  const group = await t.db
    .insertInto('groups')
    .values({ partnershipId: partnership.id, name: `Steering Group ${n}`, type: 'steering_group' })
    .returningAll()
    .executeTakeFirstOrThrow()
  const person = await t.db
    .insertInto('people')
    .values({ partnershipId: partnership.id, name: `Community Safety Officer ${n}`, organisationId: organisation.id })
    .returningAll()
    .executeTakeFirstOrThrow()
  return { partnership, district, organisation, group, person }
}

/** A context for calling a service directly as a given role. */
export function contextFor(partnership: { id: number; name: string; isPublished: boolean }, access: PartnershipContext['access'], options: { userId?: number; personId?: number } = {}): PartnershipContext {
  return {
    partnership: { id: partnership.id, name: partnership.name, shortName: null, isPublished: partnership.isPublished },
    access,
    actor: { userId: options.userId ?? null, label: 'test' },
    signedIn: access !== 'public',
    personId: options.personId ?? null,
  }
}

export interface RoleSet {
  admin: CurrentUser
  coordinator: CurrentUser
  lead: CurrentUser
  member: CurrentUser
}

/** One user of each role in a partnership. */
export async function usersOfEachRole(t: TestApp, partnershipId: number): Promise<RoleSet> {
  return {
    admin: await aUser(t, { role: 'admin', partnershipId }),
    coordinator: await aUser(t, { role: 'coordinator', partnershipId }),
    lead: await aUser(t, { role: 'lead', partnershipId }),
    member: await aUser(t, { role: 'member', partnershipId }),
  }
}
