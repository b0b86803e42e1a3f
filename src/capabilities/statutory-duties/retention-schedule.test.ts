import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, aUser } from '#test/helpers/builders'
import { page } from '#test/helpers/html'
import { createTestApp, type TestApp } from '#test/helpers/test-app'

import { jobRunner } from '../../core/jobs/index.ts'

import { RETENTION_JOB, RETENTION_SCHEDULE, retentionSchedule } from './retention-schedule.ts'

/**
 * The retention rules applied by the system once a day, as a recurring job of the job runner: the first runner
 * to look on a UK day (after 02:00) queues the day's run and one runner applies it, later looks that day (from
 * this server or another) queue nothing; a run that fails is tried again after its back-off; the death reviews
 * page says when the rules were last applied. The clock starts on 1 March 2024, when an application closed on
 * 28 February 2021 falls due (three years).
 */
let t: TestApp
let partnershipId: number

const anApplication = (reference: string, thresholdDecisionOn: string) =>
  t.db
    .insertInto('asbCaseReviews')
    .values({
      partnershipId,
      reference,
      receivedOn: '2021-02-01',
      complaintsCount: 1,
      applicantReference: `${reference} applicant`,
      summary: `${reference} summary`,
      thresholdDecisionOn,
      thresholdMet: false,
    })
    .execute()
const runs = () => t.db.selectFrom('jobs').select(['status', 'payload', 'attempts']).where('kind', '=', RETENTION_JOB).orderBy('id').execute()
/** Another app server: its own runner, with the same job and schedule registered. */
const anotherServer = (run: () => Promise<{ recordType: string; action: 'anonymise' | 'delete'; count: number }[]>, runnerId = 'other-server:1') => {
  const jobs = jobRunner({ db: t.db, clock: t.clock, logger: t.deps.logger, runnerId })
  retentionSchedule({ db: t.db, clock: t.clock, logger: t.deps.logger, jobs, run })
  return jobs
}
const anonymised = async () =>
  (
    await t.db
      .selectFrom('asbCaseReviews')
      .select('reference')
      .where('anonymisedAt', 'is not', null)
      .orderBy('reference')
      .execute()
  ).map(r => r.reference)

beforeAll(async () => {
  t = await createTestApp({ now: '2024-03-01T06:00:00Z' })
  partnershipId = (await aPartnership(t)).partnership.id
  await anApplication('ACR 2021/01', '2021-02-28')
  await anApplication('ACR 2021/02', '2021-03-05')
})
afterAll(() => t.close())

describe('the daily retention run', () => {
  it('is applied once a day by one runner, however many look, from this server or another', async () => {
    const other = anotherServer(() => Promise.reject(new Error('must not run')))
    const first = await t.services.jobs.tick()
    expect(first.queued).toContain(`${RETENTION_SCHEDULE} 2024-03-01`)
    expect(first.ran.filter(r => r.kind === RETENTION_JOB)).toMatchObject([{ status: 'succeeded' }])
    expect(await anonymised()).toEqual(['ACR 2021/01'])

    t.clock.advanceMinutes(60)
    const [mine, theirs] = await Promise.all([t.services.jobs.tick(), other.tick()])
    expect([...mine.queued, ...theirs.queued].filter(slot => slot.startsWith(RETENTION_SCHEDULE))).toEqual([])
    expect([...mine.ran, ...theirs.ran].filter(r => r.kind === RETENTION_JOB)).toEqual([])
    expect(await runs()).toMatchObject([{ status: 'succeeded', payload: { slot: '2024-03-01' } }])
    expect(await t.services.retention.lastRun()).toMatchObject({ runOn: '2024-03-01', outcome: 'death review: 0 anonymised; death review meeting: 0 deleted; ASB case review: 1 anonymised' })
    const audited = await t.db
      .selectFrom('auditEvents')
      .select(['actorLabel', 'action', 'entityType'])
      .where('partnershipId', '=', partnershipId)
      .where('action', '=', 'anonymise')
      .execute()
    expect(audited).toEqual([{ actorLabel: 'system (retention rules)', action: 'anonymise', entityType: 'ASB case review' }])
  })

  it('runs again on the next UK day and applies what has fallen due since, whichever server takes it', async () => {
    t.clock.set('2024-03-05T23:30:00Z') // still 5 March in the UK (GMT): ACR 2021/02 is due on 5 March 2024
    const other = anotherServer(async () => [{ recordType: 'other server', action: 'delete', count: 0 }])
    const [mine, theirs] = await Promise.all([t.services.jobs.tick(), other.tick()])
    expect([...mine.ran, ...theirs.ran].filter(r => r.kind === RETENTION_JOB)).toHaveLength(1)
    if (theirs.ran.some(r => r.kind === RETENTION_JOB)) await t.services.retention.runNow('csp-hub retention run')
    expect(await anonymised()).toEqual(['ACR 2021/01', 'ACR 2021/02'])
    expect((await runs()).filter(r => 'slot' in r.payload).map(r => r.payload.slot)).toEqual(['2024-03-01', '2024-03-05'])
  })

  it('is tried again after its back-off when a run fails, and shown failed once its attempts are spent', async () => {
    t.clock.set('2024-03-06T09:00:00Z')
    let fail = true
    const failing = anotherServer(async () => (fail ? Promise.reject(new Error('database unavailable')) : []), 'test:1')
    const first = await failing.tick()
    expect(first.ran).toMatchObject([{ kind: RETENTION_JOB, status: 'retrying', error: 'database unavailable' }])
    expect(await t.services.retention.lastRun()).toMatchObject({ runOn: '2024-03-05' })

    fail = false
    t.clock.advanceMinutes(2)
    expect((await failing.tick()).ran).toMatchObject([{ kind: RETENTION_JOB, status: 'succeeded' }])
    expect(await t.services.retention.lastRun()).toMatchObject({ runOn: '2024-03-06' })

    t.clock.set('2024-03-07T09:00:00Z')
    fail = true
    await failing.tick()
    t.clock.advanceMinutes(2)
    await failing.tick()
    t.clock.advanceMinutes(5)
    expect((await failing.tick()).ran).toMatchObject([{ kind: RETENTION_JOB, status: 'failed', error: 'database unavailable' }])
    expect((await runs()).at(-1)).toMatchObject({ status: 'failed', attempts: 3, payload: { slot: '2024-03-07' } })
    expect(await t.services.retention.lastRun()).toMatchObject({ runOn: '2024-03-06' })
  })

  it('csp-hub retention run applies the rules now even when the day has been run, and the death reviews page says when they were last applied', async () => {
    t.clock.set('2024-03-08T09:00:00Z')
    await t.services.jobs.tick()
    const again = await t.services.retention.runNow('csp-hub retention run')
    expect(again).toContainEqual({ recordType: 'ASB case review', action: 'anonymise', count: 0 })
    expect((await runs()).at(-1)).toMatchObject({ status: 'succeeded', payload: { by: 'csp-hub retention run' } })

    const reviewer = await aUser(t, { role: 'member', partnershipId })
    await t.db
      .insertInto('accessGrants')
      .values({ partnershipId, userId: reviewer.id, grant: 'reviews', grantedByLabel: 'test' })
      .execute()
    const res = await (await t.as(reviewer)).get(`/partnerships/${partnershipId}/death-reviews`)
    expect(res.status).toBe(200)
    expect(page(res.text).text('main')).toContain('It last applied them on 8 March 2024.')
  })
})
