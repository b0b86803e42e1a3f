/**
 * ONS geography as the police data needs it: which district (and ward) each LSOA lies in, across the two
 * LSOA vintages police.uk has used (2011 codes until the 2021 census boundaries, 2021 codes since).
 *
 * A code that exists in both vintages is the same area (ONS kept the code only where the boundary did not
 * change), so one table of places, keyed by code, serves both. Wards are always December 2021 wards (WD21),
 * the boundaries of the mid-2020 ward population estimates, so a ward's figures compare like with like
 * across the boundary change:
 *  - a 2011 LSOA takes its ward from the LSOA (2011) → ward (2021) lookup;
 *  - a 2021 LSOA whose code is new takes the ward of the 2011 LSOA it best fits (ONS best-fit lookup);
 *  - a 2021 LSOA made by splitting a 2011 LSOA, which the best-fit lookup leaves out, takes the ward of
 *    the 2011 LSOA that was split (the one of the same MSOA whose code no longer exists in 2021).
 * Districts likewise come from the 2011 lookup (December 2021 districts) where the code has one, so
 * trends compare like with like; otherwise from the 2021 lookup.
 */

export type LsoaVintage = 2011 | 2021

export interface LookupLsoa {
  code: string
  name: string
  vintage: LsoaVintage
  wardCode: string | null
  districtCode: string
}

export interface BestFit {
  lsoa11Code: string
  lsoa21Code: string
}

export type WardMethod = 'lookup' | 'best_fit' | 'split' | null

export interface LsoaPlace {
  code: string
  name: string
  districtCode: string
  /** How the district was found: from an ONS lookup, or from the district name at the start of the LSOA name. */
  districtMethod: 'lookup' | 'name_prefix'
  /** December 2021 ward (WD21), or null when it cannot be told. */
  wardCode: string | null
  wardMethod: WardMethod
  in2011: boolean
  in2021: boolean
}


export type AreaKind = 'district' | 'ward' | 'lsoa'

/** ONS codes say what they are: E01/W01 LSOAs, E05/W05 wards, E06–E09 and W06 local authority districts. */
export function areaKindOfCode(code: string): AreaKind | null {
  if (/^[EW]01\d{6}$/.test(code)) return 'lsoa'
  if (/^[EW]05\d{6}$/.test(code)) return 'ward'
  if (/^(E0[6-9]|W06)\d{6}$/.test(code)) return 'district'
  return null
}

/** "Rochford 005B" → "Rochford"; "Southend-on-Sea 010A" → "Southend-on-Sea". */
export function districtNameFromLsoaName(name: string): string | null {
  const match = /^(.+?) \d{3}[A-Z]$/.exec(name.trim())
  return match ? match[1]! : null
}

/** The MSOA part of an LSOA name: "Basildon 014G" → "Basildon 014". */
function msoaOfLsoaName(name: string): string | null {
  const match = /^(.+? \d{3})[A-Z]$/.exec(name.trim())
  return match ? match[1]! : null
}

/** District names as LSOA names start with them: "Bristol, City of" is "Bristol" there. */
export function normaliseDistrictName(name: string): string {
  return name
    .replace(/,\s*(City|County) of$/i, '')
    .trim()
    .toLowerCase()
}

/**
 * One place per LSOA code from the lookups (see the module comment).
 */
export function derivePlaces(lsoas: readonly LookupLsoa[], bestFits: readonly BestFit[]): LsoaPlace[] {
  const by2011 = new Map<string, LookupLsoa>()
  const by2021 = new Map<string, LookupLsoa>()
  for (const lsoa of lsoas) (lsoa.vintage === 2011 ? by2011 : by2021).set(lsoa.code, lsoa)

  // 2021 code → the 2011 LSOA it best fits (the lowest code when several 2011 LSOAs merged into it).
  const parentOf21 = new Map<string, string>()
  for (const fit of [...bestFits].sort((a, b) => a.lsoa11Code.localeCompare(b.lsoa11Code))) {
    if (!parentOf21.has(fit.lsoa21Code)) parentOf21.set(fit.lsoa21Code, fit.lsoa11Code)
  }
  // 2011 LSOAs that no longer exist in 2021 (split or merged), by MSOA name: candidates for split children.
  const gone2011ByMsoa = new Map<string, LookupLsoa[]>()
  if (by2021.size) {
    for (const lsoa of by2011.values()) {
      if (by2021.has(lsoa.code)) continue
      const msoa = msoaOfLsoaName(lsoa.name)
      if (!msoa) continue
      const list = gone2011ByMsoa.get(msoa) ?? []
      list.push(lsoa)
      gone2011ByMsoa.set(msoa, list)
    }
  }

  const places: LsoaPlace[] = []
  for (const lsoa of by2011.values()) {
    places.push({
      code: lsoa.code,
      name: by2021.get(lsoa.code)?.name ?? lsoa.name,
      districtCode: lsoa.districtCode,
      districtMethod: 'lookup',
      wardCode: lsoa.wardCode,
      wardMethod: lsoa.wardCode ? 'lookup' : null,
      in2011: true,
      in2021: by2021.has(lsoa.code),
    })
  }
  for (const lsoa of by2021.values()) {
    if (by2011.has(lsoa.code)) continue
    let parent: LookupLsoa | undefined
    let method: WardMethod = null
    const fitted = parentOf21.get(lsoa.code)
    if (fitted && by2011.has(fitted)) {
      parent = by2011.get(fitted)
      method = 'best_fit'
    } else {
      // Left out of the best-fit lookup: a part of a split 2011 LSOA. Its parent is the 2011 LSOA of the
      // same MSOA that no longer exists; when several did, they must agree on the ward.
      const msoa = msoaOfLsoaName(lsoa.name)
      const candidates = (msoa ? gone2011ByMsoa.get(msoa) : undefined) ?? []
      const wards = new Set(candidates.map(c => c.wardCode))
      if (candidates.length > 0 && wards.size === 1) {
        parent = candidates[0]
        method = 'split'
      }
    }
    places.push({
      code: lsoa.code,
      name: lsoa.name,
      districtCode: parent?.districtCode ?? lsoa.districtCode,
      districtMethod: 'lookup',
      wardCode: parent?.wardCode ?? null,
      wardMethod: parent?.wardCode ? method : null,
      in2011: false,
      in2021: true,
    })
  }
  return places
}

/** What the importer knows of places, to put each record in its district. */
export interface KnownPlace {
  districtCode: string
  in2011: boolean
  in2021: boolean
  /** Placed earlier by the district name in its LSOA name (no lookup has it). */
  byName?: boolean
}

export interface Placement {
  places: Map<string, KnownPlace>
  /** normaliseDistrictName(name) → district code */
  districtsByName: ReadonlyMap<string, string>
}

export interface Placed {
  districtCode: string
  byName: boolean
  in2011: boolean
  in2021: boolean
}

/** The district of an LSOA: from the lookups, else from the district name its own name starts with. */
export function placeLsoa(placement: Placement, code: string, name: string): Placed | null {
  const place = placement.places.get(code)
  if (place) return { districtCode: place.districtCode, byName: place.byName ?? false, in2011: place.in2011, in2021: place.in2021 }
  const districtName = districtNameFromLsoaName(name)
  const districtCode = districtName ? placement.districtsByName.get(normaliseDistrictName(districtName)) : undefined
  return districtCode ? { districtCode, byName: true, in2011: false, in2021: false } : null
}
