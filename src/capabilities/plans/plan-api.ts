import { Router } from 'express'

import { financialYearLabel } from '../../core/calendar/index.ts'
import type { OpenApiPart } from '../../web/capability.ts'
import { idParameter, jsonResponses } from '../../web/openapi.ts'
import { idParam, partnershipContext } from '../../web/request.ts'

import type { PlanLifecycleService } from './plan-lifecycle-service.ts'
import type { PlanRow } from './plan-repository.ts'

/**
 * The read API for plans: /api/v1/partnerships/{partnershipId}/plans and …/plans/{planId}, the whole
 * tree with current RAGs. The public (no token, published partnership) sees agreed and archived plans,
 * without people.
 */

const nullable = (type: string) => ({ type: [type, 'null'] })
const ragEnum = { type: ['string', 'null'], enum: ['red', 'amber', 'green', null], description: 'Null when there is no update yet, or the latest gave no RAG' }
const ragCounts = {
  type: 'object',
  properties: { red: { type: 'integer' }, amber: { type: 'integer' }, green: { type: 'integer' }, none: { type: 'integer' } },
}

const openapi: OpenApiPart = {
  tags: [{ name: 'Plans', description: 'Partnership plans: priorities, objectives, actions and their quarterly updates with RAG statuses' }],
  paths: {
    '/api/v1/partnerships/{partnershipId}/plans': {
      get: {
        tags: ['Plans'],
        summary: 'The partnership’s plans',
        description: 'Newest plan year first. Drafts are listed only for the partnership’s members.',
        parameters: [idParameter('partnershipId', 'The partnership’s number')],
        responses: jsonResponses('The plans', 'PlanList'),
      },
    },
    '/api/v1/partnerships/{partnershipId}/plans/{planId}': {
      get: {
        tags: ['Plans'],
        summary: 'A plan with its priorities, objectives, actions, leads and quarterly updates',
        description:
          'Each action carries its current RAG (that of its latest update: the latest quarter, then the most recently posted) and whether its update is due or overdue today. The plan year runs April to March; Q1 is April–June.',
        parameters: [idParameter('partnershipId', 'The partnership’s number'), idParameter('planId', 'The plan’s number')],
        responses: jsonResponses('The plan', 'Plan'),
      },
    },
  },
  schemas: {
    PlanSummary: {
      type: 'object',
      properties: {
        id: { type: 'integer' },
        title: { type: 'string' },
        planYear: { type: 'integer', description: 'The year the plan year starts in April: 2016 means 2016/17' },
        planYearLabel: { type: 'string', examples: ['2016/17'] },
        periodStartYear: nullable('integer'),
        periodEndYear: nullable('integer'),
        status: { type: 'string', enum: ['draft', 'agreed', 'archived'] },
        agreedOn: { ...nullable('string'), format: 'date' },
        agreedBy: nullable('string'),
        versionLabel: nullable('string'),
        updatedAt: { type: 'string', format: 'date-time' },
      },
    },
    PlanList: { type: 'object', properties: { plans: { type: 'array', items: { $ref: '#/components/schemas/PlanSummary' } } } },
    ActionUpdate: {
      type: 'object',
      properties: {
        id: { type: 'integer' },
        quarter: { type: 'integer', minimum: 1, maximum: 4 },
        rag: ragEnum,
        body: { type: 'string' },
        author: { ...nullable('string'), description: 'Null for the public' },
        postedAt: { type: 'string', format: 'date-time' },
      },
    },
    Action: {
      type: 'object',
      properties: {
        id: { type: 'integer' },
        objectiveId: nullable('integer'),
        title: { type: 'string' },
        outcomes: { type: 'array', items: { type: 'string' } },
        leadOrganisations: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } } },
        supportingPartners: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } } },
        leadPeople: {
          type: 'array',
          description: 'Empty for the public',
          items: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' }, organisation: nullable('string') } },
        },
        leadNote: nullable('string'),
        quarters: { type: 'array', items: { type: 'integer', minimum: 1, maximum: 4 } },
        timescale: { type: 'string', examples: ['Q1–4'] },
        dueDate: { ...nullable('string'), format: 'date' },
        timescaleNote: nullable('string'),
        dependencies: nullable('string'),
        status: { type: 'string', enum: ['open', 'complete', 'cancelled'] },
        currentRag: ragEnum,
        updateState: {
          type: 'object',
          properties: {
            kind: { type: 'string', enum: ['not_expected', 'not_started', 'due', 'overdue', 'up_to_date'] },
            quarter: { type: 'integer', description: 'For due and overdue: the quarter the update is for' },
          },
        },
        updates: { type: 'array', description: 'Newest first', items: { $ref: '#/components/schemas/ActionUpdate' } },
      },
    },
    Priority: {
      type: 'object',
      properties: {
        id: { type: 'integer' },
        position: { type: 'integer' },
        title: { type: 'string' },
        subThemes: { type: 'array', items: { type: 'string' } },
        headlineTarget: nullable('string'),
        deliveringGroup: { type: ['object', 'null'], properties: { id: { type: 'integer' }, name: { type: 'string' } } },
        resources: nullable('string'),
        progressComment: nullable('string'),
        risks: { type: 'array', items: { type: 'object', properties: { risk: { type: 'string' }, mitigation: nullable('string') } } },
        objectives: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, position: { type: 'integer' }, title: { type: 'string' } } } },
        summary: {
          type: 'object',
          properties: { actions: { type: 'integer' }, rag: ragCounts, complete: { type: 'integer' }, due: { type: 'integer' }, overdue: { type: 'integer' } },
        },
        actions: { type: 'array', items: { $ref: '#/components/schemas/Action' } },
      },
    },
    Plan: {
      allOf: [
        { $ref: '#/components/schemas/PlanSummary' },
        {
          type: 'object',
          properties: {
            vision: nullable('string'),
            refreshedFromPlanId: nullable('integer'),
            asOf: { type: 'string', format: 'date', description: 'The day the due and overdue updates were worked out for' },
            ragDefinitions: { type: 'object', properties: { green: { type: 'string' }, amber: { type: 'string' }, red: { type: 'string' } } },
            priorities: { type: 'array', items: { $ref: '#/components/schemas/Priority' } },
          },
        },
      ],
    },
  },
}

function planSummary(plan: PlanRow) {
  return {
    id: plan.id,
    title: plan.title,
    planYear: plan.planYear,
    planYearLabel: financialYearLabel(plan.planYear),
    periodStartYear: plan.periodStartYear,
    periodEndYear: plan.periodEndYear,
    status: plan.status,
    agreedOn: plan.agreedOn,
    agreedBy: plan.agreedBy,
    versionLabel: plan.versionLabel,
    updatedAt: plan.updatedAt,
  }
}

export function planApi(plans: Pick<PlanLifecycleService, 'list' | 'planView' | 'summariseView' | 'ragDefinitions'>) {
  const routes = Router({ mergeParams: true })

  routes.get('/plans', async (req, res) => {
    const list = await plans.list(partnershipContext(req))
    res.json({ plans: list.map(planSummary) })
  })

  routes.get('/plans/:planId', async (req, res) => {
    const ctx = partnershipContext(req)
    const planView = await plans.planView(ctx, idParam(req, 'planId'))
    const summary = plans.summariseView(planView)
    const { plan } = planView
    res.json({
      ...planSummary(plan),
      vision: plan.vision,
      refreshedFromPlanId: plan.refreshedFromPlanId,
      asOf: planView.today,
      ragDefinitions: await plans.ragDefinitions(ctx),
      priorities: planView.priorities.map((priority, i) => {
        const s = summary.priorities[i]!
        return {
          id: priority.id,
          position: priority.position,
          title: priority.title,
          subThemes: priority.subThemes,
          headlineTarget: priority.headlineTarget,
          deliveringGroup: priority.deliveringGroup ? { id: priority.deliveringGroup.id, name: priority.deliveringGroup.name } : null,
          resources: priority.resources,
          progressComment: priority.progressComment,
          risks: priority.risks.map(r => ({ risk: r.risk, mitigation: r.mitigation })),
          objectives: priority.objectives.map(o => ({ id: o.id, position: o.position, title: o.title })),
          summary: { actions: s.actions, rag: s.rag, complete: s.complete, due: s.due, overdue: s.overdue },
          actions: priority.actions.map(action => ({
            id: action.id,
            objectiveId: action.objectiveId,
            title: action.title,
            outcomes: action.outcomes,
            leadOrganisations: action.leadOrganisations.map(o => ({ id: o.id, name: o.name })),
            supportingPartners: action.supportingPartners.map(o => ({ id: o.id, name: o.name })),
            leadPeople: action.leadPeople.map(p => ({ id: p.id, name: p.name, organisation: p.organisationName })),
            leadNote: action.leadNote,
            quarters: action.quarters,
            timescale: action.timescale,
            dueDate: action.dueDate,
            timescaleNote: action.timescaleNote,
            dependencies: action.dependencies,
            status: action.status,
            currentRag: action.currentRag,
            updateState: action.state,
            updates: action.updates.map(u => ({
              id: u.id,
              quarter: u.quarter,
              rag: u.rag,
              body: u.body,
              author: planView.showsPeople ? u.authorLabel : null,
              postedAt: u.createdAt,
            })),
          })),
        }
      }),
    })
  })

  return { routes, openapi }
}
