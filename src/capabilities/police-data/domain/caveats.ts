import { describeMonths, type Month } from '../../../core/calendar/index.ts'

/**
 * The caveats that travel with police.uk figures: on every table, chart, download and document. Users
 * have been misled by crime maps that say none of this.
 */

export interface CaveatContext {
  /** Months of the chosen period with no data for the area's force. */
  missingMonths: readonly Month[]
  /** The LSOA vintage of each month held in the period. */
  vintages: readonly { month: Month; vintage: '2011' | '2021' | 'mixed' | 'either' }[]
  /** The population a rate uses, if any. */
  population?: { description: string } | null | undefined
  /** The figures include ward or LSOA breakdowns. */
  belowDistrict?: boolean | undefined
  /** Records of the force in the period that have no location and so are in no area. */
  rowsWithoutLocation?: number | undefined
  /** Records placed in a district only by the district name in their LSOA name. */
  rowsPlacedByName?: number | undefined
}

const APPROXIMATE_LOCATIONS =
  'Locations are approximate: police.uk moves each record to the nearest of a set of anonymous map points, so a point or an LSOA is not an address, and small areas can gain or lose records.'

export const OFFENCES_NOT_TOLD_APART =
  'Some offences cannot be told apart in this data: domestic abuse, hate crime and alcohol-related crime, for example, are recorded under their crime type (such as violence and sexual offences) with no flag; residential and business burglary are both “Burglary”.'

export const OGL = 'Contains public sector information licensed under the Open Government Licence v3.0.'
export const ONS_ATTRIBUTION = 'Source: Office for National Statistics licensed under the Open Government Licence v3.0. Contains OS data © Crown copyright and database right.'

export const POLICE_SOURCE = 'Source: data.police.uk street-level crime and anti-social behaviour, as imported into CSP Hub.'

function vintageSentence(vintages: CaveatContext['vintages']): string | null {
  if (!vintages.length) return null
  const of = (v: string) => vintages.filter(x => x.vintage === v).map(x => x.month)
  const old = [...of('2011')]
  const current = [...of('2021')]
  const mixed = of('mixed')
  const parts: string[] = []
  if (old.length) parts.push(`${describeMonths(old)} use 2011 LSOA boundaries`)
  if (current.length) parts.push(`${describeMonths(current)} use 2021 LSOA boundaries`)
  if (mixed.length) parts.push(`${describeMonths(mixed)} mix 2011 and 2021 LSOA codes`)
  const both = old.length > 0 && current.length > 0
  let sentence = parts.length ? `LSOA boundaries: ${parts.join('; ')}.` : 'LSOA boundaries: every LSOA in these months is the same in the 2011 and 2021 boundaries.'
  if (both) sentence += ' A few LSOAs were split or merged in 2021 (they appear under different codes before and after); districts and wards compare like with like across the change.'
  return sentence
}

export function caveatsFor(context: CaveatContext): string[] {
  const caveats = [APPROXIMATE_LOCATIONS, OFFENCES_NOT_TOLD_APART]
  if (context.missingMonths.length) {
    caveats.push(`Months missing from the chosen period: ${describeMonths(context.missingMonths)}. No data is held for them; they are shown as blank, not zero, and totals leave them out.`)
  }
  const vintage = vintageSentence(context.vintages)
  if (vintage) caveats.push(vintage)
  if (context.belowDistrict) {
    caveats.push(
      'Ward figures use December 2021 wards. Records with 2021 LSOA codes are placed in those wards through the ONS best-fit lookup from 2021 to 2011 LSOAs (and, for LSOAs made by splitting one, through the LSOA they were split from): an approximation.',
    )
  }
  if (context.population) caveats.push(`Rates per 1,000 residents use ${context.population.description}.`)
  else caveats.push('No population figure is held for this area, so no rate per 1,000 residents is given.')
  if (context.rowsWithoutLocation) {
    caveats.push(`${context.rowsWithoutLocation.toLocaleString('en-GB')} records of the force in this period have no location and are in no area’s figures.`)
  }
  if (context.rowsPlacedByName) {
    caveats.push(`${context.rowsPlacedByName.toLocaleString('en-GB')} records were placed in their district by the district name in their LSOA name, because their LSOA is in no ONS lookup imported.`)
  }
  return caveats
}
