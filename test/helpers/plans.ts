import request from 'supertest'

import { draftAction, type DraftAction, draftPriority } from '../../src/capabilities/plans/index.ts'
import { sheetHeaders } from '../../src/capabilities/plans/spreadsheet/domain/sheet-columns.ts'
import { hashToken, newToken } from '../../src/shared/tokens.ts'
import { SESSION_COOKIE } from '../../src/web/middleware/session.ts'

import { aPartnership, contextFor } from './builders.ts'
import type { TestApp, TestClient } from './test-app.ts'

/** Fixtures of the plans capability's route tests. The test clock says 25 November 2026: Q3 of the 2026/27 plan year. */

const action = (title: string, fields: Partial<DraftAction> = {}) => draftAction(title, { quarters: [1, 2, 3, 4], ...fields })
const priority = draftPriority

/**
 * A partnership with an agreed 2026/27 plan: "Safeguarding" (led by the test partnership's police and
 * its officer) and "Anti-social behaviour" (delivered by its steering group).
 */
export async function aPartnershipWithPlan(t: TestApp, options: { status?: 'draft' | 'agreed'; isPublished?: boolean } = {}) {
  const structure = await aPartnership(t, { isPublished: options.isPublished ?? false })
  const { partnership, organisation, person, group } = structure
  const other = await t.db.insertInto('people').values({ partnershipId: partnership.id, name: 'Licensing Officer', organisationId: organisation.id }).returningAll().executeTakeFirstOrThrow()
  const ctx = contextFor(partnership, 'coordinator')
  const { plan } = await t.services.plans.createFromDraft(
    ctx,
    {
      title: 'Partnership Plan 2026/27',
      planYear: 2026,
      periodStartYear: null,
      periodEndYear: null,
      vision: 'A safer district',
      versionLabel: null,
      status: options.status ?? 'agreed',
      agreedOn: options.status === 'draft' ? null : '2026-03-14',
      agreedBy: options.status === 'draft' ? null : 'Partnership meeting',
    },
    [
      priority('Safeguarding', {
        objectives: ['Raise awareness of domestic abuse'],
        actions: [
          action('Re-introduce the J9 scheme', {
            objective: 'Raise awareness of domestic abuse',
            leadOrganisations: [organisation.name],
            leadPeople: [person.name],
            updates: [{ quarter: 1, body: 'Training booked', rag: 'green', postedAt: new Date('2026-06-20T10:00:00Z'), authorLabel: 'Officer' }],
          }),
          action('Family event', { quarters: [3], leadPeople: [other.name], updates: [{ quarter: 2, body: 'Venue found', rag: 'red', postedAt: new Date('2026-09-01T10:00:00Z'), authorLabel: 'Officer' }] }),
        ],
      }),
      priority('Anti-social behaviour', {
        deliveringGroup: group.name,
        actions: [action('Taxi marshals', { leadOrganisations: [organisation.name] }), action('Street Pastors', { status: 'complete' })],
      }),
    ],
    'test',
  )
  const actions = await t.db.selectFrom('actions').selectAll().where('partnershipId', '=', partnership.id).orderBy('id').execute()
  return { ...structure, plan, other, actions, byTitle: (title: string) => actions.find(a => a.title === title)! }
}


export async function sessionOf(t: TestApp, user: { id: number }) {
  const token = newToken()
  const csrfToken = newToken()
  const now = t.clock.now()
  await t.services.sessions.create({ id: hashToken(token), userId: user.id, csrfToken, createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + 86_400_000) })
  return { cookie: `${SESSION_COOKIE}=${token}`, csrfToken }
}

export async function upload(
  t: TestApp,
  user: { id: number },
  url: string,
  content: Buffer | string,
  fileName: string,
  session?: { cookie: string; csrfToken: string },
  fields: Record<string, string> = {},
) {
  const { cookie, csrfToken } = session ?? (await sessionOf(t, user))
  const req = request(t.app).post(url).set('Cookie', cookie).field('_csrf', csrfToken)
  for (const [name, value] of Object.entries(fields)) void req.field(name, value)
  return req.attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), fileName)
}

/** A download's body as bytes. */
export async function download(client: TestClient, url: string): Promise<{ body: Buffer; headers: Record<string, string> }> {
  const res = await client
    .get(url)
    .expect(200)
    .buffer(true)
    .parse((response, done) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => done(null, Buffer.concat(chunks)))
    })
  return { body: res.body as Buffer, headers: res.headers as Record<string, string> }
}

/** A CSV file of the template's columns, from rows given as { heading: value }. */
export function csvOf(rows: Record<string, string>[]): string {
  const headers = sheetHeaders()
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)
  return [headers, ...rows.map(row => headers.map(h => row[h] ?? ''))].map(r => r.map(quote).join(',')).join('\r\n')
}
