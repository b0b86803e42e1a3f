import { readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { runCspHub, startCspHub } from '#test/helpers/csp-hub-process'
import { databaseEnv, type DatabaseEnv } from '#test/helpers/database-env'
import { fixtureMonth } from '#test/helpers/police-data'
import { testDatabaseKind } from '#test/helpers/test-database'

import { LOCK_FILE } from './data-dir-lock.ts'

/**
 * One process per embedded data folder: while a server has it open, every other csp-hub process that
 * would open it refuses with one line naming the server and saying what to do, and exits 1; nothing it
 * would have written is lost, because it writes nothing. A lock left by a killed process is taken over.
 */
/** Each csp-hub process compiles the sources with tsx as it starts: seconds each, more on a busy machine. */
const PROCESS_TIMEOUT = 180_000

describe.runIf(testDatabaseKind() === 'pglite')('the embedded database’s lock', () => {
  let database: DatabaseEnv
  let lockFile: string
  beforeAll(async () => {
    database = await databaseEnv({ migrated: true })
    lockFile = path.join(database.env.CSP_HUB_DATA_DIR!, 'pglite', LOCK_FILE)
  })
  afterAll(() => database.remove())

  it('makes every second process refuse while a server runs, naming the server, and exit 1', async () => {
    const server = await startCspHub(database.env)
    try {
      const holder = JSON.parse(readFileSync(lockFile, 'utf8')) as { pid: number; command: string }
      expect(holder).toMatchObject({ pid: server.pid, command: 'csp-hub serve' })
      const commands = [
        ['migrate'],
        ['demo'],
        ['user', 'add', '--email', 'late@example.org', '--name', 'Late Comer', '--password', 'a long enough password'],
        ['import', 'police-uk', fixtureMonth('2025-01')],
        ['serve'],
      ]
      const results = await Promise.all(commands.map(args => runCspHub(args, { ...database.env, PORT: '0', HOST: '127.0.0.1' })))
      for (const [i, result] of results.entries()) {
        expect(result.code, commands[i]!.join(' ')).toBe(1)
        expect(result.stderr.trim().split('\n'), commands[i]!.join(' ')).toHaveLength(1)
        expect(result.stderr).toMatch(new RegExp(`^csp-hub: The database in .*pglite is in use by process ${server.pid} \\(csp-hub serve, since .*\\)\\. Stop it first`))
      }
      // The server was not disturbed.
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
    } finally {
      expect((await server.stop('SIGTERM')).code).toBe(0)
    }
    // Given up when the server stops.
    expect(() => readFileSync(lockFile)).toThrow()
    const added = await runCspHub(['user', 'add', '--email', 'late@example.org', '--name', 'Late Comer', '--password', 'a long enough password'], database.env)
    expect(added.stderr).toBe('')
    expect(added.code).toBe(0)
  }, PROCESS_TIMEOUT)

  it('takes over a lock left by a server killed with kill -9', async () => {
    const server = await startCspHub(database.env)
    expect((await server.stop('SIGKILL')).signal).toBe('SIGKILL')
    expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: server.pid })
    const migrated = await runCspHub(['migrate'], database.env)
    expect(migrated.stderr).toBe('')
    expect(migrated.stdout).toBe('The database is up to date.\n')
  }, PROCESS_TIMEOUT)

  it('takes over a lock whose process number now belongs to a process started later', async () => {
    // This test's own process is running, but it started after the (made-up) start time in the lock.
    writeFileSync(lockFile, JSON.stringify({ pid: process.pid, host: os.hostname(), started: '1', command: 'csp-hub serve', since: '2020-01-01T00:00:00Z' }))
    const migrated = await runCspHub(['migrate'], database.env)
    expect(migrated.stderr).toBe('')
    expect(migrated.code).toBe(0)
  }, PROCESS_TIMEOUT)
})
