import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startCspHub } from '#test/helpers/csp-hub-process'
import { databaseEnv, type DatabaseEnv } from '#test/helpers/database-env'

import { projectRoot } from './paths.ts'

/**
 * Under `npm start` a supervisor restarts the server (systemd's Restart=on-failure, Docker's restart policy):
 * that needs a fatal error to end the process with a non-zero exit code, saying why, and to leave nothing
 * behind that would stop the next start (the embedded database's lock).
 */
const FATAL = path.join(projectRoot, 'test', 'helpers', 'fatal-after-start.js')

describe('a fatal error in the running server', () => {
  let database: DatabaseEnv
  beforeAll(async () => {
    database = await databaseEnv({ migrated: true })
  })
  afterAll(() => database.remove())

  it('is logged as fatal and ends the process with exit code 1; the next start works', async () => {
    const server = await startCspHub(database.env, { nodeArgs: ['--import', FATAL] })
    const ended = await server.exited
    expect(ended.code).toBe(1)
    const fatal = ended.stdout
      .split('\n')
      .filter(line => line.startsWith('{'))
      .map(line => JSON.parse(line) as { level: number; msg: string; err?: { message: string } })
      .find(line => line.level === 60)
    expect(fatal).toMatchObject({ msg: 'Fatal error (uncaught exception): stopping so that the service manager restarts the server', err: { message: 'Simulated fatal error' } })

    // What the supervisor does next.
    const again = await startCspHub(database.env)
    expect((await fetch(`${again.url}/healthz`)).status).toBe(200)
    expect((await again.stop('SIGTERM')).code).toBe(0)
  }, 180_000)
})
