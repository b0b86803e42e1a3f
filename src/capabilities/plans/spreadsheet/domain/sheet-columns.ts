import { QUARTERS, type Quarter } from '../../../../core/calendar/index.ts'

import type { RagDimension } from '../../domain/rag.ts'

/**
 * The action plan spreadsheet: one row per action, with the priority's details (and the objective)
 * repeated on each row of the priority. The same columns are read by the import and written by the
 * export, so an exported plan imports again exactly.
 *
 * - A row with a priority but no action declares the priority (and its objective, if one is given)
 *   without actions yet.
 * - On the second and later rows of a priority, its details may be left blank; if they are given they
 *   must be the same as on its first row.
 * - Lists (sub-themes, outcomes, risks) have one item per line in the cell (Alt+Enter in Excel). Names of
 *   organisations and people go one per line, or separated by semicolons.
 * - Key risks and mitigating actions pair up by line: the mitigation on line 2 is for the risk on line 2.
 * - A plan that puts its priorities under a few strategic objectives names each priority's one in the first
 *   column; a row with a strategic objective and no priority declares one with no local priority of its own.
 * - A partnership that assesses its actions on more than one dimension has a RAG column per quarter for each
 *   (sheetColumns(dimensions)).
 * - An exported plan carries a last, hidden column of record IDs, so that an import into the same plan
 *   matches each row to the record it came from; new rows leave it empty.
 */

export type ColumnKey =
  | 'strategicObjective'
  | 'priority'
  | 'subThemes'
  | 'headlineTarget'
  | 'deliveringGroup'
  | 'resources'
  | 'keyRisks'
  | 'mitigations'
  | 'progressComment'
  | 'objective'
  | 'action'
  | 'outcomes'
  | 'leadOrganisations'
  | 'leadPeople'
  | 'leadNote'
  | 'supportingPartners'
  | 'quarters'
  | 'dueDate'
  | 'timescaleNote'
  | 'dependencies'
  | 'status'
  | 'district'
  | 'recordIds'
  | `q${Quarter}Update`
  | `q${Quarter}Rag`
  | `q${Quarter}Rag${number}`

export interface SheetColumn {
  key: ColumnKey
  header: string
  /** Other headings accepted on import (as in the seeds' Word tables). */
  aliases?: string[]
  level: 'priority' | 'action' | 'record'
  required?: boolean
  /** The RAG dimension of a further dimension's RAG column. */
  dimensionId?: number
  maxLength: number
  description: string
  example: string
}

export const PRIORITY_COLUMNS: SheetColumn[] = [
  {
    key: 'strategicObjective',
    header: 'Strategic objective (above the priority)',
    aliases: ['Overarching strategic objective', 'Overarching objective', 'Plan strategic objective'],
    level: 'priority',
    maxLength: 1000,
    description:
      'Optional. For a plan that puts its priorities under a few strategic objectives: the one this priority sits under, on every row of the priority. A row with a strategic objective and no priority adds one with no local priority of its own.',
    example: 'Reduce violence against women and girls',
  },
  {
    key: 'priority',
    header: 'Priority',
    aliases: ['Strategic priority', 'Priorities'],
    level: 'priority',
    required: true,
    maxLength: 300,
    description: 'The priority the action delivers. Repeat it on every row of the priority. Priorities appear in the order of their first row. Leave it empty only on a row that adds a strategic objective with no local priority of its own.',
    example: 'Safeguarding vulnerable people from harm',
  },
  {
    key: 'subThemes',
    header: 'Sub-themes',
    aliases: ['Sub themes', 'Themes'],
    level: 'priority',
    maxLength: 2000,
    description: 'Optional. One per line, for example Domestic abuse, then Hidden harm.',
    example: 'Domestic abuse\nHidden harm',
  },
  {
    key: 'headlineTarget',
    header: 'Headline target',
    aliases: ['Target'],
    level: 'priority',
    maxLength: 1000,
    description: 'Optional. The priority’s target, in words.',
    example: 'Reduce repeat incidents of domestic abuse by 5% by March 2017',
  },
  {
    key: 'deliveringGroup',
    header: 'Delivering group',
    aliases: ['Sub group', 'Sub-group', 'Group'],
    level: 'priority',
    maxLength: 300,
    description: 'Optional. The group that delivers the priority: the name (or short name) of one of the partnership’s groups.',
    example: 'Domestic Abuse Panel',
  },
  {
    key: 'resources',
    header: 'Resources',
    aliases: ['CSP resources'],
    level: 'priority',
    maxLength: 5000,
    description: 'Optional. Money and staff time given to the priority, in words.',
    example: '£5K CSP allocation',
  },
  {
    key: 'keyRisks',
    header: 'Key risks',
    aliases: ['Key risks to achieving'],
    level: 'priority',
    maxLength: 5000,
    description: 'Optional. One risk per line.',
    example: 'Schools not engaging',
  },
  {
    key: 'mitigations',
    header: 'Mitigating actions',
    aliases: ['Key actions to mitigate risk', 'Mitigations'],
    level: 'priority',
    maxLength: 5000,
    description: 'Optional. The mitigation of each risk on the same line as the risk; leave a line empty where a risk has none.',
    example: 'Domestic Abuse Reduction Officer to contact head teachers',
  },
  {
    key: 'progressComment',
    header: 'Progress comment',
    aliases: ['Progress/comments', 'Progress comments'],
    level: 'priority',
    maxLength: 5000,
    description: 'Optional. A comment on the priority’s progress as a whole.',
    example: '',
  },
]

export const ACTION_COLUMNS: SheetColumn[] = [
  {
    key: 'objective',
    header: 'Strategic objective',
    aliases: ['Objective'],
    level: 'action',
    maxLength: 1000,
    description: 'Optional. The objective the action sits under; leave empty when the action sits directly under the priority.',
    example: 'To raise awareness of domestic abuse and encourage reporting',
  },
  {
    key: 'action',
    header: 'Action',
    aliases: ['Actions', 'Key milestone', 'Key milestones', 'Milestone'],
    level: 'action',
    required: true,
    maxLength: 2000,
    description: 'What will be done. Leave empty only on a row that adds a priority or objective with no actions yet.',
    example: 'Re-introduce the J9 scheme in both districts',
  },
  {
    key: 'outcomes',
    header: 'Outcomes and measures',
    aliases: ['Outcomes / measures', 'Outcomes/measures', 'Outcomes and outputs', 'Outcomes'],
    level: 'action',
    maxLength: 5000,
    description: 'Optional. One outcome or measure per line.',
    example: 'Partner agencies trained and signed up to J9 principles',
  },
  {
    key: 'leadOrganisations',
    header: 'Lead organisations',
    aliases: ['Lead agency', 'Lead agencies'],
    level: 'action',
    maxLength: 2000,
    description: 'Optional. Names (or short names) of the partnership’s organisations, one per line or separated by semicolons.',
    example: 'Essex County Council; Rochford District Council',
  },
  {
    key: 'leadPeople',
    header: 'Lead people',
    aliases: ['Lead officer', 'Lead officers'],
    level: 'action',
    maxLength: 2000,
    description:
      'Optional. People of the partnership, by the name or role they are recorded under, one per line or separated by semicolons. Where two share a name, add the organisation in brackets. Lead people can post the action’s updates.',
    example: 'Community Safety Officer (Rochford District Council)',
  },
  {
    key: 'leadNote',
    header: 'Lead (as written)',
    aliases: ['Lead'],
    level: 'action',
    maxLength: 1000,
    description: 'Optional. The lead as the plan words it, for leads that are not single records, such as “All partners”.',
    example: 'ECC domestic abuse provider',
  },
  {
    key: 'supportingPartners',
    header: 'Supporting partners',
    aliases: ['Partners'],
    level: 'action',
    maxLength: 2000,
    description: 'Optional. Organisations that support the action but do not lead it, as in Lead organisations.',
    example: 'Safer Places',
  },
  {
    key: 'quarters',
    header: 'Timescale (quarters)',
    aliases: ['Timescale', 'Timescales', 'Quarters'],
    level: 'action',
    maxLength: 50,
    description: 'Optional. Quarters of the plan year (April to March): Q1–4, Q3, Q2–4 or Q1, Q3. Updates are expected in these quarters.',
    example: 'Q1–4',
  },
  {
    key: 'dueDate',
    header: 'Due date',
    level: 'action',
    maxLength: 30,
    description: 'Optional. A date, like 31/03/2017 or 2017-03-31.',
    example: '2016-10-31',
  },
  {
    key: 'timescaleNote',
    header: 'Timescale note',
    level: 'action',
    maxLength: 1000,
    description: 'Optional. Anything else about timing, such as “August” or “Ongoing”.',
    example: 'Training booked for October',
  },
  {
    key: 'dependencies',
    header: 'Dependencies',
    level: 'action',
    maxLength: 2000,
    description: 'Optional. What the action depends on.',
    example: 'Dependencies on education capacity',
  },
  {
    key: 'status',
    header: 'Status',
    level: 'action',
    maxLength: 30,
    description: 'Optional: Open (the default), Complete or Cancelled. Only open actions are carried into next year’s plan.',
    example: 'Open',
  },
  {
    key: 'district',
    header: 'District',
    aliases: ['District area'],
    level: 'action',
    maxLength: 300,
    description: 'Optional. In a joint partnership, the district the action is for; leave empty for the whole partnership.',
    example: 'Castle Point',
  },
]

export const UPDATE_COLUMNS: SheetColumn[] = QUARTERS.flatMap(q => [
  {
    key: `q${q}Update` as const,
    header: `Q${q} update`,
    level: 'action' as const,
    maxLength: 5000,
    description: `Optional. The quarter ${q} update. Imported into an existing plan, an update that is not the plan’s latest for the quarter is posted as a new one.`,
    example: q === 1 ? 'J9 training sessions booked for October' : '',
  },
  {
    key: `q${q}Rag` as const,
    header: `Q${q} RAG`,
    level: 'action' as const,
    maxLength: 10,
    description: `Optional. Red, Amber or Green (or R, A, G) for the Q${q} update.`,
    example: q === 1 ? 'Green' : '',
  },
])

/** The last column of an exported plan, hidden in Excel: which records each row came from ("P12 O40 A101"). */
export const RECORD_IDS_COLUMN: SheetColumn = {
  key: 'recordIds',
  header: 'Record IDs (do not change)',
  aliases: ['Record IDs', 'IDs'],
  level: 'record',
  maxLength: 200,
  description: 'Filled in by CSP Hub when it exports a plan, so that an import into the same plan knows which rows are which. Leave it as it is; leave it empty on a new row.',
  example: '',
}

export const SHEET_COLUMNS: readonly SheetColumn[] = [...PRIORITY_COLUMNS, ...ACTION_COLUMNS, ...UPDATE_COLUMNS]
export const SHEET_NAME = 'Action plan'

/**
 * The columns for a partnership's RAG dimensions: the template's, with a RAG column per quarter for each
 * dimension after the first (headed "Q1 Outcome"), and optionally the record IDs column last.
 */
export function sheetColumns(dimensions: readonly RagDimension[] = [], options: { recordIds?: boolean } = {}): SheetColumn[] {
  const [headline, ...others] = dimensions
  const columns: SheetColumn[] = []
  for (const c of SHEET_COLUMNS) {
    const rag = /^q([1-4])Rag$/.exec(c.key)
    if (!rag || others.length === 0) {
      columns.push(c)
      continue
    }
    const q = Number(rag[1]) as Quarter
    columns.push({ ...c, aliases: [...(c.aliases ?? []), `Q${q} ${headline!.name}`], description: `Optional. Red, Amber or Green (or R, A, G) for ${headline!.name} in the Q${q} update.` })
    for (const d of others) {
      columns.push({
        key: `q${q}Rag${d.id!}`,
        header: `Q${q} ${d.name}`,
        aliases: [`Q${q} ${d.name} RAG`],
        level: 'action',
        maxLength: 10,
        dimensionId: d.id!,
        description: `Optional. Red, Amber or Green (or R, A, G) for ${d.name} in the Q${q} update; needed when the Q${q} update is given.`,
        example: '',
      })
    }
  }
  return options.recordIds ? [...columns, RECORD_IDS_COLUMN] : columns
}

/**
 * A column the export adds after the plan's own, worked out from the update columns: the action's current
 * RAG, as the plan pages show it (that of the latest quarter's update). The import accepts it and ignores
 * it, so an exported plan still imports exactly; the template leaves it out.
 */
export const CURRENT_RAG_HEADER = 'Current RAG'

/** The headings of an exported plan: the template's, then the current RAG (then the record IDs, when given). */
export function exportHeaders(columns: readonly SheetColumn[] = SHEET_COLUMNS): string[] {
  const own = columns.filter(c => c.key !== 'recordIds').map(c => c.header)
  return columns.some(c => c.key === 'recordIds') ? [...own, CURRENT_RAG_HEADER, RECORD_IDS_COLUMN.header] : [...own, CURRENT_RAG_HEADER]
}

/** The column of a key. */
export const column = (key: ColumnKey, columns: readonly SheetColumn[] = SHEET_COLUMNS) => columns.find(c => c.key === key) ?? [...SHEET_COLUMNS, RECORD_IDS_COLUMN].find(c => c.key === key)!

/** "A", "B", … "Z", "AA": the spreadsheet's letter for a column (0-based index). */
export function columnLetter(index: number): string {
  let n = index + 1
  let out = ''
  while (n > 0) {
    const rem = (n - 1) % 26
    out = String.fromCharCode(65 + rem) + out
    n = Math.floor((n - 1) / 26)
  }
  return out
}

export function sheetHeaders(columns: readonly SheetColumn[] = SHEET_COLUMNS): string[] {
  return columns.map(c => c.header)
}

/** The record IDs of a row, as written in its IDs cell: "S3 P12 O40 A101". */
export interface RecordIds {
  strategicObjective?: number
  priority?: number
  objective?: number
  action?: number
}

const ID_LETTERS = { S: 'strategicObjective', P: 'priority', O: 'objective', A: 'action' } as const

export function formatRecordIds(ids: RecordIds): string {
  return (Object.entries(ID_LETTERS) as [keyof typeof ID_LETTERS, keyof RecordIds][])
    .filter(([, key]) => ids[key] !== undefined)
    .map(([letter, key]) => `${letter}${ids[key]}`)
    .join(' ')
}

/** The IDs in a cell, or null when it cannot be read. */
export function parseRecordIds(text: string): RecordIds | null {
  const ids: RecordIds = {}
  for (const token of text.trim().split(/\s+/).filter(Boolean)) {
    const match = /^([SPOA])(\d{1,9})$/i.exec(token)
    if (!match) return null
    const key = ID_LETTERS[match[1]!.toUpperCase() as keyof typeof ID_LETTERS]
    if (ids[key] !== undefined) return null
    ids[key] = Number(match[2])
  }
  return ids
}
