import { describe, expect, it } from 'vitest'

import { proposedAuthorities } from './responsible-authorities.ts'

describe('the statutory responsible authorities of a district', () => {
  it('in a two-tier district: the district and county councils, the force from the police data, fire, probation and health', () => {
    expect(proposedAuthorities({ code: 'E07000075', name: 'Rochford', countyName: 'Essex', policeForceName: 'Essex Police' }).map(a => [a.authorityType, a.name])).toEqual([
      ['district_council', 'Rochford District Council'],
      ['county_council', 'Essex County Council'],
      ['police', 'Essex Police'],
      ['fire_and_rescue', 'Essex Fire and Rescue Service'],
      ['probation', 'Probation Service'],
      ['health', 'NHS Essex Integrated Care Board'],
    ])
  })

  it('in a unitary area: one council and no county council; names from the area when no police data is held', () => {
    expect(proposedAuthorities({ code: 'E06000033', name: 'Southend-on-Sea', countyName: null, policeForceName: null }).map(a => [a.authorityType, a.name])).toEqual([
      ['district_council', 'Southend-on-Sea Council'],
      ['police', 'Southend-on-Sea Police'],
      ['fire_and_rescue', 'Southend-on-Sea Fire and Rescue Service'],
      ['probation', 'Probation Service'],
      ['health', 'NHS Southend-on-Sea Integrated Care Board'],
    ])
  })
})
