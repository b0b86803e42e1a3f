/**
 * The priority scoring matrix: candidate issues scored 1–5 on weighted criteria; the weighted total ranks
 * them. Volume and trend are filled from the police data where an issue maps to police.uk crime types;
 * the group scores the rest (harm, vulnerability, public concern, partnership capacity…), and may
 * overrule a score from the data.
 */

export type CriterionSource = 'volume' | 'trend' | 'group'

export interface CriterionDefaults {
  name: string
  description: string
  weight: number
  source: CriterionSource
}

export const DEFAULT_CRITERIA: CriterionDefaults[] = [
  { name: 'Volume', source: 'volume', weight: 2, description: 'How many incidents there are. Filled from the police data where the issue has crime types.' },
  { name: 'Trend', source: 'trend', weight: 2, description: 'Rising or falling against the 12 months before. Filled from the police data where the issue has crime types.' },
  { name: 'Harm', source: 'group', weight: 3, description: 'The harm done to victims, families and the community.' },
  { name: 'Vulnerability', source: 'group', weight: 3, description: 'How far vulnerable people are the victims or are drawn in.' },
  { name: 'Public concern', source: 'group', weight: 2, description: 'What residents raise: surveys, community forums, councillors.' },
  { name: 'Partnership capacity', source: 'group', weight: 1, description: 'Whether the partnership has the people, money and powers to make a difference.' },
]

export const DEFAULT_CANDIDATES: { name: string; crimeTypes: string[]; notes: string | null }[] = [
  { name: 'Anti-social behaviour', crimeTypes: ['Anti-social behaviour'], notes: null },
  { name: 'Dwelling burglary', crimeTypes: ['Burglary'], notes: 'Police.uk does not tell dwelling from business burglary: volume and trend use all burglary.' },
  { name: 'Domestic abuse', crimeTypes: [], notes: 'Domestic abuse cannot be told apart in police.uk data: score volume and trend from police or partner figures.' },
  { name: 'Violence (including knife crime)', crimeTypes: ['Violence and sexual offences', 'Possession of weapons'], notes: null },
  { name: 'Hate crime', crimeTypes: [], notes: 'Hate crime cannot be told apart in police.uk data: score volume and trend from police or partner figures.' },
  { name: 'Criminal damage and arson', crimeTypes: ['Criminal damage and arson'], notes: null },
  { name: 'Drugs', crimeTypes: ['Drugs'], notes: null },
  { name: 'Vehicle crime', crimeTypes: ['Vehicle crime'], notes: null },
]

export const SCORE_LABELS: Record<number, string> = { 1: '1 – very low', 2: '2 – low', 3: '3 – medium', 4: '4 – high', 5: '5 – very high' }

/**
 * Volume 1–5 against the issue with the most incidents: 80% of it or more scores 5, 40% 4, 20% 3,
 * 10% 2, less 1.
 */
export function volumeScore(count: number, highest: number): number {
  if (highest <= 0 || count <= 0) return 1
  const share = count / highest
  return share >= 0.8 ? 5 : share >= 0.4 ? 4 : share >= 0.2 ? 3 : share >= 0.1 ? 2 : 1
}

/** Trend 1–5 from the % change: up 10% or more 5, up 3% 4, within 3% 3, down 3% 2, down 10% or more 1. */
export function trendScore(change: number | null): number | null {
  if (change === null || !Number.isFinite(change)) return null
  return change >= 10 ? 5 : change >= 3 ? 4 : change > -3 ? 3 : change > -10 ? 2 : 1
}

export interface Criterion {
  id: number
  name: string
  weight: number
  source: CriterionSource
}

export interface Candidate {
  id: number
  name: string
  crimeTypes: string[]
}

/** What the data says about a candidate: its count in the period and the change on the period before. */
export interface CandidateEvidence {
  count: number
  previous: number
  change: number | null
  /** Months compared (held in both periods). */
  monthsCompared: number
}

export interface Cell {
  criterionId: number
  score: number | null
  /** Where the score came from: the group, the data, or nowhere yet. */
  from: 'group' | 'data' | 'none'
  /** The score the data suggests, when the group overruled it. */
  dataScore: number | null
}

export interface MatrixRow {
  candidate: Candidate
  cells: Cell[]
  evidence: CandidateEvidence | null
  total: number
  maxTotal: number
  scoredCount: number
  isComplete: boolean
  rank: number
}

export function scoreMatrix(
  criteria: readonly Criterion[],
  candidates: readonly Candidate[],
  groupScores: ReadonlyMap<string, number>,
  evidence: ReadonlyMap<number, CandidateEvidence>,
): MatrixRow[] {
  const highest = Math.max(0, ...[...evidence.values()].map(e => e.count))
  const rows = candidates.map(candidate => {
    const facts = evidence.get(candidate.id) ?? null
    const cells: Cell[] = criteria.map(criterion => {
      const group = groupScores.get(`${candidate.id}:${criterion.id}`) ?? null
      let data: number | null = null
      if (facts && candidate.crimeTypes.length) {
        if (criterion.source === 'volume') data = volumeScore(facts.count, highest)
        if (criterion.source === 'trend') data = trendScore(facts.change)
      }
      if (group !== null) return { criterionId: criterion.id, score: group, from: 'group', dataScore: data }
      if (data !== null) return { criterionId: criterion.id, score: data, from: 'data', dataScore: data }
      return { criterionId: criterion.id, score: null, from: 'none', dataScore: null }
    })
    const total = cells.reduce((sum, cell, i) => sum + (cell.score ?? 0) * criteria[i]!.weight, 0)
    const scoredCount = cells.filter(c => c.score !== null).length
    return {
      candidate,
      cells,
      evidence: facts,
      total,
      maxTotal: criteria.reduce((sum, c) => sum + 5 * c.weight, 0),
      scoredCount,
      isComplete: scoredCount === criteria.length,
      rank: 0,
    }
  })
  rows.sort((a, b) => b.total - a.total || a.candidate.name.localeCompare(b.candidate.name))
  let rank = 0
  let previous: number | null = null
  rows.forEach((row, index) => {
    if (row.total !== previous) rank = index + 1
    previous = row.total
    row.rank = rank
  })
  return rows
}
