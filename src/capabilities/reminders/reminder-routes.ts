import { Router } from 'express'

import type { Capability } from '../../web/capability.ts'
import { attempt, parseForm } from '../../web/form.ts'
import { partnershipContext } from '../../web/request.ts'
import type { CapabilityDeps } from '../index.ts'

import { daysFromToday, REMINDER_KIND_LABELS } from './domain/reminder-rules.ts'
import { settingsForm } from './reminder-forms.ts'
import { REMINDER_CATEGORIES } from './reminder-service.ts'

const CATEGORY_LABELS: Record<string, string> = {
  [REMINDER_CATEGORIES.due]: REMINDER_KIND_LABELS.due,
  [REMINDER_CATEGORIES.overdue]: REMINDER_KIND_LABELS.overdue,
  [REMINDER_CATEGORIES.escalation]: REMINDER_KIND_LABELS.escalation,
  [REMINDER_CATEGORIES.digest]: 'Weekly digest',
}
const STATUS_TAGS: Record<string, { text: string; classes: string }> = {
  queued: { text: 'Waiting to go', classes: 'govuk-tag--blue' },
  sending: { text: 'Sending', classes: 'govuk-tag--blue' },
  sent: { text: 'Sent', classes: 'govuk-tag--green' },
  skipped: { text: 'Not sent', classes: 'govuk-tag--grey' },
  failed: { text: 'Failed', classes: 'govuk-tag--red' },
}

/** The reminders page and its settings (coordinators), and the link in every reminder that stops them (anyone with it). */
export function remindersCapability({ services, sessions, deps }: CapabilityDeps): Capability {
  const reminders = services.reminders
  const partnershipRoutes = Router({ mergeParams: true })

  partnershipRoutes.get('/reminders', async (req, res) => {
    const ctx = partnershipContext(req)
    const page = await reminders.overview(ctx)
    res.render('reminders/views/reminders.njk', {
      ...page,
      mailServerSet: deps.config.mail.smtpUrl !== undefined,
      comingUp: page.comingUp.map(row => ({
        on: row.reminder.on,
        when: daysFromToday(row.reminder.on, page.today),
        willGo: row.recipient.email !== null && !row.optedOut,
        isPast: row.reminder.on <= page.today,
        kind: REMINDER_KIND_LABELS[row.reminder.kind],
        quarter: `Q${row.reminder.quarter}`,
        dueDate: row.reminder.dueDate,
        actionId: row.item.action.id,
        actionTitle: row.item.action.title,
        recipient: row.recipient.name ?? row.recipient.email,
        note: row.recipient.email === null ? 'No e-mail address: add one to the person' : row.optedOut ? 'Asked for no more reminders' : row.toCoordinators ? 'No chair to write to: goes to the coordinators' : null,
      })),
      sent: page.sent.map(email => ({
        ...email,
        kind: CATEGORY_LABELS[email.category] ?? email.category,
        tag: STATUS_TAGS[email.status] ?? { text: email.status, classes: '' },
      })),
    })
  })

  partnershipRoutes.get('/reminders/settings', async (req, res) => {
    const ctx = partnershipContext(req)
    res.render('reminders/views/settings.njk', { values: await reminders.settings(ctx) })
  })

  partnershipRoutes.post('/reminders/settings', async (req, res) => {
    const ctx = partnershipContext(req)
    await reminders.settings(ctx)
    const form = parseForm(settingsForm, req.body)
    const result = form.ok ? await attempt(() => reminders.saveSettings(ctx, form.value)) : form
    if (!result.ok) return res.status(400).render('reminders/views/settings.njk', { values: req.body, ...result })
    await req.flash('The reminder settings have been saved')
    res.redirect(303, `/partnerships/${ctx.partnership.id}/reminders`)
  })

  const routes = Router()
  routes.get('/reminders/stop/:token', async (req, res) => {
    await sessions.ensure(req, res)
    res.locals.csrfToken = req.session?.csrfToken
    const request = await reminders.stopRequest(req.params.token)
    res.status(request ? 200 : 404).render('reminders/views/stop.njk', { request, stopped: false })
  })

  routes.post('/reminders/stop/:token', async (req, res) => {
    const request = await reminders.stopRequest(req.params.token)
    if (!request) return res.status(404).render('reminders/views/stop.njk', { request: null })
    await reminders.stop(req.params.token, req.requestId)
    res.render('reminders/views/stop.njk', { request, stopped: true })
  })

  return {
    name: 'reminders',
    routes,
    partnershipRoutes,
    navigation: [{ text: 'Reminders', path: '/reminders', permission: 'edit_records', order: 85 }],
  }
}
