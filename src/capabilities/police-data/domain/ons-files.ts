/**
 * Recognises the ONS files CSP Hub reads, by their header (ONS column names carry the year of the
 * boundaries: LSOA11CD, WD21CD, LAD24CD…), and reads their rows. Pure: the importer feeds it rows.
 */

export type OnsFileKind =
  | { kind: 'lsoa_lookup'; vintage: 2011 | 2021; wardYear: number; columns: { lsoaCode: number; lsoaName: number; wardCode: number; wardName: number; districtCode: number; districtName: number } }
  | { kind: 'best_fit'; columns: { lsoa11Code: number; lsoa21Code: number; districtCode: number | null; districtName: number | null } }
  | { kind: 'ward_lookup'; wardYear: number; columns: { wardCode: number; wardName: number; districtCode: number; districtName: number } }
  | { kind: 'county_lookup'; columns: { districtCode: number; districtName: number; countyCode: number; countyName: number } }
  | { kind: 'district_population'; columns: { code: number; name: number; total: number } }
  | { kind: 'ward_population'; columns: { code: number; ages: number[] } }

export const ONS_KIND_LABELS: Record<OnsFileKind['kind'], string> = {
  lsoa_lookup: 'LSOA to ward to district lookup',
  best_fit: 'LSOA (2011) to LSOA (2021) best-fit lookup',
  ward_lookup: 'ward to district lookup',
  county_lookup: 'district to county (upper tier) lookup',
  district_population: 'district population estimates',
  ward_population: 'ward population estimates by single year of age',
}

function find(headers: string[], pattern: RegExp): { index: number; year: number | null } | null {
  const index = headers.findIndex(h => pattern.test(h))
  if (index === -1) return null
  const year = /(\d{2})(CD|NM)$/.exec(headers[index]!)
  return { index, year: year ? 2000 + Number(year[1]) : null }
}

/** What kind of ONS file this header belongs to, or a sentence saying it is none CSP Hub knows. */
export function recogniseOnsHeader(raw: readonly string[]): OnsFileKind | string {
  const headers = raw.map(h => h.replace(/^\uFEFF/, '').trim())
  const upper = headers.map(h => h.toUpperCase())
  const lsoa11 = find(upper, /^LSOA11CD$/)
  const lsoa21 = find(upper, /^LSOA21CD$/)
  const lsoaCode = find(upper, /^LSOA\d{2}CD$/)
  const lsoaName = find(upper, /^LSOA\d{2}NM$/)
  const wardCode = find(upper, /^WD\d{2}CD$/)
  const wardName = find(upper, /^WD\d{2}NM$/)
  const districtCode = find(upper, /^(LAD|LTLA)\d{2}CD$/)
  const districtName = find(upper, /^(LAD|LTLA)\d{2}NM$/)
  const countyCode = find(upper, /^UTLA\d{2}CD$/)
  const countyName = find(upper, /^UTLA\d{2}NM$/)

  if (lsoa11 && lsoa21) {
    return {
      kind: 'best_fit',
      columns: { lsoa11Code: lsoa11.index, lsoa21Code: lsoa21.index, districtCode: districtCode?.index ?? null, districtName: districtName?.index ?? null },
    }
  }
  if (lsoaCode && lsoaName && wardCode && wardName && districtCode && districtName) {
    const year = lsoaCode.year
    if (year !== 2011 && year !== 2021) return `The lookup uses ${year} LSOAs; police.uk uses 2011 or 2021 LSOAs`
    return {
      kind: 'lsoa_lookup',
      vintage: year,
      wardYear: wardCode.year ?? year,
      columns: { lsoaCode: lsoaCode.index, lsoaName: lsoaName.index, wardCode: wardCode.index, wardName: wardName.index, districtCode: districtCode.index, districtName: districtName.index },
    }
  }
  if (wardCode && wardName && districtCode && districtName && !lsoaCode) {
    return { kind: 'ward_lookup', wardYear: wardCode.year ?? 2021, columns: { wardCode: wardCode.index, wardName: wardName.index, districtCode: districtCode.index, districtName: districtName.index } }
  }
  if (districtCode && districtName && countyCode && countyName) {
    return { kind: 'county_lookup', columns: { districtCode: districtCode.index, districtName: districtName.index, countyCode: countyCode.index, countyName: countyName.index } }
  }
  const lower = headers.map(h => h.toLowerCase())
  const code = lower.indexOf('code')
  const name = lower.indexOf('name')
  const total = lower.findIndex(h => h === 'all ages' || h === 'all persons' || h === 'population')
  if (code !== -1 && name !== -1 && total !== -1) return { kind: 'district_population', columns: { code, name, total } }
  if (lower[0] === 'ward' || lower[0] === 'wd21cd' || lower[0] === 'code') {
    // Single years of age 0…90 (90 = 90 and over), each heading once; a repeated heading (the empty
    // column left over from reshaping ONS's spreadsheet) is ignored.
    const ages: number[] = []
    const seen = new Set<string>()
    for (let i = 1; i < lower.length; i++) {
      const heading = lower[i]!.replace(/\+$/, '')
      if (!/^\d{1,3}$/.test(heading) || seen.has(heading)) continue
      seen.add(heading)
      ages.push(i)
    }
    if (ages.length >= 90) return { kind: 'ward_population', columns: { code: 0, ages } }
  }
  return `The header (${headers.slice(0, 6).join(',')}${headers.length > 6 ? ',…' : ''}) is not one of the ONS files CSP Hub reads: an LSOA to ward to district lookup, the LSOA 2011 to 2021 lookup, a ward to district lookup, a district to county lookup, or mid-year population estimates by district or by ward`
}

const ONS_CODE = /^[EWSN]\d{8}$/

export const isOnsCode = (value: string) => ONS_CODE.test(value)

/** A whole number of people, trimmed ("87627 " is 87627); commas allowed ("87,627"). */
export function parsePopulation(value: string): number | null {
  const text = value.trim().replace(/,/g, '')
  if (!/^\d{1,9}$/.test(text)) return null
  return Number(text)
}

/** The mid-year in a file name: "Mid-2020_Persons…" → 2020. */
export function midYearFromFileName(fileName: string): number | null {
  const match = /mid[-_ ]?(\d{4})/i.exec(fileName)
  return match ? Number(match[1]) : null
}

/** The ward boundaries in a file name: "(2021_wards)" → 2021. */
export function wardYearFromFileName(fileName: string): number | null {
  const match = /(\d{4})[-_ ]?wards/i.exec(fileName) ?? /wards?[-_ ]?\(?(\d{4})/i.exec(fileName)
  return match ? Number(match[1]) : null
}
