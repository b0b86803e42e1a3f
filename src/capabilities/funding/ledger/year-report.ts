import type { Figure, ReportFundingSummary } from '../domain/funding.ts'
import { sumPence } from '../domain/money.ts'

import { money, type YearSummary } from './year-summary.ts'

/**
 * A year summary as the annual report states it, and as the public sees it.
 */

export function reportFundingSummary(summary: YearSummary): ReportFundingSummary {
  const { figures } = summary
  const streams = [
    ...summary.streams
      .filter(s => s.counted)
      .map(s => ({
        name: s.name,
        amountPence: s.amountPence!,
        note: [
          s.split ? `${s.split} split: ${money(s.automaticPence!)} paid automatically, ${money(s.commissionedPence!)} against the action plan` : null,
          s.nature === 'capital' ? 'Capital' : null,
          s.shares.length ? s.shares.map(share => `${share.name} ${money(share.amountPence)}`).join('; ') : s.districtName,
        ]
          .filter(Boolean)
          .join('. ') || null,
      })),
    ...summary.contributions
      .filter(c => c.counted)
      .map(c => ({ name: `${c.organisationName} contribution`, amountPence: c.amountPence!, note: `${c.natureLabel}` })),
    ...summary.bids
      .filter(b => b.counted)
      .map(b => ({ name: `${b.fund} (successful bid)`, amountPence: b.amountAwardedPence!, note: b.purpose })),
  ]
  const own = summary.allocations.filter(a => a.administeredStreamId === null)
  return {
    financialYear: summary.year.startYear,
    streams,
    rollOverPence: sumPence(summary.rollOvers.map(r => r.amountPence)),
    availablePence: figures.available.totalPence,
    allocatedPence: figures.allocated.totalPence,
    spentPence: figures.spent.totalPence,
    committedPence: figures.committed.totalPence,
    forecastUnderspendPence: figures.forecastUnderspend.withheld ? null : figures.forecastUnderspend.totalPence,
    allocations: own.map(a => ({ name: a.purpose, amountPence: a.amountPence, spentPence: a.spentPence })),
    bids: summary.bids.map(b => ({
      fund: b.fund,
      purpose: b.purpose,
      amountPence: b.amountAwardedPence ?? b.amountRequestedPence,
      status: b.status,
    })),
    notes: [...(summary.year.notes ? [summary.year.notes] : [])],
    reserves: summary.reserves.map(r => ({ name: r.description, amountPence: r.amountPence })),
    byNature: {
      available: summary.byNature.available,
      allocated: summary.byNature.allocated,
      spent: summary.byNature.spent,
      committed: summary.byNature.committed,
    },
    notCounted: [
      ...summary.streams.filter(s => s.notCounted && !s.administeredForOthers).map(s => ({ name: s.name, amountPence: s.amountPence, reason: notCountedWords(s.notCounted!, s.split) })),
      ...summary.contributions.filter(c => c.notCounted).map(c => ({ name: `${c.organisationName} contribution`, amountPence: c.amountPence, reason: notCountedWords(c.notCounted!, null) })),
    ],
    administered: summary.administered
      .filter(a => a.amountPence !== null)
      .map(a => ({ name: a.name, amountPence: a.amountPence!, allocatedPence: a.allocatedPence, spentPence: a.spentPence })),
    byDistrict: summary.byDistrict.map(d => ({ name: d.name, amountPence: d.amountPence })),
    ...(summary.change ? { change: summary.change } : {}),
  }
}

/** "To be confirmed; amount not yet known (30/70 split agreed)". */
function notCountedWords(reason: string, split: string | null): string {
  const text = reason.charAt(0).toUpperCase() + reason.slice(1)
  return split && reason.includes('not yet known') ? `${text} (${split} split agreed)` : text
}

/**
 * The year summary the public sees, for a published partnership: the money the partnership has and how
 * it is allocated and spent, in totals per allocation, and the money it administers for others, but not
 * individual payments, entry notes, money not yet confirmed or withdrawn, or bids.
 */
export function forPublic(summary: YearSummary): YearSummary {
  const perAllocation = (key: 'spentPence' | 'committedPence', own: boolean): Figure => {
    const lines = summary.allocations
      .filter(a => a[key] !== 0 && (a.administeredStreamId === null) === own)
      .map(a => ({ kind: 'allocation' as const, id: a.id, label: a.purpose, amountPence: a[key], nature: a.nature }))
    return { totalPence: sumPence(lines.map(l => l.amountPence)), lines }
  }
  const none: Figure = { totalPence: 0, lines: [] }
  return {
    ...summary,
    audience: 'public',
    figures: {
      ...summary.figures,
      spent: perAllocation('spentPence', true),
      committed: perAllocation('committedPence', true),
      administeredSpent: perAllocation('spentPence', false),
      notYetConfirmed: none,
      withdrawn: none,
    },
    streams: summary.streams.filter(s => s.counted || (s.administeredForOthers && s.status === 'confirmed')).map(s => ({ ...s, notes: null })),
    contributions: summary.contributions.filter(c => c.counted).map(c => ({ ...c, notes: null })),
    bids: summary.bids.filter(b => b.counted).map(b => ({ ...b, notes: null })),
    allocations: summary.allocations.map(a => ({ ...a, notes: null })),
    reserves: summary.reserves.map(r => ({ ...r, notes: null })),
    unknownAmounts: [],
    change: summary.change
      ? {
          ...summary.change,
          pendingPence: 0,
          rows: summary.change.rows.map(r => ({ ...r, note: r.currentPence === null ? 'Not known yet' : r.note && /confirm|withdrawn|recorded/i.test(r.note) ? null : r.note })),
        }
      : null,
    spend: [],
    warnings: [],
  }
}
