import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, aUser } from '#test/helpers/builders'
import { page } from '#test/helpers/html'
import { memoryLogger } from '#test/helpers/memory-logger'
import { createTestApp, type TestApp } from '#test/helpers/test-app'

import { retentionSchedule } from './retention-schedule.ts'

/**
 * The retention rules applied by the system once a day: the first look of a UK day applies them, later looks
 * that day (from this server or another) find the day taken; a run that fails gives the day back and the next
 * look tries again; the death reviews page says when the rules were last applied. The clock starts on
 * 1 March 2024, when an application closed on 28 February 2021 falls due (three years).
 */
let t: TestApp
let partnershipId: number
const log = memoryLogger()

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
const runs = () => t.db.selectFrom('retentionRuns').selectAll().orderBy('runOn').execute()
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
  t = await createTestApp({ now: '2024-03-01T06:00:00Z', logger: log.logger })
  partnershipId = (await aPartnership(t)).partnership.id
  await anApplication('ACR 2021/01', '2021-02-28')
  await anApplication('ACR 2021/02', '2021-03-05')
})
afterAll(() => t.close())

describe('the daily retention run', () => {
  it('applies the rules at the first look of the day, and not again that day, from this server or another', async () => {
    const first = await t.services.retention.runDue()
    expect(first).toContainEqual({ recordType: 'ASB case review', action: 'anonymise', count: 1 })
    expect(await anonymised()).toEqual(['ACR 2021/01'])

    t.clock.advanceMinutes(60)
    const other = retentionSchedule({
      db: t.db,
      clock: t.clock,
      logger: t.deps.logger,
      run: () => Promise.reject(new Error('must not run')),
      runner: 'other-server:1',
    })
    expect(await Promise.all([t.services.retention.runDue(), other.runDue()])).toEqual([null, null])

    expect(await runs()).toMatchObject([
      {
        runOn: '2024-03-01',
        outcome: 'death review: 0 anonymised; death review meeting: 0 deleted; ASB case review: 1 anonymised',
      },
    ])
    expect((await runs())[0]!.finishedAt).not.toBeNull()
    const audited = await t.db
      .selectFrom('auditEvents')
      .select(['actorLabel', 'action', 'entityType'])
      .where('partnershipId', '=', partnershipId)
      .where('action', '=', 'anonymise')
      .execute()
    expect(audited).toEqual([
      { actorLabel: 'system (retention rules)', action: 'anonymise', entityType: 'ASB case review' },
    ])
  })

  it('runs again on the next UK day and applies what has fallen due since', async () => {
    t.clock.set('2024-03-05T23:30:00Z') // still 5 March in the UK (GMT): ACR 2021/02 is due on 5 March 2024
    // Two servers look at the same moment: one applies the rules, the other finds the day taken.
    const other = retentionSchedule({
      db: t.db,
      clock: t.clock,
      logger: t.deps.logger,
      run: async () => [{ recordType: 'other server', action: 'delete', count: 0 }],
      runner: 'other-server:1',
    })
    const [outcomes, otherOutcomes] = await Promise.all([t.services.retention.runDue(), other.runDue()])
    expect([outcomes, otherOutcomes].filter(o => o !== null)).toHaveLength(1)
    if (otherOutcomes)
      expect(await t.services.retention.runNow('csp-hub retention run')).toContainEqual({
        recordType: 'ASB case review',
        action: 'anonymise',
        count: 1,
      })
    else expect(outcomes).toContainEqual({ recordType: 'ASB case review', action: 'anonymise', count: 1 })
    expect(await anonymised()).toEqual(['ACR 2021/01', 'ACR 2021/02'])
    expect((await runs()).map(r => r.runOn)).toEqual(['2024-03-01', '2024-03-05'])
    expect(await t.services.retention.runDue()).toBeNull()
  })

  it('gives the day back when a run fails, so the next look tries again; the error is logged by start()', async () => {
    t.clock.set('2024-03-06T09:00:00Z')
    let fail = true
    const schedule = retentionSchedule({
      db: t.db,
      clock: t.clock,
      logger: log.logger,
      run: async () => (fail ? Promise.reject(new Error('database unavailable')) : []),
      runner: 'test:1',
    })
    await expect(schedule.runDue()).rejects.toThrow('database unavailable')
    expect((await runs()).map(r => r.runOn)).toEqual(['2024-03-01', '2024-03-05'])

    fail = false
    expect(await schedule.runDue()).toEqual([])
    expect((await runs()).map(r => r.runOn)).toEqual(['2024-03-01', '2024-03-05', '2024-03-06'])

    t.clock.set('2024-03-07T09:00:00Z')
    fail = true
    log.clear()
    const stop = schedule.start(60 * 60_000)
    stop()
    await expect
      .poll(() => log.errors().map(line => line.msg))
      .toEqual(['Applying the retention rules failed: the next look, within the hour, tries again'])
    expect((await runs()).map(r => r.runOn)).not.toContain('2024-03-07')
  })

  it('csp-hub retention run applies the rules now even when the day has been run, and the death reviews page says when they were last applied', async () => {
    t.clock.set('2024-03-08T09:00:00Z')
    const before = await t.services.retention.runDue()
    expect(before).not.toBeNull()
    const again = await t.services.retention.runNow('csp-hub retention run')
    expect(again).toContainEqual({ recordType: 'ASB case review', action: 'anonymise', count: 0 })
    expect((await runs()).at(-1)).toMatchObject({ runOn: '2024-03-08', runner: 'csp-hub retention run' })

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
