import { sql } from 'kysely'

import type { Db } from '../../db/database.ts'
import type { NewRow, RowUpdate } from '../../db/tables.ts'

export interface MembershipView {
  id: number
  groupId: number
  personId: number
  role: string
  personName: string
  personJobTitle: string | null
  organisationName: string | null
  groupName: string
}

export const partnershipRepository = {
  findById(db: Db, id: number) {
    return db.selectFrom('partnerships').selectAll().where('id', '=', id).executeTakeFirst()
  },

  findByIdOrThrow(db: Db, id: number) {
    return db.selectFrom('partnerships').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  },

  insertPartnership(db: Db, values: NewRow<'partnerships'>) {
    return db.insertInto('partnerships').values(values).returningAll().executeTakeFirstOrThrow()
  },

  updatePartnership(db: Db, id: number, values: RowUpdate<'partnerships'>, now: Date) {
    return db
      .updateTable('partnerships')
      .set({ ...values, updatedAt: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
  },

  async deletePartnership(db: Db, id: number): Promise<void> {
    await db.deleteFrom('partnerships').where('id', '=', id).execute()
  },

  /** Every partnership, with the viewer's role where they hold one. */
  listAll(db: Db) {
    return db.selectFrom('partnerships').selectAll().orderBy('name').execute()
  },

  listPublished(db: Db) {
    return db.selectFrom('partnerships').selectAll().where('isPublished', '=', true).orderBy('name').execute()
  },

  listByIds(db: Db, ids: number[]) {
    if (ids.length === 0) return Promise.resolve([])
    return db.selectFrom('partnerships').selectAll().where('id', 'in', ids).orderBy('name').execute()
  },

  personIdForUser(db: Db, partnershipId: number, userId: number) {
    return db
      .selectFrom('people')
      .select('id')
      .where('partnershipId', '=', partnershipId)
      .where('userId', '=', userId)
      .executeTakeFirst()
  },

  areas(db: Db, partnershipId: number) {
    return db.selectFrom('areas').selectAll().where('partnershipId', '=', partnershipId).orderBy('name').execute()
  },

  organisations(db: Db, partnershipId: number) {
    return db
      .selectFrom('organisations')
      .selectAll()
      .where('partnershipId', '=', partnershipId)
      .orderBy(sql`lower(name)`)
      .execute()
  },

  groups(db: Db, partnershipId: number) {
    return db.selectFrom('groups').selectAll().where('partnershipId', '=', partnershipId).orderBy('name').execute()
  },

  people(db: Db, partnershipId: number) {
    return db
      .selectFrom('people')
      .leftJoin('organisations', 'organisations.id', 'people.organisationId')
      .leftJoin('users', 'users.id', 'people.userId')
      .selectAll('people')
      .select(['organisations.name as organisationName', 'users.email as accountEmail'])
      .where('people.partnershipId', '=', partnershipId)
      .orderBy('people.name')
      .execute()
  },

  async memberships(db: Db, partnershipId: number): Promise<MembershipView[]> {
    return db
      .selectFrom('memberships')
      .innerJoin('people', 'people.id', 'memberships.personId')
      .innerJoin('groups', 'groups.id', 'memberships.groupId')
      .leftJoin('organisations', 'organisations.id', 'people.organisationId')
      .select([
        'memberships.id',
        'memberships.groupId',
        'memberships.personId',
        'memberships.role',
        'people.name as personName',
        'people.jobTitle as personJobTitle',
        'organisations.name as organisationName',
        'groups.name as groupName',
      ])
      .where('memberships.partnershipId', '=', partnershipId)
      .orderBy(sql`case memberships.role when 'chair' then 0 when 'vice_chair' then 1 else 2 end`)
      .orderBy('people.name')
      .execute()
  },

  /** Organisations, people (with their organisation) and groups, each sorted by name: the names other capabilities show. */
  async directory(db: Db, partnershipId: number, options: { withPeople: boolean }) {
    const [organisations, people, groups, districts] = await Promise.all([
      db.selectFrom('organisations').select(['id', 'name', 'shortName']).where('partnershipId', '=', partnershipId).orderBy('name').execute(),
      options.withPeople
        ? db
            .selectFrom('people')
            .leftJoin('organisations', 'organisations.id', 'people.organisationId')
            .select(['people.id', 'people.name', 'organisations.name as organisationName', 'organisations.shortName as organisationShortName'])
            .where('people.partnershipId', '=', partnershipId)
            .orderBy('people.name')
            .orderBy('organisations.name')
            .execute()
        : Promise.resolve([]),
      db.selectFrom('groups').select(['id', 'name', 'shortName']).where('partnershipId', '=', partnershipId).orderBy('name').execute(),
      db.selectFrom('areas').select(['id', 'name']).where('partnershipId', '=', partnershipId).where('type', '=', 'district').orderBy('name').execute(),
    ])
    return { organisations, people, groups, districts }
  },

  personWithOrganisation(db: Db, partnershipId: number, personId: number) {
    return db
      .selectFrom('people')
      .leftJoin('organisations', 'organisations.id', 'people.organisationId')
      .select(['people.name', 'organisations.name as organisationName'])
      .where('people.partnershipId', '=', partnershipId)
      .where('people.id', '=', personId)
      .executeTakeFirst()
  },

  /** Accounts holding a role in the partnership. */
  team(db: Db, partnershipId: number) {
    return db
      .selectFrom('partnershipRoles')
      .innerJoin('users', 'users.id', 'partnershipRoles.userId')
      .select([
        'users.id as userId',
        'users.email',
        'users.name',
        'users.lastSignedInAt',
        'users.disabledAt',
        'users.passwordHash',
        'partnershipRoles.role',
      ])
      .where('partnershipRoles.partnershipId', '=', partnershipId)
      .orderBy('users.name')
      .execute()
  },
}
