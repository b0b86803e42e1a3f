#!/usr/bin/env -S node --max-old-space-size=1024
// The `csp-hub` command. Runs the compiled code in dist/ when it has been built (`npm run build`),
// otherwise the TypeScript sources directly through tsx.
//
// Run as a command (`npx csp-hub`, or this file itself), Node gets a JavaScript heap of at most 1 GB. The
// heap never needs so much (an import holds about 100 MB), but V8 lets garbage pile up in proportion to the
// limit, which otherwise follows the machine's memory (4 GB here): an import of Essex × 36 months
// peaked at 533-594 MB with Node's own limit and 357-389 MB with this one (npm run bench:import).
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const compiled = join(root, 'dist', 'cli.js')
if (existsSync(compiled) && !process.env.CSP_HUB_FROM_SOURCE) {
  await import(pathToFileURL(compiled).href)
} else {
  const { register } = await import('tsx/esm/api')
  register()
  await import(pathToFileURL(join(root, 'src', 'cli.ts')).href)
}
