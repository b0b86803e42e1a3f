import { utcMonthOf } from '../../core/calendar/index.ts'
import type { Clock } from '../../shared/clock.ts'
import type { PoliceActualsProvider } from '../indicators/index.ts'

import type { PartnershipAreas } from './analysis-query.ts'
import { areaKindOfCode } from './domain/geography.ts'
import type { PoliceDataService } from './police-data-service.ts'

/** The first month police.uk street-level data exists for (December 2010). */
const FIRST_POLICE_MONTH = '2010-12'

/**
 * Indicators defined as "crime type(s) × area" take their monthly actuals from the imported police data.
 * The area is one of the partnership's areas: its own ONS code when it has a district, ward or LSOA code,
 * otherwise the codes of the areas within it (a policing area's wards); no area means the partnership's
 * districts. Months the data does not hold are left out, so an indicator never counts a missing month as 0.
 */
export function policeActualsProvider({ clock, policeData, partnershipAreas }: { clock: Clock; policeData: PoliceDataService; partnershipAreas: PartnershipAreas }): PoliceActualsProvider {
  async function codesOf(partnershipId: number, areaId: number | null): Promise<string[]> {
    const areas = await partnershipAreas(partnershipId)
    const onsCode = (area: { code: string | null }) => (area.code && areaKindOfCode(area.code.trim().toUpperCase()) ? area.code.trim().toUpperCase() : null)
    if (areaId === null) return areas.filter(a => a.type === 'district').map(onsCode).filter((c): c is string => c !== null)
    const codes: string[] = []
    const visit = (id: number) => {
      const area = areas.find(a => a.id === id)
      if (!area) return
      const code = onsCode(area)
      if (code) codes.push(code)
      else for (const child of areas.filter(a => a.parentId === id)) visit(child.id)
    }
    visit(areaId)
    return codes
  }

  return async ({ partnershipId, definition }) => {
    const areaCodes = await codesOf(partnershipId, definition.areaId)
    if (areaCodes.length === 0) return []
    const to = utcMonthOf(clock.now())
    const { months } = await policeData.countsByMonth({ crimeTypes: definition.crimeTypes, areaCodes, from: FIRST_POLICE_MONTH, to })
    return months.filter((m): m is { month: string; count: number } => m.count !== null)
  }
}
