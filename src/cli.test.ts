import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'

import { databaseEnv, type DatabaseEnv } from '#test/helpers/database-env'

import { runCli } from './cli.ts'
import { DEMO_ACCOUNTS } from './demo/index.ts'

/**
 * The `csp-hub` commands, run in this process against a database of their own (a PGlite folder, or a
 * PostgreSQL database in the integration-postgres project), with their output captured.
 * main.test.ts runs the real executable.
 */
interface Outcome {
  code: number
  out: string
  err: string
}

let database: DatabaseEnv
const savedEnv = { ...process.env }

async function csp(...args: string[]): Promise<Outcome> {
  const out: string[] = []
  const err: string[] = []
  const collect = (into: string[]) => (chunk: unknown) => {
    into.push(String(chunk))
    return true
  }
  const spies = [
    vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void out.push(`${parts.join(' ')}\n`)),
    vi.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => void err.push(`${parts.join(' ')}\n`)),
    vi.spyOn(process.stdout, 'write').mockImplementation(collect(out)),
    vi.spyOn(process.stderr, 'write').mockImplementation(collect(err)),
  ]
  try {
    const code = await runCli(['node', 'csp-hub', ...args])
    return { code, out: out.join(''), err: err.join('') }
  } finally {
    for (const spy of spies) spy.mockRestore()
  }
}

beforeAll(async () => {
  database = await databaseEnv({ migrated: false })
  delete process.env.DATABASE_URL
  delete process.env.CSP_HUB_SMTP_URL
  Object.assign(process.env, database.env, { NODE_ENV: 'development' })
})
afterAll(async () => {
  process.env = savedEnv
  await database.remove()
})
afterEach(() => vi.restoreAllMocks())

async function query<T>(fn: (db: Awaited<ReturnType<DatabaseEnv['open']>>['db']) => Promise<T>): Promise<T> {
  const handle = await database.open()
  try {
    return await fn(handle.db)
  } finally {
    await handle.close()
  }
}

describe('csp-hub --help', () => {
  it('lists every command', async () => {
    const { code, out } = await csp('--help')
    expect(code).toBe(0)
    expect(out).toMatch(/^Usage: csp-hub \[options\] \[command\]/)
    for (const command of ['serve', 'migrate', 'demo', 'user', 'token'])
      expect(out).toMatch(new RegExp(`^  ${command}\\b`, 'm'))
  })

  it.each([
    [['serve', '--help'], /Migrate the database, load the demo partnerships/],
    [['migrate', '--help'], /Apply any migrations/],
    [['demo', '--help'], /Load \(or reload\) the demo partnerships/],
    [
      ['user', 'add', '--help'],
      /--email <email>[\s\S]*--name <name>[\s\S]*--password <password>[\s\S]*--site-admin[\s\S]*--partnership <id>[\s\S]*--role <role>/,
    ],
    [['token', 'create', '--help'], /--email <email>[\s\S]*--expires-in-days <days>/],
  ])('explains `%s`', async (args, expected) => {
    const { code, out } = await csp(...args)
    expect(code).toBe(0)
    expect(out).toMatch(expected)
  })

  it('refuses an unknown command with exit code 1 and the help', async () => {
    const { code, err } = await csp('frobnicate')
    expect(code).toBe(1)
    expect(err).toContain("error: unknown command 'frobnicate'")
  })
})

describe('csp-hub migrate', () => {
  it('applies every migration to an empty database, then finds nothing to do', async () => {
    const first = await csp('migrate')
    expect(first.code).toBe(0)
    expect(first.out).toMatch(/^applied 0001-foundation$/m)
    const again = await csp('migrate')
    expect(again).toEqual({ code: 0, out: 'The database is up to date.\n', err: '' })
    expect(await query(db => db.selectFrom('partnerships').select('id').execute())).toEqual([])
  })
})

describe('csp-hub demo', () => {
  it('loads the two demo partnerships and one account per role, and replaces them when run again', async () => {
    const { code, out } = await csp('demo')
    expect(code).toBe(0)
    expect(out).toContain('Demo partnerships loaded.')
    for (const account of DEMO_ACCOUNTS) expect(out).toContain(account.email)
    const names = async () =>
      (await query(db => db.selectFrom('partnerships').select('name').orderBy('name').execute())).map(row => row.name)
    expect(await names()).toEqual([
      'Castle Point and Rochford Community Safety Partnership',
      'Rochford District Community Safety Partnership',
    ])
    expect((await csp('demo')).code).toBe(0)
    expect(await names()).toHaveLength(2)
  })
})

describe('csp-hub user add', () => {
  it('creates an account with a role in a partnership', async () => {
    const partnership = await query(db =>
      db.selectFrom('partnerships').select(['id', 'name']).orderBy('id').executeTakeFirstOrThrow(),
    )
    const { code, out } = await csp(
      'user',
      'add',
      '--email',
      'Chair@Example.org',
      '--name',
      'Partnership Chair',
      '--password',
      'a long enough passphrase',
      '--partnership',
      String(partnership.id),
      '--role',
      'member',
    )
    expect(code).toBe(0)
    expect(out).toBe(`Created chair@example.org with the member role in ${partnership.name}.\n`)
    const role = await query(db =>
      db
        .selectFrom('users')
        .innerJoin('partnershipRoles', 'partnershipRoles.userId', 'users.id')
        .select(['role', 'partnershipId', 'isSiteAdmin'])
        .where('email', '=', 'chair@example.org')
        .execute(),
    )
    expect(role).toEqual([{ role: 'member', partnershipId: partnership.id, isSiteAdmin: false }])
  })

  it('without a password, shows the invitation it could not e-mail (no SMTP server set)', async () => {
    const { code, out } = await csp(
      'user',
      'add',
      '--email',
      'officer@example.org',
      '--name',
      'Officer',
      '--site-admin',
    )
    expect(code).toBe(0)
    expect(out).toContain('No SMTP server is set (CSP_HUB_SMTP_URL), so this e-mail was not sent.')
    expect(out).toMatch(/http:\/\/localhost:3000\/reset-password\/[\w-]+/)
    expect(out).toContain('Created officer@example.org (site admin). They have been sent a link to choose a password.')
  })

  it.each([
    [
      'a malformed address',
      ['--email', 'not-an-email', '--name', 'X'],
      '--email must be an email address, like name@example.org (not “not-an-email”).',
    ],
    [
      'a short password',
      ['--email', 'short@example.org', '--name', 'X', '--password', 'short'],
      'Password must be 12 characters or more',
    ],
    [
      'an address already taken',
      ['--email', 'chair@example.org', '--name', 'X', '--password', 'a long enough passphrase'],
      'There is already an account with this email address',
    ],
    [
      'a partnership without a role',
      ['--email', 'half@example.org', '--name', 'X', '--partnership', '1'],
      'Give --partnership and --role together.',
    ],
    [
      'a partnership that does not exist',
      ['--email', 'ghost@example.org', '--name', 'X', '--partnership', '99999', '--role', 'admin'],
      'There is no partnership 99999.',
    ],
  ])('refuses %s with exit code 1 and a clear message, creating nothing', async (_, args, message) => {
    const users = await query(db => db.selectFrom('users').select('email').execute())
    const { code, err } = await csp('user', 'add', ...args)
    expect(code).toBe(1)
    expect(err).toBe(`csp-hub: ${message}\n`)
    expect(await query(db => db.selectFrom('users').select('email').execute())).toEqual(users)
  })

  it('refuses a role that does not exist, and a missing option, naming the choices', async () => {
    const role = await csp(
      'user',
      'add',
      '--email',
      'x@example.org',
      '--name',
      'X',
      '--partnership',
      '1',
      '--role',
      'wizard',
    )
    expect(role.code).toBe(1)
    expect(role.err).toContain(
      "error: option '--role <role>' argument 'wizard' is invalid. Allowed choices are admin, coordinator, lead, member.",
    )
    const missing = await csp('user', 'add', '--name', 'X')
    expect(missing.code).toBe(1)
    expect(missing.err).toContain("error: required option '--email <email>' not specified")
  })
})

describe('csp-hub token create', () => {
  it('prints a new API token once, on its own line, for scripts to capture', async () => {
    const { code, out, err } = await csp(
      'token',
      'create',
      '--email',
      'chair@example.org',
      '--name',
      'Dashboard',
      '--expires-in-days',
      '30',
    )
    expect(code).toBe(0)
    expect(out).toMatch(/^csp_[\w-]+\n$/)
    expect(err).toMatch(
      /^Token “Dashboard” for chair@example.org, expires \d{4}-\d{2}-\d{2}\. Send it as: Authorization: Bearer <token>\n$/,
    )
    const rows = await query(db =>
      db.selectFrom('apiTokens').select(['name', 'tokenPrefix']).where('name', '=', 'Dashboard').execute(),
    )
    expect(rows).toEqual([{ name: 'Dashboard', tokenPrefix: out.trim().slice(0, 10) }])
  })

  it.each([
    ['an unknown account', ['--email', 'nobody@example.org', '--name', 'X'], 'There is no account nobody@example.org.'],
    [
      'a number of days that is not a whole number',
      ['--email', 'chair@example.org', '--name', 'X', '--expires-in-days', '1.5'],
      '--expires-in-days must be a whole number of days.',
    ],
  ])('refuses %s with exit code 1', async (_, args, message) => {
    const { code, err } = await csp('token', 'create', ...args)
    expect(code).toBe(1)
    expect(err).toBe(`csp-hub: ${message}\n`)
  })
})

describe('csp-hub accounts disable-inactive', () => {
  it('without the setting, says how to set it and exits 1', async () => {
    const { code, err } = await csp('accounts', 'disable-inactive')
    expect(code).toBe(1)
    expect(err).toMatch(/^csp-hub: CSP_HUB_DISABLE_INACTIVE_AFTER_DAYS is not set/)
  })

  it('disables the accounts unused for longer than the limit, audited, and leaves the others', async () => {
    const longAgo = new Date(Date.now() - 400 * 86_400_000)
    const [stale, fresh] = await query(async db => {
      const rows = await db
        .insertInto('users')
        .values([
          { email: 'stale@example.org', name: 'Stale', passwordHash: null, createdAt: longAgo, lastSignedInAt: longAgo },
          { email: 'fresh@example.org', name: 'Fresh', passwordHash: null, createdAt: longAgo, lastSignedInAt: new Date() },
        ])
        .returning('id')
        .execute()
      return rows.map(r => r.id)
    })
    process.env.CSP_HUB_DISABLE_INACTIVE_AFTER_DAYS = '365'
    try {
      const { code, out } = await csp('accounts', 'disable-inactive')
      expect(code).toBe(0)
      expect(out).toContain('not used for more than 365 days:')
      expect(out).toContain('  stale@example.org')
      expect(out).not.toContain('fresh@example.org')
      const rows = await query(db => db.selectFrom('users').select(['id', 'disabledAt']).where('id', 'in', [stale!, fresh!]).orderBy('id').execute())
      expect(rows.map(r => r.disabledAt !== null)).toEqual([true, false])
      const audit = await query(db => db.selectFrom('auditEvents').select(['actorLabel', 'summary']).where('entityId', '=', String(stale)).where('action', '=', 'disable').execute())
      expect(audit).toEqual([{ actorLabel: 'command line (accounts disable-inactive)', summary: 'Disabled stale@example.org: not used for more than 365 days' }])
      expect((await csp('accounts', 'disable-inactive')).out).toBe('No account has gone unused for more than 365 days.\n')
    } finally {
      delete process.env.CSP_HUB_DISABLE_INACTIVE_AFTER_DAYS
    }
  })
})

describe('csp-hub accounts reset-two-factor', () => {
  it('removes the app and recovery codes of an account that lost its phone, audited', async () => {
    const userId = await query(async db => {
      const user = await db.insertInto('users').values({ email: 'lost.phone@example.org', name: 'Lost Phone', passwordHash: null }).returning('id').executeTakeFirstOrThrow()
      await db.insertInto('twoFactorSecrets').values({ userId: user.id, secret: 'JBSWY3DPEHPK3PXP', confirmedAt: new Date() }).execute()
      await db.insertInto('recoveryCodes').values({ userId: user.id, codeHash: 'x' }).execute()
      return user.id
    })
    const { code, out } = await csp('accounts', 'reset-two-factor', '--email', 'Lost.Phone@example.org')
    expect(code).toBe(0)
    expect(out).toBe('Two-factor sign-in of lost.phone@example.org is reset.\n')
    expect(await query(db => db.selectFrom('twoFactorSecrets').select('userId').where('userId', '=', userId).execute())).toEqual([])
    expect(await query(db => db.selectFrom('recoveryCodes').select('id').where('userId', '=', userId).execute())).toEqual([])
    const again = await csp('accounts', 'reset-two-factor', '--email', 'lost.phone@example.org')
    expect(again.code).toBe(1)
    expect(again.err).toBe('csp-hub: lost.phone@example.org has no two-factor sign-in to reset.\n')
  })
})
