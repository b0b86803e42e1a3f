import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, aUser } from '#test/helpers/builders'
import { page } from '#test/helpers/html'
import { createTestApp, type TestApp } from '#test/helpers/test-app'

/** People's data: subject access downloads, erasure with a pseudonym in the audit log, privacy notices. */
let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

let n = 0
async function setUp() {
  const joEmail = `jo.bloggs${++n}@essex.police.uk`
  const structure = await aPartnership(t)
  const partnershipId = structure.partnership.id
  const adminUser = await aUser(t, { role: 'admin', partnershipId })
  const admin = await t.as(adminUser)
  const base = `/partnerships/${partnershipId}`
  // Jo leads the partnership's work: a person record with an account, changed through the pages (audited).
  await admin.post(`${base}/team/new`, { email: joEmail, name: 'Jo Bloggs', role: 'lead', personId: String(structure.person.id) }).expect(303)
  await admin.post(`${base}/people/${structure.person.id}/edit`, { name: 'Jo Bloggs', jobTitle: 'District Commander', organisationId: String(structure.organisation.id), email: joEmail }).expect(303)
  const jo = await t.db.selectFrom('users').selectAll().where('email', '=', joEmail).executeTakeFirstOrThrow()
  return { ...structure, partnershipId, admin, adminUser, base, jo, joEmail }
}

const auditTexts = async (partnershipId: number | null) =>
  (await t.db.selectFrom('auditEvents').select(['summary', 'actorLabel', 'before', 'after']).where(eb => (partnershipId === null ? eb('partnershipId', 'is', null) : eb('partnershipId', '=', partnershipId))).execute()).map(row =>
    JSON.stringify(row),
  )

describe('a subject access request', () => {
  it('an admin downloads everything the partnership holds about a person, in one JSON file, without secrets; audited', async () => {
    const { admin, base, person, partnershipId, group, jo, joEmail } = await setUp()
    await t.db.insertInto('memberships').values({ partnershipId, groupId: group.id, personId: person.id, role: 'member' }).execute()
    await t.db.insertInto('apiTokens').values({ userId: jo.id, name: 'Dashboard', tokenHash: 'secret-hash', tokenPrefix: 'csp_abc' }).execute()
    const res = await admin.get(`${base}/people/${person.id}/personal-data.json`)
    expect(res.status).toBe(200)
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="?personal-data-person-\d+\.json"?$/)
    expect(res.headers['cache-control']).toBe('no-store')
    const data = JSON.parse(res.text) as { person: object; account: object; linkedRecords: Record<string, unknown[]>; auditLog: { summary: string }[] }
    expect(data.person).toMatchObject({ id: person.id, name: 'Jo Bloggs', jobTitle: 'District Commander', email: joEmail })
    expect(data.account).toMatchObject({ email: joEmail, hasPassword: false, roles: [expect.objectContaining({ role: 'lead' })] })
    expect(data.linkedRecords['memberships.person_id']).toEqual([expect.objectContaining({ groupId: group.id, role: 'member' })])
    expect(data.linkedRecords['api_tokens.user_id']).toEqual([expect.objectContaining({ name: 'Dashboard', tokenPrefix: 'csp_abc' })])
    expect(res.text).not.toContain('secret-hash')
    expect(res.text).not.toMatch(/passwordHash|tokenHash/)
    expect(data.auditLog.map((a: { summary: string }) => a.summary)).toEqual(expect.arrayContaining([`Gave ${joEmail} the lead role`, 'Updated person “Jo Bloggs”']))
    const exported = await t.db.selectFrom('auditEvents').select('summary').where('partnershipId', '=', partnershipId).where('action', '=', 'export').execute()
    expect(exported.map(e => e.summary)).toEqual(['Downloaded everything held about “Jo Bloggs” (subject access request)'])
  })

  it('finds free text that names them', async () => {
    const { admin, base, person, partnershipId } = await setUp()
    await t.db.updateTable('groups').set({ notes: 'Jo Bloggs chairs when the chair is away' }).where('partnershipId', '=', partnershipId).execute()
    const data = JSON.parse((await admin.get(`${base}/people/${person.id}/personal-data.json`)).text) as { mentionsInText: { table: string; column: string; text: string }[] }
    expect(data.mentionsInText).toEqual(expect.arrayContaining([expect.objectContaining({ table: 'groups', column: 'notes', text: 'Jo Bloggs chairs when the chair is away' })]))
  })

  it('a signed-in person downloads their own data from their account', async () => {
    const user = await aUser(t)
    const res = await (await t.as(user)).get('/account/personal-data.json')
    expect(res.status).toBe(200)
    expect((JSON.parse(res.text) as { account: { email: string } }).account.email).toBe(user.email)
    expect((await t.anonymous().get('/account/personal-data.json')).status).toBe(303)
  })

  it('another partnership’s person is not found', async () => {
    const { admin, base } = await setUp()
    const other = await aPartnership(t)
    expect((await admin.get(`${base}/people/${other.person.id}/personal-data.json`)).status).toBe(404)
    expect((await admin.get(`${base}/people/${other.person.id}/erase`)).status).toBe(404)
  })
})

describe('erasing a person who leaves', () => {
  it('anonymises the record and the account, and the audit log keeps a pseudonym instead of their name', async () => {
    const { admin, base, person, partnershipId, jo, joEmail } = await setUp()
    const confirm = page((await admin.get(`${base}/people/${person.id}/erase`)).text)
    expect(confirm.h1()).toBe('Erase or anonymise Jo Bloggs')
    expect(confirm.text('[data-qa=erasure-effects]')).toContain(`these words replaced: “${joEmail}”, “Jo Bloggs”`)
    expect(confirm.text('[data-qa=erasure-effects]')).toContain('is anonymised and disabled')
    expect((await auditTexts(partnershipId)).some(text => text.includes('Jo Bloggs'))).toBe(true)

    const res = await admin.post(`${base}/people/${person.id}/erase`, { mode: 'anonymise' })
    expect(res.status).toBe(303)
    const after = await t.db.selectFrom('people').selectAll().where('id', '=', person.id).executeTakeFirstOrThrow()
    expect(after).toMatchObject({ email: null, jobTitle: null, userId: null })
    expect(after.name).toMatch(/^Former member [A-Z2-9]{4}$/)
    const pseudonym = after.name
    const texts = [...(await auditTexts(partnershipId)), ...(await auditTexts(null))]
    expect(texts.filter(text => text.toLowerCase().includes(joEmail) || text.includes('Jo Bloggs'))).toEqual([])
    expect(texts.filter(text => text.includes(pseudonym)).length).toBeGreaterThan(3)
    const account = await t.db.selectFrom('users').selectAll().where('id', '=', jo.id).executeTakeFirstOrThrow()
    expect(account).toMatchObject({ email: `erased-${jo.id}@erased.invalid`, name: pseudonym, passwordHash: null })
    expect(account.disabledAt).not.toBeNull()
    expect(await t.db.selectFrom('partnershipRoles').select('role').where('userId', '=', jo.id).execute()).toEqual([])
    const summary = await t.db.selectFrom('auditEvents').select('summary').where('partnershipId', '=', partnershipId).where('action', '=', 'anonymise').executeTakeFirstOrThrow()
    expect(summary.summary).toMatch(new RegExp(`^Anonymised a person who left, now “${pseudonym}”: \\d+ audit entries show the pseudonym; their account is anonymised and disabled$`))
    expect(page((await admin.get(`/partnerships/${partnershipId}`)).text).banner()).toMatch(new RegExp(`^Anonymised: the records now say “${pseudonym}”`))
  })

  it('the audit log stays append-only: no update or delete outside an erasure', async () => {
    const { partnershipId } = await setUp()
    const row = await t.db.selectFrom('auditEvents').select('id').where('partnershipId', '=', partnershipId).executeTakeFirstOrThrow()
    await expect(t.db.updateTable('auditEvents').set({ summary: 'rewritten' }).where('id', '=', row.id).execute()).rejects.toThrow(/append-only/)
    await expect(t.db.deleteFrom('auditEvents').where('id', '=', row.id).execute()).rejects.toThrow(/append-only/)
  })

  it('keeps an account that has a role in another partnership, changing only this partnership’s records', async () => {
    const { admin, base, person, jo, joEmail } = await setUp()
    const other = await aPartnership(t)
    await t.db.insertInto('partnershipRoles').values({ userId: jo.id, partnershipId: other.partnership.id, role: 'member' }).execute()
    expect(page((await admin.get(`${base}/people/${person.id}/erase`)).text).text('[data-qa=erasure-effects]')).toContain('It stays, because they have a role elsewhere')
    await admin.post(`${base}/people/${person.id}/erase`, { mode: 'erase' }).expect(303)
    expect(await t.db.selectFrom('people').select('id').where('id', '=', person.id).execute()).toEqual([])
    const account = await t.db.selectFrom('users').select(['email', 'disabledAt']).where('id', '=', jo.id).executeTakeFirstOrThrow()
    expect(account).toEqual({ email: joEmail, disabledAt: null })
  })

  it('will not delete a record that others refer to, and says to anonymise instead', async () => {
    const { admin, base, person, partnershipId } = await setUp()
    const plan = await t.db.insertInto('plans').values({ partnershipId, title: 'Plan', planYear: 2026 }).returning('id').executeTakeFirstOrThrow()
    const priority = await t.db.insertInto('priorities').values({ partnershipId, planId: plan.id, title: 'ASB', position: 1 }).returning('id').executeTakeFirstOrThrow()
    const action = await t.db.insertInto('actions').values({ partnershipId, priorityId: priority.id, title: 'Patrols', position: 1 }).returning('id').executeTakeFirstOrThrow()
    await t.db.insertInto('actionLeadPeople').values({ partnershipId, actionId: action.id, personId: person.id }).execute()
    const res = await admin.post(`${base}/people/${person.id}/erase`, { mode: 'erase' })
    expect(res.status).toBe(409)
    expect(page(res.text).errorSummary()[0]?.text).toMatch(/^This person leads actions/)
    expect((await t.db.selectFrom('people').select('name').where('id', '=', person.id).executeTakeFirstOrThrow()).name).toBe('Jo Bloggs')
    await admin.post(`${base}/people/${person.id}/erase`, { mode: 'anonymise' }).expect(303)
  })
})

describe('the privacy notice', () => {
  it('is public, starts from a default saying what is kept, and the partnership’s admins can change it (audited)', async () => {
    const { admin, base, partnershipId } = await setUp()
    await t.db.updateTable('partnerships').set({ isPublished: true }).where('id', '=', partnershipId).execute()
    const first = page((await t.anonymous().get(`${base}/privacy`)).text)
    expect(first.h1()).toBe('Privacy notice')
    expect(first.text('[data-qa=privacy-notice]')).toMatch(/What we keep: the name, job title, organisation and work e-mail address/)
    const bad = await admin.post(`${base}/privacy/edit`, { body: '', contact: '' })
    expect(page(bad.text).errorSummary()).toEqual([{ text: 'Enter the privacy notice', href: '#body' }])
    await admin.post(`${base}/privacy/edit`, { body: 'We keep your name.\n\nAsk us to erase it.', contact: 'dpo@rochford.gov.uk' }).expect(303)
    const after = page((await t.anonymous().get(`${base}/privacy`)).text)
    expect(after.all('[data-qa=privacy-notice] p')).toEqual(['We keep your name.', 'Ask us to erase it.'])
    expect(after.text('[data-qa=privacy-contact]')).toBe('dpo@rochford.gov.uk')
    const audit = await t.db.selectFrom('auditEvents').select('summary').where('partnershipId', '=', partnershipId).where('entityType', '=', 'privacy_notice').execute()
    expect(audit.map(a => a.summary)).toEqual(['Wrote the partnership’s privacy notice'])
    const member = await t.as(await aUser(t, { role: 'member', partnershipId }))
    expect((await member.post(`${base}/privacy/edit`, { body: 'Nothing' })).status).toBe(403)
    expect(page((await t.anonymous().get('/privacy')).text).all('[data-qa=privacy-notices] li')).toEqual(expect.arrayContaining([expect.stringContaining('privacy notice')]))
  })
})
