import type { Db } from '../../db/database.ts'
import type { Row } from '../../db/tables.ts'

export type EventRow = Row<'events'> & { organisationIds: number[]; actionIds: number[] }

/** Queries of the events tables, scoped to a partnership. */
export const eventRepository = {
  async list(db: Db, partnershipId: number): Promise<EventRow[]> {
    const [events, partners, actions] = await Promise.all([
      db.selectFrom('events').selectAll().where('partnershipId', '=', partnershipId).orderBy('startsOn', 'desc').orderBy('id', 'desc').execute(),
      db.selectFrom('eventPartners').selectAll().where('partnershipId', '=', partnershipId).execute(),
      db.selectFrom('eventActions').selectAll().where('partnershipId', '=', partnershipId).execute(),
    ])
    return events.map(event => ({
      ...event,
      organisationIds: partners.filter(p => p.eventId === event.id).map(p => p.organisationId),
      actionIds: actions.filter(a => a.eventId === event.id).map(a => a.actionId),
    }))
  },

  async find(db: Db, partnershipId: number, id: number): Promise<EventRow | undefined> {
    if (!Number.isSafeInteger(id)) return undefined
    return (await eventRepository.list(db, partnershipId)).find(e => e.id === id)
  },

  async setLinks(db: Db, partnershipId: number, eventId: number, organisationIds: readonly number[], actionIds: readonly number[]): Promise<void> {
    await db.deleteFrom('eventPartners').where('partnershipId', '=', partnershipId).where('eventId', '=', eventId).execute()
    await db.deleteFrom('eventActions').where('partnershipId', '=', partnershipId).where('eventId', '=', eventId).execute()
    if (organisationIds.length) await db.insertInto('eventPartners').values(organisationIds.map(organisationId => ({ partnershipId, eventId, organisationId }))).execute()
    if (actionIds.length) await db.insertInto('eventActions').values(actionIds.map(actionId => ({ partnershipId, eventId, actionId }))).execute()
  },
}
