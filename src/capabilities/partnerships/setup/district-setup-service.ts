import type { Db } from '../../../db/database.ts'
import { ValidationError } from '../../../shared/errors.ts'
import { auditedInsert } from '../../../core/audit/audited-changes.ts'
import { requirePermission, type PartnershipContext } from '../../../core/access/partnership-context.ts'
import { proposedAuthorities } from '../domain/responsible-authorities.ts'
import { AUTHORITY_TYPE_LABELS, type AuthorityType } from '../domain/structure.ts'
import { partnershipRepository as repo } from '../partnership-repository.ts'

import type { AreaLookup } from './area-lookup.ts'

export type AreaDepth = 'district' | 'wards' | 'lsoas'

export interface DistrictSetupInput {
  code: string
  depth: AreaDepth
  /** The authorities to add, with their names as the user left them. */
  authorities: { authorityType: AuthorityType; name: string }[]
}

/**
 * A new partnership's structure in one step: a district found by name in the ONS lookups, with its wards
 * and LSOAs nested under it, and its statutory responsible authorities, all in one transaction and each
 * record in the audit log. Areas and organisations already there (same name) are left as they are.
 */
export function districtSetupService({ db, lookup }: { db: Db; lookup: AreaLookup }) {
  const areaTarget = (ctx: PartnershipContext) => ({ table: 'areas' as const, entityType: 'area', partnershipId: ctx.partnership.id, describe: (r: { name: string }) => r.name })
  const orgTarget = (ctx: PartnershipContext) => ({ table: 'organisations' as const, entityType: 'organisation', partnershipId: ctx.partnership.id, describe: (r: { name: string }) => r.name })

  return {
    async find(ctx: PartnershipContext, name: string) {
      requirePermission(ctx, 'edit_records')
      return lookup.findDistricts(name)
    },

    /** The district, what it would add, and which authorities the partnership has already. */
    async proposal(ctx: PartnershipContext, code: string) {
      requirePermission(ctx, 'edit_records')
      const district = await lookup.district(code)
      if (!district) return undefined
      const organisations = await repo.organisations(db, ctx.partnership.id)
      const authorities = proposedAuthorities(district).map(a => {
        const existing = organisations.find(o => o.authorityType === a.authorityType && (a.authorityType !== 'district_council' || o.name.toLowerCase().includes(district.name.toLowerCase())))
        return { ...a, label: AUTHORITY_TYPE_LABELS[a.authorityType], existing: existing?.name ?? null }
      })
      return { district, authorities }
    },

    async setUp(ctx: PartnershipContext, input: DistrictSetupInput) {
      requirePermission(ctx, 'edit_records')
      const district = await lookup.district(input.code)
      if (!district) throw new ValidationError({ code: 'Select a district from the list' })
      const problems: Record<string, string> = {}
      for (const a of input.authorities) {
        if (!a.name.trim()) problems[`name-${a.authorityType}`] = `Enter the name of the ${AUTHORITY_TYPE_LABELS[a.authorityType].toLowerCase()} authority, or untick it`
        else if (a.name.length > 200) problems[`name-${a.authorityType}`] = 'Name must be 200 characters or fewer'
      }
      if (Object.keys(problems).length) throw new ValidationError(problems)

      return db.transaction().execute(async trx => {
        const areas = await repo.areas(trx, ctx.partnership.id)
        const organisations = await repo.organisations(trx, ctx.partnership.id)
        const counts = { areas: 0, organisations: 0 }
        const findArea = (type: string, name: string) => areas.find(a => a.type === type && a.name.toLowerCase() === name.toLowerCase())
        const addArea = async (values: { type: string; name: string; code: string; parentId: number | null }) => {
          const existing = findArea(values.type, values.name)
          if (existing) return existing.id
          const row = await auditedInsert(trx, ctx.actor, areaTarget(ctx), { ...values, description: null })
          counts.areas++
          return row.id
        }
        const districtId = await addArea({ type: 'district', name: district.name, code: district.code, parentId: null })
        const wardIds = new Map<string, number>()
        if (input.depth !== 'district') {
          for (const ward of district.wards) wardIds.set(ward.code, await addArea({ type: 'ward', name: ward.name, code: ward.code, parentId: districtId }))
        }
        if (input.depth === 'lsoas') {
          for (const lsoa of district.lsoas) {
            await addArea({ type: 'lsoa', name: lsoa.name, code: lsoa.code, parentId: (lsoa.wardCode && wardIds.get(lsoa.wardCode)) || districtId })
          }
        }
        for (const a of input.authorities) {
          const name = a.name.trim()
          if (organisations.some(o => o.name.toLowerCase() === name.toLowerCase())) continue
          await auditedInsert(trx, ctx.actor, orgTarget(ctx), { name, kind: 'responsible_authority', authorityType: a.authorityType, shortName: null, website: null, notes: null })
          counts.organisations++
        }
        return { district, ...counts }
      })
    },
  }
}
export type DistrictSetupService = ReturnType<typeof districtSetupService>
