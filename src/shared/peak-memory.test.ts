import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { describe, expect, it } from 'vitest'

import { peakMemoryBytes } from './peak-memory.ts'

const MB = 1024 * 1024
const module = path.join(path.dirname(fileURLToPath(import.meta.url)), 'peak-memory.ts')

describe('peak memory', () => {
  it('is at least the memory the process holds now', () => {
    expect(peakMemoryBytes()).toBeGreaterThanOrEqual(process.memoryUsage().rss * 0.9)
  })

  it.runIf(process.platform === 'linux')('is the process’s own, not the size of the larger process that started it', () => {
    // This process holds 400 MB (touched, so resident) when it starts the child.
    const held = Buffer.alloc(400 * MB, 1)
    expect(process.memoryUsage().rss).toBeGreaterThan(400 * MB)
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', `const { peakMemoryBytes } = await import(${JSON.stringify(module)}); console.log(peakMemoryBytes(), process.resourceUsage().maxRSS * 1024)`], {
      encoding: 'utf8',
    })
    expect(child.status, child.stderr).toBe(0)
    const [peak, inherited] = child.stdout.trim().split(' ').map(Number) as [number, number]
    // What getrusage says in the child: the parent's size, carried over the fork.
    expect(inherited).toBeGreaterThan(400 * MB)
    expect(peak).toBeLessThan(200 * MB)
    expect(held[held.length - 1]).toBe(1)
  })
})
