import { Router } from 'express'

import { monthOf } from '../../core/calendar/index.ts'
import type { OpenApiPart } from '../../web/capability.ts'
import { idParameter, jsonResponses } from '../../web/openapi.ts'
import { idParam, partnershipContext } from '../../web/request.ts'

import { MATRICES_PATH } from './matrix-paths.ts'
import type { PriorityMatrixService } from './matrix-service.ts'

/** The read API of the scoring matrices, mounted under /api/v1/partnerships/:partnershipId. */
export function matrixApi({ priorityMatrix }: { priorityMatrix: PriorityMatrixService }) {
  const routes = Router({ mergeParams: true })
  routes.get(MATRICES_PATH, async (req, res) => {
    const list = await priorityMatrix.list(partnershipContext(req))
    res.json({ priorityAssessments: list.map(a => ({ id: a.id, title: a.title, periodFrom: monthOf(a.periodFrom), periodTo: monthOf(a.periodTo), planId: a.planId })) })
  })
  routes.get(`${MATRICES_PATH}/:id`, async (req, res) => {
    const m = await priorityMatrix.matrix(partnershipContext(req), idParam(req, 'id'))
    res.json({
      id: m.assessment.id,
      title: m.assessment.title,
      periodFrom: m.from,
      periodTo: m.to,
      planId: m.assessment.planId,
      criteria: m.criteria.map(c => ({ id: c.id, name: c.name, description: c.description, weight: c.weight, source: c.source })),
      ranking: m.rows.map(r => ({
        rank: r.rank,
        candidateId: r.candidate.id,
        name: r.candidate.name,
        crimeTypes: r.candidate.crimeTypes,
        total: r.total,
        maxTotal: r.maxTotal,
        isComplete: r.isComplete,
        evidence: r.evidence,
        scores: r.cells,
      })),
    })
  })
  return { routes, openapi }
}

const partnership = idParameter('partnershipId', 'The partnership’s number')

const openapi: OpenApiPart = {
  paths: {
    '/api/v1/partnerships/{partnershipId}/strategic-assessment/priorities': {
      get: {
        tags: ['Police data'],
        summary: 'Priority scoring matrices',
        parameters: [partnership],
        responses: jsonResponses('Scoring matrices', 'PriorityAssessmentList'),
      },
    },
    '/api/v1/partnerships/{partnershipId}/strategic-assessment/priorities/{id}': {
      get: {
        tags: ['Police data'],
        summary: 'A priority scoring matrix, ranked',
        description: 'Criteria with weights, and the candidate issues ranked by weighted score, with the police data behind volume and trend.',
        parameters: [partnership, idParameter('id', 'The scoring matrix’s number')],
        responses: jsonResponses('The ranked matrix', 'PriorityAssessment'),
      },
    },
  },
  schemas: {
    PriorityAssessmentList: { type: 'object', properties: { priorityAssessments: { type: 'array', items: { type: 'object' } } } },
    PriorityAssessment: { type: 'object', properties: { id: { type: 'integer' }, title: { type: 'string' }, criteria: { type: 'array', items: { type: 'object' } }, ranking: { type: 'array', items: { type: 'object' } } } },
  },
}
