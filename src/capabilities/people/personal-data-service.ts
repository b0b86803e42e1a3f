import { sql } from 'kysely'

import type { Db } from '../../db/database.ts'
import { isForeignKeyViolation } from '../../db/errors.ts'
import type { Clock } from '../../shared/clock.ts'
import { ConflictError, NotFoundError } from '../../shared/errors.ts'
import type { CurrentUser } from '../../core/access/current-user.ts'
import { auditLog } from '../../core/audit/audit-log.ts'
import { auditSnapshot } from '../../core/audit/audit-entry.ts'
import { requirePermission, type PartnershipContext } from '../../core/access/partnership-context.ts'

import { newPseudonym, redactionTerms, redactText, redactValue } from './domain/pseudonym.ts'
import { personalDataRepository as repo, withoutSecrets } from './personal-data-repository.ts'

export type ErasureMode = 'anonymise' | 'erase'

interface Subject {
  personIds: number[]
  userId: number | null
  partnershipIds: number[] | 'all'
  /** Names and addresses to look for in free text and in the audit log. */
  terms: string[]
}

/**
 * A person's rights over their data. A subject access request: everything CSP Hub holds about a person,
 * in one JSON download, found through the schema's own links so no table is missed. Erasure of a person
 * who leaves: their record anonymised (or deleted), their account's access taken away (and the account
 * anonymised when it has no other role), and their name replaced by a pseudonym wherever the audit log
 * and the records' "who did it" labels keep it. Each is written to the audit log, under the pseudonym.
 */
export function personalDataService({ db, clock }: { db: Db; clock: Clock }) {
  async function personIn(ctx: PartnershipContext, personId: number) {
    const person = await db.selectFrom('people').selectAll().where('id', '=', personId).where('partnershipId', '=', ctx.partnership.id).executeTakeFirst()
    if (!person) throw new NotFoundError('Person')
    return person
  }

  async function collect(subject: Subject) {
    const references = await repo.references(db)
    const linked: Record<string, unknown[]> = {}
    for (const ref of references) {
      const ids = ref.references === 'people' ? subject.personIds : subject.userId === null ? [] : [subject.userId]
      const rows = await repo.rowsWhere(db, ref, ids, subject.partnershipIds)
      if (rows.length) linked[`${ref.table}.${ref.column}`] = rows
    }
    const audit = await repo.auditEvents(db, subject)
    const mentioned = []
    for (const table of subject.terms.length ? await repo.textColumns(db) : []) {
      mentioned.push(...(await repo.mentionsIn(db, table, subject.partnershipIds, subject.terms)))
    }
    return { linked, audit: audit.map(withoutSecrets), mentioned }
  }

  async function accountOf(userId: number | null, partnershipIds: number[] | 'all') {
    if (userId === null) return null
    const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst()
    if (!user) return null
    let roles = db.selectFrom('partnershipRoles').innerJoin('partnerships', 'partnerships.id', 'partnershipRoles.partnershipId').select(['partnerships.name as partnership', 'partnershipRoles.role', 'partnershipRoles.createdAt']).where('userId', '=', userId)
    if (partnershipIds !== 'all') roles = roles.where('partnershipId', 'in', partnershipIds.length ? partnershipIds : [0])
    const [roleRows, twoFactor, identities] = await Promise.all([
      roles.execute(),
      db.selectFrom('twoFactorSecrets').select(['createdAt', 'confirmedAt']).where('userId', '=', userId).executeTakeFirst(),
      db.selectFrom('externalIdentities').select(['provider', 'email', 'createdAt', 'lastUsedAt']).where('userId', '=', userId).execute(),
    ])
    return {
      ...withoutSecrets(user),
      hasPassword: user.passwordHash !== null,
      twoFactorSignIn: twoFactor?.confirmedAt ? { since: twoFactor.confirmedAt.toISOString() } : null,
      singleSignOn: identities.map(withoutSecrets),
      roles: roleRows.map(withoutSecrets),
    }
  }

  const NOTES = [
    'Everything CSP Hub holds about this person: their person record, their account, every record linked to either, the audit log entries about them or by them, and the records whose text mentions their name or address.',
    'Passwords, codes and tokens are kept only as one-way hashes and are not included.',
  ]

  return {
    /** A subject access request made by a partnership's admin: what this partnership holds. */
    async exportPerson(ctx: PartnershipContext, personId: number) {
      requirePermission(ctx, 'manage_partnership')
      const person = await personIn(ctx, personId)
      const account = await accountOf(person.userId, [ctx.partnership.id])
      const details = account as Record<string, unknown> | null
      const terms = redactionTerms([person.name, person.email, details?.email as string | undefined, details?.name as string | undefined])
      const data = await collect({ personIds: [person.id], userId: person.userId, partnershipIds: [ctx.partnership.id], terms })
      await auditLog.record(db, ctx.actor, {
        partnershipId: ctx.partnership.id,
        action: 'export',
        entityType: 'person',
        entityId: person.id,
        summary: `Downloaded everything held about “${person.name}” (subject access request)`,
      })
      return {
        generatedAt: clock.now().toISOString(),
        generatedBy: ctx.actor.label,
        partnership: ctx.partnership.name,
        notes: [...NOTES, `Held by ${ctx.partnership.name}. Roles and records in other partnerships are not included.`],
        person: withoutSecrets(person),
        account,
        linkedRecords: data.linked,
        auditLog: data.audit,
        mentionsInText: data.mentioned,
      }
    },

    /** A person's own download: everything, in every partnership. */
    async exportSelf(user: CurrentUser, requestId?: string) {
      const people = await db.selectFrom('people').selectAll().where('userId', '=', user.id).execute()
      const account = await accountOf(user.id, 'all')
      const terms = redactionTerms([user.email, user.name, ...people.map(p => p.name), ...people.map(p => p.email)])
      const data = await collect({ personIds: people.map(p => p.id), userId: user.id, partnershipIds: 'all', terms })
      await auditLog.record(db, { userId: user.id, label: user.email, requestId }, { partnershipId: null, action: 'export', entityType: 'user', entityId: user.id, summary: `${user.email} downloaded everything held about them` })
      return { generatedAt: clock.now().toISOString(), notes: NOTES, account, personRecords: people.map(withoutSecrets), linkedRecords: data.linked, auditLog: data.audit, mentionsInText: data.mentioned }
    },

    /** What erasing would do, for the confirmation page. */
    async erasurePreview(ctx: PartnershipContext, personId: number) {
      requirePermission(ctx, 'manage_partnership')
      const person = await personIn(ctx, personId)
      const account = person.userId ? await db.selectFrom('users').select(['id', 'email', 'name', 'isSiteAdmin']).where('id', '=', person.userId).executeTakeFirst() : undefined
      const otherRoles = account ? await db.selectFrom('partnershipRoles').select('partnershipId').where('userId', '=', account.id).where('partnershipId', '<>', ctx.partnership.id).execute() : []
      let linkedRecords = 0
      for (const ref of (await repo.references(db)).filter(r => r.references === 'people')) {
        linkedRecords += (await repo.rowsWhere(db, ref, [person.id], [ctx.partnership.id])).length
      }
      const terms = redactionTerms([person.name, person.email, account?.email, account?.name])
      const auditRows = await repo.auditEvents(db, { partnershipIds: [ctx.partnership.id], userId: person.userId, personIds: [person.id], terms })
      return { person, account, accountStays: Boolean(account && (otherRoles.length > 0 || account.isSiteAdmin)), linkedRecords, terms, auditCount: auditRows.length }
    },

    async erase(ctx: PartnershipContext, personId: number, mode: ErasureMode) {
      const preview = await this.erasurePreview(ctx, personId)
      const { person, account, accountStays, terms } = preview
      const pseudonym = newPseudonym()
      const eraseAccount = Boolean(account && !accountStays)
      const scope: number[] | 'all' = eraseAccount ? 'all' : [ctx.partnership.id]
      try {
        return await db.transaction().execute(async trx => {
          // 1. The audit log and the "who did it" labels: the name gives way to the pseudonym.
          await sql`select set_config('csp_hub.audit_redaction', 'on', true)`.execute(trx)
          const rows = await repo.auditEvents(trx, { partnershipIds: scope, userId: person.userId, personIds: [person.id], terms })
          for (const row of rows) {
            const byThem = account && row.actorUserId === account.id
            await trx
              .updateTable('auditEvents')
              .set({
                summary: redactText(String(row.summary), terms, pseudonym),
                actorLabel: byThem ? pseudonym : redactText(String(row.actorLabel), terms, pseudonym),
                before: row.before === null ? null : JSON.stringify(redactValue(row.before, terms, pseudonym)),
                after: row.after === null ? null : JSON.stringify(redactValue(row.after, terms, pseudonym)),
              })
              .where('id', '=', Number(row.id))
              .execute()
          }
          await sql`select set_config('csp_hub.audit_redaction', 'off', true)`.execute(trx)
          if (account) {
            for (const label of await repo.labelColumns(trx)) {
              const scoped = label.hasPartnershipId && scope !== 'all'
              await sql`update ${sql.table(label.table)} set ${sql.ref(label.labelColumn)} = ${pseudonym}
                where ${sql.ref(label.userIdColumn)} = ${account.id} ${scoped ? sql`and partnership_id = ${ctx.partnership.id}` : sql``}`.execute(trx)
            }
          }
          // 2. The person record.
          if (mode === 'erase') await trx.deleteFrom('people').where('id', '=', person.id).where('partnershipId', '=', ctx.partnership.id).execute()
          else await trx.updateTable('people').set({ name: pseudonym, email: null, jobTitle: null, userId: null, updatedAt: clock.now() }).where('id', '=', person.id).execute()
          // 3. The account: no access here; anonymised and disabled when it has nothing else.
          if (account) {
            await trx.deleteFrom('partnershipRoles').where('userId', '=', account.id).where('partnershipId', '=', ctx.partnership.id).execute()
            if (eraseAccount) {
              await trx.updateTable('users').set({ email: `erased-${account.id}@erased.invalid`, name: pseudonym, passwordHash: null, disabledAt: clock.now(), updatedAt: clock.now() }).where('id', '=', account.id).execute()
              for (const table of ['externalIdentities', 'twoFactorSecrets', 'recoveryCodes', 'apiTokens', 'sessions', 'passwordResetTokens'] as const) {
                await trx.deleteFrom(table).where('userId', '=', account.id).execute()
              }
              await trx.deleteFrom('signInAttempts').where('emailKey', '=', account.email.toLowerCase()).execute()
            }
          }
          const summary = `${mode === 'erase' ? 'Erased' : 'Anonymised'} a person who left, now “${pseudonym}”: ${rows.length} audit ${rows.length === 1 ? 'entry shows' : 'entries show'} the pseudonym${account ? (eraseAccount ? '; their account is anonymised and disabled' : '; their access here is removed, their account stays for their other roles') : ''}`
          await auditLog.record(trx, ctx.actor, { partnershipId: ctx.partnership.id, action: mode, entityType: 'person', entityId: person.id, summary, after: auditSnapshot({ pseudonym, mode }) })
          if (account && eraseAccount) {
            await auditLog.record(trx, ctx.actor, { partnershipId: null, action: 'erase', entityType: 'user', entityId: account.id, summary: `Anonymised and disabled the account of “${pseudonym}” (a person who left ${ctx.partnership.name})` })
          }
          return { pseudonym, auditEntries: rows.length, accountErased: eraseAccount }
        })
      } catch (error) {
        if (mode === 'erase' && isForeignKeyViolation(error)) {
          throw new ConflictError('This person leads actions (or other records refer to them), so the record cannot be deleted. Anonymise it instead: the actions keep a lead, under the pseudonym.')
        }
        throw error
      }
    },
  }
}
export type PersonalDataService = ReturnType<typeof personalDataService>
