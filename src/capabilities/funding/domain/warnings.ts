import { financialYearLabel } from '../../../core/calendar/index.ts'
import type { FigureName, YearEntries } from './funding.ts'
import { sumPence, type Pence } from './money.ts'
import type { YearFigures } from './year-figures.ts'

export interface Warning {
  text: string
  /** The figure or section the warning is about, for a link. */
  about: FigureName | 'allocations' | 'rollOvers' | 'sources'
}

/**
 * What a coordinator should look at: more allocated than available, allocations spent beyond their
 * amount, a forecast overspend, a roll-over larger than the year before left unspent, more allocated from
 * money administered for others than it holds, and confirmed money whose amount is not recorded.
 */
export function warningsFor(
  entries: Pick<YearEntries, 'allocations' | 'rollOvers' | 'streams'>,
  summary: YearFigures,
  previousYear: { startYear: number; forecastUnderspendPence: Pence | null } | null,
  format: (pence: Pence) => string,
): Warning[] {
  const warnings: Warning[] = []
  const { unallocated, forecastUnderspend } = summary.figures
  if (unallocated.totalPence < 0) {
    warnings.push({ about: 'unallocated', text: `Allocations are ${format(-unallocated.totalPence)} more than the money available.` })
  }
  for (const figures of summary.allocations.filter(a => a.isOverspent)) {
    const allocation = entries.allocations.find(a => a.id === figures.allocationId)!
    warnings.push({
      about: 'allocations',
      text: `${format(figures.spentPence + figures.committedPence - allocation.amountPence)} more has been spent or committed on “${allocation.purpose}” than was allocated.`,
    })
  }
  if (!forecastUnderspend.withheld && forecastUnderspend.totalPence < 0) {
    warnings.push({ about: 'forecastUnderspend', text: `The forecast is an overspend of ${format(-forecastUnderspend.totalPence)}.` })
  }
  for (const stream of entries.streams.filter(s => s.administeredForOthers)) {
    const allocated = sumPence(entries.allocations.filter(a => a.administeredStreamId === stream.id).map(a => a.amountPence))
    if (stream.amountPence !== null && allocated > stream.amountPence) {
      warnings.push({ about: 'administered', text: `Allocations from “${stream.name}” are ${format(allocated - stream.amountPence)} more than it holds.` })
    }
  }
  for (const stream of entries.streams.filter(s => s.status === 'confirmed' && s.amountPence === null)) {
    warnings.push({ about: 'sources', text: `“${stream.name}” is confirmed but its amount is not recorded, so it is not counted as available.` })
  }
  const rollOver = rollOverProblem(sumPence(entries.rollOvers.map(r => r.amountPence)), previousYear)
  if (rollOver) warnings.push({ about: 'rollOvers', text: rollOver(format) })
  return warnings
}

/**
 * A roll-over carries an approved underspend into the next year, so it cannot sensibly be more than the
 * year before is forecast to leave unspent. Only checked when that year is recorded and has a forecast (a
 * year with nothing allocated has none: its money may be entered as reserves instead).
 */
export function rollOverProblem(
  rollOverPence: Pence,
  previousYear: { startYear: number; forecastUnderspendPence: Pence | null } | null,
): ((format: (pence: Pence) => string) => string) | null {
  if (!previousYear || rollOverPence === 0 || previousYear.forecastUnderspendPence === null) return null
  const left = Math.max(0, previousYear.forecastUnderspendPence)
  if (rollOverPence <= left) return null
  return format =>
    `The roll-over of ${format(rollOverPence)} is more than ${financialYearLabel(previousYear.startYear)} is forecast to leave unspent (${format(left)}).`
}

/** The amount to suggest for a new roll-over: what the year before is forecast to leave unspent, less what has already been rolled over. */
export function suggestedRollOver(previousForecastUnderspendPence: Pence | null, alreadyRolledOverPence: Pence): Pence {
  if (previousForecastUnderspendPence === null) return 0
  return Math.max(0, previousForecastUnderspendPence - alreadyRolledOverPence)
}
