import { randomBytes } from 'node:crypto'

/**
 * Erasing a person who leaves: wherever the records keep their name (the audit log's summaries, its values
 * before and after, who did what), a pseudonym takes its place, so the history still reads as one person's
 * doings without saying who.
 */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'

export function newPseudonym(): string {
  return `Former member ${[...randomBytes(4)].map(b => ALPHABET[b % ALPHABET.length]).join('')}`
}

/** The words to replace: names and addresses of three characters or more, longest first, once each. */
export function redactionTerms(values: (string | null | undefined)[]): string[] {
  const terms = new Map<string, string>()
  for (const value of values) {
    const term = value?.trim()
    if (term && term.length >= 3) terms.set(term.toLowerCase(), term)
  }
  return [...terms.values()].sort((a, b) => b.length - a.length)
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** A term as a whole word (or whole address), in any case. */
function patternOf(terms: string[]): RegExp | null {
  if (terms.length === 0) return null
  return new RegExp(`(?<![\\p{L}\\p{N}@.])(?:${terms.map(escape).join('|')})(?![\\p{L}\\p{N}])`, 'giu')
}

export function redactText(text: string, terms: string[], pseudonym: string): string {
  const pattern = patternOf(terms)
  return pattern ? text.replace(pattern, pseudonym) : text
}

/** Every string inside a JSON value (keys too), with the terms replaced. */
export function redactValue(value: unknown, terms: string[], pseudonym: string): unknown {
  if (typeof value === 'string') return redactText(value, terms, pseudonym)
  if (Array.isArray(value)) return value.map(v => redactValue(v, terms, pseudonym))
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [redactText(k, terms, pseudonym), redactValue(v, terms, pseudonym)]))
  }
  return value
}

/** Does a text contain one of the terms, as the redaction would find it? */
export function mentions(text: string | null | undefined, terms: string[]): boolean {
  const pattern = patternOf(terms)
  return Boolean(text && pattern && pattern.test(text))
}
