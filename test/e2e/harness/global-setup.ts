import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import sharedSetup from '../../helpers/global-setup.ts'

import { findChromium, isCi } from './chromium.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

/**
 * Before the browser journeys: make sure Chromium is there (a clear notice and a skip without it; a
 * failure under CI=true), build the stylesheet and scripts into public/ (the pages need them, and axe
 * judges colour contrast on the styled page), then the migrated database template.
 */
export default async function setup(context: Parameters<typeof sharedSetup>[0]) {
  const chromium = findChromium()
  if (!chromium.available) {
    if (isCi()) throw new Error(`CI=true, but the browser journeys cannot run. ${chromium.reason}`)
    process.stderr.write(
      [
        '',
        '  ┌─ Browser tests SKIPPED ──────────────────────────────────────────────',
        `  │ ${chromium.reason}`,
        '  │ The journeys and their accessibility (axe) checks did not run.',
        '  └──────────────────────────────────────────────────────────────────────',
        '',
      ].join('\n'),
    )
    return undefined
  }
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build-assets.js')], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  return sharedSetup(context)
}
