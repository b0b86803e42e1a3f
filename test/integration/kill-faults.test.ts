import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { runCspHub, startCspHub, type RunningServer } from '../helpers/csp-hub-process.ts'
import { databaseEnv, type DatabaseEnv } from '../helpers/database-env.ts'
import { signIn, type HttpSession } from '../helpers/http-session.ts'

/**
 * kill -9 of the server in the middle of a plan import and in the middle of a burst of quarterly updates,
 * on the database the project is run with (the police.uk import's kill test is police-import-kill.test.ts).
 * After each: every write that was acknowledged is there with its audit record, nothing is half-written
 * (`csp-hub check` passes), and the server starts again.
 */
const TIMEOUT = 300_000
const admin = { email: 'kill.admin@example.org', password: 'kill admin passphrase' }
let database: DatabaseEnv
let partnershipPath: string

async function serve(): Promise<{ server: RunningServer; session: HttpSession }> {
  const server = await startCspHub({ ...database.env, CSP_HUB_ADMIN_EMAIL: admin.email, CSP_HUB_ADMIN_PASSWORD: admin.password })
  return { server, session: await signIn(server.url, admin.email, admin.password) }
}

async function inDatabase<T>(fn: (handle: Awaited<ReturnType<DatabaseEnv['open']>>) => Promise<T>): Promise<T> {
  const handle = await database.open()
  try {
    return await fn(handle)
  } finally {
    await handle.close()
  }
}

async function newPlan(session: HttpSession, title: string, planYear: number): Promise<string> {
  const res = await session.postForm(`${partnershipPath}/plans/new`, { title, planYear: String(planYear) })
  expect(res.status).toBe(303)
  return res.headers.get('location')!
}

/** A plan of `priorities` × `actions` actions, each with a Q1 update and RAG, as a CSV file. */
function planCsv(priorities: number, actions: number): Buffer {
  const lines = ['Priority,Action,Q1 update,Q1 RAG']
  for (let p = 1; p <= priorities; p++) for (let a = 1; a <= actions; a++) lines.push(`Priority ${p},Action ${p}.${a},Started in April,Green`)
  return Buffer.from(lines.join('\r\n'))
}

const unescapeHtml = (value: string) => value.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')

/** Upload a plan file: its preview's confirmation form (the rows, the plan's fingerprint), to post to save it. */
async function previewImport(session: HttpSession, planPath: string, content: Buffer): Promise<Record<string, string>> {
  const preview = await session.postFile(`${planPath}/import`, { field: 'file', name: 'plan.csv', content, type: 'text/csv' })
  const html = await preview.text()
  expect(preview.status, errorsOf(html)).toBe(200)
  const form = /<form method="post" action="[^"]*\/import\/confirm"[\s\S]*?<\/form>/.exec(html)![0]
  const fields = [...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map(m => [m[1]!, unescapeHtml(m[2]!)] as const)
  return Object.fromEntries(fields.filter(([name]) => name !== '_csrf'))
}

const errorsOf = (html: string) => [...html.matchAll(/govuk-error-summary__list[\s\S]*?<\/ul>/g)].map(m => m[0].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')).join(' ')

const checkPasses = async () => {
  const check = await runCspHub(['check'], database.env)
  expect(check.stdout).toContain('All 5 checks passed.')
  expect(check.code).toBe(0)
}

beforeAll(async () => {
  database = await databaseEnv({ migrated: true })
  const { server, session } = await serve()
  try {
    const created = await session.postForm('/partnerships/new', { name: 'Kill Partnership' })
    partnershipPath = created.headers.get('location')!
  } finally {
    await server.stop('SIGTERM')
  }
}, TIMEOUT)
afterAll(() => database.remove())

describe('kill -9 of the server', () => {
  it('during a plan import: the plan has all of the file or none of it, and nothing is half-written', async () => {
    const { server, session } = await serve()
    const planPath = await newPlan(session, 'Imported plan', 2024)
    const file = planCsv(40, 40)
    const confirmation = await previewImport(session, planPath, file)
    const importing = server.waitForLog(/Importing an action plan spreadsheet/)
    void session.postForm(`${planPath}/import/confirm`, confirmation).catch(() => undefined)
    await importing
    expect((await server.stop('SIGKILL')).signal).toBe('SIGKILL')

    const planId = Number(planPath.split('/').at(-1))
    const { actions, updates, imports } = await inDatabase(async handle => ({
      actions: Number((await sql<{ n: number }>`select count(*) as n from actions a join priorities p on p.id = a.priority_id where p.plan_id = ${planId}`.execute(handle.db)).rows[0]!.n),
      updates: Number((await sql<{ n: number }>`select count(*) as n from action_updates u join actions a on a.id = u.action_id join priorities p on p.id = a.priority_id where p.plan_id = ${planId}`.execute(handle.db)).rows[0]!.n),
      imports: Number((await sql<{ n: number }>`select count(*) as n from audit_events where action = 'import' and entity_type = 'plan' and entity_id = ${String(planId)}`.execute(handle.db)).rows[0]!.n),
    }))
    console.info(`The plan import was killed with ${actions} of 1,600 actions saved.`)
    expect([0, 1600]).toContain(actions)
    expect(updates).toBe(actions)
    expect(imports).toBe(actions ? 1 : 0)
    await checkPasses()
  }, TIMEOUT)

  it('during a burst of quarterly updates: every acknowledged update is kept with its audit record, and the server starts again', async () => {
    const { server, session } = await serve()
    const planPath = await newPlan(session, 'Plan for updates', 2025)
    const imported = await session.postForm(`${planPath}/import/confirm`, await previewImport(session, planPath, planCsv(1, 2)))
    expect(imported.status, errorsOf(await imported.text())).toBe(303)
    const agreed = await session.postForm(`${planPath}/status`, { status: 'agreed', 'agreedOn-day': '14', 'agreedOn-month': '3', 'agreedOn-year': '2025', agreedBy: 'Partnership meeting' })
    expect(agreed.status, errorsOf(await agreed.text())).toBe(303)
    const actionPaths = [...new Set([...(await (await session.get(`${planPath}/actions`)).text()).matchAll(/href="(\/partnerships\/\d+\/actions\/\d+)"/g)].map(m => m[1]!))]
    expect(actionPaths).toHaveLength(2)

    const acknowledged: string[] = []
    let killed = false
    let reachedTarget!: () => void
    const target = new Promise<void>(resolve => (reachedTarget = resolve))
    const writer = async (w: number) => {
      for (let i = 0; i < 500 && !killed; i++) {
        const body = `Update ${w}.${i}`
        const res = await session.postForm(`${actionPaths[w % 2]}/updates/new`, { quarter: String((i % 4) + 1), rag: 'green', body }).catch(() => undefined)
        if (res?.status === 303) acknowledged.push(body)
        if (acknowledged.length >= 40) reachedTarget()
      }
    }
    const writers = Promise.all([0, 1, 2, 3, 4, 5].map(writer))
    await target
    killed = true
    expect((await server.stop('SIGKILL')).signal).toBe('SIGKILL')
    await writers

    const stored = await inDatabase(async handle =>
      sql<{ body: string; audited: number }>`
        select u.body, (select count(*) from audit_events e where e.entity_type = 'action update' and e.entity_id = u.id::text and e.action = 'create')::int as audited
        from action_updates u where u.body like 'Update %'`.execute(handle.db),
    )
    const byBody = new Map(stored.rows.map(row => [row.body, row.audited]))
    expect(acknowledged.filter(body => !byBody.has(body)), 'acknowledged updates that were lost').toEqual([])
    expect(stored.rows.filter(row => row.audited !== 1), 'updates without exactly one audit record').toEqual([])
    await checkPasses()

    const again = await startCspHub(database.env)
    expect((await fetch(`${again.url}/readyz`)).status).toBe(200)
    expect((await again.stop('SIGTERM')).code).toBe(0)
  }, TIMEOUT)
})
