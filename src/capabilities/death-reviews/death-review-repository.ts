import type { Db } from '../../db/database.ts'
import type { Row } from '../../db/tables.ts'

export type ReviewRow = Row<'deathReviews'>
export type PanelMemberRow = Row<'deathReviewPanelMembers'>
export type MeetingRow = Row<'deathReviewMeetings'>
export type ExtensionRow = Row<'deathReviewExtensions'>
export type ActionRow = Row<'deathReviewActions'>
export type ActionUpdateRow = Row<'deathReviewActionUpdates'>

/** A review with everything recorded about it. */
export interface ReviewRecords {
  review: ReviewRow
  panel: PanelMemberRow[]
  meetings: MeetingRow[]
  extensions: ExtensionRow[]
  actions: (ActionRow & { updates: ActionUpdateRow[] })[]
}

/** Queries of the death review tables. Every query is scoped to a partnership. */
export const deathReviewRepository = {
  async list(db: Db, partnershipId: number): Promise<ReviewRow[]> {
    return db.selectFrom('deathReviews').selectAll().where('partnershipId', '=', partnershipId).orderBy('notifiedOn', 'desc').orderBy('id', 'desc').execute()
  },

  async find(db: Db, partnershipId: number, id: number): Promise<ReviewRow | undefined> {
    if (!Number.isSafeInteger(id)) return undefined
    return db.selectFrom('deathReviews').selectAll().where('partnershipId', '=', partnershipId).where('id', '=', id).executeTakeFirst()
  },

  async byReference(db: Db, partnershipId: number, caseReference: string): Promise<ReviewRow | undefined> {
    return db.selectFrom('deathReviews').selectAll().where('partnershipId', '=', partnershipId).where('caseReference', '=', caseReference).executeTakeFirst()
  },

  /** The parts of some reviews (all of the partnership's when `reviewIds` is left out). */
  async parts(db: Db, partnershipId: number, reviewIds?: readonly number[]) {
    if (reviewIds && reviewIds.length === 0) return { panel: [], meetings: [], extensions: [], actions: [], updates: [] }
    const ids = reviewIds ? [...reviewIds] : null
    const [panel, meetings, extensions, actions] = await Promise.all([
      db
        .selectFrom('deathReviewPanelMembers')
        .selectAll()
        .where('partnershipId', '=', partnershipId)
        .$if(ids !== null, q => q.where('reviewId', 'in', ids!))
        .orderBy('id')
        .execute(),
      db
        .selectFrom('deathReviewMeetings')
        .selectAll()
        .where('partnershipId', '=', partnershipId)
        .$if(ids !== null, q => q.where('reviewId', 'in', ids!))
        .orderBy('heldOn')
        .orderBy('id')
        .execute(),
      db
        .selectFrom('deathReviewExtensions')
        .selectAll()
        .where('partnershipId', '=', partnershipId)
        .$if(ids !== null, q => q.where('reviewId', 'in', ids!))
        .orderBy('agreedOn')
        .orderBy('id')
        .execute(),
      db
        .selectFrom('deathReviewActions')
        .selectAll()
        .where('partnershipId', '=', partnershipId)
        .$if(ids !== null, q => q.where('reviewId', 'in', ids!))
        .orderBy('id')
        .execute(),
    ])
    const actionIds = actions.map(a => a.id)
    const updates = actionIds.length
      ? await db.selectFrom('deathReviewActionUpdates').selectAll().where('partnershipId', '=', partnershipId).where('actionId', 'in', actionIds).orderBy('createdAt', 'desc').orderBy('id', 'desc').execute()
      : []
    return {
      panel,
      meetings,
      extensions,
      actions,
      updates,
    }
  },

  async records(db: Db, partnershipId: number, review: ReviewRow): Promise<ReviewRecords> {
    const parts = await deathReviewRepository.parts(db, partnershipId, [review.id])
    return {
      review,
      panel: parts.panel,
      meetings: parts.meetings,
      extensions: parts.extensions,
      actions: parts.actions.map(a => ({ ...a, updates: parts.updates.filter(u => u.actionId === a.id) })),
    }
  },

  /** Every review of every partnership with its closing dates, for the retention run. */
  async allForRetention(db: Db) {
    return db
      .selectFrom('deathReviews')
      .select(['id', 'partnershipId', 'caseReference', 'notifiedOn', 'decision', 'decisionOn', 'reportSentOn', 'homeOfficeFeedbackOn', 'publishedOn', 'anonymisedAt'])
      .where(eb => eb.or([eb('decision', '=', 'no_review'), eb('publishedOn', 'is not', null)]))
      .orderBy('partnershipId')
      .orderBy('id')
      .execute()
  },
}
