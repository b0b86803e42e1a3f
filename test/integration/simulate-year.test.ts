import { execFile } from 'node:child_process'
import { rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

import { afterAll, describe, expect, it } from 'vitest'

import { sampleFolder } from '#test/helpers/sample-folder'
import { testDatabaseKind } from '#test/helpers/test-database'

/**
 * Four weeks of the year's check (`npm run simulate:year`), from 12 September to 7 October 2016: reminders
 * turned on mid-year (so the first run sends the Q1 overdue reminders and escalations still called for),
 * the Q2 "due" reminders (16 September), leads posting before and after them, the "overdue" reminders
 * (7 October), the weekly digests and the police.uk fetch (the first run catches up the slot of 20 August
 * and imports the month the archive published on 12 September), with a fresh worker each day, a real SMTP
 * server and a local archive of the police data fixtures. The script exits 1 on an e-mail received twice,
 * a reminder on the wrong day, or a reminder about an update already in.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const sample = sampleFolder()
afterAll(() => rmSync(sample.dir, { recursive: true, force: true }))

describe('npm run simulate:year, four weeks of it', () => {
  it('sends each reminder once, on its day, never after the update, and imports the month the archive published', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: '' }
    if (testDatabaseKind() === 'postgres') env.DATABASE_URL = process.env.TEST_DATABASE_URL
    else delete env.DATABASE_URL
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/simulate-year.ts',
        '--data',
        sample.dir,
        '--from',
        '2016-09-12',
        '--to',
        '2016-10-07',
      ],
      {
        cwd: root,
        env,
        maxBuffer: 10_000_000,
      },
    ).catch((error: { stdout?: string; stderr?: string; message: string }) => {
      throw new Error(`The simulation failed:\n${error.stdout ?? ''}\n${error.stderr ?? error.message}`)
    })
    expect(stdout).toContain('Every check passed')
    const totals =
      /Totals: (\d+) e-mails \((\d+) due reminder, (\d+) overdue reminder, (\d+) escalation, (\d+) digest/.exec(stdout)
    expect(totals, stdout).not.toBeNull()
    const [, all, due, overdue, escalation, digest] = totals!.map(Number)
    expect(due).toBeGreaterThan(0)
    expect(overdue).toBeGreaterThan(0)
    expect(escalation).toBeGreaterThan(0)
    expect(digest).toBeGreaterThan(0)
    expect(all).toBeGreaterThanOrEqual(due! + overdue! + escalation! + digest!)
    expect(stdout).toContain('; 0 received twice')
    // The archive published a month on 12 September (fetched that day) and one on 1 October (for the 20th).
    expect(stdout).toMatch(/Police: 1 month held, all from \d+ scheduled fetches .*, 0 failed/)
  }, 180_000)
})
