/**
 * At most `limit` holders at a time; up to `maxWaiting` more wait their turn in order, and anyone beyond
 * that is turned away at once (`tryRun` resolves to undefined) rather than piling up.
 */
export class Semaphore {
  #active = 0
  readonly #waiting: (() => void)[] = []
  constructor(
    readonly limit: number,
    readonly maxWaiting: number,
  ) {}

  get active(): number {
    return this.#active
  }

  /** Run `fn` when a place is free, or return undefined at once if too many are waiting already. */
  async tryRun<T>(fn: () => Promise<T>): Promise<{ value: T } | undefined> {
    if (this.#active >= this.limit) {
      if (this.#waiting.length >= this.maxWaiting) return undefined
      await new Promise<void>(resolve => this.#waiting.push(resolve))
    } else {
      this.#active++
    }
    try {
      return { value: await fn() }
    } finally {
      const next = this.#waiting.shift()
      if (next) next() // the place passes straight to the next in line
      else this.#active--
    }
  }
}
