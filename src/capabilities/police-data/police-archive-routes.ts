import { Router, type Request, type Response } from 'express'

import { describeMonths } from '../../core/calendar/index.ts'
import { formErrors } from '../../web/form.ts'
import { partnershipContext } from '../../web/request.ts'

import type { PoliceArchiveRefresh } from './police-archive-refresh.ts'
import { policeDataPaths, REFRESH_PATH } from './police-data-paths.ts'
import { requireRefreshAccess, type PoliceImportJobs } from './police-import-jobs.ts'

/**
 * A partnership's coordinator refreshes their own force's months from the monthly police.uk archive (the
 * address the site fetches each month): it runs as an import job, followed on the same progress page as
 * an upload. Site admins may do the same from any partnership.
 */
export function policeArchiveRoutes({ policeArchive, policeImports }: { policeArchive: PoliceArchiveRefresh; policeImports: PoliceImportJobs }): Router {
  const routes = Router({ mergeParams: true })

  async function refreshPage(req: Request, res: Response, state: Record<string, unknown> = {}, status = 200) {
    const ctx = partnershipContext(req)
    const forces = await policeArchive.forcesOf(ctx.partnership.id)
    const [jobs, held] = await Promise.all([policeImports.listArchive(ctx, req.user ?? null), policeArchive.monthsHeld(forces)])
    res.status(status).render('police-data/views/refresh.njk', {
      paths: policeDataPaths(ctx.partnership.id),
      enabled: policeArchive.enabled,
      isSiteAdmin: req.user?.isSiteAdmin === true,
      forces: forces.map(force => {
        const months = held.filter(m => m.force === force)
        return { force, name: months[0]?.forceName ?? force, monthsText: months.length ? describeMonths(months.map(m => m.month)) : 'none' }
      }),
      jobs,
      values: { months: 'new' },
      ...state,
    })
  }

  routes.get(REFRESH_PATH, async (req, res) => {
    requireRefreshAccess(partnershipContext(req), req.user ?? null)
    await refreshPage(req, res)
  })

  routes.post(REFRESH_PATH, async (req, res) => {
    const ctx = partnershipContext(req)
    requireRefreshAccess(ctx, req.user ?? null)
    const months = (req.body as Record<string, unknown> | undefined)?.months
    if (months !== 'new' && months !== 'all') return refreshPage(req, res, formErrors({ months: 'Choose which months to refresh' }), 400)
    if (!policeArchive.enabled) {
      return refreshPage(req, res, { ...formErrors({ months: 'No police.uk archive address is set for this site, so there is nothing to refresh from: ask your site administrator' }), values: { months } }, 400)
    }
    const forces = await policeArchive.forcesOf(ctx.partnership.id)
    if (!forces.length) {
      return refreshPage(
        req,
        res,
        { ...formErrors({ months: 'CSP Hub cannot tell which police force covers your districts: no police data is held for them yet. Ask your site administrator to import a month, or to set the forces the site covers.' }), values: { months } },
        400,
      )
    }
    const job = await policeImports.startArchive(ctx, req.user ?? null, `police.uk archive refresh of ${forces.join(', ')} (${months === 'all' ? 'every month' : 'new months'})`, async hooks => {
      const result = await policeArchive.refresh({
        trigger: 'coordinator',
        actor: ctx.actor,
        partnershipId: ctx.partnership.id,
        forces,
        months,
        onFiles: hooks.setFiles,
        onProgress: hooks.onProgress,
        onFileDone: hooks.onFileDone,
      })
      return result.status === 'failed' ? { failed: result.message } : { message: result.message }
    })
    res.redirect(303, policeDataPaths(ctx.partnership.id).importJob(job.id))
  })

  return routes
}
