#!/usr/bin/env node
// `npm run build`: a clean dist/ to run without TypeScript tooling (the Docker image runs it):
//   1. public/ — the stylesheet and scripts (scripts/build-assets.js)
//   2. dist/ — src/ compiled by tsc with tsconfig.build.json (tests left out), migrations included
//   3. the Nunjucks views (*.njk), copied beside the compiled code, where the app looks for them
import { execFileSync } from 'node:child_process'
import { cpSync, readdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const src = path.join(root, 'src')
const dist = path.join(root, 'dist')
const started = Date.now()

execFileSync(process.execPath, [path.join(root, 'scripts', 'build-assets.js'), '--force'], {
  cwd: root,
  stdio: 'inherit',
})

rmSync(dist, { recursive: true, force: true })
execFileSync(
  process.execPath,
  [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
  { cwd: root, stdio: 'inherit' },
)

let views = 0
for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.njk')) continue
  const from = path.join(entry.parentPath, entry.name)
  cpSync(from, path.join(dist, path.relative(src, from)))
  views++
}
const migrations = readdirSync(path.join(dist, 'db', 'migrations')).filter(name => name.endsWith('.js')).length
console.log(`Built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s: ${migrations} migrations, ${views} views.`)
