import { describe, expect, it } from 'vitest'

import { mentions, newPseudonym, redactionTerms, redactText, redactValue } from './pseudonym.ts'

const terms = redactionTerms(['Jo Bloggs', 'jo.bloggs@essex.police.uk', 'JO BLOGGS', null, 'Jo'])
const P = 'Former member K7MQ'

describe('replacing a person’s name with a pseudonym', () => {
  it('keeps names and addresses of three characters or more, once each, longest first', () => {
    expect(terms).toEqual(['jo.bloggs@essex.police.uk', 'JO BLOGGS'])
    expect(newPseudonym()).toMatch(/^Former member [A-Z2-9]{4}$/)
  })

  it('replaces whole names and addresses in any case, and nothing inside other words', () => {
    expect(redactText('Gave jo.bloggs@essex.police.uk the lead role', terms, P)).toBe(`Gave ${P} the lead role`)
    expect(redactText('Updated person “Jo Bloggs”; jo bloggs agreed', terms, P)).toBe(`Updated person “${P}”; ${P} agreed`)
    expect(redactText('Jo Bloggsworth and xjo.bloggs@essex.police.uk stay', terms, P)).toBe('Jo Bloggsworth and xjo.bloggs@essex.police.uk stay')
  })

  it('replaces inside the values recorded before and after a change, keys and all', () => {
    expect(redactValue({ name: 'Jo Bloggs', email: 'jo.bloggs@essex.police.uk', leads: ['Jo Bloggs (Police)'], id: 7, 'Jo Bloggs': true }, terms, P)).toEqual({
      name: P,
      email: P,
      leads: [`${P} (Police)`],
      id: 7,
      [P]: true,
    })
    expect(mentions('Signed in: jo.bloggs@essex.police.uk', terms)).toBe(true)
    expect(mentions('Signed in: someone else', terms)).toBe(false)
  })
})
