import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startSmtpServer } from '#test/helpers/smtp-server'
import { createTestDatabase } from '#test/helpers/test-database'
import type { DatabaseHandle } from '../../db/database.ts'
import { createLogger } from '../../logger.ts'
import { createMailer } from '../../mailer.ts'
import { fixedClock } from '../../shared/clock.ts'
import { jobRunner } from '../jobs/index.ts'

import { outboxService } from './index.ts'

const logger = createLogger('silent')

describe('the outbox, against a real SMTP server', () => {
  let database: DatabaseHandle
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>
  let refusing: Awaited<ReturnType<typeof startSmtpServer>>
  const clock = fixedClock('2016-07-07T06:00:00Z')

  beforeAll(async () => {
    database = await createTestDatabase()
    smtp = await startSmtpServer()
    refusing = await startSmtpServer({ refuse: true })
  })
  afterAll(async () => {
    await smtp.close()
    await refusing.close()
    await database.close()
  })

  const outboxOn = (smtpUrl: string) => {
    const jobs = jobRunner({ db: database.db, clock, logger })
    const outbox = outboxService({ db: database.db, clock, mailer: createMailer({ smtpUrl, from: 'CSP Hub <no-reply@csp-hub.example>' }, logger), jobs, logger, messageIdDomain: 'csp-hub.example' })
    return { jobs, outbox }
  }
  const email = (key: string, to = 'lead@csp-hub.example') => ({
    partnershipId: null,
    category: 'test',
    dedupeKey: key,
    to: { email: to, name: 'Partner Lead' },
    subject: 'Q2 update due',
    text: 'Your update is due.',
    headers: { 'List-Unsubscribe': '<https://csp-hub.example/unsubscribe>' },
  })

  it('sends an e-mail once, however often it is queued, with a Message-ID from its key', async () => {
    const { jobs, outbox } = outboxOn(smtp.url)
    expect(await outbox.queue(database.db, email('once:1'))).not.toBeNull()
    expect(await outbox.queue(database.db, email('once:1'))).toBeNull()
    await jobs.tick()
    await outbox.queue(database.db, email('once:1'))
    await jobs.tick()
    const got = smtp.received.filter(m => m.subject === 'Q2 update due')
    expect(got).toHaveLength(1)
    expect(got[0]!.to).toEqual(['lead@csp-hub.example'])
    expect(got[0]!.text).toContain('Your update is due.')
    expect(got[0]!.raw).toMatch(/^Message-ID: <once%3A1@csp-hub\.example>/im)
    expect(got[0]!.raw).toMatch(/^List-Unsubscribe: <https:\/\/csp-hub\.example\/unsubscribe>/im)
    expect((await outbox.list(null))[0]).toMatchObject({ status: 'sent', sentAt: clock.now(), attempts: 1 })
  })

  it('retries when the mail server refuses, then shows the e-mail as failed with the reason', async () => {
    const { jobs, outbox } = outboxOn(refusing.url)
    const id = (await outbox.queue(database.db, email('refused:1', 'someone@elsewhere.example')))!
    for (let attempt = 0; attempt < 5; attempt++) {
      await jobs.tick()
      clock.advanceMinutes(120)
    }
    const row = (await outbox.find(id))!
    expect(row.status).toBe('failed')
    expect(row.attempts).toBe(5)
    expect(row.reason).toMatch(/^Not sent after 5 attempts: .*Relay to someone@elsewhere\.example is not allowed/)
  })

  it('does not send again an e-mail that was being handed over when its server stopped', async () => {
    const { jobs, outbox } = outboxOn(smtp.url)
    const id = (await outbox.queue(database.db, email('crashed:1')))!
    await database.db.updateTable('outboundEmails').set({ status: 'sending' }).where('id', '=', id).execute()
    const before = smtp.received.length
    await jobs.tick()
    expect(smtp.received.length).toBe(before)
    expect((await outbox.find(id))!).toMatchObject({ status: 'failed', reason: expect.stringContaining('may or may not have gone') })
  })

  it('skips an e-mail its check says should no longer go, saying why', async () => {
    const { jobs, outbox } = outboxOn(smtp.url)
    outbox.checkBefore('test', async row => (row.recipientEmail === 'stopped@csp-hub.example' ? 'They asked for no more reminders' : null))
    const id = (await outbox.queue(database.db, email('skip:1', 'stopped@csp-hub.example')))!
    await jobs.tick()
    expect((await outbox.find(id))!).toMatchObject({ status: 'skipped', reason: 'They asked for no more reminders' })
    expect(smtp.received.some(m => m.to.includes('stopped@csp-hub.example'))).toBe(false)
  })
})
