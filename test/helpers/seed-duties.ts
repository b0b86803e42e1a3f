import type { SeedTarget } from './seed-everything.ts'
import type { TestApp } from './test-app.ts'

/**
 * The statutory duties' records for the role matrix, each first of its table (so its id is the id base): a death
 * review with a panel member, a meeting, an extension and an action with an update; an ASB case review application
 * whose threshold was met, and its figures published for the year numbered as the id base; an event; a Serious
 * Violence Duty strategy. Text carries the marker.
 */
export async function seedDuties(t: TestApp, target: SeedTarget): Promise<void> {
  const { partnershipId, marker, organisationId } = target
  const review = await t.db
    .insertInto('deathReviews')
    .values({ partnershipId, caseReference: `${marker} DARDR`, notifiedOn: '2026-01-10', circumstances: `${marker} circumstances`, decision: 'review', decisionOn: '2026-02-01', decisionReasons: `${marker} reasons` })
    .returning('id')
    .executeTakeFirstOrThrow()
  await t.db.insertInto('deathReviewPanelMembers').values({ partnershipId, reviewId: review.id, organisationId, representedBy: `${marker} detective` }).execute()
  await t.db.insertInto('deathReviewMeetings').values({ partnershipId, reviewId: review.id, heldOn: '2026-03-01', purpose: `${marker} first panel` }).execute()
  await t.db.insertInto('deathReviewExtensions').values({ partnershipId, reviewId: review.id, agreedOn: '2026-07-01', extendedTo: '2026-12-01', reason: `${marker} trial` }).execute()
  const action = await t.db.insertInto('deathReviewActions').values({ partnershipId, reviewId: review.id, action: `${marker} train GPs`, status: 'open' }).returning('id').executeTakeFirstOrThrow()
  await t.db.insertInto('deathReviewActionUpdates').values({ partnershipId, actionId: action.id, rag: 'amber', body: `${marker} half done`, authorLabel: 'seed' }).execute()

  await t.db
    .insertInto('asbCaseReviews')
    .values({ partnershipId, reference: `${marker} ACR`, receivedOn: '2026-04-10', receivedByOrganisationId: organisationId, complaintsCount: 4, summary: `${marker} summary`, thresholdDecisionOn: '2026-04-15', thresholdMet: true })
    .execute()
  await t.db.insertInto('asbCaseReviewPublications').values({ partnershipId, year: partnershipId, publishedByLabel: 'seed' }).execute()

  await t.db.insertInto('events').values({ partnershipId, title: `${marker} Crucial Crew`, kind: 'event', startsOn: '2026-06-01', audience: `${marker} pupils`, reach: 100 }).execute()
  await t.db.insertInto('seriousViolenceDocuments').values({ partnershipId, kind: 'strategy', title: `${marker} Serious Violence Strategy`, datedOn: '2026-01-31', reviewDueOn: '2027-01-31' }).execute()
}
