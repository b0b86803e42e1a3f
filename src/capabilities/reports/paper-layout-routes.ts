import type { Request, Response, Router } from 'express'
import multer from 'multer'

import { parseForm } from '../../web/form.ts'
import { partnershipContext } from '../../web/request.ts'
import { receiveUpload } from '../../web/upload.ts'
import { requirePermission, type PartnershipContext } from '../../core/access/partnership-context.ts'

import { ANNUAL_SECTIONS, isStandardLayout, layoutFromChoices, moveSection, numberedSections, type SectionLayoutEntry } from './domain/section-layout.ts'
import { checkLogo, LogoFileError, MAX_LOGO_BYTES } from './logo-file.ts'
import { sectionsForm } from './paper-forms.ts'
import { logoAlt } from './paper-settings.ts'
import type { ReportService } from './report-service.ts'

export const LOGO_PATH = '/reports/paper/logo'
const paperPath = (ctx: PartnershipContext) => `/partnerships/${ctx.partnership.id}/reports/paper`

/**
 * The council's logo (upload, replace, remove) and the annual report's sections (which, in what order, under
 * what titles): two pages of the council's own paper, beside its front matter (paper-routes.ts).
 */
export function paperLayoutRoutes(routes: Router, reports: ReportService): void {
  // --- The council's logo --------------------------------------------------------------------------

  async function logoPage(req: Request, res: Response, status = 200, error: string | null = null) {
    const ctx = partnershipContext(req)
    const [logo, paper] = await Promise.all([reports.paperLogo(ctx), reports.paperSettings(ctx)])
    const source = logo ? (logo.svg ? `data:image/svg+xml;base64,${Buffer.from(logo.svg).toString('base64')}` : `data:image/png;base64,${logo.png}`) : null
    res.status(status).render('reports/views/paper-logo.njk', {
      logo: logo && { source, alt: logoAlt(paper?.councilName ?? null, ctx.partnership.name), fileName: logo.fileName, kind: logo.mediaType === 'image/svg+xml' ? 'SVG' : 'PNG', width: logo.width, height: logo.height },
      councilName: paper?.councilName ?? null,
      maxKilobytes: MAX_LOGO_BYTES / 1024,
      ...(error ? { errors: { logo: { text: error } }, errorList: [{ text: error, href: '#logo' }] } : {}),
    })
  }

  routes.get(LOGO_PATH, async (req, res) => {
    requirePermission(partnershipContext(req), 'edit_records')
    await logoPage(req, res)
  })

  // The file comes as multipart/form-data; its CSRF token is checked from the parsed form (receiveUpload).
  const parseLogo = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_LOGO_BYTES, files: 1, fields: 5 } }).single('logo')
  routes.post(LOGO_PATH, async (req, res) => {
    const ctx = partnershipContext(req)
    requirePermission(ctx, 'edit_records')
    try {
      await receiveUpload(req, res, parseLogo)
      const checked = await checkLogo(req.file)
      await reports.saveLogo(ctx, checked, req.file!.originalname, req.file!.size)
    } catch (error) {
      if (error instanceof multer.MulterError) {
        return logoPage(req, res, 400, error.code === 'LIMIT_FILE_SIZE' ? `The logo must be smaller than ${MAX_LOGO_BYTES / 1024} KB` : 'Select one PNG or SVG file')
      }
      if (error instanceof LogoFileError) return logoPage(req, res, 400, error.message)
      throw error
    }
    await req.flash('Council logo saved: it is printed at the head of the annual report’s first page')
    res.redirect(303, `${paperPath(ctx)}/logo`)
  })

  routes.get(`${LOGO_PATH}/delete`, async (req, res) => {
    const ctx = partnershipContext(req)
    requirePermission(ctx, 'edit_records')
    const logo = await reports.paperLogo(ctx)
    if (!logo) return res.redirect(303, `${paperPath(ctx)}/logo`)
    res.render('confirm-delete.njk', {
      pageTitle: 'Remove the council logo',
      noun: 'council logo',
      name: logo.fileName,
      warning: 'The annual report’s drafts are printed without a logo from then on. Reports already marked final keep the logo they were issued with.',
      cancelHref: `${paperPath(ctx)}/logo`,
    })
  })

  routes.post(`${LOGO_PATH}/delete`, async (req, res) => {
    const ctx = partnershipContext(req)
    requirePermission(ctx, 'edit_records')
    const removed = await reports.removeLogo(ctx)
    await req.flash(removed ? 'Council logo removed' : 'There was no council logo to remove')
    res.redirect(303, `${paperPath(ctx)}/logo`)
  })

  // --- The annual report's sections ------------------------------------------------------------------

  function sectionsView(layout: readonly SectionLayoutEntry[], values?: Record<string, unknown>) {
    const numbers = new Map(numberedSections(layout).map(entry => [entry.key, entry.number]))
    const included = values ? ([] as string[]).concat((values.included as string | string[] | undefined) ?? []) : null
    return {
      isStandard: isStandardLayout(layout),
      sections: layout.map((entry, index) => ({
        ...entry,
        standardTitle: ANNUAL_SECTIONS[entry.key].title,
        hint: ANNUAL_SECTIONS[entry.key].hint,
        removable: ANNUAL_SECTIONS[entry.key].removable,
        number: numbers.get(entry.key) ?? null,
        position: index + 1,
        first: index === 0,
        last: index === layout.length - 1,
        title: values ? String(values[`${entry.key}Title`] ?? '') : entry.title,
        positionValue: values ? String(values[`${entry.key}Position`] ?? '') : String(index + 1),
        checked: included ? included.includes(entry.key) || !ANNUAL_SECTIONS[entry.key].removable : entry.included,
      })),
    }
  }

  routes.get('/reports/paper/sections', async (req, res) => {
    const ctx = partnershipContext(req)
    requirePermission(ctx, 'edit_records')
    res.render('reports/views/paper-sections.njk', sectionsView(await reports.sectionLayout(ctx)))
  })

  routes.post('/reports/paper/sections', async (req, res) => {
    const ctx = partnershipContext(req)
    requirePermission(ctx, 'edit_records')
    const current = await reports.sectionLayout(ctx)
    const form = parseForm(sectionsForm, req.body)
    if (!form.ok) return res.status(400).render('reports/views/paper-sections.njk', { ...sectionsView(current, req.body as Record<string, unknown>), ...form })
    let layout = layoutFromChoices(current, form.value.choices)
    if (form.value.move) layout = moveSection(layout, form.value.move.key, form.value.move.direction)
    await reports.saveSectionLayout(ctx, layout)
    const moved = form.value.move && layout.find(entry => entry.key === form.value.move!.key)
    await req.flash(moved ? `Moved “${moved.title}” ${form.value.move!.direction}: the sections are saved` : 'Sections saved: the annual report is built in this order, numbered as it goes')
    res.redirect(303, `${paperPath(ctx)}/sections${moved ? `#${moved.key}Position` : ''}`)
  })
}
