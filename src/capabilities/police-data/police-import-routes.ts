import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { Router, type Request, type Response } from 'express'
import multer from 'multer'

import { describeMonths } from '../../core/calendar/index.ts'
import { ValidationError } from '../../shared/errors.ts'
import { toCsv } from '../../shared/spreadsheet.ts'
import { formErrors } from '../../web/form.ts'
import { idParam, partnershipContext } from '../../web/request.ts'
import { receiveUpload } from '../../web/upload.ts'

import { IMPORTS_PATH, policeDataPaths } from './police-data-paths.ts'
import type { PoliceDataService } from './police-data-service.ts'
import { requireSharedDataAdmin, type PoliceImportJobs } from './police-import-jobs.ts'

/** The pages that import police.uk files (uploads run as background jobs): site admins only. */
export function policeImportRoutes({ policeData, policeImports, uploadMaxBytes }: { policeData: PoliceDataService; policeImports: PoliceImportJobs; uploadMaxBytes: number }): Router {
  const routes = Router({ mergeParams: true })

  const upload = (dir: string) =>
    multer({
      storage: multer.diskStorage({ destination: dir, filename: (_req, file, cb) => cb(null, `${Date.now()}-${Math.random().toString(36).slice(2)}.csv`) }),
      limits: { fileSize: uploadMaxBytes, files: 200 },
    }).array('files', 200)

  async function importsPage(req: Request, res: Response, state: Record<string, unknown> = {}, status = 200) {
    const ctx = partnershipContext(req)
    const [jobs, held] = await Promise.all([policeImports.list(ctx, req.user ?? null), policeData.status()])
    res.status(status).render('police-data/views/imports.njk', {
      paths: policeDataPaths(ctx.partnership.id),
      jobs,
      held: {
        ...held,
        forces: held.forces.map(f => ({ ...f, monthsText: describeMonths(f.months) })),
      },
      maxMb: Math.round(uploadMaxBytes / 1024 / 1024),
      values: {},
      ...state,
    })
  }

  routes.get(IMPORTS_PATH, async (req, res) => {
    requireSharedDataAdmin(partnershipContext(req), req.user ?? null)
    await importsPage(req, res)
  })

  routes.post(IMPORTS_PATH, async (req, res) => {
    const ctx = partnershipContext(req)
    requireSharedDataAdmin(ctx, req.user ?? null)
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'csp-hub-police-'))
    try {
      await receiveUpload(req, res, upload(dir))
    } catch (error) {
      await fs.rm(dir, { recursive: true, force: true })
      if (!(error instanceof multer.MulterError)) throw error
      const message =
        error.code === 'LIMIT_FILE_SIZE'
          ? `A file is larger than ${Math.round(uploadMaxBytes / 1024 / 1024)} MB: split it, or import it with the command line (csp-hub import police-uk)`
          : error.code === 'LIMIT_FILE_COUNT' || error.code === 'LIMIT_UNEXPECTED_FILE'
            ? 'Choose at most 200 files at a time'
            : 'The files could not be received: try again'
      return importsPage(req, res, formErrors({ files: message }), 400)
    }
    const uploaded = (req.files as Express.Multer.File[] | undefined) ?? []
    const files = uploaded.map(f => ({ path: f.path, name: path.basename(f.originalname), size: f.size }))
    const skipBadRows = (req.body as Record<string, unknown> | undefined)?.skipBadRows === 'yes'
    try {
      const job = await policeImports.start(ctx, req.user ?? null, files, { skipBadRows }, dir)
      res.redirect(303, policeDataPaths(ctx.partnership.id).importJob(job.id))
    } catch (error) {
      await fs.rm(dir, { recursive: true, force: true })
      if (!(error instanceof ValidationError)) throw error
      return importsPage(req, res, { ...formErrors(error.fieldErrors), values: { skipBadRows } }, 400)
    }
  })

  routes.get(`${IMPORTS_PATH}/:id`, async (req, res) => {
    const ctx = partnershipContext(req)
    const { job, live } = await policeImports.get(ctx, req.user ?? null, idParam(req, 'id'))
    const running = job.status === 'queued' || job.status === 'running'
    let progress = null
    if (live) {
      const seconds = Math.max(0.001, (live.now - live.startedAt) / 1000)
      const bytesPerSecond = live.bytesDone / seconds
      progress = {
        file: live.file,
        fileNumber: live.fileIndex + 1,
        fileCount: live.fileCount,
        percent: live.bytesTotal ? Math.min(100, (live.bytesDone / live.bytesTotal) * 100) : 0,
        rows: live.rowsDone,
        rowsPerSecond: live.rowsDone / seconds,
        secondsLeft: bytesPerSecond > 0 ? Math.max(0, (live.bytesTotal - live.bytesDone) / bytesPerSecond) : null,
      }
    }
    res.render('police-data/views/import-job.njk', {
      paths: policeDataPaths(ctx.partnership.id),
      job,
      running,
      progress,
      imported: job.outcome.filter(o => o.status === 'imported'),
      failed: job.outcome.filter(o => o.status === 'failed'),
      waiting: job.outcome.filter(o => o.status === 'not_started'),
      skippedCount: job.outcome.reduce((s, o) => s + (o.skipped ?? 0), 0),
    })
  })

  routes.get(`${IMPORTS_PATH}/:id/skipped.csv`, async (req, res) => {
    const ctx = partnershipContext(req)
    const { job } = await policeImports.get(ctx, req.user ?? null, idParam(req, 'id'))
    const rows = job.outcome.flatMap(o => (o.skippedRows ?? []).map(r => [r.file, r.line, r.column, r.message, r.row.join(',')]))
    const kept = job.outcome.reduce((s, o) => s + (o.skippedRows?.length ?? 0), 0)
    const total = job.outcome.reduce((s, o) => s + (o.skipped ?? 0), 0)
    res.attachment(`police-import-${job.id}-skipped-rows.csv`)
    res.type('text/csv; charset=utf-8').send(
      toCsv({
        name: 'Skipped rows',
        headers: ['File', 'Line', 'Column', 'Problem', 'Row as read'],
        rows,
        notes: kept < total ? [`The first ${kept.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} skipped rows are listed.`] : [],
      }),
    )
  })

  return routes
}
