import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { date, save, setUp as fundingSetUp, year2021 } from '#test/helpers/funding'
import { page } from '#test/helpers/html'
import { createTestApp, type TestApp } from '#test/helpers/test-app'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

const setUp = (options: { isPublished?: boolean } = {}) => fundingSetUp(t, options)

describe('funded projects', () => {
  it('flags an evaluation as overdue the set number of weeks after the project ends, until one is recorded', async () => {
    const s = await setUp()
    // The test clock reads 25 November 2026.
    await save(s.coordinator, `${s.base}/projects/new`, {
      name: 'Crucial Crew',
      leadOrganisationId: String(s.organisationId),
      ...date('startDate', 10, 1, 2026),
      ...date('endDate', 30, 6, 2026),
      evaluationDueWeeks: '12',
    })
    await save(s.coordinator, `${s.base}/projects/new`, {
      name: 'Walk Online',
      leadOrganisationId: String(s.organisationId),
      ...date('endDate', 31, 3, 2027),
      evaluationDueWeeks: '12',
    })
    const projects = await t.db
      .selectFrom('fundedProjects')
      .select(['id', 'name'])
      .where('partnershipId', '=', s.id)
      .orderBy('id')
      .execute()
    const crew = projects[0]!.id

    const overview = page((await s.coordinator.get(s.base).expect(200)).text)
    expect(overview.text('.govuk-warning-text__text')).toContain(
      'The evaluation of Crucial Crew was due on 22 September 2026.',
    )
    expect(overview.all('[data-qa="funded-projects"] [data-status]')).toEqual([
      'Evaluation overdue',
      'Not due: project running',
    ])

    const project = page((await s.coordinator.get(`${s.base}/projects/${crew}`).expect(200)).text)
    expect(project.text('.govuk-warning-text__text')).toContain(
      'The evaluation was due on 22 September 2026, 64 days ago.',
    )

    const missing = await s.coordinator
      .post(`${s.base}/projects/${crew}/evaluation`, { ...date('completedOn', 1, 11, 2026) })
      .expect(400)
    expect(page(missing.text).errorSummary()).toEqual([{ text: 'Enter what the evaluation found', href: '#summary' }])
    await save(s.coordinator, `${s.base}/projects/${crew}/evaluation`, {
      ...date('completedOn', 1, 11, 2026),
      summary: '400 Year 6 pupils took part',
    })
    const after = page((await s.coordinator.get(`${s.base}/projects/${crew}`).expect(200)).text)
    expect(after.$('.govuk-warning-text').length).toBe(0)
    expect(after.text('[data-qa="evaluation-summary"]')).toBe('400 Year 6 pupils took part')
    expect(after.text('[data-status]')).toBe('Evaluated')
  })

  it('refuses an end date before the start date, pointing at the end date’s day', async () => {
    const s = await setUp()
    const res = await s.coordinator
      .post(`${s.base}/projects/new`, {
        name: 'Backwards',
        leadOrganisationId: String(s.organisationId),
        ...date('startDate', 1, 6, 2021),
        ...date('endDate', 1, 5, 2021),
      })
      .expect(400)
    expect(page(res.text).errorSummary()).toEqual([
      { text: 'End date must be the same as or after the start date', href: '#endDate-day' },
    ])
  })

  it('shows the money allocated to a project across years, and refuses to delete it while money is allocated', async () => {
    const s = await setUp()
    await year2021(s)
    await save(s.coordinator, `${s.base}/projects/new`, {
      name: 'Walk Online',
      leadOrganisationId: String(s.organisationId),
    })
    const project = await t.db
      .selectFrom('fundedProjects')
      .select('id')
      .where('partnershipId', '=', s.id)
      .executeTakeFirstOrThrow()
    const missing = await s.coordinator
      .post(`${s.base}/2021-22/allocations/new`, { purpose: 'Walk Online', kind: 'project', amount: '7,500' })
      .expect(400)
    expect(page(missing.text).errorSummary()).toEqual([{ text: 'Select the project', href: '#projectId' }])
    await save(s.coordinator, `${s.base}/2021-22/allocations/new`, {
      purpose: 'Walk Online',
      kind: 'project',
      projectId: String(project.id),
      amount: '7,500',
    })
    const p = page((await s.coordinator.get(`${s.base}/projects/${project.id}`).expect(200)).text)
    expect(p.all('[data-qa="project-allocations"] tbody tr')).toEqual(['2021/22 Walk Online £7,500 £0 £0'])
    const refused = await s.coordinator.post(`${s.base}/projects/${project.id}/delete`).expect(409)
    expect(refused.text).toContain('This project cannot be deleted while money is allocated to it.')
  })
})
