import { spawn } from 'node:child_process'
import { connect } from 'node:net'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { databaseEnv, type DatabaseEnv } from '#test/helpers/database-env'

import { DEMO_ACCOUNTS } from './demo/index.ts'
import { projectRoot } from './paths.ts'

/**
 * The real `csp-hub` executable (bin/csp-hub.js, from the TypeScript sources), as a separate process:
 * exit codes, a production start without its settings, the first start (demo data, first admin),
 * graceful shutdown on SIGTERM and a second start.
 */
const BIN = path.join(projectRoot, 'bin', 'csp-hub.js')
/** A first start loads the demo data: seconds alone, more while the other test files run beside it. */
const PROCESS_TIMEOUT = 120_000

/** The environment of a csp-hub process: nothing inherited that could point it elsewhere. */
function envFor(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    CSP_HUB_FROM_SOURCE: '1',
    NODE_ENV: 'development',
    ...extra,
  }
  return env
}

function runBin(
  args: string[],
  extra: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: projectRoot, env: envFor(extra) })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', chunk => (stdout += chunk))
    child.stderr.on('data', chunk => (stderr += chunk))
    child.on('error', reject)
    child.on('close', code => resolve({ code, stdout, stderr }))
  })
}

interface Server {
  port: number
  output: () => string
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

/** Start `csp-hub serve` on a free port and wait for it to say where it listens. */
function serve(extra: Record<string, string>): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve'], {
      cwd: projectRoot,
      env: envFor({ PORT: '0', HOST: '127.0.0.1', CSP_HUB_LOG_LEVEL: 'info', ...extra }),
    })
    let output = ''
    const exited = new Promise<number | null>(done => child.on('close', code => done(code)))
    const onData = (chunk: Buffer) => {
      output += chunk
      const match = /CSP Hub is running at http:\/\/localhost:(\d+)/.exec(output)
      if (match) {
        resolve({
          port: Number(match[1]),
          output: () => output,
          stop: async (signal = 'SIGTERM') => {
            child.kill(signal)
            return exited
          },
        })
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    void exited.then(code => reject(new Error(`csp-hub serve exited (${code}) before listening:\n${output}`)))
  })
}

const isListening = (port: number) =>
  new Promise<boolean>(resolve => {
    const socket = connect({ port, host: '127.0.0.1' })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })

/** The pino log lines (JSON) a process wrote. */
const logMessages = (output: string) =>
  output
    .split('\n')
    .filter(line => line.startsWith('{'))
    .map(line => (JSON.parse(line) as { msg: string }).msg)

describe('the csp-hub executable', () => {
  it('prints its help and exits 0', async () => {
    const { code, stdout } = await runBin(['--help'])
    expect(code).toBe(0)
    expect(stdout).toContain('Usage: csp-hub [options] [command]')
  })

  it('exits 1 with a clear message on bad input', async () => {
    const { code, stderr } = await runBin(['user', 'add', '--email', 'not-an-email', '--name', 'X'])
    expect(code).toBe(1)
    expect(stderr).toBe('csp-hub: --email must be an email address, like name@example.org (not “not-an-email”).\n')
  })

  it('refuses to start in production without CSP_HUB_BASE_URL, naming it', async () => {
    const { code, stderr } = await runBin(['serve'], { NODE_ENV: 'production', CSP_HUB_DATA_DIR: '/nonexistent' })
    expect(code).toBe(1)
    expect(stderr).toBe('csp-hub: CSP_HUB_BASE_URL must be set in production (it is used in password reset links).\n')
  })

  it('refuses a setting it cannot read, naming it', async () => {
    const { code, stderr } = await runBin(['migrate'], { PORT: 'eighty' })
    expect(code).toBe(1)
    expect(stderr).toMatch(/^csp-hub: Invalid configuration:\n {2}PORT: /)
  })
})

describe('starting and stopping the server', () => {
  let database: DatabaseEnv
  beforeAll(async () => {
    database = await databaseEnv({ migrated: false })
  })
  afterAll(() => database.remove())

  const admin = { CSP_HUB_ADMIN_EMAIL: 'first.admin@example.org', CSP_HUB_ADMIN_PASSWORD: 'first admin passphrase' }

  it('on the first start: migrates, loads the demo data, creates the admin from the environment, prints the sign-in details; on SIGTERM stops listening and exits 0', async () => {
    const server = await serve({ ...database.env, ...admin })
    const health = await fetch(`http://127.0.0.1:${server.port}/healthz`)
    expect(await health.json()).toMatchObject({ status: 'ok' })
    const output = server.output()
    expect(output).toContain('Demo sign-in (password for every account: demo-password-csp-hub):')
    for (const account of DEMO_ACCOUNTS) expect(output).toContain(account.email)
    expect(logMessages(output)).toEqual(
      expect.arrayContaining([
        'Loaded the demo partnerships (first start on an empty database)',
        'Created the site admin from CSP_HUB_ADMIN_EMAIL',
      ]),
    )

    expect(await server.stop('SIGTERM')).toBe(0)
    expect(logMessages(server.output())).toEqual(
      expect.arrayContaining(['Shutting down: no new requests, closing the database', 'Stopped']),
    )
    expect(await isListening(server.port)).toBe(false)

    const handle = await database.open()
    try {
      const firstAdmin = await handle.db
        .selectFrom('users')
        .select(['isSiteAdmin', 'passwordHash'])
        .where('email', '=', admin.CSP_HUB_ADMIN_EMAIL)
        .executeTakeFirstOrThrow()
      expect(firstAdmin.isSiteAdmin).toBe(true)
      expect(firstAdmin.passwordHash).toMatch(/^\$argon2id\$/)
      expect(await handle.db.selectFrom('partnerships').select('name').execute()).toHaveLength(2)
    } finally {
      await handle.close()
    }
  }, PROCESS_TIMEOUT)

  it('on the next start: neither loads the demo data again nor recreates the admin', async () => {
    const server = await serve({ ...database.env, ...admin })
    expect(await server.stop('SIGINT')).toBe(0)
    const messages = logMessages(server.output())
    expect(messages).not.toContain('Loaded the demo partnerships (first start on an empty database)')
    expect(messages).not.toContain('Created the site admin from CSP_HUB_ADMIN_EMAIL')
    const handle = await database.open()
    try {
      expect(await handle.db.selectFrom('partnerships').select('name').execute()).toHaveLength(2)
      expect(
        await handle.db.selectFrom('users').select('id').where('email', '=', admin.CSP_HUB_ADMIN_EMAIL).execute(),
      ).toHaveLength(1)
    } finally {
      await handle.close()
    }
  }, PROCESS_TIMEOUT)
})
