import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'

import { createDatabase, type DatabaseHandle } from '../database.ts'
import { createMigrator, migrateToLatest } from '../migrate.ts'

/** The migration that keeps final reports' documents, on a database that already has a report marked final. */
let handle: DatabaseHandle | undefined
afterAll(() => handle?.close())

describe('migration 0501-report-final-documents', () => {
  it('sets a report marked final before it back to a draft, since its document as issued cannot be made now', async () => {
    handle = await createDatabase({ dataDir: 'memory://' })
    const db = handle.db
    const { error } = await createMigrator(db).migrateTo('0500-reports')
    expect(error).toBeUndefined()
    const { id: partnershipId } = await db.insertInto('partnerships').values({ name: 'A partnership' }).returning('id').executeTakeFirstOrThrow()
    await sql`insert into reports (partnership_id, kind, title, year, status, finalised_at) values (${partnershipId}, 'performance_table', 'Final before', 2010, 'final', now()), (${partnershipId}, 'performance_table', 'Draft before', 2011, 'draft', null)`.execute(db)

    await migrateToLatest(db)
    const reports = await db.selectFrom('reports').select(['title', 'status', 'finalisedAt']).orderBy('id').execute()
    expect(reports).toEqual([
      { title: 'Final before', status: 'draft', finalisedAt: null },
      { title: 'Draft before', status: 'draft', finalisedAt: null },
    ])
    expect(await db.selectFrom('reportFinalDocuments').selectAll().execute()).toEqual([])
  })
})
