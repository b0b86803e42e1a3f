import type { Db } from '../../../db/database.ts'
import { ConflictError, NotFoundError, ValidationError } from '../../../shared/errors.ts'
import { domainProblem, emailDomain, normaliseDomain, type AccountService } from '../../accounts/index.ts'
import type { Role } from '../../../core/access/roles.ts'
import { auditedInsert, auditedUpdate, findInPartnership } from '../../../core/audit/audited-changes.ts'
import { auditLog } from '../../../core/audit/audit-log.ts'
import type { Actor } from '../../../core/audit/audit-entry.ts'
import type { Clock } from '../../../shared/clock.ts'
import { requirePermission, type PartnershipContext } from '../../../core/access/partnership-context.ts'
import { partnershipRepository as repo } from '../partnership-repository.ts'

import { readTeamSheet, type SheetProblem, type TeamSheetEntry } from './domain/team-sheet.ts'
import type { Delivery, TeamInvitations } from './team-invitations.ts'

const personTarget = (ctx: PartnershipContext) => ({ table: 'people' as const, entityType: 'person', partnershipId: ctx.partnership.id, describe: (row: { name: string }) => row.name })

export interface AccessInput {
  email: string
  name: string
  role: Role
  personId: number | null
  message?: string | null
}

export interface Given {
  user: { id: number; email: string; name: string }
  created: boolean
  delivery: Delivery | null
}

/**
 * Who has access to a partnership, and with what role: giving access to one person or to a spreadsheet
 * of them (all or nothing), changing an account's role and the person record it is at any time, taking
 * access away, enabling a disabled account, invitations, and the e-mail domains whose people become
 * members at their first single sign-on. Every change is in the audit log.
 */
export function teamService({ db, clock, accounts, invitations }: { db: Db; clock: Clock; accounts: AccountService; invitations: TeamInvitations }) {
  async function roleRow(trx: Db, ctx: PartnershipContext, userId: number) {
    return trx.selectFrom('partnershipRoles').selectAll().where('userId', '=', userId).where('partnershipId', '=', ctx.partnership.id).executeTakeFirst()
  }

  async function refuseRemovingLastAdmin(trx: Db, ctx: PartnershipContext, userId: number) {
    const admins = await trx.selectFrom('partnershipRoles').select('userId').where('partnershipId', '=', ctx.partnership.id).where('role', '=', 'admin').execute()
    if (admins.length === 1 && admins[0]?.userId === userId) throw new ValidationError({ role: 'A partnership must keep at least one admin' })
  }

  /** A person of this partnership that the account may be linked to: not linked to another account. */
  async function linkablePerson(trx: Db, ctx: PartnershipContext, personId: number, userId: number | null, field = 'personId') {
    const person = await findInPartnership(trx, personTarget(ctx), personId).catch(() => {
      throw new ValidationError({ [field]: 'Select a person from the list' })
    })
    if (person.userId !== null && person.userId !== userId) throw new ValidationError({ [field]: `${person.name} is already linked to another account` })
    return person
  }

  /** The role, the person link and the audit record, in the caller's transaction. */
  async function grant(trx: Db, ctx: PartnershipContext, input: AccessInput & { organisationId?: number | null; newPerson?: boolean }) {
    const existing = await accounts.findByEmail(input.email, trx)
    const user = existing ?? (await accounts.createInvitedAccount(trx, { email: input.email, name: input.name }, ctx.actor))
    const already = await roleRow(trx, ctx, user.id)
    if (already) throw new ValidationError({ email: `This person already has the ${already.role} role here` })
    await trx.insertInto('partnershipRoles').values({ userId: user.id, partnershipId: ctx.partnership.id, role: input.role }).execute()
    if (input.personId !== null) {
      await linkablePerson(trx, ctx, input.personId, user.id)
      await auditedUpdate(trx, ctx.actor, personTarget(ctx), input.personId, { userId: user.id }, clock.now())
    } else if (input.newPerson) {
      await auditedInsert(trx, ctx.actor, personTarget(ctx), { name: input.name, organisationId: input.organisationId ?? null, email: user.email, userId: user.id })
    }
    await auditLog.record(trx, ctx.actor, {
      partnershipId: ctx.partnership.id,
      action: 'grant',
      entityType: 'role',
      entityId: user.id,
      summary: `Gave ${user.email} the ${input.role} role`,
      after: { userId: user.id, email: user.email, role: input.role, reason: input.message ?? null },
    })
    return { user: { id: user.id, email: user.email, name: user.name }, created: !existing }
  }

  /** The spreadsheet's rows checked against the accounts and roles already held. */
  async function checkEntries(trx: Db, ctx: PartnershipContext, entries: TeamSheetEntry[]) {
    const problems: SheetProblem[] = []
    const checked = []
    for (const entry of entries) {
      const user = await accounts.findByEmail(entry.email, trx)
      const role = user ? await roleRow(trx, ctx, user.id) : undefined
      if (role) problems.push({ row: entry.row, column: 'Email address', message: `${entry.email} already has the ${role.role} role here: change it from the accounts page` })
      if (user && entry.person.kind !== 'none') {
        const linked = await repo.personIdForUser(trx, ctx.partnership.id, user.id)
        if (linked) problems.push({ row: entry.row, column: 'Person record', message: `${entry.email} is already linked to a person record here: write None` })
      }
      checked.push({ ...entry, hasAccount: Boolean(user) })
    }
    return { problems, entries: checked }
  }

  const service = {
    async team(ctx: PartnershipContext) {
      requirePermission(ctx, 'manage_partnership')
      const rows = await repo.team(db, ctx.partnership.id)
      const people = await repo.people(db, ctx.partnership.id)
      const sso = await accounts.usingSingleSignOn(rows.map(r => r.userId))
      return rows.map(({ passwordHash, ...row }) => ({
        ...row,
        hasPassword: passwordHash !== null,
        usesSingleSignOn: sso.has(row.userId),
        person: people.find(p => p.userId === row.userId) ?? null,
      }))
    },

    async teamMember(ctx: PartnershipContext, userId: number) {
      const member = (await service.team(ctx)).find(row => row.userId === userId)
      if (!member) throw new NotFoundError('Account')
      return member
    },

    /** Give one person access; a new address gets an account. The invitation goes once everything is saved. */
    async addTeamMember(ctx: PartnershipContext, input: AccessInput, options: { notify?: boolean } = {}): Promise<Given> {
      requirePermission(ctx, 'manage_partnership')
      const given = await db.transaction().execute(trx => grant(trx, ctx, input))
      const delivery = options.notify === false ? null : await invitations.deliver(ctx, given.user, input.role, input.message ?? null)
      return { ...given, delivery }
    },

    /** What a spreadsheet would do: its rows, or every problem by row and column. Nothing is saved. */
    async previewImport(ctx: PartnershipContext, rows: string[][]) {
      requirePermission(ctx, 'manage_partnership')
      const [organisations, people] = await Promise.all([repo.organisations(db, ctx.partnership.id), repo.people(db, ctx.partnership.id)])
      const read = readTeamSheet(rows, { organisations, people })
      if (!read.ok) return { ok: false as const, problems: read.problems }
      const checked = await checkEntries(db, ctx, read.entries)
      return checked.problems.length ? { ok: false as const, problems: checked.problems } : { ok: true as const, entries: checked.entries }
    },

    /** Give everyone in the spreadsheet access in one transaction: all or nothing. Then the invitations. */
    async importTeam(ctx: PartnershipContext, rows: string[][], message: string | null) {
      const preview = await service.previewImport(ctx, rows)
      if (!preview.ok) return preview
      const given = await db.transaction().execute(async trx => {
        const again = await checkEntries(trx, ctx, preview.entries)
        if (again.problems.length) return { problems: again.problems }
        const out = []
        for (const entry of preview.entries) {
          const personId = entry.person.kind === 'existing' ? entry.person.id : null
          const result = await grant(trx, ctx, { ...entry, personId, message, newPerson: entry.person.kind === 'new' })
          out.push({ entry, ...result })
        }
        return { given: out }
      })
      if ('problems' in given) return { ok: false as const, problems: given.problems! }
      const results = []
      for (const item of given.given) results.push({ ...item, delivery: await invitations.deliver(ctx, item.user, item.entry.role, message) })
      return { ok: true as const, results }
    },

    /** Change an account's role and the person record it is, at any time. */
    async changeAccess(ctx: PartnershipContext, userId: number, input: { role: Role; personId: number | null }) {
      requirePermission(ctx, 'manage_partnership')
      await db.transaction().execute(async trx => {
        const before = await roleRow(trx, ctx, userId)
        if (!before) throw new NotFoundError('Account')
        const user = (await accounts.findById(userId, trx))!
        if (before.role !== input.role) {
          if (before.role === 'admin') await refuseRemovingLastAdmin(trx, ctx, userId)
          await trx.updateTable('partnershipRoles').set({ role: input.role }).where('userId', '=', userId).where('partnershipId', '=', ctx.partnership.id).execute()
          await auditLog.record(trx, ctx.actor, {
            partnershipId: ctx.partnership.id,
            action: 'update',
            entityType: 'role',
            entityId: userId,
            summary: `Changed the role of ${user.email} from ${before.role} to ${input.role}`,
            before,
            after: { ...before, role: input.role },
          })
        }
        const linked = await repo.personIdForUser(trx, ctx.partnership.id, userId)
        if ((linked?.id ?? null) !== input.personId) {
          if (input.personId !== null) await linkablePerson(trx, ctx, input.personId, userId)
          if (linked) await auditedUpdate(trx, ctx.actor, personTarget(ctx), linked.id, { userId: null }, clock.now())
          if (input.personId !== null) await auditedUpdate(trx, ctx.actor, personTarget(ctx), input.personId, { userId }, clock.now())
        }
      })
    },

    async removeTeamMember(ctx: PartnershipContext, userId: number) {
      requirePermission(ctx, 'manage_partnership')
      await db.transaction().execute(async trx => {
        const before = await roleRow(trx, ctx, userId)
        if (!before) throw new NotFoundError('Account')
        if (before.role === 'admin') await refuseRemovingLastAdmin(trx, ctx, userId)
        await trx.deleteFrom('partnershipRoles').where('userId', '=', userId).where('partnershipId', '=', ctx.partnership.id).execute()
        await auditLog.record(trx, ctx.actor, {
          partnershipId: ctx.partnership.id,
          action: 'revoke',
          entityType: 'role',
          entityId: userId,
          summary: `Removed the ${before.role} role of user ${userId}`,
          before,
        })
      })
    },

    /** Let a disabled account (unused too long) sign in again. */
    async enable(ctx: PartnershipContext, userId: number) {
      const member = await service.teamMember(ctx, userId)
      if (!member.disabledAt) throw new ConflictError(`${member.email} is not disabled`)
      await accounts.inactiveAccounts.enable(userId, ctx.actor, ctx.partnership.id)
    },

    /** The invitation again: e-mailed, or shown to the admin to pass on (a new one-time link). */
    async reinvite(ctx: PartnershipContext, userId: number): Promise<Delivery> {
      const member = await service.teamMember(ctx, userId)
      return invitations.deliver(ctx, { id: member.userId, email: member.email, name: member.name }, member.role as Role, null)
    },

    // --- E-mail domains: the member role at the first single sign-on ------------------------------

    async emailDomains(ctx: PartnershipContext) {
      requirePermission(ctx, 'manage_partnership')
      return db.selectFrom('partnershipEmailDomains').select(['id', 'domain', 'createdAt']).where('partnershipId', '=', ctx.partnership.id).orderBy('domain').execute()
    },

    async addEmailDomain(ctx: PartnershipContext, input: string) {
      requirePermission(ctx, 'manage_partnership')
      const problem = domainProblem(input)
      if (problem) throw new ValidationError({ domain: problem })
      const domain = normaliseDomain(input)
      await db.transaction().execute(async trx => {
        const added = await trx.insertInto('partnershipEmailDomains').values({ partnershipId: ctx.partnership.id, domain }).onConflict(oc => oc.doNothing()).returning(['id', 'domain']).executeTakeFirst()
        if (!added) throw new ValidationError({ domain: `${domain} is on the list already` })
        await auditLog.record(trx, ctx.actor, { partnershipId: ctx.partnership.id, action: 'create', entityType: 'email_domain', entityId: added.id, summary: `People at ${domain} become members at their first single sign-on` })
      })
    },

    async emailDomain(ctx: PartnershipContext, id: number) {
      const domain = (await service.emailDomains(ctx)).find(d => d.id === id)
      if (!domain) throw new NotFoundError('Domain')
      return domain
    },

    async removeEmailDomain(ctx: PartnershipContext, id: number) {
      requirePermission(ctx, 'manage_partnership')
      return db.transaction().execute(async trx => {
        const removed = await trx.deleteFrom('partnershipEmailDomains').where('partnershipId', '=', ctx.partnership.id).where('id', '=', id).returning(['id', 'domain']).executeTakeFirst()
        if (!removed) throw new NotFoundError('Domain')
        await auditLog.record(trx, ctx.actor, { partnershipId: ctx.partnership.id, action: 'delete', entityType: 'email_domain', entityId: removed.id, summary: `People at ${removed.domain} no longer become members at their first single sign-on` })
        return removed.domain
      })
    },

    /** At an account's first single sign-on (in its transaction): the member role its address's domain earns. */
    async grantByEmailDomain(trx: Db, user: { id: number; email: string }, actor: Actor): Promise<string[]> {
      const matches = await trx
        .selectFrom('partnershipEmailDomains')
        .innerJoin('partnerships', 'partnerships.id', 'partnershipEmailDomains.partnershipId')
        .select(['partnerships.id', 'partnerships.name'])
        .where('partnershipEmailDomains.domain', '=', emailDomain(user.email))
        .orderBy('partnerships.name')
        .execute()
      for (const partnership of matches) {
        await trx.insertInto('partnershipRoles').values({ userId: user.id, partnershipId: partnership.id, role: 'member' }).onConflict(oc => oc.doNothing()).execute()
        await auditLog.record(trx, actor, {
          partnershipId: partnership.id,
          action: 'grant',
          entityType: 'role',
          entityId: user.id,
          summary: `Gave ${user.email} the member role: an address at ${emailDomain(user.email)}, on the partnership’s list`,
          after: { userId: user.id, email: user.email, role: 'member' },
        })
      }
      return matches.map(m => m.name)
    },
  }
  return service
}
export type TeamService = ReturnType<typeof teamService>
