import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'

import { createDatabase } from './database.ts'

describe('the embedded database', () => {
  it('keeps a 16 MB buffer cache, so an import does not grow the process by PostgreSQL’s default 128 MB', async () => {
    const database = await createDatabase({ dataDir: 'memory://' })
    try {
      const { rows } = await sql<{ sharedBuffers: string }>`show shared_buffers`.execute(database.db)
      expect(rows[0]?.sharedBuffers).toBe('16MB')
    } finally {
      await database.close()
    }
  })
})
