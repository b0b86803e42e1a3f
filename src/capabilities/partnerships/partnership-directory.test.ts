import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, aUser, contextFor } from '#test/helpers/builders'
import { createTestApp, type TestApp } from '#test/helpers/test-app'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

describe('the partnership’s names for other capabilities', () => {
  it('lists its organisations, people and groups by name, without people for the public', async () => {
    const { partnership, organisation, person, group } = await aPartnership(t, { isPublished: true })
    const another = await t.db.insertInto('organisations').values({ partnershipId: partnership.id, name: 'Anglia Fire', shortName: 'AF', kind: 'community_partner' }).returningAll().executeTakeFirstOrThrow()
    await t.db.insertInto('people').values({ partnershipId: partnership.id, name: 'Adviser', organisationId: another.id }).execute()
    await aPartnership(t) // another partnership's records stay out

    const directory = await t.services.partnerships.directory(contextFor(partnership, 'member'))
    expect(directory.organisations).toEqual([
      { id: another.id, name: 'Anglia Fire', shortName: 'AF' },
      { id: organisation.id, name: organisation.name, shortName: null },
    ])
    expect(directory.people.map(p => [p.name, p.organisationName, p.organisationShortName])).toEqual([
      ['Adviser', 'Anglia Fire', 'AF'],
      [person.name, organisation.name, null],
    ])
    expect(directory.groups).toEqual([{ id: group.id, name: group.name, shortName: null }])

    const forPublic = await t.services.partnerships.directory(contextFor(partnership, 'public'))
    expect(forPublic.people).toEqual([])
    expect(forPublic.organisations).toHaveLength(2)
  })

  it('signs with the user’s name and the person they are in the partnership', async () => {
    const { partnership, organisation, person } = await aPartnership(t)
    const linked = await aUser(t, { role: 'lead', partnershipId: partnership.id, personId: person.id })
    const unlinked = await aUser(t, { role: 'coordinator', partnershipId: partnership.id })

    const signature = (ctx: ReturnType<typeof contextFor>) => t.services.partnerships.signature(ctx)
    expect(await signature(contextFor(partnership, 'lead', { userId: linked.id, personId: person.id }))).toBe(`${linked.name} (${person.name}, ${organisation.name})`)
    expect(await signature(contextFor(partnership, 'coordinator', { userId: unlinked.id }))).toBe(unlinked.name)
    // No account (the command line, the demo data): the actor's label.
    expect(await signature(contextFor(partnership, 'coordinator'))).toBe('test')
  })
})
