import { Router, type Request } from 'express'

import { requirePermission, type PartnershipContext } from '../../core/access/partnership-context.ts'
import { dateInputValues } from '../../shared/date-input.ts'
import type { Capability } from '../../web/capability.ts'
import { crudPages } from '../../web/crud-routes.ts'
import { idParam, partnershipContext } from '../../web/request.ts'

import { EVENT_KIND_LABELS, EVENT_KINDS, totals } from './domain/events.ts'
import { eventForm } from './event-forms.ts'
import type { EventService } from './event-service.ts'

export const EVENTS_PATH = '/events'
const VIEWS = 'events/views'

export function eventPaths(partnershipId: number) {
  const list = `/partnerships/${partnershipId}${EVENTS_PATH}`
  return { list, new: `${list}/new`, event: (id: number) => ({ show: `${list}/${id}`, edit: `${list}/${id}/edit`, delete: `${list}/${id}/delete` }) }
}

const text = (value: unknown) => (value === null || value === undefined ? '' : String(value))

export function eventRoutes({ events }: { events: EventService }): Router {
  const router = Router({ mergeParams: true })
  const paths = (req: Request) => eventPaths(partnershipContext(req).partnership.id)

  router.get(EVENTS_PATH, async (req, res) => {
    const list = await events.list(partnershipContext(req))
    res.render(`${VIEWS}/events.njk`, { events: list, sum: totals(list), paths: paths(req) })
  })

  router.use(
    crudPages({
      path: EVENTS_PATH,
      noun: 'event or campaign',
      view: `${VIEWS}/event-form.njk`,
      schema: eventForm,
      guard: (ctx: PartnershipContext) => requirePermission(ctx, 'edit_records'),
      load: (ctx, id) => events.event(ctx, id),
      toValues: e => ({
        title: e.title,
        kind: e.kind,
        areaId: text(e.areaId),
        venue: text(e.venue),
        audience: text(e.audience),
        reach: text(e.reach),
        organisationIds: e.organisationIds.map(String),
        actionIds: e.actionIds.map(String),
        ledgerLine: e.ledgerKey ?? '',
        feedbackQuestion: text(e.feedbackQuestion),
        feedbackResponses: text(e.feedbackResponses),
        feedbackPercent: text(e.feedbackPercent),
        notes: text(e.notes),
        ...dateInputValues('startsOn', e.startsOn),
        ...dateInputValues('endsOn', e.endsOn),
      }),
      defaults: () => ({ kind: 'event' }),
      extra: async ctx => ({ ...(await events.choices(ctx)), kinds: EVENT_KINDS.map(value => ({ value, text: EVENT_KIND_LABELS[value] })) }),
      save: (ctx, id, input) => events.save(ctx, id, input),
      remove: (ctx, id) => events.remove(ctx, id),
      after: (ctx, _req, saved) => (saved?.id ? eventPaths(ctx.partnership.id).event(saved.id).show : eventPaths(ctx.partnership.id).list),
      describe: e => e.title,
    }),
  )

  router.get(`${EVENTS_PATH}/:id`, async (req, res) => {
    const event = await events.event(partnershipContext(req), idParam(req, 'id'))
    res.render(`${VIEWS}/event.njk`, { e: event, paths: paths(req), own: paths(req).event(event.id) })
  })

  return router
}

export function eventsCapability({ services }: { services: { events: EventService } }): Capability {
  return { name: 'events', partnershipRoutes: eventRoutes(services), navigation: [{ text: 'Events and campaigns', path: EVENTS_PATH, permission: 'view', order: 57 }] }
}
