import { Router } from 'express'

import type { Capability } from '../../web/capability.ts'
import { attempt, parseForm } from '../../web/form.ts'
import { idParam, partnershipContext } from '../../web/request.ts'
import type { CapabilityDeps } from '../index.ts'

import { dateForm } from './calendar-forms.ts'
import { DATE_STATE_LABELS, OWN_DATE, type DateState } from './domain/duties.ts'

const STATE_TAGS: Record<DateState, string> = { done: 'govuk-tag--green', overdue: 'govuk-tag--red', due_soon: 'govuk-tag--yellow', upcoming: 'govuk-tag--grey' }
const query = (value: unknown) => (typeof value === 'string' && value.length <= 60 ? value : undefined)

/** The statutory calendar: its page (members), changing and adding dates (coordinators), and its feed. */
export function statutoryCalendarCapability({ services }: CapabilityDeps): Capability {
  const calendar = services.calendar
  const partnershipRoutes = Router({ mergeParams: true })
  const base = (id: number) => `/partnerships/${id}/calendar`

  partnershipRoutes.get('/calendar', async (req, res) => {
    const ctx = partnershipContext(req)
    const page = await calendar.calendar(ctx)
    res.render('statutory-calendar/views/calendar.njk', {
      ...page,
      mayEdit: ctx.access === 'coordinator' || ctx.access === 'admin',
      entries: page.entries.map(entry => ({
        ...entry,
        tag: { text: DATE_STATE_LABELS[entry.state], classes: STATE_TAGS[entry.state] },
        changeHref: entry.isRecord ? null : entry.id !== null ? `${base(ctx.partnership.id)}/dates/${entry.id}/edit` : `${base(ctx.partnership.id)}/dates/new?${new URLSearchParams({ duty: entry.duty, period: entry.period }).toString()}`,
      })),
    })
  })

  partnershipRoutes.get('/calendar/dates/new', async (req, res) => {
    const ctx = partnershipContext(req)
    const values = await calendar.blankDate(ctx, query(req.query.duty), query(req.query.period))
    res.render('statutory-calendar/views/date-form.njk', { values, isRule: values.duty !== OWN_DATE, isNew: true })
  })

  partnershipRoutes.post('/calendar/dates/new', async (req, res) => {
    const ctx = partnershipContext(req)
    const isRule = typeof req.body?.duty === 'string' && req.body.duty !== '' && req.body.duty !== OWN_DATE
    const known = isRule ? await calendar.blankDate(ctx, query(req.body.duty), query(req.body.period)) : await calendar.blankDate(ctx, undefined, undefined)
    const form = parseForm(dateForm, req.body)
    const result = form.ok ? await attempt(() => calendar.addDate(ctx, form.value)) : form
    if (!result.ok) return res.status(400).render('statutory-calendar/views/date-form.njk', { values: { ...req.body, title: isRule ? known.title : req.body.title }, isRule, isNew: true, ...result })
    await req.flash(isRule ? `The date of “${result.value.title}” has been changed` : `“${result.value.title}” has been added to the calendar`)
    res.redirect(303, base(ctx.partnership.id))
  })

  partnershipRoutes.get('/calendar/dates/:id/edit', async (req, res) => {
    const ctx = partnershipContext(req)
    const row = await calendar.date(ctx, idParam(req, 'id'))
    res.render('statutory-calendar/views/date-form.njk', { values: { ...row, doneOn: row.doneOn ?? '' }, row, isRule: row.duty !== OWN_DATE, isNew: false })
  })

  partnershipRoutes.post('/calendar/dates/:id/edit', async (req, res) => {
    const ctx = partnershipContext(req)
    const row = await calendar.date(ctx, idParam(req, 'id'))
    const form = parseForm(dateForm, req.body)
    const result = form.ok ? await attempt(() => calendar.editDate(ctx, row.id, form.value)) : form
    if (!result.ok) return res.status(400).render('statutory-calendar/views/date-form.njk', { values: { ...req.body, title: row.duty === OWN_DATE ? req.body.title : row.title }, row, isRule: row.duty !== OWN_DATE, isNew: false, ...result })
    await req.flash(`“${row.title}” has been saved`)
    res.redirect(303, base(ctx.partnership.id))
  })

  partnershipRoutes.get('/calendar/dates/:id/delete', async (req, res) => {
    const ctx = partnershipContext(req)
    const row = await calendar.date(ctx, idParam(req, 'id'))
    res.render('confirm-delete.njk', {
      pageTitle: row.duty === OWN_DATE ? 'Delete date' : 'Go back to the usual date',
      noun: 'date',
      name: `${row.title} (${row.dueOn})`,
      warning: row.duty === OWN_DATE ? 'The audit log keeps a record of the date.' : 'The calendar goes back to the date its rule gives, and forgets when it was marked done.',
      cancelHref: base(ctx.partnership.id),
    })
  })

  partnershipRoutes.post('/calendar/dates/:id/delete', async (req, res) => {
    const ctx = partnershipContext(req)
    const row = await calendar.deleteDate(ctx, idParam(req, 'id'))
    await req.flash(`“${row.title}” has been ${row.duty === OWN_DATE ? 'deleted' : 'put back to its usual date'}`)
    res.redirect(303, base(ctx.partnership.id))
  })

  partnershipRoutes.post('/calendar/feed', async (req, res) => {
    const ctx = partnershipContext(req)
    const url = await calendar.newFeed(ctx)
    res.render('statutory-calendar/views/feed.njk', { url })
  })

  partnershipRoutes.post('/calendar/feed/revoke', async (req, res) => {
    const ctx = partnershipContext(req)
    await calendar.revokeFeed(ctx)
    await req.flash('The calendar feed address no longer works')
    res.redirect(303, base(ctx.partnership.id))
  })

  const routes = Router()
  routes.get('/calendar-feeds/:token.ics', async (req, res) => {
    const body = await calendar.feed(req.params.token)
    if (body === null) return res.status(404).type('text/plain').send('This calendar feed address does not work (it may have been replaced or stopped).')
    res.type('text/calendar; charset=utf-8').set('Cache-Control', 'private, max-age=900').send(body)
  })

  return {
    name: 'statutory-calendar',
    routes,
    partnershipRoutes,
    navigation: [{ text: 'Calendar', path: '/calendar', permission: 'view', order: 12 }],
  }
}
