import { describe, expect, it } from 'vitest'

import { Semaphore } from './semaphore.ts'

const deferred = () => {
  let resolve!: () => void
  const promise = new Promise<void>(r => (resolve = r))
  return { promise, resolve }
}

describe('Semaphore', () => {
  it('runs at most `limit` at a time, lets `maxWaiting` wait in order, and turns the rest away', async () => {
    const semaphore = new Semaphore(2, 1)
    const gates = [deferred(), deferred(), deferred()]
    const order: number[] = []
    const runs = gates.map((gate, i) =>
      semaphore.tryRun(async () => {
        order.push(i)
        await gate.promise
        return i
      }),
    )
    await Promise.resolve()
    expect(semaphore.active).toBe(2)
    expect(order).toEqual([0, 1])
    expect(await semaphore.tryRun(async () => 'late')).toBeUndefined()
    gates[0]!.resolve()
    expect(await runs[0]).toEqual({ value: 0 })
    await new Promise(resolve => setImmediate(resolve))
    expect(order).toEqual([0, 1, 2])
    gates[1]!.resolve()
    gates[2]!.resolve()
    expect(await Promise.all(runs.slice(1))).toEqual([{ value: 1 }, { value: 2 }])
    expect(semaphore.active).toBe(0)
    expect(await semaphore.tryRun(async () => 'after')).toEqual({ value: 'after' })
  })

  it('frees its place when the work fails', async () => {
    const semaphore = new Semaphore(1, 0)
    await expect(semaphore.tryRun(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    expect(await semaphore.tryRun(async () => 1)).toEqual({ value: 1 })
  })
})
