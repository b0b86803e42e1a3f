import { readFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, aUser } from '#test/helpers/builders'
import { loadGeography, loadPoliceMonths, POLICE_FIXTURES, fixtureMonth } from '#test/helpers/police-data'
import { createTestApp, type TestApp } from '#test/helpers/test-app'
import { buildZip, type ZipPart } from '#test/helpers/zip-bomb'

import { POLICE_COLUMNS } from './domain/police-rows.ts'

/**
 * The monthly police.uk archive, fetched by the job runner from a local HTTP server that serves ZIPs built
 * here from slices of the real files, as data.police.uk lays them out (YYYY-MM/YYYY-MM-<force>-street.csv,
 * with outcomes files beside them). The forces come from the partnership's district (Rochford → Essex
 * Police, from the month imported by hand first).
 */
const fixture = (month: string) => readFileSync(fixtureMonth(month))
const FEB_2025 = readFileSync(path.join(POLICE_FIXTURES, 'archive', '2025-02-essex-street.csv'))
const rowsIn = (file: Buffer) => file.toString('utf8').split('\n').filter(line => line.trim()).length - 1
const street = (month: string, force: string, data: Buffer): ZipPart => ({ name: `${month}/${month}-${force}-street.csv`, data })

const FIRST = buildZip([
  street('2024-01', 'essex', fixture('2024-01')),
  street('2025-01', 'essex', fixture('2025-01')),
  { name: '2025-01/2025-01-essex-outcomes.csv', data: Buffer.from('Crime ID,Month,Reported by,Falls within\n') },
  // Another force's file (not covered by this site): never read.
  street('2025-01', 'kent', Buffer.from('not a police.uk file at all')),
])
const SECOND = buildZip([street('2024-01', 'essex', fixture('2024-01')), street('2025-01', 'essex', fixture('2025-01')), street('2025-02', 'essex', FEB_2025)])

/** What the server answers at /archive.zip: a body, a status, or a connection cut after half the bytes. */
let answer: { status: number; body: Buffer; cut?: boolean } = { status: 200, body: FIRST }
const server = http.createServer((req, res) => {
  if (req.url !== '/archive.zip') return res.writeHead(404).end()
  if (answer.status !== 200) return res.writeHead(answer.status, { 'content-type': 'text/plain' }).end('Internal error')
  res.writeHead(200, { 'content-type': 'application/zip', 'content-length': answer.body.length })
  if (answer.cut) {
    res.write(answer.body.subarray(0, answer.body.length >> 1))
    return void setImmediate(() => res.destroy())
  }
  res.end(answer.body)
})

let t: TestApp
let adminEmail: string

beforeAll(async () => {
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  t = await createTestApp({ now: '2026-11-25T10:00:00Z', env: { CSP_HUB_POLICE_ARCHIVE_URL: `http://127.0.0.1:${port}/archive.zip`, CSP_HUB_UPLOAD_MAX_MB: '1' } })
  await loadGeography(t)
  await aPartnership(t)
  adminEmail = (await aUser(t, { siteAdmin: true })).email
  await loadPoliceMonths(t, ['2018-01'])
})
afterAll(async () => {
  await t.close()
  await new Promise(resolve => server.close(resolve))
})

const held = async () =>
  Object.fromEntries(
    (await t.db.selectFrom('policeMonths').select(['force', 'month', 'rowCount']).orderBy('month').execute()).map(m => [`${m.force} ${String(m.month).slice(0, 7)}`, m.rowCount]),
  )
const fetches = () => t.db.selectFrom('policeArchiveFetches').selectAll().orderBy('id').execute()
const admin = { userId: null, label: 'test' }

describe('the monthly fetch of the police.uk archive', () => {
  it('covers the forces of the partnerships’ districts by default', async () => {
    expect(await t.services.policeArchive.coveredForces()).toEqual({ forces: ['essex'], from: 'partnerships' })
  })

  it('imports the covered force’s months not held yet, read from the ZIP, on its day of the month', async () => {
    const { queued, ran } = await t.services.jobs.tick()
    expect(queued).toContain('police-data.monthly-archive 2026-11-20')
    expect(ran.find(r => r.kind === 'police-data.archive-fetch')).toMatchObject({ status: 'succeeded' })
    expect(await held()).toEqual({ 'essex 2018-01': rowsIn(fixture('2018-01')), 'essex 2024-01': rowsIn(fixture('2024-01')), 'essex 2025-01': rowsIn(fixture('2025-01')) })
    const [fetch] = await fetches()
    expect(fetch).toMatchObject({ trigger: 'schedule', status: 'succeeded', monthsImported: 2, forces: ['essex'], archiveBytes: FIRST.length })
    expect(fetch!.message).toBe('Imported 2 force-months of essex: 2024-01, 2025-01.')
    // Each month imported is in the audit log, by the schedule.
    const audit = await t.db.selectFrom('auditEvents').select(['entityId', 'actorLabel']).where('entityType', '=', 'police_month').where('actorLabel', '=', 'monthly police.uk fetch').execute()
    expect(audit.map(a => a.entityId).sort()).toEqual(['essex/2024-01', 'essex/2025-01'])
    // The same day again: the month's slot has run, nothing is queued.
    expect((await t.services.jobs.tick()).queued).toEqual([])
  })

  it('the next month imports only the new month, whole', async () => {
    answer = { status: 200, body: SECOND }
    t.clock.set('2026-12-20T04:00:00Z')
    const { ran } = await t.services.jobs.tick()
    expect(ran.find(r => r.kind === 'police-data.archive-fetch')).toMatchObject({ status: 'succeeded' })
    expect(await held()).toMatchObject({ 'essex 2025-02': 340, 'essex 2024-01': rowsIn(fixture('2024-01')) })
    expect((await fetches()).at(-1)).toMatchObject({ status: 'succeeded', monthsImported: 1, message: 'Imported 1 force-month of essex: 2025-02.' })
  })

  it('imported again with every month, the same archive leaves the same figures (idempotent)', async () => {
    const before = await held()
    const counts = () => t.db.selectFrom('policeDistrictCounts').select(eb => eb.fn.sum<number>('count').as('n')).executeTakeFirstOrThrow()
    const countsBefore = await counts()
    const result = await t.services.policeArchive.refresh({ trigger: 'admin', actor: admin, partnershipId: null, months: 'all' })
    expect(result.status).toBe('succeeded')
    expect(result.outcome.map(o => o.replaced)).toEqual([true, true, true])
    expect(await held()).toEqual(before)
    expect(await counts()).toEqual(countsBefore)
  })

  it('a server answering 500 is tried again with back-off, then every site admin is told by e-mail', async () => {
    answer = { status: 500, body: Buffer.alloc(0) }
    const before = await held()
    t.clock.set('2027-01-20T04:00:00Z')
    expect((await t.services.jobs.tick()).ran.find(r => r.kind === 'police-data.archive-fetch')).toMatchObject({ status: 'retrying' })
    t.clock.advanceMinutes(61)
    expect((await t.services.jobs.tick()).ran.find(r => r.kind === 'police-data.archive-fetch')).toMatchObject({ status: 'retrying' })
    expect(t.mailer.sent.filter(m => m.to.includes(adminEmail))).toEqual([])
    t.clock.advanceMinutes(121)
    const { ran } = await t.services.jobs.tick()
    expect(ran.find(r => r.kind === 'police-data.archive-fetch')).toMatchObject({ status: 'failed' })
    const mail = t.mailer.sent.filter(m => m.to.includes(adminEmail))
    expect(mail).toHaveLength(1)
    expect(mail[0]!.subject).toBe('Police data not refreshed: the monthly police.uk fetch of 2027-01-20 failed')
    expect(mail[0]!.text).toMatch(/answered 500 Internal Server Error/)
    expect(mail[0]!.text).toMatch(/No month was half-loaded/)
    expect(await held()).toEqual(before)
    expect((await fetches()).at(-1)).toMatchObject({ trigger: 'schedule', status: 'failed' })
  })

  it('a truncated ZIP, or a download cut short, imports nothing and says why', async () => {
    const before = await held()
    answer = { status: 200, body: SECOND.subarray(0, SECOND.length - 200) }
    const truncated = await t.services.policeArchive.refresh({ trigger: 'admin', actor: admin, partnershipId: null, months: 'all' })
    expect(truncated).toMatchObject({ status: 'failed', retryable: true })
    expect(truncated.message).toMatch(/could not be read\. It is not a complete ZIP archive/)
    answer = { status: 200, body: SECOND, cut: true }
    const cut = await t.services.policeArchive.refresh({ trigger: 'admin', actor: admin, partnershipId: null, months: 'all' })
    expect(cut).toMatchObject({ status: 'failed', retryable: true })
    expect(cut.message).toMatch(/stopped part-way/)
    expect(await held()).toEqual(before)
  })

  it('a ZIP with no covered force fails at once (no point trying again), naming what it holds', async () => {
    answer = { status: 200, body: buildZip([street('2025-03', 'kent', fixture('2025-01')), street('2025-03', 'norfolk', fixture('2025-01'))]) }
    const result = await t.services.policeArchive.refresh({ trigger: 'admin', actor: admin, partnershipId: null, months: 'new' })
    expect(result).toMatchObject({ status: 'failed', retryable: false, message: 'The archive holds no street files of essex (it holds 2 other forces: kent, norfolk)' })
  })

  it('a month that fails its checks is not kept at all, while the good months are imported whole', async () => {
    const bad = Buffer.from(`${POLICE_COLUMNS.join(',')}\nabc,2025-03,Essex Police,Essex Police,0.6,51.6,On or near X,E01021942,Rochford 001A,Burglary,,\nabc,2025-03,Essex Police,Essex Police,north,51.6,On or near X,E01021942,Rochford 001A,Burglary,,\n`)
    const march = fixture('2025-01').toString('utf8').replaceAll('2025-01', '2025-04')
    answer = { status: 200, body: buildZip([street('2025-03', 'essex', bad), street('2025-04', 'essex', Buffer.from(march))]) }
    const result = await t.services.policeArchive.refresh({ trigger: 'admin', actor: admin, partnershipId: null, months: 'new' })
    expect(result.status).toBe('failed')
    expect(result.message).toMatch(/^1 of 2 force-months could not be imported \(2025-03-essex-street\.csv: /)
    const now = await held()
    expect(now['essex 2025-03']).toBeUndefined()
    expect(await t.db.selectFrom('policeRecords').select('month').where('month', '=', '2025-03').execute()).toEqual([])
    expect(now['essex 2025-04']).toBe(rowsIn(fixture('2025-01')))
  })

  it('refuses a zip bomb: an entry saying it unpacks to more than an upload may, or unpacking to more than it says', async () => {
    const before = await held()
    const row = `abc,2025-05,Essex Police,Essex Police,0.6,51.6,On or near X,E01021942,Rochford 001A,Burglary,,\n`
    const big = { head: `${POLICE_COLUMNS.join(',')}\n`, repeat: row, times: 30_000 }
    answer = { status: 200, body: buildZip([{ name: '2025-05/2025-05-essex-street.csv', data: big }]) }
    const honest = await t.services.policeArchive.refresh({ trigger: 'admin', actor: admin, partnershipId: null, months: 'new' })
    expect(honest.message).toMatch(/2025-05\/2025-05-essex-street\.csv says it unpacks to 3 MB, more than the 1 MB allowed for one file/)
    expect(honest.retryable).toBe(false)
    answer = { status: 200, body: buildZip([{ name: '2025-05/2025-05-essex-street.csv', data: big, claimSize: 100_000 }]) }
    const lying = await t.services.policeArchive.refresh({ trigger: 'admin', actor: admin, partnershipId: null, months: 'new' })
    expect(lying.status).toBe('failed')
    expect(lying.message).toMatch(/too many bytes|unpacks to more|expected 100000/i)
    expect(await held()).toEqual(before)
  })
})

describe('a coordinator’s refresh of their own force from the page', () => {
  let partnershipId: number
  let coordinator: Awaited<ReturnType<TestApp['as']>>

  beforeAll(async () => {
    partnershipId = (await aPartnership(t)).partnership.id
    coordinator = await t.as(await aUser(t, { role: 'coordinator', partnershipId }))
  })

  it('runs as an import job the coordinator follows on the progress page, importing their force’s new months', async () => {
    answer = { status: 200, body: buildZip([street('2025-02', 'essex', FEB_2025), street('2025-06', 'essex', Buffer.from(fixture('2025-01').toString('utf8').replaceAll('2025-01', '2025-06')))]) }
    const page = await coordinator.get(`/partnerships/${partnershipId}/police-data/refresh`).expect(200)
    expect(page.text).toContain('Essex Police')
    const res = await coordinator.post(`/partnerships/${partnershipId}/police-data/refresh`, { months: 'new' }).expect(303)
    expect(res.headers.location).toMatch(new RegExp(`^/partnerships/${partnershipId}/police-data/imports/\\d+$`))
    await t.services.policeImports.whenIdle()
    const progress = await coordinator.get(res.headers.location!).expect(200)
    expect(progress.text).toContain('Imported 1 force-month of essex: 2025-06.')
    expect(progress.text).toContain('2025-06-essex-street.csv')
    expect((await held())['essex 2025-06']).toBe(rowsIn(fixture('2025-01')))
    const fetch = (await fetches()).at(-1)!
    expect(fetch).toMatchObject({ trigger: 'coordinator', partnershipId, status: 'succeeded' })
    const audit = await t.db.selectFrom('auditEvents').select(['entityType', 'entityId']).where('partnershipId', '=', partnershipId).execute()
    expect(audit).toEqual(expect.arrayContaining([{ entityType: 'police_import_job', entityId: res.headers.location!.split('/').at(-1) }, { entityType: 'police_month', entityId: 'essex/2025-06' }]))
    // Their refreshes are listed on the page.
    expect((await coordinator.get(`/partnerships/${partnershipId}/police-data/refresh`).expect(200)).text).toContain(res.headers.location!)
  })

  it('checks access on the server: a lead is refused, another partnership’s coordinator sees nothing, a form without its CSRF token is refused', async () => {
    const lead = await t.as(await aUser(t, { role: 'lead', partnershipId }))
    await lead.get(`/partnerships/${partnershipId}/police-data/refresh`).expect(403)
    await lead.post(`/partnerships/${partnershipId}/police-data/refresh`, { months: 'new' }).expect(403)
    const other = (await aPartnership(t)).partnership.id
    const outsider = await t.as(await aUser(t, { role: 'coordinator', partnershipId: other }))
    await outsider.post(`/partnerships/${partnershipId}/police-data/refresh`, { months: 'new' }).expect(404)
    const [job] = await t.db.selectFrom('policeImportJobs').select('id').where('partnershipId', '=', partnershipId).execute()
    await outsider.get(`/partnerships/${other}/police-data/imports/${job!.id}`).expect(404)
    await coordinator.post(`/partnerships/${partnershipId}/police-data/refresh`, { months: 'new', _csrf: 'wrong' }).expect(403)
    // Uploads and the site's imports page stay with site admins.
    await coordinator.get(`/partnerships/${partnershipId}/police-data/imports`).expect(403)
  })

  it('says what is wrong: no choice made', async () => {
    const res = await coordinator.post(`/partnerships/${partnershipId}/police-data/refresh`, {}).expect(400)
    expect(res.text).toContain('Choose which months to refresh')
    expect(res.text).toContain('govuk-error-summary')
  })

  it('the site admins’ imports page shows the latest fetches, and a failed one at the top', async () => {
    answer = { status: 500, body: Buffer.alloc(0) }
    await t.services.policeArchive.refresh({ trigger: 'admin', actor: admin, partnershipId: null, months: 'new' })
    const siteAdmin = await t.as(await aUser(t, { siteAdmin: true }))
    const page = await siteAdmin.get(`/partnerships/${partnershipId}/police-data/imports`).expect(200)
    expect(page.text).toMatch(/The latest fetch of the police.uk archive \([^)]*\) failed: The server at http:\/\/127\.0\.0\.1:\d+\/archive\.zip answered 500 Internal Server Error/)
    expect(page.text).toContain('Latest fetches of the archive')
  })
})
