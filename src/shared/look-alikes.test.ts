import { describe, expect, it } from 'vitest'

import { describeLookAlikes, findLookAlikes, hasMixedLookAlikes, lookAlikeProblem, withoutLookAlikes } from './look-alikes.ts'

describe('look-alike characters', () => {
  it('names each one by what it is and what it looks like', () => {
    expect(describeLookAlikes('ΑSB incidents')).toBe('the Greek capital Alpha, which looks like A')
    expect(describeLookAlikes('2024／25\u200b')).toBe('the fullwidth solidus, which looks like / and an invisible zero-width space')
    expect(describeLookAlikes('ASB incidents')).toBeNull()
    expect(findLookAlikes('aΑb')).toEqual([{ char: 'Α', index: 1, name: 'the Greek capital Alpha', looksLike: 'A' }])
  })

  it('gives a message to show, and the text as it was meant', () => {
    expect(lookAlikeProblem('ΑSB', 'The code')).toBe('The code has the Greek capital Alpha, which looks like A: type that character again on an ordinary keyboard')
    expect(lookAlikeProblem('ASB\u200b')).toBe('It has an invisible zero-width space: type it again without it')
    expect(withoutLookAlikes('ΑSB\u200b ２０２４')).toBe('ASB 2024')
  })

  it('leaves a name written wholly in Greek alone, but not one that mixes scripts in a word', () => {
    expect(hasMixedLookAlikes('Αθήνα')).toBe(false)
    expect(hasMixedLookAlikes('ΑSB incidents')).toBe(true)
  })
})
