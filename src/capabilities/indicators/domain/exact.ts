/**
 * Exact arithmetic for performance figures. Everything CSP Hub stores has at most two decimal places
 * (counts, percentages to 0.01, pence), so each figure is a fraction of two BigInts and sums, ratios and
 * percentages are exact: rounding happens once, at the end, by a stated rule. (2,090 × 0.98 is 2,048.2
 * exactly, and 325 × 0.9 is 292.5 exactly, not 292.49999999999997.)
 */
export interface Fraction {
  readonly n: bigint
  /** Always positive. */
  readonly d: bigint
}

const SCALE = 100n

/** A stored figure (at most two decimal places) as an exact fraction. */
export function exact(value: number): Fraction {
  if (!Number.isFinite(value)) throw new RangeError(`Not a finite number: ${value}`)
  const scaled = Math.round(value * 100)
  if (!Number.isSafeInteger(scaled)) throw new RangeError(`Too large to hold exactly: ${value}`)
  return reduce({ n: BigInt(scaled), d: SCALE })
}

const ZERO: Fraction = { n: 0n, d: 1n }

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a
  let y = b
  while (y) [x, y] = [y, x % y]
  return x || 1n
}

function reduce(f: Fraction): Fraction {
  if (f.d === 0n) throw new RangeError('Division by zero')
  const sign = f.d < 0n ? -1n : 1n
  const g = gcd(f.n, f.d < 0n ? -f.d : f.d)
  return { n: (sign * f.n) / g, d: (sign * f.d) / g }
}

export const add = (a: Fraction, b: Fraction) => reduce({ n: a.n * b.d + b.n * a.d, d: a.d * b.d })
export const sub = (a: Fraction, b: Fraction) => reduce({ n: a.n * b.d - b.n * a.d, d: a.d * b.d })
export const mul = (a: Fraction, b: Fraction) => reduce({ n: a.n * b.n, d: a.d * b.d })
export const div = (a: Fraction, b: Fraction) => reduce({ n: a.n * b.d, d: a.d * b.n })
export const ratio = (n: number, d: number) => div(exact(n), exact(d))
export const isZero = (a: Fraction) => a.n === 0n
export const abs = (a: Fraction): Fraction => (a.n < 0n ? { n: -a.n, d: a.d } : a)

/** -1, 0 or 1 as a is less than, equal to or greater than b. */
export function compare(a: Fraction, b: Fraction): -1 | 0 | 1 {
  const diff = a.n * b.d - b.n * a.d
  return diff < 0n ? -1 : diff > 0n ? 1 : 0
}

export const sum = (values: Fraction[]) => values.reduce(add, ZERO)

/**
 * Round to `decimals` places, halves away from zero (as a spreadsheet's ROUND does): 2,048.2 → 2,048;
 * 292.5 → 293; 39.0769…% → 39.1%.
 */
export function roundHalfAwayFromZero(value: Fraction, decimals = 0): number {
  const scale = 10n ** BigInt(decimals)
  const scaled = value.n * scale
  const magnitude = scaled < 0n ? -scaled : scaled
  let whole = magnitude / value.d
  const remainder = magnitude % value.d
  if (remainder * 2n >= value.d) whole += 1n
  const signed = scaled < 0n ? -whole : whole
  return Number(`${signed}e-${decimals}`)
}

/** An approximate number, for charts and sorting only (never for a figure that is shown rounded). */
export const toNumber = (value: Fraction) => Number(value.n) / Number(value.d)
