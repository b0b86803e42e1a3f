/**
 * Characters that look like the letters, digits and signs of codes and names but are not them: the Greek
 * capital Alpha that looks like A, the Cyrillic small o, a fullwidth 2, an invisible zero-width space. Text
 * pasted from a PDF or a web page brings them in; a code with one is not the code, and a name with one is not
 * the name it looks like. Messages name the character, so a person can see what to type again.
 */

interface LookAlikeEntry {
  /** "the Greek capital Alpha" */
  name: string
  /** What it looks like: "A". Empty for an invisible character. */
  looksLike: string
}

const GREEK_CAPITALS: [string, string, string][] = [
  ['Α', 'Alpha', 'A'],
  ['Β', 'Beta', 'B'],
  ['Ε', 'Epsilon', 'E'],
  ['Ζ', 'Zeta', 'Z'],
  ['Η', 'Eta', 'H'],
  ['Ι', 'Iota', 'I'],
  ['Κ', 'Kappa', 'K'],
  ['Μ', 'Mu', 'M'],
  ['Ν', 'Nu', 'N'],
  ['Ο', 'Omicron', 'O'],
  ['Ρ', 'Rho', 'P'],
  ['Τ', 'Tau', 'T'],
  ['Υ', 'Upsilon', 'Y'],
  ['Χ', 'Chi', 'X'],
]
const GREEK_SMALL: [string, string, string][] = [
  ['ο', 'omicron', 'o'],
  ['α', 'alpha', 'a'],
  ['ι', 'iota', 'i'],
  ['κ', 'kappa', 'k'],
  ['ν', 'nu', 'v'],
  ['ρ', 'rho', 'p'],
  ['υ', 'upsilon', 'u'],
]
const CYRILLIC_CAPITALS: [string, string, string][] = [
  ['А', 'A', 'A'],
  ['В', 'Ve', 'B'],
  ['Е', 'Ie', 'E'],
  ['К', 'Ka', 'K'],
  ['М', 'Em', 'M'],
  ['Н', 'En', 'H'],
  ['О', 'O', 'O'],
  ['Р', 'Er', 'P'],
  ['С', 'Es', 'C'],
  ['Т', 'Te', 'T'],
  ['У', 'U', 'Y'],
  ['Х', 'Ha', 'X'],
  ['І', 'Byelorussian-Ukrainian I', 'I'],
  ['Ј', 'Je', 'J'],
  ['Ѕ', 'Dze', 'S'],
]
const CYRILLIC_SMALL: [string, string, string][] = [
  ['а', 'a', 'a'],
  ['е', 'ie', 'e'],
  ['о', 'o', 'o'],
  ['р', 'er', 'p'],
  ['с', 'es', 'c'],
  ['у', 'u', 'y'],
  ['х', 'ha', 'x'],
  ['і', 'Byelorussian-Ukrainian i', 'i'],
  ['ј', 'je', 'j'],
  ['ѕ', 'dze', 's'],
]

const TABLE = new Map<string, LookAlikeEntry>([
  ...GREEK_CAPITALS.map(([c, name, like]) => [c, { name: `the Greek capital ${name}`, looksLike: like }] as const),
  ...GREEK_SMALL.map(([c, name, like]) => [c, { name: `the Greek small ${name}`, looksLike: like }] as const),
  ...CYRILLIC_CAPITALS.map(([c, name, like]) => [c, { name: `the Cyrillic capital ${name}`, looksLike: like }] as const),
  ...CYRILLIC_SMALL.map(([c, name, like]) => [c, { name: `the Cyrillic small ${name}`, looksLike: like }] as const),
  ['／', { name: 'the fullwidth solidus', looksLike: '/' }],
  ['⁄', { name: 'the fraction slash', looksLike: '/' }],
  ['∕', { name: 'the division slash', looksLike: '/' }],
  ['－', { name: 'the fullwidth hyphen-minus', looksLike: '-' }],
  ['\u00a0', { name: 'a non-breaking space', looksLike: ' ' }],
  ['\u200b', { name: 'an invisible zero-width space', looksLike: '' }],
  ['\u200c', { name: 'an invisible zero-width non-joiner', looksLike: '' }],
  ['\u200d', { name: 'an invisible zero-width joiner', looksLike: '' }],
  ['\u2060', { name: 'an invisible word joiner', looksLike: '' }],
  ['\ufeff', { name: 'an invisible byte order mark', looksLike: '' }],
  ['\u00ad', { name: 'an invisible soft hyphen', looksLike: '' }],
])
for (let i = 0; i < 10; i++) TABLE.set(String.fromCharCode(0xff10 + i), { name: `the fullwidth digit ${i}`, looksLike: String(i) })
for (let i = 0; i < 26; i++) {
  const capital = String.fromCharCode(65 + i)
  TABLE.set(String.fromCharCode(0xff21 + i), { name: `the fullwidth capital ${capital}`, looksLike: capital })
  TABLE.set(String.fromCharCode(0xff41 + i), { name: `the fullwidth small ${capital.toLowerCase()}`, looksLike: capital.toLowerCase() })
}

export interface LookAlike {
  char: string
  /** Position in the text, from 0. */
  index: number
  name: string
  looksLike: string
}

/** Every look-alike character in a text, in order. */
export function findLookAlikes(text: string): LookAlike[] {
  const found: LookAlike[] = []
  let index = 0
  for (const char of text) {
    const entry = TABLE.get(char)
    if (entry) found.push({ char, index, ...entry })
    index += char.length
  }
  return found
}

/** "the Greek capital Alpha, which looks like A"; "an invisible zero-width space". */
export function describeLookAlike(lookAlike: Pick<LookAlike, 'name' | 'looksLike'>): string {
  if (lookAlike.looksLike === '') return lookAlike.name
  if (lookAlike.looksLike === ' ') return `${lookAlike.name}, which looks like a space`
  return `${lookAlike.name}, which looks like ${lookAlike.looksLike}`
}

/** The look-alikes of a text in words, each kind once: "the Greek capital Alpha, which looks like A, and …". */
export function describeLookAlikes(text: string): string | null {
  const kinds = [...new Map(findLookAlikes(text).map(l => [l.char, l])).values()].map(describeLookAlike)
  if (!kinds.length) return null
  return kinds.length === 1 ? kinds[0]! : `${kinds.slice(0, -1).join(', ')} and ${kinds.at(-1)}`
}

/**
 * The text with each look-alike replaced by what it looks like (invisible ones dropped): to compare a typed
 * code or name with the one it was meant to be.
 */
export function withoutLookAlikes(text: string): string {
  let out = ''
  for (const char of text) out += TABLE.get(char)?.looksLike ?? char
  return out
}

/**
 * A message for a code or name that has look-alike characters, or null when it has none:
 * "“ΑSB incidents” has the Greek capital Alpha, which looks like A: type it again with the ordinary letter".
 */
export function lookAlikeProblem(text: string, what = 'It'): string | null {
  const described = describeLookAlikes(text)
  if (!described) return null
  const lookAlikes = findLookAlikes(text)
  const invisible = lookAlikes.every(l => l.looksLike === '' || l.looksLike === ' ')
  const how = invisible ? 'type it again without it' : `type ${lookAlikes.length === 1 ? 'that character' : 'those characters'} again on an ordinary keyboard`
  return `${what} has ${described}: ${how}`
}

/**
 * Whether a name mixes look-alike letters with ordinary Latin letters in one word ("ΑSB" with a Greek Alpha).
 * A name written wholly in Greek or Cyrillic is left alone; an invisible character always counts.
 */
export function hasMixedLookAlikes(text: string): boolean {
  for (const word of text.split(/\s+/)) {
    const lookAlikes = findLookAlikes(word)
    if (lookAlikes.some(l => l.looksLike === '')) return true
    if (lookAlikes.length && /[A-Za-z0-9]/.test(word)) return true
  }
  return false
}
