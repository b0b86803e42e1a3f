import { describe, expect, it } from 'vitest'

import { areaKindOfCode, derivePlaces, districtNameFromLsoaName, normaliseDistrictName, placeLsoa, type LookupLsoa } from './geography.ts'

// The Basildon LSOAs split in 2021 (from the real lookups): E01021278 (014E) became E01034354 (014F) and
// E01034355 (014G); the best-fit lookup has only 014E → 014F.
const lsoas: LookupLsoa[] = [
  { vintage: 2011, code: 'E01021278', name: 'Basildon 014E', wardCode: 'E05004026', districtCode: 'E07000066' },
  { vintage: 2011, code: 'E01021277', name: 'Basildon 014D', wardCode: 'E05004026', districtCode: 'E07000066' },
  { vintage: 2011, code: 'E01022645', name: 'Rochford 005B', wardCode: 'E05004048', districtCode: 'E07000075' },
  { vintage: 2021, code: 'E01021277', name: 'Basildon 014D', wardCode: 'E05013333', districtCode: 'E07000066' },
  { vintage: 2021, code: 'E01034354', name: 'Basildon 014F', wardCode: 'E05013333', districtCode: 'E07000066' },
  { vintage: 2021, code: 'E01034355', name: 'Basildon 014G', wardCode: 'E05013333', districtCode: 'E07000066' },
  { vintage: 2021, code: 'E01022645', name: 'Rochford 005B', wardCode: 'E05014999', districtCode: 'E07000075' },
]
const bestFits = [
  { lsoa11Code: 'E01021278', lsoa21Code: 'E01034354' },
  { lsoa11Code: 'E01021277', lsoa21Code: 'E01021277' },
  { lsoa11Code: 'E01022645', lsoa21Code: 'E01022645' },
]

describe('placing LSOAs of both vintages', () => {
  const places = new Map(derivePlaces(lsoas, bestFits).map(p => [p.code, p]))

  it('gives an LSOA in both vintages its December 2021 ward, and says it is in both', () => {
    expect(places.get('E01022645')).toMatchObject({ wardCode: 'E05004048', wardMethod: 'lookup', in2011: true, in2021: true })
  })

  it('places a new 2021 LSOA in the ward of the 2011 LSOA it best fits', () => {
    expect(places.get('E01034354')).toMatchObject({ districtCode: 'E07000066', wardCode: 'E05004026', wardMethod: 'best_fit', in2011: false, in2021: true })
  })

  it('places the part of a split LSOA the best-fit lookup leaves out through the LSOA that was split', () => {
    expect(places.get('E01034355')).toMatchObject({ wardCode: 'E05004026', wardMethod: 'split' })
  })

  it('keeps the 2011 LSOA that no longer exists, for the months that use it', () => {
    expect(places.get('E01021278')).toMatchObject({ in2011: true, in2021: false, wardCode: 'E05004026' })
  })

  it('falls back to the district prefix of the LSOA name when no lookup has the code', () => {
    const placement = { places: new Map(), districtsByName: new Map([[normaliseDistrictName('Bristol, City of'), 'E06000023']]) }
    expect(placeLsoa(placement, 'E01099999', 'Bristol 001A')).toMatchObject({ districtCode: 'E06000023', byName: true })
    expect(placeLsoa(placement, 'E01099999', 'Nowhere 001A')).toBeNull()
  })
})

describe('ONS codes and names', () => {
  it('tells districts, wards and LSOAs apart by their code', () => {
    expect(areaKindOfCode('E07000075')).toBe('district')
    expect(areaKindOfCode('E06000033')).toBe('district')
    expect(areaKindOfCode('W06000015')).toBe('district')
    expect(areaKindOfCode('E05004021')).toBe('ward')
    expect(areaKindOfCode('E01021296')).toBe('lsoa')
    expect(areaKindOfCode('E10000012')).toBeNull()
    expect(areaKindOfCode('Rochford')).toBeNull()
  })

  it('reads the district from an LSOA name', () => {
    expect(districtNameFromLsoaName('Rochford 005B')).toBe('Rochford')
    expect(districtNameFromLsoaName('Southend-on-Sea 010A')).toBe('Southend-on-Sea')
    expect(districtNameFromLsoaName('King’s Lynn and West Norfolk 001A')).toBe('King’s Lynn and West Norfolk')
    expect(districtNameFromLsoaName('Rochford')).toBeNull()
  })
})
