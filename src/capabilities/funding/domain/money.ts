/**
 * Money is held as integer pence. People type amounts the way the seeds write them: "£12,337",
 * "12337", "£12,337.50", "5K", "3k", "2.5K", "£1.2m", "50p". This reads them without floating point:
 * the digits are shifted by the suffix (K = thousand, M = million) and must come to a whole number of
 * pence.
 */
export type Pence = number

/** The largest amount a form accepts: £100 million, far above any CSP budget and far below 2^53 pence. */
export const MAX_PENCE: Pence = 100_000_000_00

export type MoneyProblem = 'empty' | 'format' | 'fraction_of_penny' | 'negative' | 'too_large'

export type MoneyResult = { ok: true; pence: Pence } | { ok: false; problem: MoneyProblem }

// £ optional, then digits (plain or grouped in threes by commas), optional decimals, optional K/M suffix.
const POUNDS = /^£?\s*((?:\d{1,3}(?:,\d{3})+)|\d+)?(?:\.(\d+))?\s*([km])?$/i
const PENCE = /^(\d+)\s*p$/i

export function parseMoney(input: string | null | undefined): MoneyResult {
  const text = (input ?? '').trim().replace(/\s+/g, ' ')
  if (text === '') return { ok: false, problem: 'empty' }
  if (/^[-−–(]/.test(text) || /^£\s*[-−–]/.test(text)) return { ok: false, problem: 'negative' }

  const pence = PENCE.exec(text)
  if (pence) return checkSize(BigInt(pence[1]!))

  const match = POUNDS.exec(text)
  if (!match) return { ok: false, problem: 'format' }
  const [, whole = '', fraction = '', suffix = ''] = match
  if (whole === '' && fraction === '') return { ok: false, problem: 'format' }
  // A grouped number must be grouped properly: "1,23" or "12,3456" are not amounts.
  const digits = whole.replaceAll(',', '')
  // Pounds become pence by shifting two places, K by five, M by eight.
  const shift = suffix === '' ? 2 : suffix.toLowerCase() === 'k' ? 5 : 8
  if (fraction.length > shift) {
    // Digits beyond the shift must all be zero ("12.500" is still £12.50).
    if (!/^0*$/.test(fraction.slice(shift))) return { ok: false, problem: 'fraction_of_penny' }
  }
  const kept = fraction.slice(0, shift).padEnd(shift, '0')
  return checkSize(BigInt((digits || '0') + kept))
}

function checkSize(value: bigint): MoneyResult {
  if (value > BigInt(MAX_PENCE)) return { ok: false, problem: 'too_large' }
  return { ok: true, pence: Number(value) }
}

/** The message for a money field, in GOV.UK wording, naming the field ("the grant amount"). */
export function moneyMessage(problem: MoneyProblem, what: string): string {
  switch (problem) {
    case 'empty':
      return `Enter ${what}`
    case 'format':
      return `${capitalise(what)} must be an amount in pounds, like £12,337, £12,337.50 or 5K`
    case 'fraction_of_penny':
      return `${capitalise(what)} must be in pounds and pence, with no more than 2 decimal places, like £12,337.50`
    case 'negative':
      return `${capitalise(what)} must be £0 or more`
    case 'too_large':
      return `${capitalise(what)} must be less than £100 million`
  }
}

function capitalise(text: string): string {
  const bare = text.replace(/^(the|a|an) /i, '')
  return bare.charAt(0).toUpperCase() + bare.slice(1)
}

/** An amount as a form shows it for editing: 1233700 → "12337", 1233750 → "12337.50". */
export function penceToInput(pence: Pence | null | undefined): string {
  if (pence === null || pence === undefined) return ''
  const whole = Math.trunc(pence / 100)
  const part = pence % 100
  return part === 0 ? String(whole) : `${whole}.${String(part).padStart(2, '0')}`
}

/** Pounds as a spreadsheet number: 1233750 → 12337.5. */
export function penceToPounds(pence: Pence): number {
  return pence / 100
}

export function sumPence(values: readonly Pence[]): Pence {
  let total = 0
  for (const value of values) total += value
  return total
}
