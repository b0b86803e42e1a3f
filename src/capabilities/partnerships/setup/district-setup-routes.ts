import { Router } from 'express'
import { z } from 'zod'

import { attempt, formErrors } from '../../../web/form.ts'
import { partnershipContext } from '../../../web/request.ts'
import { requirePermission } from '../../../core/access/partnership-context.ts'
import { AUTHORITY_TYPES, type AuthorityType } from '../domain/structure.ts'

import type { AreaDepth, DistrictSetupService } from './district-setup-service.ts'

const VIEW = 'partnerships/setup/views/district.njk'
const DEPTHS: { value: AreaDepth; text: string; hint: string }[] = [
  { value: 'lsoas', text: 'The district, its wards and its LSOAs', hint: 'For hotspots and indicators down to the smallest areas' },
  { value: 'wards', text: 'The district and its wards', hint: '' },
  { value: 'district', text: 'The district only', hint: '' },
]

const asList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : value === undefined || value === '' ? [] : [String(value)])

/**
 * /setup/district: find a district by name in the ONS lookups, then add it with its wards and LSOAs and
 * its statutory responsible authorities in one step.
 */
export function districtSetupRoutes({ setup }: { setup: DistrictSetupService }): Router {
  const scoped = Router({ mergeParams: true })

  scoped.get('/setup/district', async (req, res) => {
    const ctx = partnershipContext(req)
    requirePermission(ctx, 'edit_records')
    const q = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 100) : ''
    const code = typeof req.query.code === 'string' ? req.query.code.trim().toUpperCase() : ''
    if (code) {
      const proposal = await setup.proposal(ctx, code)
      if (proposal) {
        const values = { depth: 'lsoas', include: proposal.authorities.filter(a => !a.existing).map(a => a.authorityType), ...Object.fromEntries(proposal.authorities.map(a => [`name-${a.authorityType}`, a.name])) }
        return res.render(VIEW, { q, proposal, values, depths: DEPTHS })
      }
    }
    const matches = q ? await setup.find(ctx, q) : []
    const errors = q && matches.length === 0 ? formErrors({ q: `No district called “${q}” is in the ONS lookups held. Check the spelling, or ask a site administrator to import the ONS lookups.` }) : {}
    res.status(q && matches.length === 0 ? 400 : 200).render(VIEW, { q, matches, searched: Boolean(q), values: { q }, depths: DEPTHS, ...errors })
  })

  scoped.post('/setup/district', async (req, res) => {
    const ctx = partnershipContext(req)
    requirePermission(ctx, 'edit_records')
    const body = req.body as Record<string, unknown>
    const code = z.string().trim().toUpperCase().max(12).catch('').parse(body.code)
    const depth = z.enum(['district', 'wards', 'lsoas']).catch('lsoas').parse(body.depth)
    const include = new Set(asList(body.include).filter((t): t is AuthorityType => (AUTHORITY_TYPES as readonly string[]).includes(t)))
    const authorities = [...include].map(authorityType => ({ authorityType, name: String(body[`name-${authorityType}`] ?? '') }))
    const result = await attempt(() => setup.setUp(ctx, { code, depth, authorities }))
    if (!result.ok) {
      const proposal = code ? await setup.proposal(ctx, code) : undefined
      return res.status(400).render(VIEW, { proposal, values: { ...body, include: [...include] }, depths: DEPTHS, ...result })
    }
    const { district, areas, organisations } = result.value
    await req.flash(`${district.name} set up: ${areas} ${areas === 1 ? 'area' : 'areas'} and ${organisations} responsible ${organisations === 1 ? 'authority' : 'authorities'} added`)
    res.redirect(303, `/partnerships/${ctx.partnership.id}#areas`)
  })

  return scoped
}
