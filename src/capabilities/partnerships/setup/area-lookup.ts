/**
 * The port the partnership structure reads ONS geography through (the police data capability implements
 * it from the ONS lookups it imports): districts found by name, and a district's wards and LSOAs.
 */
export interface DistrictMatch {
  code: string
  name: string
  /** The county of a two-tier district (E07), or null for a unitary, metropolitan or London borough. */
  countyName: string | null
}

export interface DistrictGeography extends DistrictMatch {
  /** Wards of the latest boundaries held. */
  wards: { code: string; name: string }[]
  /** 2021 LSOAs, with the ward each lies in when known. */
  lsoas: { code: string; name: string; wardCode: string | null }[]
  /** The police force whose data covers the district, as police.uk names it, when any is held. */
  policeForceName: string | null
}

export interface AreaLookup {
  findDistricts(name: string): Promise<DistrictMatch[]>
  district(code: string): Promise<DistrictGeography | undefined>
}
