import type { Db } from '../../db/database.ts'
import type { Row } from '../../db/tables.ts'

export type AssessmentRow = Row<'priorityAssessments'>
export type CriterionRow = Row<'priorityCriteria'>
export type CandidateRow = Row<'priorityCandidates'>

export interface ScoreRow {
  candidateId: number
  criterionId: number
  score: number
}

/** The queries of the priority scoring matrix; every one is scoped to the partnership. */
export const matrixRepository = {
  assessments(db: Db, partnershipId: number): Promise<AssessmentRow[]> {
    return db.selectFrom('priorityAssessments').selectAll().where('partnershipId', '=', partnershipId).orderBy('createdAt', 'desc').orderBy('id', 'desc').execute()
  },

  criteria(db: Db, partnershipId: number, assessmentId: number): Promise<CriterionRow[]> {
    return db.selectFrom('priorityCriteria').selectAll().where('partnershipId', '=', partnershipId).where('assessmentId', '=', assessmentId).orderBy('position').orderBy('id').execute()
  },

  candidates(db: Db, partnershipId: number, assessmentId: number): Promise<CandidateRow[]> {
    return db.selectFrom('priorityCandidates').selectAll().where('partnershipId', '=', partnershipId).where('assessmentId', '=', assessmentId).orderBy('position').orderBy('id').execute()
  },

  /** The group's scores of a matrix's candidates. */
  scores(db: Db, partnershipId: number, assessmentId: number): Promise<ScoreRow[]> {
    return db
      .selectFrom('priorityScores')
      .innerJoin('priorityCandidates', 'priorityCandidates.id', 'priorityScores.candidateId')
      .select(['priorityScores.candidateId', 'priorityScores.criterionId', 'priorityScores.score'])
      .where('priorityScores.partnershipId', '=', partnershipId)
      .where('priorityCandidates.assessmentId', '=', assessmentId)
      .execute()
  },

  /** The scores of the given candidates, whoever's partnership (for the audit record of a replacement). */
  scoresOfCandidates(db: Db, candidateIds: number[]): Promise<ScoreRow[]> {
    return db.selectFrom('priorityScores').select(['candidateId', 'criterionId', 'score']).where('candidateId', 'in', [...candidateIds, 0]).execute()
  },

  /** Replace the scores of the given candidates with `rows`. */
  async replaceScores(db: Db, partnershipId: number, candidateIds: number[], rows: (ScoreRow & { partnershipId: number })[]): Promise<void> {
    await db.deleteFrom('priorityScores').where('partnershipId', '=', partnershipId).where('candidateId', 'in', [...candidateIds, 0]).execute()
    if (rows.length) await db.insertInto('priorityScores').values(rows).execute()
  },

  /** The position after the last candidate of a matrix. */
  async nextCandidatePosition(db: Db, assessmentId: number): Promise<number> {
    const last = await db.selectFrom('priorityCandidates').select(eb => eb.fn.max('position').as('position')).where('assessmentId', '=', assessmentId).executeTakeFirst()
    return Number(last?.position ?? -1) + 1
  },

  /** Mark exactly the given candidates of a matrix as the agreed choice. */
  async markChosen(db: Db, partnershipId: number, assessmentId: number, candidateIds: number[], now: Date): Promise<void> {
    await db.updateTable('priorityCandidates').set({ isChosen: false, updatedAt: now }).where('assessmentId', '=', assessmentId).where('partnershipId', '=', partnershipId).execute()
    await db.updateTable('priorityCandidates').set({ isChosen: true, updatedAt: now }).where('id', 'in', candidateIds).where('partnershipId', '=', partnershipId).execute()
  },
}
