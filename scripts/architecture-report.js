#!/usr/bin/env node
// The figures issue 13 judges the layout by, counted from the code as it is:
//
//   node scripts/architecture-report.js            the figures
//   node scripts/architecture-report.js --list     and every offending import, file and circle
//
// 1. Imports that reach into another capability's internals: a file of capability A (or of src/core,
//    src/web, src/services.ts, src/app.ts …) importing a file of capability B other than B's public
//    surface, src/capabilities/B/index.ts. Tests are counted apart (they may build another capability's
//    records through its public surface only, too). Two composition points are listed apart, as the lint
//    rule allows them: the schema (src/db/tables.ts puts every capability's `*-tables.ts` together) and
//    the demo (src/demo/index.ts runs every capability's demo loader, `*-demo.ts`, in order).
// 2. Source files over 500 lines under src/ (demo data, migrations and tests aside).
// 3. Calendar modules: places outside src/core/calendar/ that export calendar vocabulary (months,
//    quarters, financial or plan years) and reason about dates themselves (month names, month
//    arithmetic, Date.UTC …), plus src/core/calendar/ itself, counted once.
// 4. Import circles: groups of files that import each other round in a circle (strongly connected
//    components of the import graph), counting every import and then runtime imports only.
// 5. Queries on another capability's tables: a table belongs to the capability (or core module) whose
//    `*-tables.ts` declares it; a Kysely query in a capability's source naming another's table counts.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const src = path.join(root, 'src')
const list = process.argv.includes('--list')
const rel = file => path.relative(root, file).split(path.sep).join('/')

function walk(dir) {
  return readdirSync(dir).flatMap(name => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? walk(full) : [full]
  })
}

const files = walk(src).filter(f => /\.(ts|js|njk)$/.test(f))
const tsFiles = files.filter(f => f.endsWith('.ts') && !f.endsWith('.d.ts'))
const isTest = f => /\.test\.ts$/.test(f)
const isDemo = f => /(^|\/)src\/demo\//.test(rel(f)) || /(-demo|demo-[a-z-]+)\.ts$/.test(f)
const isMigration = f => rel(f).startsWith('src/db/migrations/')

/** 'capability:plans', 'core:calendar' or 'app' (web/, db/, shared/, services.ts, the registry …). */
function owner(file) {
  const parts = rel(file).split('/')
  if (parts[1] === 'capabilities' && parts.length > 3) return `capability:${parts[2]}`
  if (parts[1] === 'core' && parts.length > 3) return `core:${parts[2]}`
  return 'app'
}
const isPublicSurface = file => /^src\/capabilities\/[^/]+\/index\.ts$/.test(rel(file))

/** Every import and re-export of a file: its resolved target and whether it is for types only. */
function importsOf(file) {
  const text = readFileSync(file, 'utf8')
  const found = []
  const pattern = /^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]/gms
  for (const match of text.matchAll(pattern)) {
    const [, , typeKeyword, clause, specifier] = match
    const names = /\{([^}]*)\}/.exec(clause ?? '')
    const allTypes =
      Boolean(typeKeyword) ||
      (names !== null &&
        !/^\s*[\w$]+\s*,/.test(clause) &&
        names[1]
          .split(',')
          .map(s => s.trim())
          .filter(Boolean)
          .every(s => s.startsWith('type ')))
    found.push({ specifier, typeOnly: allTypes })
  }
  for (const match of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push({ specifier: match[1], typeOnly: false })
  return found
    .filter(i => i.specifier.startsWith('.'))
    .map(i => ({ ...i, target: path.resolve(path.dirname(file), i.specifier) }))
}

const graph = new Map(tsFiles.map(f => [f, importsOf(f)]))

// 1. Reaching into another capability's internals.
const intoInternals = { source: [], tests: [], composition: [] }
const isComposition = (file, target) =>
  (rel(file) === 'src/db/tables.ts' && /-tables\.ts$/.test(target)) || (rel(file) === 'src/demo/index.ts' && isDemo(target))
for (const [file, imports] of graph) {
  const from = owner(file)
  for (const { target } of imports) {
    const to = owner(target)
    if (!to.startsWith('capability:') || to === from || isPublicSurface(target)) continue
    const kind = isComposition(file, target) ? 'composition' : isTest(file) ? 'tests' : 'source'
    intoInternals[kind].push(`${rel(file)} → ${rel(target)}`)
  }
}
const sourceOwner = line => owner(path.join(root, line.split(' → ')[0]))
const fromCapabilities = intoInternals.source.filter(line => sourceOwner(line).startsWith('capability:'))
const fromCore = intoInternals.source.filter(line => sourceOwner(line).startsWith('core:'))
const fromApp = intoInternals.source.filter(line => sourceOwner(line) === 'app')
const coreToCapability = []
for (const [file, imports] of graph) {
  if (!owner(file).startsWith('core:')) continue
  for (const { target } of imports) if (owner(target).startsWith('capability:')) coreToCapability.push(`${rel(file)} → ${rel(target)}`)
}

// 2. Files over 500 lines.
const long = files
  .filter(f => !isTest(f) && !isDemo(f) && !isMigration(f))
  .map(f => ({ file: rel(f), lines: readFileSync(f, 'utf8').split('\n').length - 1 }))
  .filter(f => f.lines > 500)
  .sort((a, b) => b.lines - a.lines)

// 3. Calendar modules.
const CALENDAR_NAME = /(month|quarter|financialyear|planyear|fiscal|ukdate)/i
const CALENDAR_REASONING =
  /'(January|February|September|Jan|Sep)'|%\s*12\b|\*\s*12\b|\/\s*12\b|getUTCMonth|Date\.UTC|slice\(5,\s*7\)|Europe\/London/
const calendarPlaces = new Set()
for (const file of tsFiles) {
  if (isTest(file) || isDemo(file) || isMigration(file)) continue
  const text = readFileSync(file, 'utf8')
  const exported = [...text.matchAll(/^export\s+(?:async\s+)?(?:function|const|type|interface|class)\s+([\w$]+)/gm)].map(m => m[1])
  if (!exported.some(name => CALENDAR_NAME.test(name)) || !CALENDAR_REASONING.test(text)) continue
  calendarPlaces.add(rel(file).startsWith('src/core/calendar/') ? 'src/core/calendar/' : rel(file))
}

// 4. Import circles (Tarjan's strongly connected components).
function circles(runtimeOnly) {
  let counter = 0
  const index = new Map()
  const low = new Map()
  const stack = []
  const onStack = new Set()
  const found = []
  const edges = f => (graph.get(f) ?? []).filter(i => !runtimeOnly || !i.typeOnly).map(i => i.target).filter(t => graph.has(t))
  const visit = v => {
    index.set(v, counter)
    low.set(v, counter++)
    stack.push(v)
    onStack.add(v)
    for (const w of edges(v)) {
      if (!index.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v), low.get(w)))
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)))
    }
    if (low.get(v) === index.get(v)) {
      const component = []
      let w
      do {
        w = stack.pop()
        onStack.delete(w)
        component.push(rel(w))
      } while (w !== v)
      if (component.length > 1) found.push(component.sort())
    }
  }
  for (const f of graph.keys()) if (!index.has(f)) visit(f)
  return found
}
const allCircles = circles(false)
const runtimeCircles = circles(true)

// 5. Queries on another capability's tables.
const tableOwner = new Map()
for (const file of tsFiles) {
  if (!/-tables\.ts$/.test(file)) continue
  const text = readFileSync(file, 'utf8')
  for (const block of text.matchAll(/export interface \w+Tables\b[^{]*\{([^}]*)\}/g)) {
    for (const member of block[1].matchAll(/^\s*(\w+)\s*:/gm)) tableOwner.set(member[1], owner(file))
  }
}
const foreignQueries = []
const QUERY = /\b(selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin|rightJoin|fullJoin)\(\s*'(\w+)(?:\s+as\s+\w+)?'/g
for (const file of tsFiles) {
  const from = owner(file)
  if (!from.startsWith('capability:') || isTest(file)) continue
  const text = readFileSync(file, 'utf8')
  for (const match of text.matchAll(QUERY)) {
    const to = tableOwner.get(match[2])
    if (to && to !== from) foreignQueries.push(`${rel(file)}: ${match[1]}('${match[2]}') of ${to.replace(/^\w+:/, '')}`)
  }
}

const show = (items, format = x => x) => {
  if (list) for (const item of items) console.log(`    ${format(item)}`)
}
const capabilities = readdirSync(path.join(src, 'capabilities')).filter(name =>
  statSync(path.join(src, 'capabilities', name)).isDirectory(),
)
console.log(`Capabilities: ${capabilities.length} (${capabilities.join(', ')})`)
console.log(`Imports into another capability's internals (source): ${intoInternals.source.length}`)
console.log(`  from a capability: ${fromCapabilities.length}`)
show(fromCapabilities)
console.log(`  from src/core: ${fromCore.length}`)
show(fromCore)
console.log(`  from the app's wiring and plumbing (services.ts, app.ts, web/, demo/, cli …): ${fromApp.length}`)
show(fromApp)
console.log(`Imports into another capability's internals (tests): ${intoInternals.tests.length}`)
show(intoInternals.tests)
console.log(`Composition points (the schema's tables, the demo's loaders; allowed): ${intoInternals.composition.length}`)
show(intoInternals.composition)
console.log(`Imports from src/core into a capability: ${coreToCapability.length}`)
show(coreToCapability)
console.log(`Source files over 500 lines (demo data, migrations and tests aside): ${long.length}`)
show(long, f => `${f.file} (${f.lines})`)
console.log(`Calendar modules: ${calendarPlaces.size}`)
show([...calendarPlaces].sort())
console.log(`Queries on another capability's tables: ${foreignQueries.length}`)
show(foreignQueries)
console.log(`Import circles: ${allCircles.length} (runtime imports only: ${runtimeCircles.length})`)
show(allCircles, c => c.join(' ↔ '))
