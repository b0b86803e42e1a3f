import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, aUser } from '#test/helpers/builders'
import { page } from '#test/helpers/html'
import { createTestApp, type TestApp } from '#test/helpers/test-app'

/** The accounts page of a partnership (/team): admins give, change and take away roles. */
let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

async function setUp() {
  const structure = await aPartnership(t)
  const partnershipId = structure.partnership.id
  const adminUser = await aUser(t, { role: 'admin', partnershipId })
  return {
    ...structure,
    partnershipId,
    adminUser,
    admin: await t.as(adminUser),
    base: `/partnerships/${partnershipId}/team`,
  }
}

const roleOf = async (userId: number, partnershipId: number) =>
  (
    await t.db
      .selectFrom('partnershipRoles')
      .select('role')
      .where('userId', '=', userId)
      .where('partnershipId', '=', partnershipId)
      .executeTakeFirst()
  )?.role

const auditRoles = (partnershipId: number) =>
  t.db
    .selectFrom('auditEvents')
    .selectAll()
    .where('partnershipId', '=', partnershipId)
    .where('entityType', '=', 'role')
    .orderBy('id')
    .execute()

describe('the accounts page', () => {
  it('lists who can sign in to the partnership, with their roles, for an admin only', async () => {
    const { base, admin, adminUser, partnershipId } = await setUp()
    const member = await aUser(t, { role: 'member', partnershipId })
    const p = page((await admin.get(base)).text)
    expect(p.h1()).toBe('Accounts')
    expect(
      p
        .all('[data-qa=team] tbody tr')
        .map(row => row.split(' ').filter(word => word.includes('@') || ['Admin', 'Member'].includes(word))),
    ).toEqual(
      expect.arrayContaining([
        [adminUser.email, 'Admin'],
        [member.email, 'Member'],
      ]),
    )
    const coordinator = await t.as(await aUser(t, { role: 'coordinator', partnershipId }))
    expect((await coordinator.get(base)).status).toBe(403)
    expect((await coordinator.post(`${base}/new`, { email: 'x@example.org', name: 'X', role: 'admin' })).status).toBe(
      403,
    )
  })
})

describe('giving access', () => {
  it('to a new address makes an account without a password, gives the role and e-mails a link to choose one', async () => {
    const { base, admin, partnershipId } = await setUp()
    const sent = t.mailer.sent.length
    const res = await admin.post(`${base}/new`, {
      email: 'New.Officer@Example.org',
      name: 'New Officer',
      role: 'coordinator',
      personId: '',
    })
    expect(res.status).toBe(303)
    const user = await t.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', 'new.officer@example.org')
      .executeTakeFirstOrThrow()
    expect(user.passwordHash).toBeNull()
    expect(await roleOf(user.id, partnershipId)).toBe('coordinator')
    expect(t.mailer.sent.slice(sent)).toEqual([
      expect.objectContaining({ to: 'new.officer@example.org', subject: `You have been given access to ${(await t.db.selectFrom('partnerships').select('name').where('id', '=', partnershipId).executeTakeFirstOrThrow()).name} on CSP Hub` }),
    ])
    expect(page((await admin.get(base)).text).banner()).toBe('new.officer@example.org has the coordinator role. The invitation e-mail has been sent.')
    expect((await auditRoles(partnershipId)).at(-1)).toMatchObject({
      action: 'grant',
      summary: 'Gave new.officer@example.org the coordinator role',
    })
  })

  it('to an existing account adds the role and keeps the account; a second time it says they have one', async () => {
    const { base, admin, partnershipId } = await setUp()
    const other = await aPartnership(t)
    const existing = await aUser(t, { role: 'lead', partnershipId: other.partnership.id })
    await admin.post(`${base}/new`, { email: existing.email, name: 'Ignored Name', role: 'member' }).expect(303)
    expect(await roleOf(existing.id, partnershipId)).toBe('member')
    expect(await roleOf(existing.id, other.partnership.id)).toBe('lead')
    expect(
      (await t.db.selectFrom('users').select('name').where('id', '=', existing.id).executeTakeFirstOrThrow()).name,
    ).toBe(existing.name)

    const again = await admin.post(`${base}/new`, { email: existing.email, name: existing.name, role: 'admin' })
    expect(again.status).toBe(400)
    expect(page(again.text).errorSummary()).toEqual([
      { text: 'This person already has the member role here', href: '#email' },
    ])
    expect(await roleOf(existing.id, partnershipId)).toBe('member')
  })

  it('when the form is wrong, then it keeps what was typed and makes no account', async () => {
    const { base, admin } = await setUp()
    const users = await t.db
      .selectFrom('users')
      .select(eb => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
    const res = await admin.post(`${base}/new`, { email: 'not an address', name: 'Someone', role: '' })
    expect(res.status).toBe(400)
    const p = page(res.text)
    expect(p.errorSummary()).toEqual([
      { text: 'Enter an email address in the correct format, like name@example.com', href: '#email' },
      { text: 'Select a role', href: '#role' },
    ])
    expect(p.fieldValue('email')).toBe('not an address')
    expect(p.fieldValue('name')).toBe('Someone')
    expect(
      await t.db
        .selectFrom('users')
        .select(eb => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow(),
    ).toEqual(users)
  })

  it('refuses to link the account to a person of another partnership, and leaves no account or invitation behind', async () => {
    const { base, admin } = await setUp()
    const other = await aPartnership(t)
    const sent = t.mailer.sent.length
    const res = await admin.post(`${base}/new`, {
      email: 'linked@example.org',
      name: 'Linked',
      role: 'lead',
      personId: String(other.person.id),
    })
    expect(res.status).toBe(400)
    expect(page(res.text).errorSummary()).toEqual([{ text: 'Select a person from the list', href: '#personId' }])
    expect(
      await t.db.selectFrom('users').select('id').where('email', '=', 'linked@example.org').executeTakeFirst(),
    ).toBeUndefined()
    expect(t.mailer.sent.length).toBe(sent)
  })

  it('links the account to the person it is, so they see what they lead', async () => {
    const { base, admin, person, partnershipId } = await setUp()
    await admin
      .post(`${base}/new`, { email: 'lead@example.org', name: 'Lead', role: 'lead', personId: String(person.id) })
      .expect(303)
    const user = await t.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'lead@example.org')
      .executeTakeFirstOrThrow()
    expect(
      (await t.db.selectFrom('people').select('userId').where('id', '=', person.id).executeTakeFirstOrThrow()).userId,
    ).toBe(user.id)
    expect(await roleOf(user.id, partnershipId)).toBe('lead')
  })
})

describe('changing a role and taking access away', () => {
  it('changes a member’s role, recording the role before and after', async () => {
    const { base, admin, partnershipId } = await setUp()
    const member = await aUser(t, { role: 'member', partnershipId })
    const form = page((await admin.get(`${base}/${member.id}/edit`)).text)
    expect(form.h1()).toBe(`Change the access of ${member.name}`)
    expect(form.$('input[name=role][value=member]').attr('checked')).toBeDefined()
    await admin.post(`${base}/${member.id}/edit`, { role: 'coordinator' }).expect(303)
    expect(await roleOf(member.id, partnershipId)).toBe('coordinator')
    expect((await auditRoles(partnershipId)).at(-1)).toMatchObject({
      action: 'update',
      before: expect.objectContaining({ role: 'member' }),
      after: expect.objectContaining({ role: 'coordinator' }),
    })
  })

  it('keeps the last admin: the only admin can be neither demoted nor removed', async () => {
    const { base, admin, adminUser, partnershipId } = await setUp()
    const demote = await admin.post(`${base}/${adminUser.id}/edit`, { role: 'member' })
    expect(demote.status).toBe(400)
    expect(page(demote.text).errorSummary()).toEqual([
      { text: 'A partnership must keep at least one admin', href: '#role' },
    ])
    const remove = await admin.post(`${base}/${adminUser.id}/remove`)
    expect(remove.status).toBe(403)
    expect(page(remove.text).text('main')).toContain('A partnership must keep at least one admin')
    expect(await roleOf(adminUser.id, partnershipId)).toBe('admin')

    const second = await aUser(t, { role: 'admin', partnershipId })
    await admin.post(`${base}/${second.id}/edit`, { role: 'member' }).expect(303)
    expect(await roleOf(second.id, partnershipId)).toBe('member')
  })

  it('removes someone’s access after the confirmation page; their account stays', async () => {
    const { base, admin, partnershipId } = await setUp()
    const member = await aUser(t, { role: 'member', partnershipId })
    const confirm = page((await admin.get(`${base}/${member.id}/remove`)).text)
    expect(confirm.h1()).toBe(`Are you sure you want to delete the role of “${member.name} (${member.email})”?`)
    expect(await roleOf(member.id, partnershipId)).toBe('member')
    await admin.post(`${base}/${member.id}/remove`).expect(303)
    expect(await roleOf(member.id, partnershipId)).toBeUndefined()
    expect(await t.db.selectFrom('users').select('id').where('id', '=', member.id).executeTakeFirst()).toBeDefined()
    expect((await auditRoles(partnershipId)).at(-1)).toMatchObject({
      action: 'revoke',
      before: expect.objectContaining({ role: 'member' }),
    })
    // Their session no longer opens the partnership (it is not published: a 404).
    expect((await (await t.as(member)).get(`/partnerships/${partnershipId}`)).status).toBe(404)
  })

  it('does not find an account of another partnership through this one', async () => {
    const { base, admin } = await setUp()
    const other = await aPartnership(t)
    const outsider = await aUser(t, { role: 'member', partnershipId: other.partnership.id })
    expect((await admin.get(`${base}/${outsider.id}/edit`)).status).toBe(404)
    expect((await admin.post(`${base}/${outsider.id}/remove`)).status).toBe(404)
    expect(await roleOf(outsider.id, other.partnership.id)).toBe('member')
  })
})
