import { Router } from 'express'

import type { Capability, OpenApiPart } from '../../web/capability.ts'
import { partnershipContext } from '../../web/request.ts'
import type { PartnershipService } from '../partnerships/index.ts'

import { idParameter, jsonResponses } from '../../web/openapi.ts'

import { openApiDocument } from './openapi.ts'

const part: OpenApiPart = {
  tags: [{ name: 'Partnerships', description: 'Community Safety Partnerships and their structure' }],
  paths: {
    '/api/v1/partnerships': {
      get: {
        tags: ['Partnerships'],
        summary: 'The partnerships you can read',
        responses: { '200': { description: 'Partnerships', content: { 'application/json': { schema: { type: 'object', properties: { partnerships: { type: 'array', items: { $ref: '#/components/schemas/PartnershipSummary' } } } } } } } },
      },
    },
    '/api/v1/partnerships/{partnershipId}': {
      get: {
        tags: ['Partnerships'],
        summary: 'A partnership with its areas, organisations and groups',
        parameters: [idParameter('partnershipId', 'The partnership’s number')],
        responses: jsonResponses('The partnership', 'Partnership'),
      },
    },
  },
  schemas: {
    PartnershipSummary: {
      type: 'object',
      properties: { id: { type: 'integer' }, name: { type: 'string' }, shortName: { type: ['string', 'null'] }, access: { type: 'string', enum: ['admin', 'coordinator', 'lead', 'member', 'public'] } },
    },
    Partnership: {
      type: 'object',
      properties: {
        id: { type: 'integer' },
        name: { type: 'string' },
        vision: { type: ['string', 'null'] },
        areas: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, parentId: { type: ['integer', 'null'] }, type: { type: 'string' }, name: { type: 'string' }, code: { type: ['string', 'null'] } } } },
        organisations: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' }, kind: { type: 'string' }, authorityType: { type: ['string', 'null'] } } } },
        groups: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' }, type: { type: 'string' }, purpose: { type: ['string', 'null'] }, reportsToGroupId: { type: ['integer', 'null'] } } } },
      },
    },
  },
}

/** /api/v1: the OpenAPI document, its readable docs page, and the partnership endpoints. */
export function apiCapability({ services, deps }: { services: { partnerships: Pick<PartnershipService, 'listFor' | 'structure'> }; deps: { config: { baseUrl: string } } }, others: Capability[]): Capability {
  const document = () => openApiDocument(deps.config.baseUrl, [...others.map(c => c.openapi).filter((p): p is OpenApiPart => Boolean(p)), part])

  const apiRoutes = Router()
  apiRoutes.get('/openapi.json', (_req, res) => res.json(document()))
  apiRoutes.get('/docs', (_req, res) => {
    const doc = document()
    const endpoints = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods as Record<string, { summary?: string; description?: string; tags?: string[]; parameters?: { name: string; in: string; description?: string }[] }>).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        summary: op.summary ?? '',
        description: op.description ?? '',
        tag: op.tags?.[0] ?? 'Other',
        parameters: op.parameters ?? [],
      })),
    )
    const tags = [...new Set(endpoints.map(e => e.tag))]
    res.render('api/views/docs.njk', { info: doc.info, baseUrl: deps.config.baseUrl, groups: tags.map(tag => ({ tag, endpoints: endpoints.filter(e => e.tag === tag) })) })
  })
  apiRoutes.get('/partnerships', async (req, res) => {
    const list = await services.partnerships.listFor(req.viewer ?? null)
    res.json({ partnerships: list.map(p => ({ id: p.id, name: p.name, shortName: p.shortName, access: p.access })) })
  })

  const apiPartnershipRoutes = Router({ mergeParams: true })
  apiPartnershipRoutes.get('/', async (req, res) => {
    const structure = await services.partnerships.structure(partnershipContext(req))
    const p = structure.partnership
    res.json({
      id: p.id,
      name: p.name,
      shortName: p.shortName,
      vision: p.vision,
      areas: structure.areas.map(a => ({ id: a.id, parentId: a.parentId, type: a.type, name: a.name, code: a.code })),
      organisations: structure.organisations.map(o => ({ id: o.id, name: o.name, kind: o.kind, authorityType: o.authorityType })),
      groups: structure.groups.map(g => ({ id: g.id, name: g.name, type: g.type, purpose: g.purpose, meetingCadence: g.meetingCadence, reportsToGroupId: g.reportsToGroupId })),
    })
  })

  // Anything else under /api is a JSON 404 (web/error-handler.ts answers /api paths in JSON).
  return { name: 'api', apiRoutes, apiPartnershipRoutes }
}
