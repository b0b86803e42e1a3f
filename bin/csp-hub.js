#!/usr/bin/env node
// The `csp-hub` command. Runs the compiled code in dist/ when it has been built (`npm run build`),
// otherwise the TypeScript sources directly through tsx.
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
