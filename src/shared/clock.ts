/** The time, injected so tests can fix it. */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

export function fixedClock(at: Date | string): Clock & { set(at: Date | string): void; advanceMinutes(m: number): void } {
  let current = new Date(at)
  return {
    now: () => new Date(current),
    set: next => (current = new Date(next)),
    advanceMinutes: minutes => (current = new Date(current.getTime() + minutes * 60_000)),
  }
}
