import type { Kysely } from 'kysely'

import type { Database } from '../../db/tables.ts'
import type { Logger } from '../../logger.ts'
import type { Mailer } from '../../mailer.ts'
import type { Clock } from '../../shared/clock.ts'
import { plainText } from '../../shared/plain-text.ts'
import type { JobRunner } from '../jobs/index.ts'

import type { OutboundStatus } from './outbox-tables.ts'

/**
 * The outbox: every e-mail CSP Hub sends by itself (reminders, digests, alerts) is written here first, with
 * a unique key, in the same transaction as whatever decided to send it, and a job sends it.
 *
 * Once, and only once: the key makes the e-mail itself unique (two servers deciding the same reminder
 * write one row). Before handing it to the mail server the job marks it `sending`; after, `sent`. If a
 * server stops between the two, nobody can know whether the mail server took it: the next attempt finds
 * it `sending` and marks it failed with that explanation rather than send it a second time. A mail server
 * that refuses or cannot be reached is retried with back-off, then the e-mail is `failed` and shown.
 *
 * Just before sending, the check registered for its category runs (has the person stopped these e-mails?
 * is the update still missing?): it may skip the e-mail, saying why. Each e-mail's Message-ID comes from
 * its key, so a mail client would also fold any copy into one.
 */

export interface OutboundEmail {
  partnershipId: number | null
  category: string
  dedupeKey: string
  to: { email: string; name: string | null }
  subject: string
  text: string
  headers?: Record<string, string>
  context?: Record<string, unknown>
}

export type OutboundRow = Awaited<ReturnType<ReturnType<typeof outboxService>['list']>>[number]

/** Decides, just before an e-mail goes, whether it still should: null to send, or why not. */
export type SendCheck = (email: OutboundRow) => Promise<string | null>

export const OUTBOX_SEND_JOB = 'outbox.send'

export function outboxService({ db, clock, mailer, jobs, logger, messageIdDomain }: { db: Kysely<Database>; clock: Clock; mailer: Mailer; jobs: JobRunner; logger: Logger; messageIdDomain: string }) {
  const checks = new Map<string, SendCheck>()

  async function setStatus(id: number, status: OutboundStatus, reason: string | null, extra: { sentAt?: Date; attempts?: number } = {}) {
    await db
      .updateTable('outboundEmails')
      .set({ status, reason: reason === null ? null : plainText(reason, 2000), updatedAt: clock.now(), ...extra })
      .where('id', '=', id)
      .execute()
  }

  const find = (id: number) => db.selectFrom('outboundEmails').selectAll().where('id', '=', id).executeTakeFirst()

  async function send(id: number): Promise<string> {
    const email = await find(id)
    if (!email) return 'gone'
    if (email.status === 'sent' || email.status === 'skipped' || email.status === 'failed') return email.status
    if (email.status === 'sending') {
      logger.warn({ emailId: id }, 'An e-mail was being handed to the mail server when its server stopped: marked failed, not sent again')
      await setStatus(id, 'failed', 'The server stopped while handing this e-mail to the mail server, so it may or may not have gone. It was not sent again, so that no one gets it twice.')
      return 'uncertain'
    }
    const check = checks.get(email.category)
    const skip = check ? await check(email) : null
    if (skip) {
      await setStatus(id, 'skipped', skip)
      return 'skipped'
    }
    await setStatus(id, 'sending', email.reason, { attempts: email.attempts + 1 })
    try {
      await mailer.send({
        to: email.recipientName ? `"${email.recipientName.replace(/["\\\r\n]/g, '')}" <${email.recipientEmail}>` : email.recipientEmail,
        subject: email.subject,
        text: email.body,
        headers: email.headers,
        messageId: `<${encodeURIComponent(email.dedupeKey)}@${messageIdDomain}>`,
      })
    } catch (error) {
      // Refused or unreachable: not sent, so it may be tried again.
      await setStatus(id, 'queued', `The mail server did not take it: ${error instanceof Error ? error.message : String(error)}`)
      throw error
    }
    await setStatus(id, 'sent', null, { sentAt: clock.now() })
    return 'sent'
  }

  jobs.register({
    kind: OUTBOX_SEND_JOB,
    describe: 'Send an e-mail',
    backOff: { baseMs: 5 * 60_000, maxMs: 2 * 60 * 60_000 },
    run: payload => send(Number(payload.emailId)),
    async onGaveUp(job, error) {
      const id = Number(job.payload.emailId)
      const email = await find(id)
      if (email && (email.status === 'queued' || email.status === 'sending')) {
        await setStatus(id, 'failed', `Not sent after ${job.attempts} attempts: ${error}`)
      }
    },
  })

  return {
    /** Register the check made just before e-mails of a category go. */
    checkBefore(category: string, check: SendCheck) {
      checks.set(category, check)
    },

    /**
     * Queue an e-mail in the caller's transaction. Returns its id, or null when an e-mail with its key was
     * queued before (it is never queued twice).
     */
    async queue(trx: Kysely<Database>, email: OutboundEmail): Promise<number | null> {
      const now = clock.now()
      const row = await trx
        .insertInto('outboundEmails')
        .values({
          partnershipId: email.partnershipId,
          category: email.category,
          dedupeKey: email.dedupeKey,
          recipientEmail: email.to.email,
          recipientName: email.to.name,
          subject: plainText(email.subject, 300),
          body: email.text,
          headers: JSON.stringify(email.headers ?? {}),
          context: JSON.stringify(email.context ?? {}),
          createdAt: now,
          updatedAt: now,
        })
        .onConflict(oc => oc.column('dedupeKey').doNothing())
        .returning('id')
        .executeTakeFirst()
      if (!row) return null
      await jobs.enqueue(trx, { kind: OUTBOX_SEND_JOB, payload: { emailId: row.id }, dedupeKey: `outbox:${row.id}`, partnershipId: email.partnershipId, maxAttempts: 5 })
      return row.id
    },

    /** Whether an e-mail with this key has been queued (whatever became of it). */
    async exists(dedupeKey: string): Promise<boolean> {
      return (await db.selectFrom('outboundEmails').select('id').where('dedupeKey', '=', dedupeKey).executeTakeFirst()) !== undefined
    },

    /** The partnership's e-mails (or the site's, with null), newest first. */
    list(partnershipId: number | null, options: { limit?: number; categories?: readonly string[]; status?: OutboundStatus } = {}) {
      let query = db.selectFrom('outboundEmails').selectAll()
      query = partnershipId === null ? query.where('partnershipId', 'is', null) : query.where('partnershipId', '=', partnershipId)
      if (options.categories?.length) query = query.where('category', 'in', options.categories)
      if (options.status) query = query.where('status', '=', options.status)
      return query.orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(options.limit ?? 200).execute()
    },

    /** Counts by status, for a partnership (or the site's own, with null). */
    async counts(partnershipId: number | null): Promise<Partial<Record<OutboundStatus, number>>> {
      let query = db.selectFrom('outboundEmails').select(['status', db.fn.countAll<number>().as('count')])
      query = partnershipId === null ? query.where('partnershipId', 'is', null) : query.where('partnershipId', '=', partnershipId)
      const rows = await query.groupBy('status').execute()
      return Object.fromEntries(rows.map(row => [row.status, Number(row.count)]))
    },

    find,
    send,
  }
}

export type OutboxService = ReturnType<typeof outboxService>

