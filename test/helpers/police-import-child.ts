/**
 * A separate process that imports into a database, for the kill-mid-import test: it prints one JSON line
 * per progress report, so the test can kill it (SIGKILL) half-way through a file.
 *
 *   node --import tsx test/helpers/police-import-child.ts <postgres URL | PGlite folder> geography|police FILE…
 */
import { listPoliceFiles, onsImporter, policeImporter } from '../../src/capabilities/police-data/index.ts'
import { createDatabase } from '../../src/db/database.ts'
import { migrateToLatest } from '../../src/db/migrate.ts'

const [database, step, ...files] = process.argv.slice(2)
if (!database || !step) throw new Error('usage: police-import-child.ts DATABASE geography|police FILE…')
const handle = await createDatabase(database.startsWith('postgres') ? { databaseUrl: database, poolSize: 2 } : { dataDir: database })
await migrateToLatest(handle.db)
const actor = { userId: null, label: 'kill test' }
if (step === 'geography') {
  for (const file of files) await onsImporter(handle.db).importFile(file, { actor, midYear: 2020 })
} else {
  const outcomes = await policeImporter(handle).importFiles(await listPoliceFiles(files), {
    actor,
    onProgress: progress => process.stdout.write(`${JSON.stringify({ rows: progress.rowsDone })}\n`),
  })
  process.stdout.write(`${JSON.stringify({ outcomes: outcomes.map(o => o.status) })}\n`)
}
await handle.close()
process.stdout.write('{"done":true}\n')
