/**
 * Each source of the partnership's own money against the year before, and the shortfall or increase.
 *
 * A source is matched with the year before by what it is: a funding stream by its name, a partner
 * contribution by its organisation and whether it is capital or revenue, a bid's award by its fund, and the
 * roll-over and reserves as one source each (case, spaces and punctuation do not matter in names).
 *
 * Each year's amount is what was counted as available. This year's amount is not known while the source is
 * still to be confirmed or has no amount: the change is then "not known yet", and the total leaves it out
 * (it says how much is pending). A source withdrawn, or not recorded this year, counts as nothing this year,
 * so its whole amount last year is the shortfall. Money administered for others is left out: it is not the
 * partnership's.
 */
import { isCounted, NATURE_LABELS, notCountedReason, type YearChangeRow, type YearChangeSummary, type YearEntries } from './funding.ts'
import { sumPence, type Pence } from './money.ts'

const key = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()

interface SourceAmount {
  key: string
  label: string
  /** Counted amount, or null with a reason when it is shown but not counted. */
  amountPence: Pence | null
  reason: string | null
  /** The expected amount of a source to be confirmed. */
  pendingPence: Pence
}

function sourcesOf(entries: YearEntries): SourceAmount[] {
  const out: SourceAmount[] = []
  for (const s of entries.streams.filter(s => !s.administeredForOthers)) {
    const reason = notCountedReason(s)
    out.push({
      key: `stream:${key(s.name)}`,
      label: s.name,
      amountPence: isCounted.stream(s) ? s.amountPence : null,
      reason,
      pendingPence: s.status === 'to_be_confirmed' ? (s.amountPence ?? 0) : 0,
    })
  }
  for (const c of entries.contributions) {
    out.push({
      key: `contribution:${key(c.organisationName)}:${c.nature}`,
      label: `${c.organisationName} contribution (${NATURE_LABELS[c.nature].toLowerCase()})`,
      amountPence: isCounted.contribution(c) ? c.amountPence : null,
      reason: notCountedReason(c),
      pendingPence: c.status === 'to_be_confirmed' ? (c.amountPence ?? 0) : 0,
    })
  }
  for (const r of entries.rollOvers) out.push({ key: 'roll_over', label: 'Roll-over of an approved underspend', amountPence: r.amountPence, reason: null, pendingPence: 0 })
  for (const r of entries.reserves) out.push({ key: 'reserve', label: 'Reserves', amountPence: r.amountPence, reason: null, pendingPence: 0 })
  for (const b of entries.bids.filter(isCounted.bid)) out.push({ key: `bid:${key(b.fund)}`, label: `${b.fund} (successful bid)`, amountPence: b.amountAwardedPence, reason: null, pendingPence: 0 })
  return out
}

interface Merged {
  label: string
  counted: Pence
  anyCounted: boolean
  /** Reasons of the parts not counted ("to be confirmed", "withdrawn"). */
  reasons: string[]
  pendingPence: Pence
}

function merge(sources: SourceAmount[]): Map<string, Merged> {
  const out = new Map<string, Merged>()
  for (const s of sources) {
    const m = out.get(s.key) ?? { label: s.label, counted: 0, anyCounted: false, reasons: [], pendingPence: 0 }
    if (s.amountPence !== null) {
      m.counted += s.amountPence
      m.anyCounted = true
    } else if (s.reason) m.reasons.push(s.reason)
    m.pendingPence += s.pendingPence
    out.set(s.key, m)
  }
  return out
}

export function changeSinceLastYear(current: YearEntries, previous: YearEntries, previousYear: number, format: (pence: Pence) => string): YearChangeSummary {
  const now = merge(sourcesOf(current))
  const before = merge(sourcesOf(previous))
  const keys = [...new Set([...before.keys(), ...now.keys()])]
  const rows: YearChangeRow[] = keys.map(k => {
    const then = before.get(k)
    const here = now.get(k)
    const previousPence = then?.anyCounted ? then.counted : null
    const pending = here !== undefined && !here.anyCounted && here.reasons.some(r => r.startsWith('to be confirmed') || r === 'amount not recorded')
    let currentPence: Pence | null
    let note: string | null = null
    if (!here) {
      currentPence = 0
      note = 'Not recorded this year'
    } else if (here.anyCounted) {
      currentPence = here.counted
      if (here.reasons.length) note = `Also ${[...new Set(here.reasons)].join(', ')}`
    } else if (pending) {
      currentPence = null
      note = here.pendingPence ? `To be confirmed: ${format(here.pendingPence)} expected` : capitalise(here.reasons[0]!)
    } else {
      currentPence = 0
      note = capitalise([...new Set(here.reasons)].join(', ') || 'Not counted')
    }
    if (!then) note = note ?? 'New this year'
    else if (!then.anyCounted && then.reasons.length) note = [note, `Last year ${[...new Set(then.reasons)].join(', ')}`].filter(Boolean).join('. ')
    const changePence = currentPence === null ? null : currentPence - (previousPence ?? 0)
    return { source: (here ?? then)!.label, previousPence, currentPence, changePence, note }
  })
  return {
    previousYear,
    rows,
    previousTotalPence: sumPence(rows.map(r => r.previousPence ?? 0)),
    currentTotalPence: sumPence(rows.map(r => r.currentPence ?? 0)),
    pendingPence: sumPence([...now.values()].map(m => m.pendingPence)),
  }
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

/** "Shortfall of £2,000", "Increase of £500", "No change", or "Not known yet". */
export function changeWords(changePence: Pence | null, format: (pence: Pence) => string): string {
  if (changePence === null) return 'Not known yet'
  if (changePence === 0) return 'No change'
  return changePence < 0 ? `Shortfall of ${format(-changePence)}` : `Increase of ${format(changePence)}`
}
