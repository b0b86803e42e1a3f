import { formatMoney } from '../../../shared/format.ts'
import { financialYearLabel } from '../../../core/calendar/index.ts'
import type { Block, TableBlock } from '../../../core/documents/model.ts'

import type { FundingSummary } from './funding.ts'

/**
 * The rest of a year's money in the annual report, after the funding table: capital and revenue, the money
 * shown but not counted (to be confirmed, not yet known, withdrawn), the money administered for others, the
 * districts' shares and the change since last year. The funding capability works each figure out; these
 * only put them into tables. Each is left out when the year has nothing of the kind.
 */
export function fundingDetailBlocks(summary: FundingSummary): Block[] {
  return [natureTable(summary), notCountedTable(summary), administeredTable(summary), districtTable(summary), changeTable(summary)].filter((block): block is TableBlock => block !== null)
}

const money = (pence: number | null) => (pence === null ? 'Not known yet' : formatMoney(pence))

function natureTable(summary: FundingSummary): TableBlock | null {
  const n = summary.byNature
  if (!n || (n.available.capital === 0 && n.allocated.capital === 0 && n.spent.capital === 0 && n.committed.capital === 0)) return null
  const row = (label: string, figure: { revenue: number; capital: number }) => ({ cells: [label, money(figure.revenue), money(figure.capital), money(figure.revenue + figure.capital)] })
  return {
    kind: 'table',
    caption: `Revenue and capital in ${financialYearLabel(summary.financialYear)}`,
    columns: [
      { header: 'Figure', width: 3 },
      { header: 'Revenue', width: 1.5, numeric: true },
      { header: 'Capital', width: 1.5, numeric: true },
      { header: 'Total', width: 1.5, numeric: true },
    ],
    rowHeaders: true,
    rows: [row('Available', n.available), row('Allocated', n.allocated), row('Spent', n.spent), row('Committed', n.committed)],
  }
}

function notCountedTable(summary: FundingSummary): TableBlock | null {
  if (!summary.notCounted?.length) return null
  return {
    kind: 'table',
    caption: `Money not counted as available in ${financialYearLabel(summary.financialYear)}`,
    columns: [
      { header: 'Source', width: 3 },
      { header: 'Why not counted', width: 3 },
      { header: 'Amount', width: 1.5, numeric: true },
    ],
    rowHeaders: true,
    rows: summary.notCounted.map(n => ({ cells: [n.name, n.reason, money(n.amountPence)] })),
  }
}

function administeredTable(summary: FundingSummary): TableBlock | null {
  if (!summary.administered?.length) return null
  return {
    kind: 'table',
    caption: `Money administered for others in ${financialYearLabel(summary.financialYear)} (not the partnership’s own, not in the totals above)`,
    columns: [
      { header: 'Money', width: 3 },
      { header: 'Held', width: 1.5, numeric: true },
      { header: 'Allocated', width: 1.5, numeric: true },
      { header: 'Paid out', width: 1.5, numeric: true },
    ],
    rowHeaders: true,
    rows: summary.administered.map(a => ({ cells: [a.name, money(a.amountPence), money(a.allocatedPence), money(a.spentPence)] })),
  }
}

function districtTable(summary: FundingSummary): TableBlock | null {
  if (!summary.byDistrict?.length) return null
  return {
    kind: 'table',
    caption: `Money available by district in ${financialYearLabel(summary.financialYear)}`,
    columns: [
      { header: 'District', width: 4 },
      { header: 'Available', width: 1.5, numeric: true },
    ],
    rowHeaders: true,
    rows: [
      ...summary.byDistrict.map(d => ({ cells: [d.name, money(d.amountPence)] })),
      { cells: [{ lines: ['Total available'], bold: true }, { lines: [money(summary.availablePence)], bold: true }] },
    ],
  }
}

/** "Shortfall of £2,000", "Increase of £500", "No change", "Not known yet". */
function changeText(pence: number | null): string {
  if (pence === null) return 'Not known yet'
  if (pence === 0) return 'No change'
  return pence < 0 ? `Shortfall of ${formatMoney(-pence)}` : `Increase of ${formatMoney(pence)}`
}

function changeTable(summary: FundingSummary): TableBlock | null {
  const change = summary.change
  if (!change) return null
  const total = change.currentTotalPence - change.previousTotalPence
  return {
    kind: 'table',
    caption: `Change since ${financialYearLabel(change.previousYear)}`,
    columns: [
      { header: 'Source', width: 3 },
      { header: financialYearLabel(change.previousYear), width: 1.5, numeric: true },
      { header: financialYearLabel(summary.financialYear), width: 1.5, numeric: true },
      { header: 'Shortfall or increase', width: 2 },
    ],
    rowHeaders: true,
    rows: [
      ...change.rows.map(r => ({
        cells: [r.note ? { lines: [r.source, { text: r.note, small: true }] } : r.source, r.previousPence === null ? 'None' : money(r.previousPence), money(r.currentPence), changeText(r.changePence)],
      })),
      {
        cells: [
          { lines: ['Total available', ...(change.pendingPence ? [{ text: `${formatMoney(change.pendingPence)} still to be confirmed is not counted`, small: true }] : [])], bold: true },
          { lines: [money(change.previousTotalPence)], bold: true },
          { lines: [money(change.currentTotalPence)], bold: true },
          { lines: [changeText(total)], bold: true },
        ],
      },
    ],
  }
}
