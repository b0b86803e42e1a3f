import type { Db } from '../../../db/database.ts'
import type { NewRow, RowUpdate } from '../../../db/tables.ts'

/** The fields of an action its form sets (the lead links are kept apart). */
export type ActionValues = Omit<RowUpdate<'actions'>, 'id' | 'partnershipId' | 'priorityId' | 'position' | 'createdAt' | 'updatedAt'>

/** Who leads and supports an action, as record ids in their order. */
export interface ActionLinks {
  leadOrganisationIds: number[]
  supportingOrganisationIds: number[]
  leadPersonIds: number[]
}

/** Queries of the actions and their leads. Every query is scoped to a partnership. */
export const actionRepository = {
  findAction(db: Db, partnershipId: number, id: number) {
    if (!Number.isSafeInteger(id)) return Promise.resolve(undefined)
    return db.selectFrom('actions').selectAll().where('partnershipId', '=', partnershipId).where('id', '=', id).executeTakeFirst()
  },

  /** The ids of actions a person leads, in plans of the partnership. */
  async actionIdsLedBy(db: Db, partnershipId: number, personId: number): Promise<number[]> {
    const rows = await db
      .selectFrom('actionLeadPeople')
      .select('actionId')
      .where('partnershipId', '=', partnershipId)
      .where('personId', '=', personId)
      .execute()
    return rows.map(row => row.actionId)
  },

  async isLeadPerson(db: Db, partnershipId: number, actionId: number, personId: number): Promise<boolean> {
    const row = await db
      .selectFrom('actionLeadPeople')
      .select('actionId')
      .where('partnershipId', '=', partnershipId)
      .where('actionId', '=', actionId)
      .where('personId', '=', personId)
      .executeTakeFirst()
    return row !== undefined
  },

  /** An action with its lead organisations, supporting partners and lead people: what its form and the audit log show. */
  async snapshot(db: Db, actionId: number) {
    const row = await db.selectFrom('actions').selectAll().where('id', '=', actionId).executeTakeFirstOrThrow()
    const orgs = await db.selectFrom('actionLeadOrganisations').select(['organisationId', 'role']).where('actionId', '=', actionId).orderBy('position').execute()
    const people = await db.selectFrom('actionLeadPeople').select('personId').where('actionId', '=', actionId).orderBy('position').execute()
    return {
      ...row,
      leadOrganisationIds: orgs.filter(o => o.role === 'lead').map(o => o.organisationId),
      supportingOrganisationIds: orgs.filter(o => o.role === 'supporting').map(o => o.organisationId),
      leadPersonIds: people.map(p => p.personId),
    }
  },

  async insertAction(db: Db, values: NewRow<'actions'>): Promise<number> {
    const row = await db.insertInto('actions').values(values).returning('id').executeTakeFirstOrThrow()
    return row.id
  },

  async updateAction(db: Db, partnershipId: number, actionId: number, values: ActionValues, at: Date) {
    await db
      .updateTable('actions')
      .set({ ...values, updatedAt: at })
      .where('id', '=', actionId)
      .where('partnershipId', '=', partnershipId)
      .execute()
  },

  /** Mark an action complete (or open, or cancelled). */
  async setStatus(db: Db, actionId: number, status: 'open' | 'complete' | 'cancelled', at: Date) {
    await db.updateTable('actions').set({ status, updatedAt: at }).where('id', '=', actionId).execute()
  },

  /** Replace an action's leads and supporting partners. */
  async saveLinks(db: Db, partnershipId: number, actionId: number, links: ActionLinks, replace: boolean) {
    if (replace) {
      await db.deleteFrom('actionLeadOrganisations').where('actionId', '=', actionId).execute()
      await db.deleteFrom('actionLeadPeople').where('actionId', '=', actionId).execute()
    }
    const orgLinks = [
      ...links.leadOrganisationIds.map((organisationId, i) => ({ partnershipId, actionId, organisationId, role: 'lead' as const, position: i })),
      ...links.supportingOrganisationIds.map((organisationId, i) => ({ partnershipId, actionId, organisationId, role: 'supporting' as const, position: i })),
    ]
    if (orgLinks.length) await db.insertInto('actionLeadOrganisations').values(orgLinks).execute()
    if (links.leadPersonIds.length) {
      await db
        .insertInto('actionLeadPeople')
        .values(links.leadPersonIds.map((personId, i) => ({ partnershipId, actionId, personId, position: i })))
        .execute()
    }
  },

  /** Delete an action: its leads and updates go with it. */
  async deleteAction(db: Db, partnershipId: number, actionId: number) {
    await db.deleteFrom('actions').where('id', '=', actionId).where('partnershipId', '=', partnershipId).execute()
  },
}
