import { randomBytes } from 'node:crypto'
import os from 'node:os'

import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, aUser } from '#test/helpers/builders'
import { page } from '#test/helpers/html'
import { memoryLogger } from '#test/helpers/memory-logger'
import { loadGeography } from '#test/helpers/police-data'
import { createTestApp, type TestApp, type TestClient } from '#test/helpers/test-app'

import { POLICE_COLUMNS } from './domain/police-rows.ts'

/**
 * An import job always ends: whatever the file holds, a failure is stored as a plain message and the job
 * is marked failed; and a job that stops moving (its server died, or it hung) is failed by the watchdog,
 * which any app server runs against the database.
 */
let t: TestApp
let admin: TestClient
let cookie: string
let partnershipId: number
const log = memoryLogger('info')

beforeAll(async () => {
  t = await createTestApp({ logger: log.logger })
  await loadGeography(t)
  partnershipId = (await aPartnership(t)).partnership.id
  admin = await t.as(await aUser(t, { siteAdmin: true }))
  cookie = (admin.get('/') as unknown as { header: Record<string, string> }).header.Cookie!
})
afterAll(() => t.close())

function upload(files: { name: string; content: Buffer }[]) {
  let req = request(t.app).post(`/partnerships/${partnershipId}/police-data/imports`).set('Cookie', cookie).field('_csrf', admin.csrfToken!)
  for (const file of files) req = req.attach('files', file.content, file.name)
  return req
}

/** Random bytes with every awkward thing a header could quote: NULs, lone surrogates' bytes, control characters. */
function garbage(): Buffer {
  return Buffer.concat([Buffer.from([0, 0xed, 0xa0, 0x80, 0x1b, 0x07, 0x00, 0xff, 0xfe]), randomBytes(4000), Buffer.from('\n\u0000,\u0000\n', 'utf8')])
}

const jobOf = (location: string) => Number(location.split('/').at(-1))
const jobRow = (id: number) => t.db.selectFrom('policeImportJobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

describe('an upload of random bytes as police.uk files', () => {
  it('ends the job as failed with a plain message the page shows, never “Waiting” for ever', async () => {
    const res = await upload([
      { name: '2025-01-essex-street.csv', content: garbage() },
      { name: '2025-02-essex-street.csv', content: Buffer.concat([Buffer.from(`${POLICE_COLUMNS.join(',')}\n`), garbage()]) },
    ]).expect(303)
    await t.services.policeImports.whenIdle()
    const job = await jobRow(jobOf(res.headers.location!))
    expect(job.status).toBe('failed')
    expect(job.message).toBe('2 of 2 files could not be imported; nothing of them was kept.')
    // Nothing stored may hold a character PostgreSQL or a page cannot take.
    expect(JSON.stringify(job.outcome)).not.toMatch(/\\u0000|\\ud[89a-f]/i)
    const p = page((await admin.get(res.headers.location!).expect(200)).text)
    expect(p.text('[data-status]')).toBe('Failed')
    expect(p.text('[data-qa="message"]')).toBe('2 of 2 files could not be imported; nothing of them was kept.')
    expect(p.all('[data-qa="failed-file"]').join('\n')).toMatch(/2025-01-essex-street\.csv.*Line 1: The header is not a police\.uk street-level header/)
  })
})

describe('the watchdog', () => {
  async function aJob(status: 'queued' | 'running', heartbeatMinutesAgo: number, runner: string) {
    const now = t.clock.now()
    const at = new Date(now.getTime() - heartbeatMinutesAgo * 60_000)
    return t.db
      .insertInto('policeImportJobs')
      .values({ partnershipId, status, files: JSON.stringify([{ name: 'a.csv', size: 1 }]), outcome: JSON.stringify([{ name: 'a.csv', status: 'not_started' }]), createdByLabel: 'test', createdAt: at, updatedAt: at, heartbeatAt: at, runner })
      .returning('id')
      .executeTakeFirstOrThrow()
  }

  it('fails a job, queued or running, that has not moved for longer than the limit, and says why on its page', async () => {
    const stuck = await aJob('running', 31, 'other-server:123')
    const waiting = await aJob('queued', 45, 'other-server:123')
    const moving = await aJob('running', 2, 'other-server:123')
    expect(await t.services.policeImports.sweep()).toBe(2)
    expect((await jobRow(stuck.id)).status).toBe('failed')
    expect((await jobRow(waiting.id)).status).toBe('failed')
    expect((await jobRow(moving.id)).status).toBe('running')
    const p = page((await admin.get(`/partnerships/${partnershipId}/police-data/imports/${stuck.id}`).expect(200)).text)
    expect(p.text('[data-status]')).toBe('Failed')
    expect(p.text('[data-qa="message"]')).toMatch(/^This import stopped: nothing was heard from it for 30 minutes/)
  })

  it('at start-up, fails at once the jobs of an earlier process on this machine that has gone, and leaves other servers’ jobs alone', async () => {
    const orphan = await aJob('running', 1, `${os.hostname()}:999999999`)
    const elsewhere = await aJob('running', 1, 'another-host:1')
    await t.services.policeImports.failInterrupted()
    expect((await jobRow(orphan.id)).status).toBe('failed')
    expect((await jobRow(orphan.id)).message).toMatch(/^The server restarted before this import finished/)
    expect((await jobRow(elsewhere.id)).status).toBe('running')
  })
})
