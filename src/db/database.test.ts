import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'

import { createDatabase } from './database.ts'
import { Mutex } from './pglite-dialect.ts'

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

describe('the embedded database’s lock', () => {
  it('lets the event loop answer other work between two holders, rather than running a queue of queries back to back', async () => {
    const mutex = new Mutex()
    const order: string[] = []
    // Twenty holders queued at once, each busy on the thread as a PGlite query is; a request's I/O comes in between.
    const holders = Array.from({ length: 20 }, (_, i) => mutex.run(async () => void order.push(`holder ${i}`)))
    setImmediate(() => order.push('other work'))
    await Promise.all(holders)
    expect(order.indexOf('other work')).toBeGreaterThan(-1)
    expect(order.indexOf('other work')).toBeLessThan(3)
  })
})
