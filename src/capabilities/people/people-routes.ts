import { Router, type Response } from 'express'
import { z } from 'zod'

import { ConflictError } from '../../shared/errors.ts'
import { optionalText, requiredText } from '../../shared/form-fields.ts'
import type { Capability } from '../../web/capability.ts'
import { attempt, formErrors, parseForm } from '../../web/form.ts'
import { idParam, partnershipContext, requireUser } from '../../web/request.ts'
import { requirePermission } from '../../core/access/partnership-context.ts'
import type { PartnershipService } from '../partnerships/index.ts'

import type { PersonalDataService } from './personal-data-service.ts'
import type { PrivacyNoticeService } from './privacy-notice-service.ts'

const privacyForm = z.object({
  body: requiredText('Enter the privacy notice', 20_000),
  contact: optionalText(500),
})
const eraseForm = z.object({ mode: z.enum(['anonymise', 'erase'], { error: 'Select whether to anonymise or erase the record' }) })

const VIEWS = 'people/views'

/** People's data: subject access downloads, erasure of a person who leaves, and the privacy notices. */
export interface PeopleCapabilityDeps {
  services: { personalData: PersonalDataService; privacyNotices: PrivacyNoticeService; partnerships: Pick<PartnershipService, 'listFor'> }
}

export function peopleCapability({ services }: PeopleCapabilityDeps): Capability {
  const { personalData, privacyNotices, partnerships } = services
  const routes = Router()
  const scoped = Router({ mergeParams: true })

  const download = (res: Response, name: string, data: unknown) => {
    res.setHeader('Cache-Control', 'no-store')
    res.attachment(`${name}.json`).type('json').send(JSON.stringify(data, null, 2))
  }

  routes.get('/privacy', async (req, res) => {
    const list = await partnerships.listFor(req.viewer ?? null)
    res.render(`${VIEWS}/site-privacy.njk`, { partnerships: list })
  })

  routes.get('/account/personal-data.json', async (req, res) => {
    const user = requireUser(req)
    download(res, 'csp-hub-my-data', await personalData.exportSelf(user, req.requestId))
  })

  scoped.get('/privacy', async (req, res) => {
    const ctx = partnershipContext(req)
    res.render(`${VIEWS}/privacy.njk`, { notice: await privacyNotices.notice(ctx) })
  })

  scoped.get('/privacy/edit', async (req, res) => {
    const ctx = partnershipContext(req)
    requirePermission(ctx, 'manage_partnership')
    const notice = await privacyNotices.notice(ctx)
    res.render(`${VIEWS}/privacy-form.njk`, { values: notice })
  })

  scoped.post('/privacy/edit', async (req, res) => {
    const ctx = partnershipContext(req)
    requirePermission(ctx, 'manage_partnership')
    const form = parseForm(privacyForm, req.body)
    const result = form.ok ? await attempt(() => privacyNotices.save(ctx, form.value)) : form
    if (!result.ok) return res.status(400).render(`${VIEWS}/privacy-form.njk`, { values: req.body, ...result })
    await req.flash('Privacy notice saved')
    res.redirect(303, `/partnerships/${ctx.partnership.id}/privacy`)
  })

  scoped.get('/people/:id/personal-data.json', async (req, res) => {
    const ctx = partnershipContext(req)
    const data = await personalData.exportPerson(ctx, idParam(req, 'id'))
    download(res, `personal-data-person-${idParam(req, 'id')}`, data)
  })

  scoped.get('/people/:id/erase', async (req, res) => {
    const ctx = partnershipContext(req)
    res.render(`${VIEWS}/erase.njk`, { preview: await personalData.erasurePreview(ctx, idParam(req, 'id')), values: { mode: 'anonymise' } })
  })

  scoped.post('/people/:id/erase', async (req, res) => {
    const ctx = partnershipContext(req)
    const preview = await personalData.erasurePreview(ctx, idParam(req, 'id'))
    const form = parseForm(eraseForm, req.body)
    if (!form.ok) return res.status(400).render(`${VIEWS}/erase.njk`, { preview, values: req.body, ...form })
    const result = await personalData.erase(ctx, preview.person.id, form.value.mode).catch((error: unknown) => {
      if (error instanceof ConflictError) return { refused: error.message }
      throw error
    })
    if ('refused' in result) return res.status(409).render(`${VIEWS}/erase.njk`, { preview, values: req.body, ...formErrors({ mode: result.refused }) })
    await req.flash(`${form.value.mode === 'erase' ? 'Erased' : 'Anonymised'}: the records now say “${result.pseudonym}” (${result.auditEntries} audit ${result.auditEntries === 1 ? 'entry' : 'entries'} changed)`)
    res.redirect(303, `/partnerships/${ctx.partnership.id}#people`)
  })

  return {
    name: 'people',
    routes,
    partnershipRoutes: scoped,
  }
}
