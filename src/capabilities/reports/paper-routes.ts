import type { Router } from 'express'

import { attempt, parseForm } from '../../web/form.ts'
import { partnershipContext } from '../../web/request.ts'
import { requirePermission } from '../../core/access/partnership-context.ts'

import { paperForm } from './paper-forms.ts'
import { paperLayoutRoutes } from './paper-layout-routes.ts'
import type { ReportService } from './report-service.ts'

const yesNo = (value: boolean | null | undefined) => (value === true ? 'yes' : value === false ? 'no' : '')

/** The council's paper front matter of the partnership: one form, printed on the annual report's front page. */
export function paperRoutes(routes: Router, reports: ReportService): void {
  routes.get('/reports/paper', async (req, res) => {
    const ctx = partnershipContext(req)
    requirePermission(ctx, 'edit_records')
    const paper = await reports.paperSettings(ctx)
    res.render('reports/views/paper-form.njk', { values: paper ? { ...paper, keyDecision: yesNo(paper.keyDecision), exempt: yesNo(paper.exempt) } : {} })
  })

  routes.post('/reports/paper', async (req, res) => {
    const ctx = partnershipContext(req)
    requirePermission(ctx, 'edit_records')
    const form = parseForm(paperForm, req.body)
    const result = form.ok ? await attempt(() => reports.savePaperSettings(ctx, form.value)) : form
    if (!result.ok) return res.status(400).render('reports/views/paper-form.njk', { values: req.body, ...result })
    await req.flash('Paper front matter saved: it is printed on the front page of the annual report to the scrutiny committee')
    res.redirect(303, `/partnerships/${ctx.partnership.id}/reports`)
  })

  paperLayoutRoutes(routes, reports)
}
