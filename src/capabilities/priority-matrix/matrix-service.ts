import { allows, requirePermission, type PartnershipContext } from '../../core/access/partnership-context.ts'
import { auditLog } from '../../core/audit/audit-log.ts'
import { auditedDelete, auditedInsert, auditedUpdate, findInPartnership } from '../../core/audit/audited-changes.ts'
import { addMonths, monthOf, monthRange, monthRangeLabel, monthsBetween, monthStart, type Month } from '../../core/calendar/index.ts'
import type { DocumentSection } from '../../core/documents/structured.ts'
import type { Db } from '../../db/database.ts'
import type { Clock } from '../../shared/clock.ts'
import { NotFoundError, ValidationError } from '../../shared/errors.ts'
import { insertDraftPlan } from '../plans/index.ts'
import { OFFENCES_NOT_TOLD_APART, OGL, POLICE_SOURCE, type PoliceDataService } from '../police-data/index.ts'

import { matrixSection, type MatrixForDocument } from './domain/matrix-document.ts'
import { DEFAULT_CANDIDATES, DEFAULT_CRITERIA, scoreMatrix, type CandidateEvidence } from './domain/scoring.ts'
import type { AssessmentInput, CandidateInput, PlanInput } from './matrix-forms.ts'
import { matrixRepository as repo } from './matrix-repository.ts'

/**
 * The priority scoring matrix of a partnership's strategic assessment: candidate issues scored on
 * weighted criteria, ranked; the agreed choice becomes the priorities of a new draft plan.
 */

const assessmentTarget = (ctx: PartnershipContext) => ({
  table: 'priorityAssessments' as const,
  partnershipId: ctx.partnership.id,
  entityType: 'priority_assessment',
  describe: (row: { title: string }) => row.title,
})
const criterionTarget = (ctx: PartnershipContext) => ({
  table: 'priorityCriteria' as const,
  partnershipId: ctx.partnership.id,
  entityType: 'priority_criterion',
  describe: (row: { name: string; weight: number }) => `${row.name} (weight ${row.weight})`,
})
const candidateTarget = (ctx: PartnershipContext) => ({
  table: 'priorityCandidates' as const,
  partnershipId: ctx.partnership.id,
  entityType: 'priority_candidate',
  describe: (row: { name: string }) => row.name,
})

export function priorityMatrixService({ db, clock, policeData }: { db: Db; clock: Clock; policeData: PoliceDataService }) {
  async function load(ctx: PartnershipContext, id: number) {
    const assessment = await findInPartnership(db, assessmentTarget(ctx), id)
    const [criteria, candidates, scores] = await Promise.all([
      repo.criteria(db, ctx.partnership.id, id),
      repo.candidates(db, ctx.partnership.id, id),
      repo.scores(db, ctx.partnership.id, id),
    ])
    return { assessment, criteria, candidates, scores }
  }

  /** Counts of each candidate's crime types in the period and the period of the same length before it. */
  async function evidence(ctx: PartnershipContext, from: Month, to: Month, candidates: { id: number; crimeTypes: string[] }[]) {
    const districts = (await policeData.partnershipDistricts(ctx)).map(d => d.code)
    const result = new Map<number, CandidateEvidence>()
    if (!districts.length) return { evidence: result, districts, comparedMonths: [] as Month[], forces: [] as string[] }
    const length = monthsBetween(from, to) + 1
    const previousFrom = addMonths(from, -length)
    const { counts, forces, heldMonths } = await policeData.districtCounts(districts, previousFrom, to)
    const isHeld = (m: Month) => heldMonths.has(m)
    const compared = monthRange(from, to).filter(m => isHeld(m) && isHeld(addMonths(m, -length)))
    const current = new Set(compared)
    const before = new Set(compared.map(m => addMonths(m, -length)))
    for (const candidate of candidates) {
      if (!candidate.crimeTypes.length) continue
      const types = new Set(candidate.crimeTypes)
      let count = 0
      let previous = 0
      let all = 0
      for (const c of counts) {
        if (!types.has(c.crimeType)) continue
        if (current.has(c.month)) count += c.count
        if (before.has(c.month)) previous += c.count
        if (monthsBetween(from, c.month) >= 0 && isHeld(c.month)) all += c.count
      }
      // Volume uses every held month of the period; the trend only months held in both periods.
      result.set(candidate.id, { count: all, previous, change: compared.length && previous ? ((count - previous) / previous) * 100 : null, monthsCompared: compared.length })
    }
    return { evidence: result, districts, comparedMonths: compared, forces }
  }

  /** The latest scoring matrix of the partnership, for the strategic assessment document; null when there is none. */
  async function latestMatrix(ctx: PartnershipContext): Promise<MatrixForDocument | null> {
    const [latest] = await repo.assessments(db, ctx.partnership.id)
    if (!latest) return null
    const m = await service.matrix(ctx, latest.id)
    const byId = new Map(m.candidates.map(c => [c.id, c]))
    return {
      title: m.assessment.title,
      periodLabel: m.periodLabel,
      previousPeriodLabel: m.previousPeriodLabel,
      comparedMonths: m.comparedMonths.length,
      notes: m.assessment.notes,
      criteria: m.criteria.map(c => ({ name: c.name, weight: c.weight })),
      rows: m.rows.map(row => ({
        rank: row.rank,
        name: row.candidate.name,
        isChosen: byId.get(row.candidate.id)?.isChosen ?? false,
        crimeTypes: row.candidate.crimeTypes,
        notes: byId.get(row.candidate.id)?.notes ?? null,
        cells: row.cells,
        total: row.total,
        maxTotal: row.maxTotal,
        scoredCount: row.scoredCount,
        isComplete: row.isComplete,
        evidence: row.evidence,
      })),
    }
  }

  const service = {
    async list(ctx: PartnershipContext) {
      requirePermission(ctx, 'view')
      return repo.assessments(db, ctx.partnership.id)
    },

    async matrix(ctx: PartnershipContext, id: number) {
      requirePermission(ctx, 'view')
      const data = await load(ctx, id)
      const from = monthOf(data.assessment.periodFrom)
      const to = monthOf(data.assessment.periodTo)
      const candidates = data.candidates.map(c => ({ id: c.id, name: c.name, crimeTypes: c.crimeTypes, isChosen: c.isChosen }))
      const facts = await evidence(ctx, from, to, candidates)
      const groupScores = new Map(data.scores.map(s => [`${s.candidateId}:${s.criterionId}`, s.score]))
      const rows = scoreMatrix(
        data.criteria.map(c => ({ id: c.id, name: c.name, weight: c.weight, source: c.source })),
        candidates,
        groupScores,
        facts.evidence,
      )
      return {
        ...data,
        from,
        to,
        periodLabel: monthRangeLabel(from, to),
        rows,
        groupScores,
        districts: facts.districts,
        comparedMonths: facts.comparedMonths,
        previousPeriodLabel: monthRangeLabel(addMonths(from, -(monthsBetween(from, to) + 1)), addMonths(from, -1)),
        candidateNotes: new Map(data.candidates.map(c => [c.id, c.notes])),
      }
    },

    async create(ctx: PartnershipContext, input: AssessmentInput) {
      requirePermission(ctx, 'edit_records')
      return db.transaction().execute(async trx => {
        const assessment = await auditedInsert(trx, ctx.actor, assessmentTarget(ctx), {
          title: input.title,
          periodFrom: monthStart(input.periodFrom),
          periodTo: monthStart(input.periodTo),
          notes: input.notes,
        })
        for (const [position, criterion] of DEFAULT_CRITERIA.entries()) {
          await auditedInsert(trx, ctx.actor, criterionTarget(ctx), { assessmentId: assessment.id, position, ...criterion })
        }
        for (const [position, candidate] of DEFAULT_CANDIDATES.entries()) {
          await auditedInsert(trx, ctx.actor, candidateTarget(ctx), { assessmentId: assessment.id, position, name: candidate.name, crimeTypes: JSON.stringify(candidate.crimeTypes), notes: candidate.notes })
        }
        return assessment
      })
    },

    async update(ctx: PartnershipContext, id: number, input: AssessmentInput) {
      requirePermission(ctx, 'edit_records')
      return db.transaction().execute(trx =>
        auditedUpdate(trx, ctx.actor, assessmentTarget(ctx), id, { title: input.title, periodFrom: monthStart(input.periodFrom), periodTo: monthStart(input.periodTo), notes: input.notes }, clock.now()),
      )
    },

    async remove(ctx: PartnershipContext, id: number) {
      requirePermission(ctx, 'edit_records')
      return db.transaction().execute(trx => auditedDelete(trx, ctx.actor, assessmentTarget(ctx), id))
    },

    /** Replace the group's scores of one matrix (null: not scored by the group). */
    async saveScores(ctx: PartnershipContext, id: number, scores: Map<string, number | null>) {
      requirePermission(ctx, 'edit_records')
      await db.transaction().execute(async trx => {
        const assessment = await findInPartnership(trx, assessmentTarget(ctx), id)
        const candidates = await repo.candidates(trx, ctx.partnership.id, id)
        const criteria = await repo.criteria(trx, ctx.partnership.id, id)
        const candidateIds = new Set(candidates.map(c => c.id))
        const criterionIds = new Set(criteria.map(c => c.id))
        const before = await repo.scoresOfCandidates(trx, [...candidateIds])
        const rows: { partnershipId: number; candidateId: number; criterionId: number; score: number }[] = []
        for (const [key, score] of scores) {
          const [candidateId, criterionId] = key.split(':').map(Number) as [number, number]
          if (!candidateIds.has(candidateId) || !criterionIds.has(criterionId)) throw new ValidationError({ scores: 'The matrix changed while you were scoring: reload the page and try again' })
          if (score !== null) rows.push({ partnershipId: ctx.partnership.id, candidateId, criterionId, score })
        }
        await repo.replaceScores(trx, ctx.partnership.id, [...candidateIds], rows)
        const name = (list: { id: number; name: string }[], id: number) => list.find(x => x.id === id)?.name ?? String(id)
        const asRecord = (list: { candidateId: number; criterionId: number; score: number }[]) =>
          Object.fromEntries(list.map(s => [`${name(candidates, s.candidateId)} / ${name(criteria, s.criterionId)}`, s.score]))
        await auditLog.record(trx, ctx.actor, {
          partnershipId: ctx.partnership.id,
          action: 'update',
          entityType: 'priority_assessment',
          entityId: id,
          summary: `Updated the scores of “${assessment.title}”`,
          before: asRecord(before),
          after: asRecord(rows),
        })
      })
    },

    async saveCriteria(ctx: PartnershipContext, id: number, criteria: { id: number; name: string; weight: number; description: string | null }[], added: { name: string; weight: number; description: string | null } | null) {
      requirePermission(ctx, 'edit_records')
      await db.transaction().execute(async trx => {
        await findInPartnership(trx, assessmentTarget(ctx), id)
        const existing = await repo.criteria(trx, ctx.partnership.id, id)
        for (const criterion of criteria) {
          const current = existing.find(c => c.id === criterion.id)
          if (!current) throw new ValidationError({ criteria: 'The criteria changed while you were editing: reload the page and try again' })
          if (current.name === criterion.name && current.weight === criterion.weight && current.description === criterion.description) continue
          await auditedUpdate(trx, ctx.actor, criterionTarget(ctx), criterion.id, { name: criterion.name, weight: criterion.weight, description: criterion.description }, clock.now())
        }
        if (added) {
          const position = Math.max(-1, ...existing.map(c => c.position)) + 1
          await auditedInsert(trx, ctx.actor, criterionTarget(ctx), { assessmentId: id, position, source: 'group', ...added })
        }
      })
    },

    async addCandidate(ctx: PartnershipContext, id: number, input: CandidateInput) {
      requirePermission(ctx, 'edit_records')
      return db.transaction().execute(async trx => {
        await findInPartnership(trx, assessmentTarget(ctx), id)
        const position = await repo.nextCandidatePosition(trx, id)
        return auditedInsert(trx, ctx.actor, candidateTarget(ctx), {
          assessmentId: id,
          position,
          name: input.name,
          crimeTypes: JSON.stringify(input.crimeTypes),
          notes: input.notes,
        })
      })
    },

    async candidate(ctx: PartnershipContext, id: number, candidateId: number) {
      requirePermission(ctx, 'edit_records')
      const candidate = await findInPartnership(db, candidateTarget(ctx), candidateId)
      if (candidate.assessmentId !== id) throw new NotFoundError('Issue')
      return candidate
    },

    async removeCandidate(ctx: PartnershipContext, id: number, candidateId: number) {
      requirePermission(ctx, 'edit_records')
      return db.transaction().execute(async trx => {
        const candidate = await findInPartnership(trx, candidateTarget(ctx), candidateId)
        if (candidate.assessmentId !== id) throw new NotFoundError('Issue')
        return auditedDelete(trx, ctx.actor, candidateTarget(ctx), candidateId)
      })
    },

    /**
     * The agreed choice becomes the priorities of a new draft plan, in ranked order. The plan and its
     * priorities are created here (each audited); the plans capability takes them from there.
     */
    async createPlan(ctx: PartnershipContext, id: number, input: PlanInput, rankedIds: number[]) {
      requirePermission(ctx, 'edit_records')
      return db.transaction().execute(async trx => {
        const assessment = await findInPartnership(trx, assessmentTarget(ctx), id)
        const candidates = await repo.candidates(trx, ctx.partnership.id, id)
        const chosen = input.candidateIds.map(cid => candidates.find(c => c.id === cid))
        if (chosen.some(c => !c)) throw new ValidationError({ candidateIds: 'Select issues from the list' })
        const order = (cid: number) => {
          const index = rankedIds.indexOf(cid)
          return index === -1 ? Number.MAX_SAFE_INTEGER : index
        }
        const ordered = (chosen as NonNullable<(typeof chosen)[number]>[]).sort((a, b) => order(a.id) - order(b.id))
        const plan = await insertDraftPlan(trx, ctx.actor, ctx.partnership.id, {
          title: input.title,
          planYear: input.planYear,
          periodEndYear: input.periodEndYear,
          priorities: ordered.map(candidate => candidate.name),
        })
        await repo.markChosen(trx, ctx.partnership.id, id, ordered.map(c => c.id), clock.now())
        await auditedUpdate(trx, ctx.actor, assessmentTarget(ctx), assessment.id, { planId: plan.id }, clock.now())
        return plan
      })
    },

    /**
     * The partnership's latest scoring matrix as a section of the strategic assessment document, for those
     * who may see the partnership's own records (the public see the analyses only, as on the pages).
     */
    async assessmentSections(ctx: PartnershipContext): Promise<DocumentSection[]> {
      if (!allows(ctx, 'view')) return []
      const matrix = await latestMatrix(ctx)
      return matrix ? [matrixSection(matrix, [OFFENCES_NOT_TOLD_APART, POLICE_SOURCE, OGL])] : []
    },
  }
  return service
}
export type PriorityMatrixService = ReturnType<typeof priorityMatrixService>
