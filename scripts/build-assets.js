// Builds public/: the stylesheet from assets/scss, our scripts and images, and govuk-frontend's script.
// Run by `npm start` (prestart) and `npm run build`; public/ is not committed.
import { copyFileSync, cpSync, mkdirSync, statSync, writeFileSync, existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import * as sass from 'sass'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const out = path.join(root, 'public')
mkdirSync(out, { recursive: true })

const started = Date.now()
const source = path.join(root, 'assets', 'scss', 'app.scss')
const target = path.join(out, 'app.css')
const newest = dir => {
  let latest = 0
  for (const entry of ['app.scss']) latest = Math.max(latest, statSync(path.join(dir, entry)).mtimeMs)
  return latest
}
if (!existsSync(target) || statSync(target).mtimeMs < newest(path.dirname(source)) || process.argv.includes('--force')) {
  const result = sass.compile(source, {
    loadPaths: [path.join(root, 'node_modules')],
    style: 'compressed',
    quietDeps: true,
    silenceDeprecations: ['import'],
  })
  writeFileSync(target, result.css)
}
copyFileSync(path.join(root, 'node_modules', 'govuk-frontend', 'dist', 'govuk', 'govuk-frontend.min.js'), path.join(out, 'govuk-frontend.min.js'))
cpSync(path.join(root, 'assets', 'js'), out, { recursive: true })
cpSync(path.join(root, 'assets', 'images'), path.join(out, 'images'), { recursive: true })
console.log(`Assets built in public/ (${Date.now() - started} ms)`)
