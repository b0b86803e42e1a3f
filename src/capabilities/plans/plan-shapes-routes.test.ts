import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aUser } from '#test/helpers/builders'
import { page } from '#test/helpers/html'
import { binary, readDocx } from '#test/helpers/read-documents'
import { aPartnershipWithPlan as planFixture } from '#test/helpers/plans'
import { createTestApp, type TestApp } from '#test/helpers/test-app'

/**
 * Plans shaped as partnerships write them, entered through the pages: RAG dimensions, strategic objectives
 * above the priorities, actions per district, a plan agreed without a recorded date, and a plan whose
 * quarters are long past. The test clock says 25 November 2026: Q3 of the 2026/27 plan year.
 */
let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

const aPartnershipWithPlan = (options?: Parameters<typeof planFixture>[1]) => planFixture(t, options)

async function coordinatorOf(partnershipId: number) {
  return t.as(await aUser(t, { role: 'coordinator', partnershipId }))
}

describe('RAG dimensions', () => {
  it('asks every update for a RAG on each dimension, and counts each on the plan', async () => {
    const source = await aPartnershipWithPlan()
    const client = await coordinatorOf(source.partnership.id)
    const base = `/partnerships/${source.partnership.id}`

    const form = await client.get(`${base}/plans/rag-dimensions`)
    expect(form.status).toBe(200)
    expect(page(form.text).h1()).toBe('What the partnership assesses its actions on')

    const one = await client.post(`${base}/plans/rag-dimensions`, { dimension1: 'Milestone progress' })
    expect(one.status).toBe(400)
    expect(page(one.text).errorSummary()).toEqual([{ text: 'Give a second dimension, or leave both empty to keep one RAG status', href: '#dimension2' }])

    expect((await client.post(`${base}/plans/rag-dimensions`, { dimension1: 'Milestone progress', dimension2: 'Outcome' })).status).toBe(303)
    const plans = page((await client.get(`${base}/plans`)).text)
    expect(plans.text('[data-qa="rag-dimensions"]')).toBe('Each quarterly update gives a RAG status for Milestone progress and Outcome. Milestone progress is the headline.')

    const dimensions = await t.db.selectFrom('ragDimensions').select(['id', 'name']).where('partnershipId', '=', source.partnership.id).orderBy('position').execute()
    const outcome = dimensions[1]!
    const taxi = source.byTitle('Taxi marshals').id
    const updateForm = page((await client.get(`${base}/actions/${taxi}/updates/new`)).text)
    expect(updateForm.all('legend')).toEqual(expect.arrayContaining(['RAG status: Milestone progress', 'RAG status: Outcome']))

    const missing = await client.post(`${base}/actions/${taxi}/updates/new`, { quarter: '3', rag: 'green', body: 'Marshals in place' })
    expect(missing.status).toBe(400)
    expect(page(missing.text).errorSummary()).toEqual([{ text: 'Select a RAG status for Outcome', href: `#rag-${outcome.id}` }])

    expect((await client.post(`${base}/actions/${taxi}/updates/new`, { quarter: '3', rag: 'green', [`rag-${outcome.id}`]: 'red', body: 'Marshals in place' })).status).toBe(303)
    const saved = await t.db.selectFrom('actionUpdates').select(['rag', 'otherRags']).where('actionId', '=', taxi).executeTakeFirstOrThrow()
    expect(saved.rag).toBe('green')
    expect(saved.otherRags).toEqual({ [String(outcome.id)]: 'red' })

    const action = page((await client.get(`${base}/actions/${taxi}`)).text)
    expect(action.all('.app-rag-dimension').slice(0, 2)).toEqual(['Milestone progress: Green', 'Outcome: Red'])

    const overview = page((await client.get(`${base}/plans/${source.plan.id}`)).text)
    expect(overview.text('[data-qa="plan-summary"] caption')).toContain('Actions of each priority by current “Milestone progress” RAG status')
    const outcomeTable = overview.$('[data-qa="plan-summary-dimension"][data-dimension="Outcome"]')
    expect(outcomeTable.find('tfoot [data-qa], tfoot td').length).toBeGreaterThan(0)
    const totals = outcomeTable.find('tfoot td').map((_, td) => overview.$(td).text().trim()).get()
    // Four actions: the taxi marshals red on Outcome; the others' updates predate the dimensions, so none.
    expect(totals.slice(0, 5)).toEqual(['4', '1', '0', '0', '3'])
  })
})

describe('strategic objectives above the priorities', () => {
  it('are added, hold priorities (or none of their own), and leave their priorities under the plan when deleted', async () => {
    const source = await aPartnershipWithPlan()
    const client = await coordinatorOf(source.partnership.id)
    const base = `/partnerships/${source.partnership.id}`
    const planUrl = `${base}/plans/${source.plan.id}`

    const empty = await client.post(`${planUrl}/strategic-objectives/new`, { title: '' })
    expect(empty.status).toBe(400)
    expect(page(empty.text).errorSummary()).toEqual([{ text: 'Enter the strategic objective', href: '#title' }])
    expect((await client.post(`${planUrl}/strategic-objectives/new`, { title: 'Keep people safe', description: 'Through the county’s safeguarding boards' })).status).toBe(303)
    expect((await client.post(`${planUrl}/strategic-objectives/new`, { title: 'Reduce reoffending' })).status).toBe(303)
    const [safe, reoffending] = await t.db.selectFrom('strategicObjectives').select(['id', 'title']).where('planId', '=', source.plan.id).orderBy('position').execute()

    const safeguarding = await t.db.selectFrom('priorities').select('id').where('planId', '=', source.plan.id).where('title', '=', 'Safeguarding').executeTakeFirstOrThrow()
    const form = page((await client.get(`${base}/plans/${source.plan.id}/priorities/${safeguarding.id}/edit`)).text)
    expect(form.$('#strategicObjectiveId option').map((_, o) => form.$(o).text()).get()).toEqual(['None: directly under the plan', 'Keep people safe', 'Reduce reoffending'])
    const saved = await client.post(`${base}/plans/${source.plan.id}/priorities/${safeguarding.id}/edit`, { title: 'Safeguarding', position: '1', strategicObjectiveId: String(safe!.id) })
    expect(saved.status).toBe(303)

    const overview = page((await client.get(planUrl)).text)
    expect(overview.all('[data-qa="strategic-objective"] > h3')).toEqual(['Strategic objective 1: Keep people safe', 'Strategic objective 2: Reduce reoffending'])
    expect(overview.$('[data-qa="strategic-objective"]').first().find('.app-card h3').text().trim()).toBe('1. Safeguarding')
    expect(overview.$('[data-qa="strategic-objective"]').last().find('[data-qa="no-local-priority"]').text()).toBe('No local priority of its own.')
    expect(overview.all('h3.govuk-heading-m')).toContain('Priorities under no strategic objective')
    expect(page((await client.get(`${base}/priorities/${safeguarding.id}`)).text).text('[data-qa="strategic-objective"]')).toBe('Keep people safe')

    // Another plan's strategic objective cannot be named.
    const other = await aPartnershipWithPlan()
    const otherObjective = await t.db
      .insertInto('strategicObjectives')
      .values({ partnershipId: other.partnership.id, planId: other.plan.id, position: 1, title: 'Elsewhere' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const refused = await client.post(`${base}/plans/${source.plan.id}/priorities/${safeguarding.id}/edit`, { title: 'Safeguarding', position: '1', strategicObjectiveId: String(otherObjective.id) })
    expect(refused.status).toBe(400)
    expect(page(refused.text).errorSummary()).toEqual([{ text: 'Select one of the plan’s strategic objectives, or none', href: '#strategicObjectiveId' }])

    expect((await client.post(`${planUrl}/strategic-objectives/${safe!.id}/delete`, {})).status).toBe(303)
    expect((await t.db.selectFrom('priorities').select('strategicObjectiveId').where('id', '=', safeguarding.id).executeTakeFirstOrThrow()).strategicObjectiveId).toBeNull()
    expect((await client.get(`${base}/plans/${other.plan.id}/strategic-objectives/${otherObjective.id}/edit`)).status).toBe(404)
    expect((await client.get(`${planUrl}/strategic-objectives/${otherObjective.id}/edit`)).status).toBe(404)
    expect(reoffending!.title).toBe('Reduce reoffending')
  })
})

describe('actions per district of a joint partnership', () => {
  it('are entered for one district or the whole partnership, shown with it, and filtered by it', async () => {
    const source = await aPartnershipWithPlan()
    const client = await coordinatorOf(source.partnership.id)
    const base = `/partnerships/${source.partnership.id}`
    const safeguarding = await t.db.selectFrom('priorities').select('id').where('planId', '=', source.plan.id).where('title', '=', 'Safeguarding').executeTakeFirstOrThrow()

    // One district: nothing to choose.
    expect(page((await client.get(`${base}/priorities/${safeguarding.id}/actions/new`)).text).$('#districtAreaId').length).toBe(0)
    const castlePoint = await t.db.insertInto('areas').values({ partnershipId: source.partnership.id, type: 'district', name: 'Castle Point', code: 'E07000069' }).returning('id').executeTakeFirstOrThrow()
    const form = page((await client.get(`${base}/priorities/${safeguarding.id}/actions/new`)).text)
    expect(form.$('#districtAreaId option').map((_, o) => form.$(o).text()).get()).toEqual(['The whole partnership', 'Castle Point', source.district.name])

    const other = await aPartnershipWithPlan()
    const refused = await client.post(`${base}/priorities/${safeguarding.id}/actions/new`, { title: 'Street lighting audit', status: 'open', districtAreaId: String(other.district.id) })
    expect(refused.status).toBe(400)
    expect(page(refused.text).errorSummary()).toEqual([{ text: 'Select a district of the partnership, or the whole partnership', href: '#districtAreaId' }])

    expect((await client.post(`${base}/priorities/${safeguarding.id}/actions/new`, { title: 'Street lighting audit', status: 'open', districtAreaId: String(castlePoint.id) })).status).toBe(303)
    const audit = await t.db.selectFrom('actions').select(['id', 'districtAreaId']).where('title', '=', 'Street lighting audit').where('partnershipId', '=', source.partnership.id).executeTakeFirstOrThrow()
    expect(audit.districtAreaId).toBe(castlePoint.id)
    expect(page((await client.get(`${base}/actions/${audit.id}`)).text).text('[data-qa="district"]')).toBe('Castle Point')
    expect(page((await client.get(`${base}/actions/${source.byTitle('Taxi marshals').id}`)).text).text('[data-qa="district"]')).toBe('The whole partnership')

    const actionsUrl = `${base}/plans/${source.plan.id}/actions`
    const onlyCastlePoint = page((await client.get(`${actionsUrl}?district=${castlePoint.id}`)).text)
    expect(onlyCastlePoint.all('[data-qa="action-district"]')).toEqual(['Castle Point'])
    expect(onlyCastlePoint.$('tbody tr').length).toBe(1)
    const whole = page((await client.get(`${actionsUrl}?district=whole`)).text)
    expect(whole.all('[data-qa="action-district"]')).toEqual([])
    expect(whole.$('tbody tr').length).toBe(4)
  })
})

describe('a plan agreed without a recorded date, whose quarters are long past', () => {
  it('says “Date not recorded”, and chases no update of a year that is over', async () => {
    const source = await aPartnershipWithPlan({ status: 'draft' })
    const client = await coordinatorOf(source.partnership.id)
    const planUrl = `/partnerships/${source.partnership.id}/plans/${source.plan.id}`
    // The 2016/17 plan of an old document: moved to its year.
    await t.db.updateTable('plans').set({ planYear: 2016, title: 'Partnership Plan 2016/17' }).where('id', '=', source.plan.id).execute()

    const noDate = await client.post(`${planUrl}/status`, { status: 'agreed', agreedBy: 'Partnership meeting' })
    expect(noDate.status).toBe(400)
    expect(page(noDate.text).errorSummary()[0]!.text).toBe('Enter the date the plan was agreed, or tick “The date it was agreed is not recorded”')
    const both = await client.post(`${planUrl}/status`, { status: 'agreed', agreedBy: 'Partnership meeting', agreedOnNotRecorded: 'yes', 'agreedOn-day': '1', 'agreedOn-month': '4', 'agreedOn-year': '2016' })
    expect(both.status).toBe(400)
    expect(page(both.text).errorSummary()[0]!.text).toBe('Leave the date empty when it is not recorded, or untick “The date it was agreed is not recorded”')

    expect((await client.post(`${planUrl}/status`, { status: 'agreed', agreedBy: 'Partnership meeting', agreedOnNotRecorded: 'yes' })).status).toBe(303)
    const overview = page((await client.get(planUrl)).text)
    expect(overview.text('[data-qa="agreed-date"]')).toBe('Date not recorded')
    // The clock says November 2026: the 2016/17 plan is history, so nothing is due or overdue.
    const cells = overview.$('[data-qa=priority-summary]').map((_, row) => ['due', 'overdue'].map(k => overview.$(row).find(`[data-qa=${k}]`).text().trim()).join('/')).get()
    expect(cells).toEqual(['0/0', '0/0'])
    expect(overview.$('[data-state="overdue"]').length).toBe(0)
    expect(page((await client.get(`${planUrl}/status`)).text).$('input[name=agreedOnNotRecorded]').attr('checked')).toBeDefined()
  })
})

describe('the quarterly update of a plan with every shape', () => {
  it('lists the priorities under their strategic objectives, a RAG column per dimension, and the actions per district', async () => {
    const source = await aPartnershipWithPlan()
    const client = await coordinatorOf(source.partnership.id)
    const base = `/partnerships/${source.partnership.id}`
    const planUrl = `${base}/plans/${source.plan.id}`
    await client.post(`${base}/plans/rag-dimensions`, { dimension1: 'Milestone progress', dimension2: 'Outcome' }).expect(303)
    const outcome = (await t.db.selectFrom('ragDimensions').select('id').where('partnershipId', '=', source.partnership.id).where('position', '=', 2).executeTakeFirstOrThrow()).id
    await client.post(`${planUrl}/strategic-objectives/new`, { title: 'Keep people safe' }).expect(303)
    await client.post(`${planUrl}/strategic-objectives/new`, { title: 'Reduce reoffending', description: 'Through the county’s Integrated Offender Management' }).expect(303)
    const safe = (await t.db.selectFrom('strategicObjectives').select('id').where('planId', '=', source.plan.id).where('title', '=', 'Keep people safe').executeTakeFirstOrThrow()).id
    const safeguarding = await t.db.selectFrom('priorities').select('id').where('planId', '=', source.plan.id).where('title', '=', 'Safeguarding').executeTakeFirstOrThrow()
    await client.post(`${planUrl}/priorities/${safeguarding.id}/edit`, { title: 'Safeguarding', position: '1', strategicObjectiveId: String(safe) }).expect(303)
    const castlePoint = await t.db.insertInto('areas').values({ partnershipId: source.partnership.id, type: 'district', name: 'Castle Point', code: 'E07000069' }).returning('id').executeTakeFirstOrThrow()
    const taxi = source.byTitle('Taxi marshals')
    await t.db.updateTable('actions').set({ districtAreaId: castlePoint.id }).where('id', '=', taxi.id).execute()
    await client.post(`${base}/actions/${taxi.id}/updates/new`, { quarter: '3', rag: 'amber', [`rag-${outcome}`]: 'green', body: 'Marshals on Friday nights' }).expect(303)

    const created = await client.post(`${base}/reports/new`, { kind: 'quarterly_plan_update', planId: String(source.plan.id), quarter: '3' }).expect(303)
    const docx = await readDocx((await client.get(`${created.headers.location!}/document.docx`).buffer(true).parse(binary).expect(200)).body as Buffer)

    expect(docx.paragraphs.map(p => p.text)).toEqual(
      expect.arrayContaining([
        'Keep people safe: Safeguarding',
        'Reduce reoffending (no local priority of its own: Through the county’s Integrated Offender Management)',
        'Priorities under no strategic objective: Anti-social behaviour',
        'Strategic objective: Keep people safe',
      ]),
    )
    const asb = docx.tables[docx.captions.findIndex(c => c.startsWith('Priority 2: Anti-social behaviour'))]!
    expect(asb.rows[0]!.slice(-2)).toEqual(['Milestone progress', 'Outcome'])
    const taxiRow = asb.rows.find(row => row[0]!.startsWith('Taxi marshals'))!
    expect(taxiRow[0]).toBe('Taxi marshals\nCastle Point')
    expect(taxiRow.slice(-2)).toEqual(['Amber', 'Green'])
    const outcomes = docx.tables[docx.captions.findIndex(c => c.endsWith(': Outcome'))]!
    expect(outcomes.rows.at(-1)).toEqual(['All priorities', '4', '0', '0', '1', '3'])
    const districts = docx.tables[docx.captions.indexOf('Current RAG status of the actions of each district')]!
    expect(districts.rows.slice(1)).toEqual([
      ['Castle Point', '1', '0', '1', '0', '0'],
      ['Whole partnership', '3', '1', '0', '1', '1'],
      ['All actions', '4', '1', '1', '1', '1'],
    ])
  })
})
