import type { AuthorityType } from './structure.ts'

/**
 * The statutory responsible authorities of a district's Community Safety Partnership (Crime and Disorder
 * Act 1998, s.5): the council, the county council where local government is two-tier, the police, fire and
 * rescue, probation and health. Their names are a first guess from the area's names, to be checked: a
 * council may be a borough or city council, and health is the area's integrated care board.
 */
export interface ProposedAuthority {
  authorityType: AuthorityType
  name: string
  hint: string
}

export function proposedAuthorities(district: { code: string; name: string; countyName: string | null; policeForceName: string | null }): ProposedAuthority[] {
  const twoTier = district.countyName !== null
  const wider = district.countyName ?? district.name
  const council = district.code.startsWith('E07') ? `${district.name} District Council` : `${district.name} Council`
  const list: ProposedAuthority[] = [
    { authorityType: 'district_council', name: council, hint: 'Check the council’s own name: it may be a borough or city council' },
  ]
  if (twoTier) list.push({ authorityType: 'county_council', name: `${district.countyName} County Council`, hint: 'Two-tier: the county council is a responsible authority too' })
  list.push(
    {
      authorityType: 'police',
      name: district.policeForceName ?? `${wider} Police`,
      hint: district.policeForceName ? 'The force whose police.uk data covers the district' : 'The police force of the area',
    },
    { authorityType: 'fire_and_rescue', name: `${wider} Fire and Rescue Service`, hint: 'The fire and rescue authority of the area' },
    { authorityType: 'probation', name: 'Probation Service', hint: 'The Probation Service region, for example Probation Service – East of England' },
    { authorityType: 'health', name: `NHS ${wider} Integrated Care Board`, hint: 'The integrated care board that covers the district' },
  )
  return list
}
