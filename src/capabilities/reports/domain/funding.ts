import { formatMoney } from '../../../shared/format.ts'
import type { ReportFundingSummary } from '../../funding/index.ts'
import { financialYearLabel } from '../../../core/calendar/index.ts'
import type { TableBlock } from '../../../core/documents/model.ts'

/**
 * A financial year's money as the committee report states it (seed 004, 3.3 and 6.1): the grant and other
 * streams, the underspend rolled over from the year before, what is allocated, spent and committed, and the
 * forecast underspend. The funding capability sums the figures (funding-service.ts `reportSummary`); the
 * documents only put them into words and tables. Money is integer pence.
 */
export type FundingSummary = ReportFundingSummary

/** The sentences of the report's background (3.3 in seed 004), from the figures. */
export function fundingSentences(summary: FundingSummary): string[] {
  const year = financialYearLabel(summary.financialYear)
  const sentences: string[] = []
  const streams = summary.streams.filter(stream => stream.amountPence !== 0)
  if (streams.length === 1) sentences.push(`Funding from ${streams[0]!.name} for ${year} amounted to ${formatMoney(streams[0]!.amountPence)}.`)
  else if (streams.length > 1) {
    sentences.push(`Funding for ${year} amounted to ${formatMoney(streams.reduce((sum, s) => sum + s.amountPence, 0))}: ${streams.map(s => `${s.name} ${formatMoney(s.amountPence)}`).join('; ')}.`)
  }
  const reservesPence = (summary.reserves ?? []).reduce((sum, r) => sum + r.amountPence, 0)
  const total = `giving ${formatMoney(summary.availablePence)} in all`
  if (summary.rollOverPence > 0) {
    sentences.push(
      `In addition, an underspend of ${formatMoney(summary.rollOverPence)} from ${financialYearLabel(summary.financialYear - 1)} was approved for roll over into ${year}${reservesPence > 0 ? '' : `, ${total}`}.`,
    )
  }
  if (reservesPence > 0) sentences.push(`${summary.rollOverPence > 0 ? 'A further' : 'In addition,'} ${formatMoney(reservesPence)} was drawn from reserves, ${total}.`)
  if (summary.forecastUnderspendPence === null || (summary.allocatedPence === 0 && summary.spentPence === 0 && summary.committedPence === 0)) {
    // Nothing allocated yet: a "forecast underspend" of everything available would mislead the committee.
    sentences.push(`No allocations or spending are recorded for ${year}.`)
    return sentences
  }
  sentences.push(
    `Of this, ${formatMoney(summary.allocatedPence)} has been allocated and ${formatMoney(summary.spentPence)} spent${summary.committedPence ? `, with ${formatMoney(summary.committedPence)} committed` : ''}.`,
  )
  if (summary.forecastUnderspendPence === null) return sentences
  if (summary.forecastUnderspendPence > 0) sentences.push(`The forecast underspend for the year is ${formatMoney(summary.forecastUnderspendPence)}.`)
  else if (summary.forecastUnderspendPence < 0) sentences.push(`The forecast is an overspend of ${formatMoney(-summary.forecastUnderspendPence)}.`)
  else sentences.push('The budget is forecast to be spent in full.')
  return sentences
}

export function fundingTableBlock(summary: FundingSummary): TableBlock {
  const money = (pence: number) => formatMoney(pence)
  return {
    kind: 'table',
    caption: `Funding for ${financialYearLabel(summary.financialYear)}`,
    columns: [
      { header: 'Item', width: 4 },
      { header: 'Amount', width: 1.5, numeric: true },
    ],
    rowHeaders: true,
    rows: [
      ...summary.streams.map(stream => ({ cells: [stream.note ? { lines: [stream.name, { text: stream.note, small: true }] } : stream.name, money(stream.amountPence)] })),
      ...(summary.rollOverPence ? [{ cells: [`Underspend rolled over from ${financialYearLabel(summary.financialYear - 1)}`, money(summary.rollOverPence)] }] : []),
      ...(summary.reserves ?? []).map(r => ({ cells: [`Drawn from reserves: ${r.name}`, money(r.amountPence)] })),
      { cells: [{ lines: ['Total available'], bold: true }, { lines: [money(summary.availablePence)], bold: true }] },
      { cells: ['Allocated', money(summary.allocatedPence)] },
      { cells: ['Spent', money(summary.spentPence)] },
      { cells: ['Committed', money(summary.committedPence)] },
      summary.forecastUnderspendPence === null
        ? { cells: [{ lines: ['Forecast underspend'], bold: true }, { lines: ['Nothing allocated yet'], bold: true }] }
        : { cells: [{ lines: [summary.forecastUnderspendPence < 0 ? 'Forecast overspend' : 'Forecast underspend'], bold: true }, { lines: [money(Math.abs(summary.forecastUnderspendPence))], bold: true }] },
    ],
  }
}

export function allocationsTableBlock(summary: FundingSummary): TableBlock | null {
  if (!summary.allocations.length) return null
  return {
    kind: 'table',
    caption: `Allocations for ${financialYearLabel(summary.financialYear)}`,
    columns: [
      { header: 'Allocated to', width: 4 },
      { header: 'Allocated', width: 1.5, numeric: true },
      { header: 'Spent', width: 1.5, numeric: true },
      { header: 'Left to spend', width: 1.5, numeric: true },
    ],
    rowHeaders: true,
    rows: summary.allocations.map(a => ({ cells: [a.name, formatMoney(a.amountPence), formatMoney(a.spentPence), formatMoney(a.amountPence - a.spentPence)] })),
  }
}

const BID_STATUS = { submitted: 'Submitted', successful: 'Successful', unsuccessful: 'Unsuccessful' } as const

export function bidsTableBlock(summary: FundingSummary): TableBlock | null {
  if (!summary.bids.length) return null
  return {
    kind: 'table',
    caption: `Bids to other funds in ${financialYearLabel(summary.financialYear)}`,
    columns: [
      { header: 'Fund', width: 3 },
      { header: 'For', width: 3 },
      { header: 'Amount', width: 1.5, numeric: true },
      { header: 'Status', width: 1.5 },
    ],
    rows: summary.bids.map(bid => ({ cells: [bid.fund, bid.purpose, formatMoney(bid.amountPence), BID_STATUS[bid.status]] })),
  }
}
