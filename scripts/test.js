#!/usr/bin/env node
// `npm test`: every check CSP Hub has, in order, with a summary of counts and times at the end.
//
//   node scripts/test.js                 lint, typecheck, unit, integration (PGlite, and PostgreSQL when
//                                        TEST_DATABASE_URL is set), browser journeys (e2e)
//   node scripts/test.js unit e2e        only the steps named
//   node scripts/test.js --list          the steps
//
// Every step runs even when an earlier one fails, so one run shows everything that is wrong; the exit
// code is non-zero if any step failed. Browser journeys need Chromium (/usr/bin/chromium, or
// CSP_HUB_CHROMIUM): without it they are skipped with a notice, except under CI=true, where that fails.
import { spawn } from 'node:child_process'
import { accessSync, constants, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const bin = name => path.join(root, 'node_modules', '.bin', name)
const isCi = process.env.CI === 'true' || process.env.CI === '1'

function chromiumMissing() {
  const candidate = process.env.CSP_HUB_CHROMIUM || '/usr/bin/chromium'
  try {
    accessSync(candidate, constants.X_OK)
    return undefined
  } catch {
    return `Chromium is missing (no executable at ${candidate})`
  }
}

/** Run a command with its output shown as it comes; resolves to its exit code and its output. */
function run(command, args, { capture = false } = {}) {
  return new Promise(resolve => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: ['ignore', capture ? 'pipe' : 'inherit', capture ? 'pipe' : 'inherit'],
      env: process.env,
    })
    let output = ''
    for (const stream of [child.stdout, child.stderr]) {
      stream?.on('data', chunk => {
        output += chunk
        process.stdout.write(chunk)
      })
    }
    child.on('error', error => resolve({ code: 1, output: String(error) }))
    child.on('close', code => resolve({ code: code ?? 1, output }))
  })
}

const reportDir = mkdtempSync(path.join(os.tmpdir(), 'csp-hub-test-'))

/** A Vitest project, with a JSON report alongside the normal output for the counts. */
const vitestStep = (project, skipReason) => ({
  name: project,
  skipReason,
  async run() {
    const report = path.join(reportDir, `${project}.json`)
    const { code } = await run(bin('vitest'), [
      'run',
      '--project',
      project,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
    ])
    let counts
    try {
      const json = JSON.parse(readFileSync(report, 'utf8'))
      counts = {
        passed: json.numPassedTests,
        failed: json.numFailedTests,
        skipped: json.numPendingTests + json.numTodoTests,
      }
    } catch {
      counts = undefined
    }
    const allSkipped = counts && counts.passed === 0 && counts.failed === 0 && counts.skipped > 0
    // A run that failed with no failed test failed before its tests (set-up, collection, a missing browser).
    const failedEarly = code !== 0 && !counts?.failed
    const missing = project === 'e2e' ? chromiumMissing() : undefined
    let note
    if (failedEarly) note = `failed before any test ran: ${missing ?? 'see the output above'}`
    else if (allSkipped && missing) note = `skipped: ${missing}`
    return { ok: code === 0, counts: failedEarly ? undefined : counts, note }
  },
})

const STEPS = [
  {
    name: 'lint',
    async run() {
      const { code, output } = await run(bin('eslint'), ['.', '--max-warnings', '0'], { capture: true })
      const problems = /(\d+) problems?/.exec(output)
      return { ok: code === 0, note: code === 0 ? 'no problems' : problems ? `${problems[1]} problems` : 'failed' }
    },
  },
  {
    name: 'typecheck',
    async run() {
      const { code, output } = await run(bin('tsc'), ['--noEmit', '--pretty', 'false'], { capture: true })
      const errors = (output.match(/error TS\d+/g) ?? []).length
      return { ok: code === 0, note: code === 0 ? 'no errors' : `${errors} errors` }
    },
  },
  vitestStep('unit'),
  vitestStep('integration-pglite'),
  vitestStep('integration-postgres', process.env.TEST_DATABASE_URL ? undefined : 'TEST_DATABASE_URL is not set'),
  vitestStep(
    'e2e',
    !isCi && chromiumMissing()
      ? `${chromiumMissing()}; install it (apt-get install chromium) or set CSP_HUB_CHROMIUM`
      : undefined,
  ),
]

const args = process.argv.slice(2)
if (args.includes('--list') || args.includes('--help')) {
  console.log(`Steps: ${STEPS.map(step => step.name).join(', ')}\nUsage: node scripts/test.js [step …]`)
  process.exit(0)
}
const unknown = args.filter(arg => !STEPS.some(step => step.name === arg))
if (unknown.length) {
  console.error(`Unknown step(s): ${unknown.join(', ')}. Steps: ${STEPS.map(step => step.name).join(', ')}`)
  process.exit(2)
}
const chosen = args.length ? STEPS.filter(step => args.includes(step.name)) : STEPS

const seconds = ms => `${(ms / 1000).toFixed(1)} s`
const results = []
const started = Date.now()
for (const step of chosen) {
  if (step.skipReason) {
    console.log(`\n▶ ${step.name}: skipped (${step.skipReason})`)
    results.push({ name: step.name, status: 'skipped', note: step.skipReason, ms: 0 })
    continue
  }
  console.log(`\n▶ ${step.name}`)
  const stepStarted = Date.now()
  const outcome = await step.run()
  results.push({
    name: step.name,
    status: outcome.ok ? 'passed' : 'FAILED',
    counts: outcome.counts,
    note: outcome.note,
    ms: Date.now() - stepStarted,
  })
}
rmSync(reportDir, { recursive: true, force: true })

const describe = result => {
  const parts = []
  if (result.counts) {
    parts.push(`${result.counts.passed} passed`)
    if (result.counts.failed) parts.push(`${result.counts.failed} failed`)
    if (result.counts.skipped) parts.push(`${result.counts.skipped} skipped`)
  }
  if (result.note) parts.push(result.note)
  return parts.join(', ')
}
const width = Math.max('total'.length, ...results.map(r => r.name.length))
const totals = results.reduce(
  (sum, r) => ({
    passed: sum.passed + (r.counts?.passed ?? 0),
    failed: sum.failed + (r.counts?.failed ?? 0),
    skipped: sum.skipped + (r.counts?.skipped ?? 0),
  }),
  {
    passed: 0,
    failed: 0,
    skipped: 0,
  },
)
console.log('\nSummary')
for (const result of results) {
  console.log(
    `  ${result.name.padEnd(width)}  ${result.status.padEnd(7)}  ${seconds(result.ms).padStart(8)}  ${describe(result)}`,
  )
}
const failed = results.filter(result => result.status === 'FAILED')
console.log(
  `  ${'total'.padEnd(width)}  ${(failed.length ? 'FAILED' : 'passed').padEnd(7)}  ${seconds(Date.now() - started).padStart(8)}  ${totals.passed} tests passed, ${totals.failed} failed, ${totals.skipped} skipped`,
)
process.exit(failed.length ? 1 : 0)
