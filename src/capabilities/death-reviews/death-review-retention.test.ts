import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership } from '#test/helpers/builders'
import { createTestApp, type TestApp } from '#test/helpers/test-app'

/**
 * The retention run over real rows: on 1 March 2024 a review published on 28 February 2018 is due to be
 * anonymised (six years) and its meetings deleted (two years); a review published in 2021 keeps its details but
 * loses its meetings; an open review keeps everything. Each change is audited by the system; a second run
 * changes nothing.
 */
let t: TestApp
let partnershipId: number

const insertReview = async (caseReference: string, publishedOn: string | null) => {
  const row = await t.db
    .insertInto('deathReviews')
    .values({
      partnershipId,
      caseReference,
      notifiedOn: '2017-01-10',
      circumstances: `${caseReference} circumstances`,
      namedAs: `${caseReference} name`,
      decision: 'review',
      decisionOn: '2017-02-01',
      decisionReasons: 'Criteria met',
      chairName: 'Independent Chair',
      reportSentOn: publishedOn ? '2017-07-01' : null,
      publishedOn,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await t.db.insertInto('deathReviewMeetings').values({ partnershipId, reviewId: row.id, heldOn: '2017-03-01', purpose: 'First panel', notes: 'Panel notes' }).execute()
  await t.db.insertInto('deathReviewActions').values({ partnershipId, reviewId: row.id, action: 'Train staff', status: 'open' }).execute()
  return row.id
}

beforeAll(async () => {
  t = await createTestApp({ now: '2024-03-01T09:00:00Z' })
  partnershipId = (await aPartnership(t)).partnership.id
})
afterAll(() => t.close())

describe('death review retention', () => {
  it('anonymises and deletes what is due, audits each change, and leaves the rest', async () => {
    const old = await insertReview('DHR 2017/01', '2018-02-28')
    const recent = await insertReview('DHR 2017/02', '2021-06-30')
    const open = await insertReview('DHR 2017/03', null)

    const outcome = await t.services.deathReviews.runRetention(t.clock.now())
    expect(outcome).toEqual([
      { recordType: 'death review', action: 'anonymise', count: 1 },
      { recordType: 'death review meeting', action: 'delete', count: 2 },
    ])

    const rows = await t.db.selectFrom('deathReviews').selectAll().where('partnershipId', '=', partnershipId).orderBy('id').execute()
    const byId = new Map(rows.map(r => [r.id, r]))
    expect(byId.get(old)).toMatchObject({ caseReference: 'DHR 2017/01', circumstances: null, namedAs: null, decisionReasons: null, chairName: null, publishedOn: '2018-02-28' })
    expect(byId.get(old)!.anonymisedAt).toEqual(t.clock.now())
    expect(byId.get(recent)).toMatchObject({ circumstances: 'DHR 2017/02 circumstances', anonymisedAt: null })
    expect(byId.get(open)).toMatchObject({ circumstances: 'DHR 2017/03 circumstances', anonymisedAt: null })
    const meetings = await t.db.selectFrom('deathReviewMeetings').select('reviewId').where('partnershipId', '=', partnershipId).execute()
    expect(meetings.map(m => m.reviewId)).toEqual([open])
    expect(await t.db.selectFrom('deathReviewActions').select('id').where('partnershipId', '=', partnershipId).execute()).toHaveLength(3)

    const audit = await t.db.selectFrom('auditEvents').selectAll().where('partnershipId', '=', partnershipId).orderBy('id').execute()
    expect(audit.map(e => [e.actorLabel, e.action, e.entityType, e.summary])).toEqual([
      ['system (retention rules)', 'anonymise', 'death review', 'Anonymised death review DHR 2017/01: 6 years after it closed on 28 February 2018 (due 28 February 2024)'],
      ['system (retention rules)', 'delete', 'death review meeting', 'Deleted a meeting of death review DHR 2017/01: 2 years after the review closed on 28 February 2018'],
      ['system (retention rules)', 'delete', 'death review meeting', 'Deleted a meeting of death review DHR 2017/02: 2 years after the review closed on 30 June 2021'],
    ])
    expect(JSON.stringify(audit)).not.toContain('DHR 2017/01 circumstances')
    expect(JSON.stringify(audit)).not.toContain('DHR 2017/01 name')

    expect(await t.services.deathReviews.runRetention(t.clock.now())).toEqual([
      { recordType: 'death review', action: 'anonymise', count: 0 },
      { recordType: 'death review meeting', action: 'delete', count: 0 },
    ])
  })
})
