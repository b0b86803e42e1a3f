/**
 * npm run bench:bombs [-- --concurrent 5] [--unpacked-mb 1536] [--lying]
 *
 * Memory under hostile uploads. It prints figures; it is not a test and asserts nothing.
 *
 * Starts `csp-hub serve` on 127.0.0.1 with a fresh embedded database (made by `csp-hub migrate` first), signs in as a site admin, makes a
 * partnership and a plan, then uploads N copies at once of an XLSX "zip bomb" (a workbook of a few
 * megabytes whose sheet unpacks to --unpacked-mb megabytes, built here and never written to disk) to the
 * plan's import page. With --lying its directory claims the sheet is 1 KB, so the refusal comes from
 * unpacking it as a stream, not from the directory. It samples the server's resident memory (VmRSS) every 20 ms while they run and
 * prints each answer, the peak (the kernel's VmHWM), and whether the server still answers afterwards.
 */
import { readFileSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { runCspHub, startCspHub } from '../test/helpers/csp-hub-process.ts'
import { signIn } from '../test/helpers/http-session.ts'
import { xlsxBomb } from '../test/helpers/zip-bomb.ts'

const args = process.argv.slice(2)
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`)
  return i === -1 ? fallback : Number(args[i + 1])
}
const CONCURRENT = option('concurrent', 5)
const UNPACKED_MB = option('unpacked-mb', 1536)
const LYING = args.includes('--lying')
const MB = 1024 * 1024

function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024
  return { rss: kb('VmRSS'), peak: kb('VmHWM') }
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'csp-hub-bombs-'))
const admin = { email: 'bench.admin@example.org', password: 'bench admin passphrase' }
// Created and migrated by a first process, as on any start but the very first: creating a PGlite database
// (its initdb) takes some 500 MB that the server then keeps, which is not what a running server holds.
await runCspHub(['migrate'], { CSP_HUB_DATA_DIR: dataDir })
const server = await startCspHub({ CSP_HUB_DATA_DIR: dataDir, CSP_HUB_ADMIN_EMAIL: admin.email, CSP_HUB_ADMIN_PASSWORD: admin.password, CSP_HUB_LOG_LEVEL: 'warn' })
try {
  const session = await signIn(server.url, admin.email, admin.password)
  const partnership = await session.postForm('/partnerships/new', { name: 'Bomb Partnership' })
  const partnershipPath = partnership.headers.get('location')!
  const plan = await session.postForm(`${partnershipPath}/plans/new`, { title: 'Plan', planYear: '2030' })
  const importPath = `${plan.headers.get('location')!}/import`

  const bomb = xlsxBomb(UNPACKED_MB * MB, LYING ? 'small' : 'honest')
  const before = memory(server.pid)
  console.log(`Server pid ${server.pid}: ${(before.rss / MB).toFixed(0)} MB resident before the uploads.`)
  console.log(`Uploading ${CONCURRENT} copies at once of a ${(bomb.length / MB).toFixed(1)} MB workbook that unpacks to ${UNPACKED_MB.toLocaleString('en-GB')} MB${LYING ? ' (its directory claims 1 KB)' : ''}…`)

  let highest = before.rss
  const sampler = setInterval(() => {
    try {
      highest = Math.max(highest, memory(server.pid).rss)
    } catch {
      /* the server has gone: reported below */
    }
  }, 20)
  const started = Date.now()
  const answers = await Promise.all(
    Array.from({ length: CONCURRENT }, async () => {
      try {
        const res = await session.postFile(importPath, { field: 'file', name: 'plan.xlsx', content: bomb, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })
        const html = await res.text()
        const message = /govuk-error-summary__list[\s\S]*?<a [^>]*>([^<]+)</.exec(html)?.[1]?.trim() ?? ''
        return `${res.status} ${message}`
      } catch (error) {
        return `no answer: ${(error as Error).message}`
      }
    }),
  )
  const seconds = (Date.now() - started) / 1000
  clearInterval(sampler)
  for (const [i, answer] of answers.entries()) console.log(`  upload ${i + 1}: ${answer}`)
  const alive = server.child.exitCode === null && server.child.signalCode === null
  const health = alive ? (await fetch(`${server.url}/healthz`)).status : 'no answer'
  const after = alive ? memory(server.pid) : undefined
  console.log('')
  console.log(`All answered in ${seconds.toFixed(2)} s.`)
  console.log(`Resident memory: highest sampled ${(highest / MB).toFixed(0)} MB; peak (VmHWM) ${after ? (after.peak / MB).toFixed(0) : '?'} MB; now ${after ? (after.rss / MB).toFixed(0) : '?'} MB (target: under 800 MB).`)
  console.log(`Server still up: ${alive ? 'yes' : 'NO'} (/healthz ${health}).`)
} finally {
  await server.stop('SIGTERM')
  rmSync(dataDir, { recursive: true, force: true })
}
