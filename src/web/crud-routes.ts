import { Router, type Request, type Response } from 'express'
import type { z } from 'zod'

import type { PartnershipContext } from '../core/access/partnership-context.ts'

import { attempt, parseForm } from './form.ts'
import { flash, idParam, partnershipContext } from './request.ts'

/**
 * The create / edit / confirm-delete pages of one kind of record under a partnership, following our
 * form pattern: a failed submission renders the same view again with status 400, the values typed and
 * the GOV.UK error summary; a successful one redirects with 303 and a success banner.
 *
 *   GET  {path}/new            POST {path}/new
 *   GET  {path}/:id/edit       POST {path}/:id/edit
 *   GET  {path}/:id/delete     POST {path}/:id/delete      (confirmation page, then the deletion)
 */
export interface CrudPages<S extends z.ZodType, R> {
  /** Path below the partnership, e.g. '/organisations' or '/groups/:groupId/members'. */
  path: string
  /** Lower-case noun for headings and messages: 'organisation'. */
  noun: string
  /** The form view; it gets `values`, `errors`, `errorList`, `isNew`, `record`, `cancelHref` and `extra`. */
  view: string
  schema: S
  load(ctx: PartnershipContext, id: number, req: Request): Promise<R>
  /** The record's values as the form shows them. */
  toValues(record: R): object
  defaults?(ctx: PartnershipContext, req: Request): Record<string, unknown> | Promise<Record<string, unknown>>
  /** Options for selects and the like. */
  extra?(ctx: PartnershipContext, req: Request, record: R | null): Promise<Record<string, unknown>>
  save(ctx: PartnershipContext, id: number | null, input: z.output<S>, req: Request): Promise<unknown>
  remove(ctx: PartnershipContext, id: number, req: Request): Promise<unknown>
  /** Where to go after saving or deleting. */
  after(ctx: PartnershipContext, req: Request, saved: { id?: number } | null): string
  /** Shown on the confirmation page and in messages. */
  describe(record: R): string
  /** Permission check before any page is shown (the service checks again when saving). */
  guard(ctx: PartnershipContext): void
  /** Extra words on the confirmation page, e.g. what else the deletion removes. */
  deleteWarning?(record: R): string | undefined
  /**
   * "Save and add another" (a button named addAnother on the new form): after saving, the new form again,
   * prefilled with these values of the one just saved (the same type and parent, say).
   */
  addAnother?(input: z.output<S>): Record<string, string | number | null | undefined>
}

export function crudPages<S extends z.ZodType, R>(config: CrudPages<S, R>): Router {
  const router = Router({ mergeParams: true })
  const idOf = (req: Request) => idParam(req, 'id')
  const capitalised = config.noun.charAt(0).toUpperCase() + config.noun.slice(1)

  async function renderForm(req: Request, res: Response, record: R | null, state: Record<string, unknown>, status = 200) {
    const ctx = partnershipContext(req)
    res.status(status).render(config.view, {
      isNew: record === null,
      record,
      noun: config.noun,
      cancelHref: config.after(ctx, req, record === null ? null : { id: idOf(req) }),
      extra: config.extra ? await config.extra(ctx, req, record) : {},
      ...state,
    })
  }

  router.get(`${config.path}/new`, async (req, res) => {
    const ctx = partnershipContext(req)
    config.guard(ctx)
    await renderForm(req, res, null, { values: config.defaults ? await config.defaults(ctx, req) : {} })
  })

  router.post(`${config.path}/new`, async (req, res) => {
    const ctx = partnershipContext(req)
    config.guard(ctx)
    const form = parseForm(config.schema, req.body)
    const result = form.ok ? await attempt(() => config.save(ctx, null, form.value, req)) : form
    if (!result.ok) return renderForm(req, res, null, { values: req.body, ...result }, 400)
    if (config.addAnother && form.ok && (req.body as Record<string, unknown>).addAnother) {
      await flash(req, res, `${capitalised} added. Add another.`)
      const prefill = Object.entries(config.addAnother(form.value)).filter(([, v]) => v !== null && v !== undefined && v !== '')
      const query = new URLSearchParams(prefill.map(([k, v]) => [k, String(v)])).toString()
      return res.redirect(303, `${req.originalUrl.split('?')[0]}${query ? `?${query}` : ''}`)
    }
    await flash(req, res, `${capitalised} added`)
    res.redirect(303, config.after(ctx, req, result.value as { id?: number }))
  })

  router.get(`${config.path}/:id/edit`, async (req, res) => {
    const ctx = partnershipContext(req)
    config.guard(ctx)
    const record = await config.load(ctx, idOf(req), req)
    await renderForm(req, res, record, { values: config.toValues(record) })
  })

  router.post(`${config.path}/:id/edit`, async (req, res) => {
    const ctx = partnershipContext(req)
    config.guard(ctx)
    const record = await config.load(ctx, idOf(req), req)
    const form = parseForm(config.schema, req.body)
    const result = form.ok ? await attempt(() => config.save(ctx, idOf(req), form.value, req)) : form
    if (!result.ok) return renderForm(req, res, record, { values: req.body, ...result }, 400)
    await flash(req, res, `${capitalised} updated`)
    res.redirect(303, config.after(ctx, req, { id: idOf(req) }))
  })

  router.get(`${config.path}/:id/delete`, async (req, res) => {
    const ctx = partnershipContext(req)
    config.guard(ctx)
    const record = await config.load(ctx, idOf(req), req)
    res.render('confirm-delete.njk', {
      pageTitle: `Delete ${config.noun}`,
      noun: config.noun,
      name: config.describe(record),
      warning: config.deleteWarning?.(record),
      cancelHref: config.after(ctx, req, { id: idOf(req) }),
    })
  })

  router.post(`${config.path}/:id/delete`, async (req, res) => {
    const ctx = partnershipContext(req)
    config.guard(ctx)
    const record = await config.load(ctx, idOf(req), req)
    await config.remove(ctx, idOf(req), req)
    await flash(req, res, `${capitalised} “${config.describe(record)}” deleted`)
    res.redirect(303, config.after(ctx, req, null))
  })

  return router
}
