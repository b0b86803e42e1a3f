import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, aUser } from '#test/helpers/builders'
import { page } from '#test/helpers/html'
import { countRaw, fixtureMonth, inDistrict, loadGeography, loadPoliceMonths } from '#test/helpers/police-data'
import { createTestApp, type TestApp, type TestClient } from '#test/helpers/test-app'

let t: TestApp
let coordinator: TestClient
let member: TestClient
let base: string
let partnershipId: number

beforeAll(async () => {
  t = await createTestApp()
  await loadGeography(t)
  await loadPoliceMonths(t)
  const { partnership } = await aPartnership(t) // Rochford, E07000075
  partnershipId = partnership.id
  base = `/partnerships/${partnershipId}/strategic-assessment/priorities`
  coordinator = await t.as(await aUser(t, { role: 'coordinator', partnershipId }))
  member = await t.as(await aUser(t, { role: 'member', partnershipId }))
}, 120_000)
afterAll(() => t.close())

async function startMatrix(): Promise<string> {
  const res = await coordinator.post(`${base}/new`, { title: 'Scoring matrix 2025/26', periodFrom: '2025-01', periodTo: '2025-01' }).expect(303)
  return res.headers.location!
}

describe('the priority scoring matrix', () => {
  it('starts with the usual criteria and issues, and fills volume and trend from the police data', async () => {
    const url = await startMatrix()
    const p = page((await member.get(url).expect(200)).text)
    expect(p.h1()).toBe('Scoring matrix 2025/26')
    const headers = p.all('[data-qa="ranking"] thead th')
    expect(headers).toEqual(expect.arrayContaining(['Volume ×2', 'Trend ×2', 'Harm ×3', 'Vulnerability ×3', 'Public concern ×2', 'Partnership capacity ×1']))
    const rows = p.all('[data-qa="ranking"] tbody tr')
    expect(rows).toHaveLength(8)
    // Anti-social behaviour: its volume is the police data's count for January 2025 in Rochford.
    const asb = countRaw(fixtureMonth('2025-01'), row => inDistrict('Rochford')(row) && row['Crime type'] === 'Anti-social behaviour').get('Anti-social behaviour')!
    const asbRow = rows.find(r => r.includes('Anti-social behaviour'))!
    expect(asbRow).toContain(`${asb} records`)
    // January 2025 against December 2024: not held, so no trend from the data.
    expect(asbRow).not.toMatch(/on the period before/)
    expect(rows.find(r => r.startsWith('1 ') || r.includes('Domestic abuse'))).toBeDefined()
    expect(rows.find(r => r.includes('Domestic abuse'))).toMatch(/Not in police.uk data: scored by the group/)
  })

  it('says what is wrong with a score, next to it, and keeps what was typed', async () => {
    const url = await startMatrix()
    const form = page((await coordinator.get(`${url}/scores`).expect(200)).text)
    const field = form.$('select[name^="score-"]').first().attr('name')!
    const res = await coordinator.post(`${url}/scores`, { [field]: '9' }).expect(400)
    const p = page(res.text)
    expect(p.errorSummary()).toEqual([{ text: expect.stringMatching(/^Select a score from 1 to 5 for Volume for /) as string, href: `#${field}` }])
    expect(p.inlineError(field)).toMatch(/Select a score from 1 to 5/)
  })

  it('ranks by the weighted scores the group gives, and audits them', async () => {
    const url = await startMatrix()
    const id = Number(url.split('/').pop())
    const criteria = await t.db.selectFrom('priorityCriteria').select(['id', 'name']).where('assessmentId', '=', id).execute()
    const candidates = await t.db.selectFrom('priorityCandidates').select(['id', 'name']).where('assessmentId', '=', id).execute()
    const harm = criteria.find(c => c.name === 'Harm')!.id
    const da = candidates.find(c => c.name === 'Domestic abuse')!.id
    const hate = candidates.find(c => c.name === 'Hate crime')!.id
    await coordinator.post(`${url}/scores`, { [`score-${da}-${harm}`]: '5', [`score-${hate}-${harm}`]: '2' }).expect(303)
    const rows = page((await member.get(url)).text).all('[data-qa="ranking"] tbody tr')
    expect(rows.findIndex(r => r.includes('Domestic abuse'))).toBeLessThan(rows.findIndex(r => r.includes('Hate crime')))
    expect(rows.find(r => r.includes('Domestic abuse'))).toMatch(/15 of 65/)
    const audit = await t.db.selectFrom('auditEvents').select(['summary', 'after']).where('entityType', '=', 'priority_assessment').where('action', '=', 'update').orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect(audit.summary).toBe('Updated the scores of “Scoring matrix 2025/26”')
    expect(audit.after).toMatchObject({ 'Domestic abuse / Harm': 5, 'Hate crime / Harm': 2 })
  })

  it('changes weights, refusing one out of range', async () => {
    const url = await startMatrix()
    const id = Number(url.split('/').pop())
    const harm = (await t.db.selectFrom('priorityCriteria').select('id').where('assessmentId', '=', id).where('name', '=', 'Harm').executeTakeFirstOrThrow()).id
    const bad = await coordinator.post(`${url}/criteria`, { [`name-${harm}`]: 'Harm', [`weight-${harm}`]: '11' }).expect(400)
    expect(page(bad.text).errorSummary()).toEqual([{ text: 'Enter a weight for Harm from 0 to 10', href: `#weight-${harm}` }])
    await coordinator.post(`${url}/criteria`, { [`name-${harm}`]: 'Harm to victims', [`weight-${harm}`]: '5', newName: 'Links to county priorities', newWeight: '1' }).expect(303)
    const headers = page((await member.get(url)).text).all('[data-qa="ranking"] thead th')
    expect(headers).toEqual(expect.arrayContaining(['Harm to victims ×5', 'Links to county priorities ×1']))
  })

  it('adds and removes candidate issues', async () => {
    const url = await startMatrix()
    const empty = await coordinator.post(`${url}/candidates/new`, { name: '' }).expect(400)
    expect(page(empty.text).errorSummary()[0]!.text).toBe('Enter the issue, for example Anti-social behaviour')
    await coordinator.post(`${url}/candidates/new`, { name: 'Violence against women and girls', crimeTypes: ['Violence and sexual offences'] }).expect(303)
    const rows = page((await member.get(url)).text).all('[data-qa="ranking"] tbody tr')
    expect(rows.some(r => r.includes('Violence against women and girls'))).toBe(true)
    const candidate = await t.db.selectFrom('priorityCandidates').select('id').where('name', '=', 'Violence against women and girls').executeTakeFirstOrThrow()
    await coordinator.post(`${url}/candidates/${candidate.id}/delete`).expect(303)
    expect(page((await member.get(url)).text).all('[data-qa="ranking"] tbody tr').some(r => r.includes('Violence against women and girls'))).toBe(false)
  })

  it('makes the agreed issues the priorities of a new draft plan, in ranked order, audited', async () => {
    const url = await startMatrix()
    const id = Number(url.split('/').pop())
    const candidates = await t.db.selectFrom('priorityCandidates').select(['id', 'name']).where('assessmentId', '=', id).execute()
    const pick = (name: string) => String(candidates.find(c => c.name === name)!.id)
    const none = await coordinator.post(`${url}/plan`, { title: 'Plan', planYear: '2026', periodEndYear: '2028' }).expect(400)
    expect(page(none.text).errorSummary()).toEqual([{ text: 'Select the issues the partnership agreed as its priorities', href: '#candidateIds' }])
    const res = await coordinator
      .post(`${url}/plan`, { title: 'Partnership plan 2026/27', planYear: '2026', periodEndYear: '2028', candidateIds: [pick('Hate crime'), pick('Anti-social behaviour')] })
      .expect(303)
    const planId = Number(res.headers.location!.split('/').pop())
    expect(res.headers.location).toBe(`/partnerships/${partnershipId}/plans/${planId}`)
    const plan = await t.db.selectFrom('plans').selectAll().where('id', '=', planId).executeTakeFirstOrThrow()
    expect(plan).toMatchObject({ title: 'Partnership plan 2026/27', status: 'draft', planYear: 2026, periodStartYear: 2026, periodEndYear: 2028, partnershipId })
    const priorities = await t.db.selectFrom('priorities').select(['position', 'title']).where('planId', '=', planId).orderBy('position').execute()
    // Anti-social behaviour has volume from the data, hate crime has no score: ASB ranks first.
    expect(priorities).toEqual([
      { position: 1, title: 'Anti-social behaviour' },
      { position: 2, title: 'Hate crime' },
    ])
    const audits = await t.db.selectFrom('auditEvents').select(['entityType', 'action']).where('partnershipId', '=', partnershipId).where('entityType', 'in', ['plan', 'priority']).execute()
    expect(audits).toEqual(expect.arrayContaining([{ entityType: 'plan', action: 'create' }, { entityType: 'priority', action: 'create' }]))
    const matrix = page((await member.get(url)).text)
    expect(matrix.text('[data-qa="ranking"]')).toMatch(/Anti-social behaviour.*Agreed/)
    expect(matrix.$(`a[href="/partnerships/${partnershipId}/plans/${planId}"]`).length).toBe(1)
    // A second plan for the same year is refused on the form, and nothing more is saved.
    const plansBefore = await t.db.selectFrom('plans').select('id').where('partnershipId', '=', partnershipId).execute()
    const again = await coordinator.post(`${url}/plan`, { title: 'Another plan', planYear: '2026', periodEndYear: '2028', candidateIds: [pick('Hate crime')] }).expect(400)
    expect(page(again.text).errorSummary()).toEqual([
      { text: 'There is already a plan for 2026/27: choose another year, or add these priorities to that plan', href: '#planYear' },
    ])
    expect(await t.db.selectFrom('plans').select('id').where('partnershipId', '=', partnershipId).execute()).toEqual(plansBefore)
  })

  it('is read by members but changed only by those who edit records', async () => {
    const url = await startMatrix()
    await member.get(url).expect(200)
    await member.get(`${url}/scores`).expect(403)
    await member.post(`${url}/scores`, {}).expect(403)
    await t.anonymous().get(url).expect(404) // the partnership is not published
  })
})
