import type { Db } from '../../db/database.ts'
import { constraintOf, isForeignKeyViolation, isUniqueViolation } from '../../db/errors.ts'
import type { Clock } from '../../shared/clock.ts'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../shared/errors.ts'
import type { CurrentUser } from '../../core/access/current-user.ts'
import type { AccountService } from '../accounts/index.ts'
import { accessTo, type Viewer } from '../../core/access/roles.ts'
import { grantRepository } from '../../core/access/grant-repository.ts'
import type { Grant } from '../../core/access/grants.ts'
import { auditedDelete, auditedInsert, auditedUpdate, findInPartnership, type ChangeTarget } from '../../core/audit/audited-changes.ts'
import { auditLog } from '../../core/audit/audit-log.ts'
import type { Actor } from '../../core/audit/audit-entry.ts'

import { allows, requirePermission, type PartnershipContext } from '../../core/access/partnership-context.ts'
import {
  AREA_TYPE_LABELS,
  flattenTree,
  parentProblem,
  wouldCreateCycle,
  type AreaType,
} from './domain/structure.ts'
import { partnershipDirectory } from './partnership-directory.ts'
import type { AreaInput, GroupInput, MembershipInput, OrganisationInput, PartnershipInput, PersonInput } from './partnership-forms.ts'
import { partnershipRepository as repo } from './partnership-repository.ts'

const targets = {
  area: { table: 'areas', entityType: 'area', describe: (row: Record<string, unknown>) => String(row.name) },
  organisation: { table: 'organisations', entityType: 'organisation', describe: (row: Record<string, unknown>) => String(row.name) },
  group: { table: 'groups', entityType: 'group', describe: (row: Record<string, unknown>) => String(row.name) },
  person: { table: 'people', entityType: 'person', describe: (row: Record<string, unknown>) => String(row.name) },
  membership: {
    table: 'memberships',
    entityType: 'membership',
    describe: (row: Record<string, unknown>) => `person ${String(row.personId)} in group ${String(row.groupId)} as ${String(row.role)}`,
  },
} as const

type TargetName = keyof typeof targets
function target<K extends TargetName>(name: K, ctx: PartnershipContext): ChangeTarget<(typeof targets)[K]['table']> {
  return { ...targets[name], partnershipId: ctx.partnership.id }
}

/** Turn constraint violations into messages a user can act on. */
function explainDbError(error: unknown, duplicateField: string, duplicateMessage: string): never {
  if (isUniqueViolation(error)) {
    if (constraintOf(error) === 'memberships_one_chair') throw new ValidationError({ role: 'The group already has a chair' })
    throw new ValidationError({ [duplicateField]: duplicateMessage })
  }
  throw error
}

function explainDeleteError(error: unknown, what: string): never {
  if (isForeignKeyViolation(error)) {
    throw new ConflictError(`${what} cannot be deleted while other records refer to it. Change or delete those first.`)
  }
  throw error
}

export function partnershipService({ db, clock, accounts }: { db: Db; clock: Clock; accounts: Pick<AccountService, 'loadCurrentUser'> }) {
  return {
    ...partnershipDirectory({ db, accounts }),

    /** The partnerships a viewer may open: their own (all, for a site admin) and every published one. */
    async listFor(viewer: Viewer | null) {
      const rows = await repo.listAll(db)
      return rows
        .map(row => ({ ...row, access: accessTo(viewer, row) }))
        .filter((row): row is typeof row & { access: NonNullable<typeof row.access> } => row.access !== null)
    },

    /** The context for a request under /partnerships/:id, or a NotFoundError if it must stay hidden. */
    async contextFor(viewer: Viewer | null, partnershipId: number, actor: Actor): Promise<PartnershipContext> {
      if (!Number.isSafeInteger(partnershipId)) throw new NotFoundError('Partnership')
      // Every page under the partnership asks this first, so its three queries go together rather than one
      // after another: under load each wait for the database is a turn of the queue (bench:load). The
      // viewer's person and grants are read before access is known, and dropped below if it is public.
      const [partnership, person, heldGrants] = await Promise.all([
        repo.findById(db, partnershipId),
        viewer ? repo.personIdForUser(db, partnershipId, viewer.userId) : undefined,
        viewer ? grantRepository.held(db, partnershipId, viewer.userId) : undefined,
      ])
      if (!partnership) throw new NotFoundError('Partnership')
      const access = accessTo(viewer, partnership)
      if (!access) throw new NotFoundError('Partnership')
      const grants = access !== 'public' && heldGrants ? heldGrants : new Set<Grant>()
      return {
        partnership: { id: partnership.id, name: partnership.name, shortName: partnership.shortName, isPublished: partnership.isPublished },
        access,
        actor,
        signedIn: viewer !== null,
        personId: person?.id ?? null,
        grants,
      }
    },

    async get(ctx: PartnershipContext) {
      requirePermission(ctx, 'view_published')
      return (await repo.findById(db, ctx.partnership.id))!
    },

    /** Everything the partnership home page shows. The public sees no people. */
    async structure(ctx: PartnershipContext) {
      requirePermission(ctx, 'view_published')
      const seesPeople = allows(ctx, 'view')
      const [partnership, areas, organisations, groups, people, memberships] = await Promise.all([
        repo.findById(db, ctx.partnership.id),
        repo.areas(db, ctx.partnership.id),
        repo.organisations(db, ctx.partnership.id),
        repo.groups(db, ctx.partnership.id),
        seesPeople ? repo.people(db, ctx.partnership.id) : Promise.resolve([]),
        seesPeople ? repo.memberships(db, ctx.partnership.id) : Promise.resolve([]),
      ])
      const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name)
      const areaTree = flattenTree(areas, (a, b) => a.type.localeCompare(b.type) || byName(a, b))
      const groupTree = flattenTree(
        groups.map(group => ({ ...group, parentId: group.reportsToGroupId })),
        byName,
      )
      return {
        partnership: partnership!,
        districts: areas.filter(area => area.type === 'district'),
        areas,
        areaTree,
        organisations,
        responsibleAuthorities: organisations.filter(org => org.kind === 'responsible_authority'),
        communityPartners: organisations.filter(org => org.kind === 'community_partner'),
        groups,
        groupTree,
        people,
        memberships,
      }
    },

    async create(user: CurrentUser, input: PartnershipInput, actor: Actor) {
      if (!user.isSiteAdmin) throw new ForbiddenError('Only a site administrator can add a partnership')
      try {
        return await db.transaction().execute(async trx => {
          const row = await repo.insertPartnership(trx, input)
          await auditLog.record(trx, actor, {
            partnershipId: row.id,
            action: 'create',
            entityType: 'partnership',
            entityId: row.id,
            summary: `Created partnership “${row.name}”`,
            after: row,
          })
          return row
        })
      } catch (error) {
        explainDbError(error, 'name', 'There is already a partnership with this name')
      }
    },

    async update(ctx: PartnershipContext, input: PartnershipInput) {
      requirePermission(ctx, 'manage_partnership')
      try {
        return await db.transaction().execute(async trx => {
          const before = (await repo.findById(trx, ctx.partnership.id))!
          const after = await repo.updatePartnership(trx, ctx.partnership.id, input, clock.now())
          await auditLog.record(trx, ctx.actor, {
            partnershipId: ctx.partnership.id,
            action: 'update',
            entityType: 'partnership',
            entityId: ctx.partnership.id,
            summary: `Updated partnership “${after.name}”`,
            before,
            after,
          })
          return after
        })
      } catch (error) {
        explainDbError(error, 'name', 'There is already a partnership with this name')
      }
    },

    /** Deleting a partnership deletes all its records; the audit log keeps the history. */
    async remove(ctx: PartnershipContext, user: CurrentUser) {
      if (!user.isSiteAdmin) throw new ForbiddenError('Only a site administrator can delete a partnership')
      await db.transaction().execute(async trx => {
        const before = await repo.findByIdOrThrow(trx, ctx.partnership.id)
        await repo.deletePartnership(trx, ctx.partnership.id)
        await auditLog.record(trx, ctx.actor, {
          partnershipId: ctx.partnership.id,
          action: 'delete',
          entityType: 'partnership',
          entityId: ctx.partnership.id,
          summary: `Deleted partnership “${before.name}” and all its records`,
          before,
        })
      })
    },

    // --- Areas -----------------------------------------------------------------------------------

    async area(ctx: PartnershipContext, id: number) {
      requirePermission(ctx, 'view_published')
      return findInPartnership(db, target('area', ctx), id)
    },

    async saveArea(ctx: PartnershipContext, id: number | null, input: AreaInput) {
      requirePermission(ctx, 'edit_records')
      try {
        return await db.transaction().execute(async trx => {
          const areas = await repo.areas(trx, ctx.partnership.id)
          const parent = input.parentId === null ? null : areas.find(area => area.id === input.parentId)
          if (input.parentId !== null && !parent) throw new ValidationError({ parentId: 'Select an area from the list' })
          const problem = parentProblem(input.type, (parent?.type as AreaType | undefined) ?? null)
          if (problem) throw new ValidationError({ parentId: problem })
          if (id !== null && wouldCreateCycle(areas, id, input.parentId)) {
            throw new ValidationError({ parentId: 'An area cannot sit inside itself or inside an area within it' })
          }
          if (id !== null) {
            const current = areas.find(area => area.id === id)
            const children = areas.filter(area => area.parentId === id)
            if (current && current.type !== input.type) {
              for (const child of children) {
                const childProblem = parentProblem(child.type as AreaType, input.type)
                if (childProblem) {
                  throw new ValidationError({
                    type: `This area contains ${child.name} (${AREA_TYPE_LABELS[child.type as AreaType].toLowerCase()}), which cannot sit in a ${AREA_TYPE_LABELS[input.type].toLowerCase()}`,
                  })
                }
              }
            }
          }
          return id === null
            ? auditedInsert(trx, ctx.actor, target('area', ctx), input)
            : auditedUpdate(trx, ctx.actor, target('area', ctx), id, input, clock.now())
        })
      } catch (error) {
        explainDbError(error, 'name', 'There is already an area of this type with this name')
      }
    },

    async deleteArea(ctx: PartnershipContext, id: number) {
      requirePermission(ctx, 'edit_records')
      try {
        await db.transaction().execute(trx => auditedDelete(trx, ctx.actor, target('area', ctx), id))
      } catch (error) {
        explainDeleteError(error, 'This area')
      }
    },

    // --- Organisations ---------------------------------------------------------------------------

    async organisation(ctx: PartnershipContext, id: number) {
      requirePermission(ctx, 'view_published')
      return findInPartnership(db, target('organisation', ctx), id)
    },

    async saveOrganisation(ctx: PartnershipContext, id: number | null, input: OrganisationInput) {
      requirePermission(ctx, 'edit_records')
      try {
        return await db.transaction().execute(trx =>
          id === null
            ? auditedInsert(trx, ctx.actor, target('organisation', ctx), input)
            : auditedUpdate(trx, ctx.actor, target('organisation', ctx), id, input, clock.now()),
        )
      } catch (error) {
        explainDbError(error, 'name', 'There is already an organisation with this name')
      }
    },

    async deleteOrganisation(ctx: PartnershipContext, id: number) {
      requirePermission(ctx, 'edit_records')
      try {
        await db.transaction().execute(trx => auditedDelete(trx, ctx.actor, target('organisation', ctx), id))
      } catch (error) {
        explainDeleteError(error, 'This organisation')
      }
    },

    // --- Groups ----------------------------------------------------------------------------------

    async group(ctx: PartnershipContext, id: number) {
      requirePermission(ctx, 'view_published')
      const group = await findInPartnership(db, target('group', ctx), id)
      const memberships = allows(ctx, 'view') ? (await repo.memberships(db, ctx.partnership.id)).filter(m => m.groupId === id) : []
      return { group, memberships }
    },

    async saveGroup(ctx: PartnershipContext, id: number | null, input: GroupInput) {
      requirePermission(ctx, 'edit_records')
      try {
        return await db.transaction().execute(async trx => {
          const groups = await repo.groups(trx, ctx.partnership.id)
          if (input.reportsToGroupId !== null && !groups.some(group => group.id === input.reportsToGroupId)) {
            throw new ValidationError({ reportsToGroupId: 'Select a group from the list' })
          }
          const nodes = groups.map(group => ({ id: group.id, parentId: group.reportsToGroupId }))
          if (id !== null && wouldCreateCycle(nodes, id, input.reportsToGroupId)) {
            throw new ValidationError({ reportsToGroupId: 'A group cannot report to itself or to a group that reports to it' })
          }
          return id === null
            ? auditedInsert(trx, ctx.actor, target('group', ctx), input)
            : auditedUpdate(trx, ctx.actor, target('group', ctx), id, input, clock.now())
        })
      } catch (error) {
        explainDbError(error, 'name', 'There is already a group with this name')
      }
    },

    async deleteGroup(ctx: PartnershipContext, id: number) {
      requirePermission(ctx, 'edit_records')
      try {
        await db.transaction().execute(trx => auditedDelete(trx, ctx.actor, target('group', ctx), id))
      } catch (error) {
        explainDeleteError(error, 'This group')
      }
    },

    // --- People ----------------------------------------------------------------------------------

    async person(ctx: PartnershipContext, id: number) {
      requirePermission(ctx, 'view')
      const person = await findInPartnership(db, target('person', ctx), id)
      const memberships = (await repo.memberships(db, ctx.partnership.id)).filter(m => m.personId === id)
      return { person, memberships }
    },

    async savePerson(ctx: PartnershipContext, id: number | null, input: PersonInput) {
      requirePermission(ctx, 'edit_records')
      return db.transaction().execute(async trx => {
        if (input.organisationId !== null) await findInPartnership(trx, target('organisation', ctx), input.organisationId).catch(() => {
          throw new ValidationError({ organisationId: 'Select an organisation from the list' })
        })
        return id === null
          ? auditedInsert(trx, ctx.actor, target('person', ctx), input)
          : auditedUpdate(trx, ctx.actor, target('person', ctx), id, input, clock.now())
      })
    },

    async deletePerson(ctx: PartnershipContext, id: number) {
      requirePermission(ctx, 'edit_records')
      try {
        await db.transaction().execute(trx => auditedDelete(trx, ctx.actor, target('person', ctx), id))
      } catch (error) {
        explainDeleteError(error, 'This person')
      }
    },

    // --- Memberships -----------------------------------------------------------------------------

    async membership(ctx: PartnershipContext, groupId: number, id: number) {
      requirePermission(ctx, 'view')
      const membership = (await repo.memberships(db, ctx.partnership.id)).find(m => m.id === id && m.groupId === groupId)
      if (!membership) throw new NotFoundError('Membership')
      return membership
    },

    async saveMembership(ctx: PartnershipContext, groupId: number, id: number | null, input: MembershipInput) {
      requirePermission(ctx, 'edit_records')
      try {
        return await db.transaction().execute(async trx => {
          await findInPartnership(trx, target('group', ctx), groupId)
          await findInPartnership(trx, target('person', ctx), input.personId).catch(() => {
            throw new ValidationError({ personId: 'Select a person from the list' })
          })
          if (id === null) return auditedInsert(trx, ctx.actor, target('membership', ctx), { ...input, groupId })
          const existing = await findInPartnership(trx, target('membership', ctx), id)
          if (existing.groupId !== groupId) throw new NotFoundError('Membership')
          return auditedUpdate(trx, ctx.actor, target('membership', ctx), id, { ...input, groupId }, clock.now())
        })
      } catch (error) {
        explainDbError(error, 'personId', 'This person is already in the group')
      }
    },

    async deleteMembership(ctx: PartnershipContext, groupId: number, id: number) {
      requirePermission(ctx, 'edit_records')
      await db.transaction().execute(async trx => {
        const existing = await findInPartnership(trx, target('membership', ctx), id)
        if (existing.groupId !== groupId) throw new NotFoundError('Membership')
        await auditedDelete(trx, ctx.actor, target('membership', ctx), id)
      })
    },
    /** The ONS codes of every partnership's districts, for work done for the whole site (which police forces it covers). */
    async allDistrictCodes(): Promise<string[]> {
      const codes = new Set<string>()
      for (const row of await repo.listAll(db)) {
        for (const area of await repo.areas(db, row.id)) if (area.type === 'district' && area.code) codes.add(area.code)
      }
      return [...codes].sort()
    },

    /** A partnership's areas, for figures other capabilities count by area (the police data, by ONS code). */
    async areasOf(partnershipId: number) {
      return (await repo.areas(db, partnershipId)).map(({ id, parentId, type, name, code }) => ({ id, parentId, type, name, code }))
    },
  }
}
export type PartnershipService = ReturnType<typeof partnershipService>
