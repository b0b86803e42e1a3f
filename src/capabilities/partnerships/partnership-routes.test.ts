import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, aUser } from '#test/helpers/builders'
import { page } from '#test/helpers/html'
import { createTestApp, type TestApp, type TestClient } from '#test/helpers/test-app'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

type Structure = Awaited<ReturnType<typeof aPartnership>>

/** A partnership with its coordinator signed in. */
async function setUp(): Promise<Structure & { officer: TestClient; base: string }> {
  const structure = await aPartnership(t)
  const officer = await t.as(await aUser(t, { role: 'coordinator', partnershipId: structure.partnership.id }))
  return { ...structure, officer, base: `/partnerships/${structure.partnership.id}` }
}

const countOf = async (table: 'areas' | 'organisations' | 'groups' | 'people' | 'memberships', partnershipId: number) =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select(eb => eb.fn.countAll().as('n'))
        .where('partnershipId', '=', partnershipId)
        .executeTakeFirstOrThrow()
    ).n,
  )

const auditOf = (entityType: string, entityId: number) =>
  t.db
    .selectFrom('auditEvents')
    .selectAll()
    .where('entityType', '=', entityType)
    .where('entityId', '=', String(entityId))
    .orderBy('id')
    .execute()

describe('organisations', () => {
  it('when the form is wrong, then it shows the error summary and inline errors, keeps what was typed and saves nothing', async () => {
    const { officer, base, partnership } = await setUp()
    const before = await countOf('organisations', partnership.id)
    const res = await officer.post(`${base}/organisations/new`, {
      name: '  ',
      shortName: 'SNT',
      kind: 'responsible_authority',
      authorityType: '',
      notes: 'Meets monthly',
    })
    expect(res.status).toBe(400)
    const p = page(res.text)
    expect(p.title()).toMatch(/^Error: Add an organisation – /)
    expect(p.errorSummary()).toEqual([
      { text: 'Enter the name of the organisation', href: '#name' },
      { text: 'Select the type of responsible authority', href: '#authorityType' },
    ])
    expect(p.inlineError('name')).toBe('Enter the name of the organisation')
    expect(p.inlineError('authorityType')).toBe('Select the type of responsible authority')
    expect(p.fieldValue('shortName')).toBe('SNT')
    expect(p.text('#notes')).toBe('Meets monthly')
    expect(p.$('input[name=kind][value=responsible_authority]').attr('checked')).toBeDefined()
    expect(await countOf('organisations', partnership.id)).toBe(before)
  })

  it('adds, changes and deletes an organisation, each recorded in the audit log with the values before and after', async () => {
    const { officer, base, partnership } = await setUp()
    const created = await officer.post(`${base}/organisations/new`, {
      name: 'Essex Fire',
      kind: 'responsible_authority',
      authorityType: 'fire_and_rescue',
    })
    expect(created.status).toBe(303)
    expect(created.headers.location).toBe(`${base}#partners`)
    const org = await t.db
      .selectFrom('organisations')
      .selectAll()
      .where('partnershipId', '=', partnership.id)
      .where('name', '=', 'Essex Fire')
      .executeTakeFirstOrThrow()
    expect(page((await officer.get(String(created.headers.location))).text).banner()).toBe('Organisation added')

    const edit = await officer.get(`${base}/organisations/${org.id}/edit`)
    expect(page(edit.text).fieldValue('name')).toBe('Essex Fire')
    const updated = await officer.post(`${base}/organisations/${org.id}/edit`, {
      name: 'Essex County Fire and Rescue Service',
      shortName: 'ECFRS',
      kind: 'responsible_authority',
      authorityType: 'fire_and_rescue',
    })
    expect(updated.status).toBe(303)

    const confirm = await officer.get(`${base}/organisations/${org.id}/delete`)
    expect(page(confirm.text).h1()).toBe(
      'Are you sure you want to delete the organisation “Essex County Fire and Rescue Service”?',
    )
    expect(await countOf('organisations', partnership.id)).toBe(2) // the confirmation page deletes nothing
    const deleted = await officer.post(`${base}/organisations/${org.id}/delete`)
    expect(deleted.status).toBe(303)
    expect(
      await t.db.selectFrom('organisations').where('id', '=', org.id).select('id').executeTakeFirst(),
    ).toBeUndefined()

    const audit = await auditOf('organisation', org.id)
    expect(audit.map(a => [a.action, a.summary, a.partnershipId])).toEqual([
      ['create', 'Created organisation “Essex Fire”', partnership.id],
      ['update', 'Updated organisation “Essex County Fire and Rescue Service”', partnership.id],
      ['delete', 'Deleted organisation “Essex County Fire and Rescue Service”', partnership.id],
    ])
    expect(audit[0]!.after).toMatchObject({ name: 'Essex Fire', authorityType: 'fire_and_rescue' })
    expect(audit[1]!.before).toMatchObject({ name: 'Essex Fire', shortName: null })
    expect(audit[1]!.after).toMatchObject({ name: 'Essex County Fire and Rescue Service', shortName: 'ECFRS' })
    expect(audit[2]!.before).toMatchObject({ name: 'Essex County Fire and Rescue Service' })
    expect(audit[2]!.after).toBeNull()
    expect(audit.every(a => a.actorLabel.endsWith('@example.org') && a.actorUserId !== null)).toBe(true)
  })

  it('a community partner keeps no authority type, whatever the form sent', async () => {
    const { officer, base, partnership } = await setUp()
    await officer
      .post(`${base}/organisations/new`, {
        name: 'Neighbourhood Watch',
        kind: 'community_partner',
        authorityType: 'police',
      })
      .expect(303)
    const org = await t.db
      .selectFrom('organisations')
      .selectAll()
      .where('partnershipId', '=', partnership.id)
      .where('name', '=', 'Neighbourhood Watch')
      .executeTakeFirstOrThrow()
    expect(org.authorityType).toBeNull()
  })

  it('refuses a second organisation of the same name, whatever its case', async () => {
    const { officer, base, organisation } = await setUp()
    const res = await officer.post(`${base}/organisations/new`, {
      name: organisation.name.toUpperCase(),
      kind: 'community_partner',
    })
    expect(res.status).toBe(400)
    expect(page(res.text).errorSummary()).toEqual([
      { text: 'There is already an organisation with this name', href: '#name' },
    ])
  })

  it('refuses to delete an organisation people belong to, and says why', async () => {
    const { officer, base, organisation } = await setUp()
    const res = await officer.post(`${base}/organisations/${organisation.id}/delete`)
    expect(res.status).toBe(409)
    expect(page(res.text).text('main')).toContain(
      'This organisation cannot be deleted while other records refer to it.',
    )
    expect(
      await t.db.selectFrom('organisations').where('id', '=', organisation.id).select('id').executeTakeFirst(),
    ).toBeDefined()
  })
})

describe('areas', () => {
  it('nests a ward in a district and an LSOA in the ward', async () => {
    const { officer, base, district, partnership } = await setUp()
    await officer
      .post(`${base}/areas/new`, { name: 'Hullbridge', type: 'ward', code: 'E05010850', parentId: String(district.id) })
      .expect(303)
    const ward = await t.db
      .selectFrom('areas')
      .selectAll()
      .where('partnershipId', '=', partnership.id)
      .where('name', '=', 'Hullbridge')
      .executeTakeFirstOrThrow()
    await officer
      .post(`${base}/areas/new`, { name: 'Rochford 001A', type: 'lsoa', code: 'E01021544', parentId: String(ward.id) })
      .expect(303)
    const home = page((await officer.get(base)).text)
    expect(home.all('[data-qa=areas] tbody tr td:first-child')).toEqual([
      expect.stringMatching(/^District/),
      'Hullbridge',
      'Rochford 001A',
    ])
  })

  it.each([
    [
      'a district inside another area',
      { name: 'Second District', type: 'district' },
      'district',
      'A district cannot sit inside another area',
    ],
    [
      'a ward inside an LSOA',
      { name: 'Odd Ward', type: 'ward' },
      'lsoa',
      'A ward can only sit inside a district or neighbourhood policing area or community forum area',
    ],
    [
      'a policing area inside a ward',
      { name: 'Rayleigh', type: 'policing_area' },
      'ward',
      'A neighbourhood policing area can only sit inside a district',
    ],
  ])('refuses %s, and saves nothing', async (_, fields, parentType, message) => {
    const { officer, base, district, partnership } = await setUp()
    const ward = await t.db
      .insertInto('areas')
      .values({ partnershipId: partnership.id, type: 'ward', name: 'A Ward', parentId: district.id })
      .returningAll()
      .executeTakeFirstOrThrow()
    const lsoa = await t.db
      .insertInto('areas')
      .values({ partnershipId: partnership.id, type: 'lsoa', name: 'An LSOA', parentId: ward.id })
      .returningAll()
      .executeTakeFirstOrThrow()
    const parent = { district, ward, lsoa }[parentType as 'district' | 'ward' | 'lsoa']
    const before = await countOf('areas', partnership.id)
    const res = await officer.post(`${base}/areas/new`, { ...fields, parentId: String(parent.id) })
    expect(res.status).toBe(400)
    expect(page(res.text).errorSummary()).toEqual([{ text: message, href: '#parentId' }])
    expect(page(res.text).fieldValue('name')).toBe(fields.name)
    expect(await countOf('areas', partnership.id)).toBe(before)
  })

  it('refuses to put an area inside one of its own areas', async () => {
    const { officer, base, district, partnership } = await setUp()
    const outer = await t.db
      .insertInto('areas')
      .values({ partnershipId: partnership.id, type: 'custom', name: 'Town centre', parentId: district.id })
      .returningAll()
      .executeTakeFirstOrThrow()
    const inner = await t.db
      .insertInto('areas')
      .values({ partnershipId: partnership.id, type: 'custom', name: 'High Street', parentId: outer.id })
      .returningAll()
      .executeTakeFirstOrThrow()
    const res = await officer.post(`${base}/areas/${outer.id}/edit`, {
      name: 'Town centre',
      type: 'custom',
      parentId: String(inner.id),
    })
    expect(res.status).toBe(400)
    expect(page(res.text).inlineError('parentId')).toBe('An area cannot sit inside itself or inside an area within it')
    expect(
      (await t.db.selectFrom('areas').select('parentId').where('id', '=', outer.id).executeTakeFirstOrThrow()).parentId,
    ).toBe(district.id)
  })

  it('refuses to change an area’s type when an area inside it could not sit in the new type', async () => {
    const { officer, base, district, partnership } = await setUp()
    const area = await t.db
      .insertInto('areas')
      .values({ partnershipId: partnership.id, type: 'policing_area', name: 'Rayleigh', parentId: district.id })
      .returningAll()
      .executeTakeFirstOrThrow()
    await t.db
      .insertInto('areas')
      .values({ partnershipId: partnership.id, type: 'ward', name: 'Trinity', parentId: area.id })
      .execute()
    const res = await officer.post(`${base}/areas/${area.id}/edit`, {
      name: 'Rayleigh',
      type: 'lsoa',
      parentId: String(district.id),
    })
    expect(res.status).toBe(400)
    expect(page(res.text).errorSummary()).toEqual([
      {
        text: 'This area contains Trinity (ward), which cannot sit in a lsoa (lower layer super output area)',
        href: '#type',
      },
    ])
  })

  it('refuses an area of another partnership as the parent', async () => {
    const { officer, base, partnership } = await setUp()
    const other = await aPartnership(t)
    const before = await countOf('areas', partnership.id)
    const res = await officer.post(`${base}/areas/new`, {
      name: 'Sneaky Ward',
      type: 'ward',
      parentId: String(other.district.id),
    })
    expect(res.status).toBe(400)
    expect(page(res.text).errorSummary()).toEqual([{ text: 'Select an area from the list', href: '#parentId' }])
    expect(await countOf('areas', partnership.id)).toBe(before)
  })

  it('refuses a second area of the same type and name', async () => {
    const { officer, base, district } = await setUp()
    const res = await officer.post(`${base}/areas/new`, { name: district.name, type: 'district' })
    expect(page(res.text).errorSummary()).toEqual([
      { text: 'There is already an area of this type with this name', href: '#name' },
    ])
  })

  it('will not delete an area that has areas inside it', async () => {
    const { officer, base, district, partnership } = await setUp()
    await t.db
      .insertInto('areas')
      .values({ partnershipId: partnership.id, type: 'ward', name: 'Lodge', parentId: district.id })
      .execute()
    const res = await officer.post(`${base}/areas/${district.id}/delete`)
    expect(res.status).toBe(409)
    expect(await t.db.selectFrom('areas').select('id').where('id', '=', district.id).executeTakeFirst()).toBeDefined()
  })
})

describe('groups', () => {
  it('when the form is wrong, then it keeps what was typed and saves nothing', async () => {
    const { officer, base, partnership } = await setUp()
    const before = await countOf('groups', partnership.id)
    const res = await officer.post(`${base}/groups/new`, {
      name: '',
      type: '',
      purpose: 'Tackles hate crime',
      meetingCadence: 'monthly',
    })
    expect(res.status).toBe(400)
    const p = page(res.text)
    expect(p.errorSummary()).toEqual([
      { text: 'Enter the name of the group', href: '#name' },
      { text: 'Select the type of group', href: '#type' },
    ])
    expect(p.text('#purpose')).toBe('Tackles hate crime')
    expect(p.$('#meetingCadence option[selected]').attr('value')).toBe('monthly')
    expect(await countOf('groups', partnership.id)).toBe(before)
  })

  it('adds a sub-group that reports to the steering group, and shows it on the group’s page', async () => {
    const { officer, base, group, partnership } = await setUp()
    const res = await officer.post(`${base}/groups/new`, {
      name: 'Hate Crime Panel',
      type: 'sub_group',
      reportsToGroupId: String(group.id),
      meetingCadence: 'quarterly',
    })
    expect(res.status).toBe(303)
    const created = await t.db
      .selectFrom('groups')
      .selectAll()
      .where('partnershipId', '=', partnership.id)
      .where('name', '=', 'Hate Crime Panel')
      .executeTakeFirstOrThrow()
    expect(res.headers.location).toBe(`${base}/groups/${created.id}`)
    const shown = page((await officer.get(String(res.headers.location))).text)
    expect(shown.h1()).toBe('Hate Crime Panel')
    expect(shown.text('.govuk-summary-list')).toContain(`Reports to ${group.name}`)
    expect((await auditOf('group', created.id))[0]).toMatchObject({
      action: 'create',
      after: expect.objectContaining({ reportsToGroupId: group.id }),
    })
  })

  it('refuses a reporting cycle: a group cannot report to a group that reports to it', async () => {
    const { officer, base, group, partnership } = await setUp()
    const panel = await t.db
      .insertInto('groups')
      .values({ partnershipId: partnership.id, type: 'sub_group', name: 'Panel', reportsToGroupId: group.id })
      .returningAll()
      .executeTakeFirstOrThrow()
    const res = await officer.post(`${base}/groups/${group.id}/edit`, {
      name: group.name,
      type: 'steering_group',
      reportsToGroupId: String(panel.id),
    })
    expect(res.status).toBe(400)
    expect(page(res.text).errorSummary()).toEqual([
      { text: 'A group cannot report to itself or to a group that reports to it', href: '#reportsToGroupId' },
    ])
    expect(
      (await t.db.selectFrom('groups').select('reportsToGroupId').where('id', '=', group.id).executeTakeFirstOrThrow())
        .reportsToGroupId,
    ).toBeNull()
  })

  it('refuses a group of another partnership to report to', async () => {
    const { officer, base, partnership } = await setUp()
    const other = await aPartnership(t)
    const before = await countOf('groups', partnership.id)
    const res = await officer.post(`${base}/groups/new`, {
      name: 'Cross Panel',
      type: 'sub_group',
      reportsToGroupId: String(other.group.id),
    })
    expect(page(res.text).errorSummary()).toEqual([{ text: 'Select a group from the list', href: '#reportsToGroupId' }])
    expect(await countOf('groups', partnership.id)).toBe(before)
  })

  it('deletes a group with its memberships after the confirmation, but not a group others report to', async () => {
    const { officer, base, group, person, partnership } = await setUp()
    const panel = await t.db
      .insertInto('groups')
      .values({ partnershipId: partnership.id, type: 'sub_group', name: 'Panel', reportsToGroupId: group.id })
      .returningAll()
      .executeTakeFirstOrThrow()
    await t.db
      .insertInto('memberships')
      .values({ partnershipId: partnership.id, groupId: panel.id, personId: person.id, role: 'chair' })
      .execute()

    expect((await officer.post(`${base}/groups/${group.id}/delete`)).status).toBe(409)

    const confirm = page((await officer.get(`${base}/groups/${panel.id}/delete`)).text)
    expect(confirm.h1()).toBe('Are you sure you want to delete the group “Panel”?')
    expect(confirm.text('.govuk-warning-text')).toContain('Its memberships are deleted with it.')
    await officer.post(`${base}/groups/${panel.id}/delete`).expect(303)
    expect(await countOf('memberships', partnership.id)).toBe(0)
    expect((await auditOf('group', panel.id)).at(-1)).toMatchObject({
      action: 'delete',
      before: expect.objectContaining({ name: 'Panel' }),
    })
  })
})

describe('people and memberships', () => {
  it('refuses an organisation of another partnership for a person', async () => {
    const { officer, base, partnership } = await setUp()
    const other = await aPartnership(t)
    const before = await countOf('people', partnership.id)
    const res = await officer.post(`${base}/people/new`, {
      name: 'Licensing Officer',
      organisationId: String(other.organisation.id),
    })
    expect(res.status).toBe(400)
    expect(page(res.text).errorSummary()).toEqual([
      { text: 'Select an organisation from the list', href: '#organisationId' },
    ])
    expect(page(res.text).fieldValue('name')).toBe('Licensing Officer')
    expect(await countOf('people', partnership.id)).toBe(before)
  })

  it('when no person is chosen, then it says so, keeps the role chosen and saves nothing', async () => {
    const { officer, base, group, partnership } = await setUp()
    const res = await officer.post(`${base}/groups/${group.id}/members/new`, { personId: '', role: 'vice_chair' })
    expect(res.status).toBe(400)
    const p = page(res.text)
    expect(p.errorSummary()).toEqual([{ text: 'Select a person', href: '#personId' }])
    expect(p.$('input[name=role][value=vice_chair]').attr('checked')).toBeDefined()
    expect(await countOf('memberships', partnership.id)).toBe(0)
  })

  it('adds a member, changes their role and removes them, with the audit log’s before and after', async () => {
    const { officer, base, group, person, partnership } = await setUp()
    await officer
      .post(`${base}/groups/${group.id}/members/new`, { personId: String(person.id), role: 'member' })
      .expect(303)
    const membership = await t.db
      .selectFrom('memberships')
      .selectAll()
      .where('partnershipId', '=', partnership.id)
      .executeTakeFirstOrThrow()
    expect(
      page((await officer.get(`${base}/groups/${group.id}`)).text).all('[data-qa=members] tbody tr td:nth-child(3)'),
    ).toEqual(['Member'])

    await officer
      .post(`${base}/groups/${group.id}/members/${membership.id}/edit`, { personId: String(person.id), role: 'chair' })
      .expect(303)
    const confirm = page((await officer.get(`${base}/groups/${group.id}/members/${membership.id}/delete`)).text)
    expect(confirm.h1()).toBe(`Are you sure you want to delete the member “${person.name} (${group.name})”?`)
    await officer.post(`${base}/groups/${group.id}/members/${membership.id}/delete`).expect(303)

    const audit = await auditOf('membership', membership.id)
    expect(audit.map(a => a.action)).toEqual(['create', 'update', 'delete'])
    expect([audit[1]!.before, audit[1]!.after]).toMatchObject([{ role: 'member' }, { role: 'chair' }])
  })

  it('refuses a second chair, and a person twice in one group', async () => {
    const { officer, base, group, person, organisation, partnership } = await setUp()
    const second = await t.db
      .insertInto('people')
      .values({ partnershipId: partnership.id, name: 'Second Officer', organisationId: organisation.id })
      .returningAll()
      .executeTakeFirstOrThrow()
    await officer
      .post(`${base}/groups/${group.id}/members/new`, { personId: String(person.id), role: 'chair' })
      .expect(303)

    const twoChairs = await officer.post(`${base}/groups/${group.id}/members/new`, {
      personId: String(second.id),
      role: 'chair',
    })
    expect(page(twoChairs.text).errorSummary()).toEqual([{ text: 'The group already has a chair', href: '#role' }])
    const twice = await officer.post(`${base}/groups/${group.id}/members/new`, {
      personId: String(person.id),
      role: 'member',
    })
    expect(page(twice.text).errorSummary()).toEqual([
      { text: 'This person is already in the group', href: '#personId' },
    ])
    expect(await countOf('memberships', partnership.id)).toBe(1)
  })

  it('refuses a person of another partnership as a member', async () => {
    const { officer, base, group, partnership } = await setUp()
    const other = await aPartnership(t)
    const res = await officer.post(`${base}/groups/${group.id}/members/new`, {
      personId: String(other.person.id),
      role: 'member',
    })
    expect(page(res.text).errorSummary()).toEqual([{ text: 'Select a person from the list', href: '#personId' }])
    expect(await countOf('memberships', partnership.id)).toBe(0)
  })

  it('does not find a membership through another group’s address', async () => {
    const { officer, base, group, person, partnership } = await setUp()
    const other = await t.db
      .insertInto('groups')
      .values({ partnershipId: partnership.id, type: 'sub_group', name: 'Other Panel' })
      .returningAll()
      .executeTakeFirstOrThrow()
    const membership = await t.db
      .insertInto('memberships')
      .values({ partnershipId: partnership.id, groupId: group.id, personId: person.id, role: 'member' })
      .returningAll()
      .executeTakeFirstOrThrow()
    expect((await officer.get(`${base}/groups/${other.id}/members/${membership.id}/edit`)).status).toBe(404)
    expect((await officer.post(`${base}/groups/${other.id}/members/${membership.id}/delete`)).status).toBe(404)
    expect(await countOf('memberships', partnership.id)).toBe(1)
  })
})

describe('the partnership’s details', () => {
  it('an admin changes them; an empty name is refused and nothing changes', async () => {
    const { partnership } = await aPartnership(t)
    const admin = await t.as(await aUser(t, { role: 'admin', partnershipId: partnership.id }))
    const base = `/partnerships/${partnership.id}`
    const wrong = await admin.post(`${base}/edit`, { name: '', vision: 'Safer streets' })
    expect(wrong.status).toBe(400)
    expect(page(wrong.text).errorSummary()).toEqual([{ text: 'Enter the name of the partnership', href: '#name' }])
    expect(page(wrong.text).text('#vision')).toBe('Safer streets')
    expect(
      (
        await t.db
          .selectFrom('partnerships')
          .select('vision')
          .where('id', '=', partnership.id)
          .executeTakeFirstOrThrow()
      ).vision,
    ).toBe('A safer district')

    await admin
      .post(`${base}/edit`, { name: partnership.name, vision: 'Safer streets', isPublished: 'yes' })
      .expect(303)
    const audit = await t.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('entityType', '=', 'partnership')
      .where('entityId', '=', String(partnership.id))
      .execute()
    expect(audit.at(-1)).toMatchObject({
      action: 'update',
      before: expect.objectContaining({ vision: 'A safer district', isPublished: false }),
      after: expect.objectContaining({ vision: 'Safer streets', isPublished: true }),
    })
  })
})
