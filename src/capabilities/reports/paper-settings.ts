import type { Db } from '../../db/database.ts'
import type { Clock } from '../../shared/clock.ts'
import { auditedInsert, auditedUpdate, type ChangeTarget } from '../../core/audit/audited-changes.ts'
import { auditLog } from '../../core/audit/audit-log.ts'
import { requirePermission, type PartnershipContext } from '../../core/access/partnership-context.ts'
import type { DocumentMasthead } from '../../core/documents/model.ts'

import type { PaperFrontMatter } from './domain/front-matter.ts'
import { sectionLayout, type SectionLayoutEntry } from './domain/section-layout.ts'
import type { CheckedLogo } from './logo-file.ts'
import { reportRepository as repo } from './report-repository.ts'

const kilobytes = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024))} KB`

/**
 * The council's own paper of a partnership: its front matter, its name and logo, and the set, order and titles of
 * the annual report's sections. Read by anyone who may see its reports, changed by those who edit its records,
 * each change in the audit log (the logo's by its name, type, size and dimensions, never the picture itself).
 * Part of the reports service.
 */
export function paperSettings({ db, clock }: { db: Db; clock: Clock }) {
  const target = (ctx: PartnershipContext): ChangeTarget<'reportPaperSettings'> => ({
    table: 'reportPaperSettings',
    partnershipId: ctx.partnership.id,
    entityType: 'report paper settings',
    describe: () => `Paper front matter of ${ctx.partnership.name}`,
  })

  async function upsert(ctx: PartnershipContext, values: Record<string, unknown>) {
    return db.transaction().execute(async trx => {
      const existing = await repo.paperSettings(trx, ctx.partnership.id)
      return existing ? auditedUpdate(trx, ctx.actor, target(ctx), existing.id, values, clock.now()) : auditedInsert(trx, ctx.actor, target(ctx), values)
    })
  }

  const logoDescription = (logo: { fileName: string; mediaType: string; byteSize: number; width: number; height: number }) =>
    `“${logo.fileName}” (${logo.mediaType === 'image/svg+xml' ? 'SVG' : 'PNG'}, ${kilobytes(logo.byteSize)}, ${logo.width} × ${logo.height} pixels)`
  const logoFacts = (logo: { fileName: string; mediaType: string; byteSize: number; width: number; height: number }) => ({
    fileName: logo.fileName,
    mediaType: logo.mediaType,
    byteSize: logo.byteSize,
    width: logo.width,
    height: logo.height,
  })

  return {
    async paperSettings(ctx: PartnershipContext): Promise<PaperFrontMatter | null> {
      requirePermission(ctx, 'view')
      return (await repo.paperSettings(db, ctx.partnership.id)) ?? null
    },

    async savePaperSettings(ctx: PartnershipContext, input: PaperFrontMatter) {
      requirePermission(ctx, 'edit_records')
      return upsert(ctx, { ...input, exemptReason: input.exempt ? input.exemptReason : null })
    },

    /** The annual report's sections as the partnership lays them out (the standard layout until it changes them). */
    async sectionLayout(ctx: PartnershipContext): Promise<SectionLayoutEntry[]> {
      requirePermission(ctx, 'view')
      return sectionLayout((await repo.paperSettings(db, ctx.partnership.id))?.sections ?? null)
    },

    async saveSectionLayout(ctx: PartnershipContext, layout: readonly SectionLayoutEntry[]) {
      requirePermission(ctx, 'edit_records')
      return upsert(ctx, { sections: JSON.stringify(sectionLayout(layout)) })
    },

    /** The council's logo as kept: the sanitised SVG or the PNG, for the settings page. */
    async paperLogo(ctx: PartnershipContext) {
      requirePermission(ctx, 'view')
      return (await repo.paperLogo(db, ctx.partnership.id)) ?? null
    },

    /** Keep an uploaded logo (checked by logo-file.ts), replacing the one before. */
    async saveLogo(ctx: PartnershipContext, logo: CheckedLogo, fileName: string, byteSize: number) {
      requirePermission(ctx, 'edit_records')
      const values = {
        partnershipId: ctx.partnership.id,
        mediaType: logo.mediaType,
        fileName: fileName.slice(0, 200) || 'logo',
        byteSize,
        svg: logo.svg,
        png: logo.png.toString('base64'),
        width: logo.width,
        height: logo.height,
      }
      await db.transaction().execute(async trx => {
        const before = await repo.putPaperLogo(trx, values, clock.now())
        const saved = (await repo.paperLogo(trx, ctx.partnership.id))!
        await auditLog.record(trx, ctx.actor, {
          partnershipId: ctx.partnership.id,
          action: before ? 'update' : 'create',
          entityType: 'council logo',
          entityId: saved.id,
          summary: before ? `Replaced the council logo ${logoDescription(before)} with ${logoDescription(values)}` : `Uploaded the council logo ${logoDescription(values)}`,
          before: before ? logoFacts(before) : null,
          after: logoFacts(values),
        })
      })
    },

    async removeLogo(ctx: PartnershipContext) {
      requirePermission(ctx, 'edit_records')
      return db.transaction().execute(async trx => {
        const removed = await repo.removePaperLogo(trx, ctx.partnership.id)
        if (!removed) return null
        await auditLog.record(trx, ctx.actor, {
          partnershipId: ctx.partnership.id,
          action: 'delete',
          entityType: 'council logo',
          entityId: removed.id,
          summary: `Removed the council logo ${logoDescription(removed)}`,
          before: logoFacts(removed),
          after: null,
        })
        return removed
      })
    },
  }
}

/** The council's name and logo for a document's first page; null when the partnership has given neither. */
export async function paperMasthead(db: Db, ctx: PartnershipContext, councilName: string | null): Promise<DocumentMasthead | null> {
  const logo = await repo.paperLogo(db, ctx.partnership.id)
  const name = councilName?.trim() || null
  if (!logo && !name) return null
  return { name, logo: logo ? { png: logo.png, width: logo.width, height: logo.height, alt: logoAlt(name, ctx.partnership.name) } : null }
}

/** "Rochford District Council logo": the council's name, or the partnership's until the council's is given. */
export function logoAlt(councilName: string | null, partnershipName: string): string {
  return `${councilName?.trim() || partnershipName} logo`
}
