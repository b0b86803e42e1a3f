import { formatDate } from '../../../shared/format.ts'
import { monthLabel, monthsOfQuarter, type Month, type Quarter } from '../../../core/calendar/index.ts'
import type {
  Block,
  CellValue,
  DocumentSection,
  ReportDocument,
  TableBlock,
  TableRow,
  TextRun,
} from '../../../core/documents/model.ts'

import { ENTRY_FIELD_LABELS, ENTRY_FIELDS, type EntryContent } from './highlight-report.ts'
import type { IndicatorFigures } from './indicator-figures.ts'
import type { RollUp, RollUpPriority } from './roll-up.ts'
import { MONTH_STATE_LABELS } from './schedule.ts'

/**
 * The quarterly roll-up as a document for the steering group's papers (DOCX and PDF through the reports'
 * renderers): a summary of the quarter, then each priority with its performance against the baseline, the
 * RAG of its actions and the month-by-month highlight reports, then every ask of the steering group.
 */

/** The actions of a priority counted by their current RAG (from the plan's summary). */
export interface ActionCounts {
  actions: number
  rag: { red: number; amber: number; green: number; none: number }
  complete: number
  cancelled: number
  due: number
  overdue: number
}

export interface RollUpPack {
  partnershipName: string
  planTitle: string
  planYear: number
  quarter: Quarter
  quarterLabel: string
  /** The indicators' figures are those of periods ended by the end of this month. */
  figuresTo: Month
  /** The day the actions' due and overdue updates are counted for. */
  actionsOn: string
  rollUp: RollUp
  figures: ReadonlyMap<number, IndicatorFigures[]>
  actions: ReadonlyMap<number, ActionCounts>
  generatedAt: Date
}

export const OGL_ATTRIBUTION = 'Contains public sector information licensed under the Open Government Licence v3.0.'

const plural = (n: number, word: string) => `${n} ${n === 1 ? word : `${word}s`}`

/** "8 actions: 2 Red, 5 Amber, 1 with no update yet; 1 complete". */
export function actionCountsText(counts: ActionCounts | undefined): string {
  if (!counts || counts.actions === 0) return 'No actions in the plan'
  const parts = [
    counts.rag.red ? `${counts.rag.red} Red` : '',
    counts.rag.amber ? `${counts.rag.amber} Amber` : '',
    counts.rag.green ? `${counts.rag.green} Green` : '',
    counts.rag.none ? `${counts.rag.none} with no update yet` : '',
  ].filter(Boolean)
  const extra = [
    counts.complete ? `${counts.complete} complete` : '',
    counts.overdue ? `${counts.overdue} with an update overdue` : '',
  ].filter(Boolean)
  return `${plural(counts.actions, 'action')}: ${parts.join(', ')}${extra.length ? `; ${extra.join(', ')}` : ''}`
}

/** A report's words as paragraphs, one per line typed. */
export function linesOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map(line => line.trim())
    .filter(Boolean)
}

function performanceTable(title: string, figures: IndicatorFigures[], figuresTo: Month): TableBlock {
  return {
    kind: 'table',
    caption: `${title}: performance against the baseline (figures to the end of ${monthLabel(figuresTo)})`,
    size: 'small',
    columns: [
      { header: 'Indicator and target', width: 3.4 },
      { header: 'Baseline', width: 1.2, numeric: true },
      { header: 'Target', width: 1, numeric: true },
      { header: 'Last year, same months', width: 1.5, numeric: true },
      { header: 'This year to date', width: 1.5, numeric: true },
      { header: '% change', width: 1.5 },
      { header: 'RAG', width: 1 },
    ],
    rows: figures.map(f => ({
      cells: [
        { lines: [{ text: f.statement }, ...(f.note ? [{ text: f.note, small: true }] : [])] },
        f.baseline ? { lines: [{ text: f.baseline.text }, { text: f.baseline.label, small: true }] } : '–',
        f.targetText ?? '–',
        f.lastYear.text ? { lines: [{ text: f.lastYear.text }, { text: f.lastYear.label, small: true }] } : '–',
        f.thisYear.text ? { lines: [{ text: f.thisYear.text }, { text: f.thisYear.label, small: true }] } : '–',
        f.change?.text ?? '–',
        { rag: f.rag, ragText: 'No RAG yet' },
      ] satisfies CellValue[],
    })),
  }
}

function entryBlocks(entry: EntryContent): Block[] {
  const blocks: Block[] = []
  for (const field of ENTRY_FIELDS) {
    const text = entry[field]
    const lines = text ? linesOf(text) : []
    if (!lines.length) {
      if (field !== 'progress')
        blocks.push({
          kind: 'paragraph',
          text: [{ text: `${ENTRY_FIELD_LABELS[field]}: `, bold: true }, { text: 'None reported' }],
        })
      continue
    }
    lines.forEach((line, i) =>
      blocks.push({
        kind: 'paragraph',
        text:
          i === 0
            ? ([{ text: `${ENTRY_FIELD_LABELS[field]}: `, bold: true }, { text: line }] satisfies TextRun[])
            : line,
      }),
    )
  }
  return blocks
}

function prioritySection(pack: RollUpPack, item: RollUpPriority, index: number): DocumentSection {
  const { priority, reporter } = item
  const blocks: Block[] = [
    { kind: 'paragraph', text: [{ text: 'Reported by: ', bold: true }, { text: reporter.name }] },
    {
      kind: 'paragraph',
      text: [{ text: 'Highlight reports submitted: ', bold: true }, { text: `${item.submitted} of ${item.expected}` }],
    },
    {
      kind: 'paragraph',
      text: [{ text: 'Actions: ', bold: true }, { text: actionCountsText(pack.actions.get(priority.id)) }],
    },
  ]
  const figures = pack.figures.get(priority.id) ?? []
  if (figures.length) blocks.push(performanceTable(`Priority ${index + 1}`, figures, pack.figuresTo))
  else blocks.push({ kind: 'paragraph', text: 'No performance indicators are linked to this priority.', small: true })
  for (const cell of item.months) {
    blocks.push({ kind: 'heading', level: 3, text: monthLabel(cell.month) })
    if (cell.entry) blocks.push(...entryBlocks(cell.entry))
    else if (cell.state === 'submitted')
      blocks.push({ kind: 'paragraph', text: 'The report said nothing on this priority.' })
    else
      blocks.push({
        kind: 'paragraph',
        text: `No report submitted (${MONTH_STATE_LABELS[cell.state].toLowerCase()}).`,
        small: true,
      })
  }
  return { heading: `Priority ${index + 1}: ${priority.title}`, number: String(index + 2), blocks }
}

export function rollUpDocument(pack: RollUpPack): ReportDocument {
  const { rollUp } = pack
  const [first, , last] = monthsOfQuarter(pack.planYear, pack.quarter)
  const summaryRows: TableRow[] = rollUp.priorities.map((item, index) => {
    const counts = pack.actions.get(item.priority.id)
    return {
      cells: [
        `${index + 1}. ${item.priority.title}`,
        item.reporter.name,
        `${item.submitted} of ${item.expected}`,
        counts?.rag.red ?? 0,
        counts?.rag.amber ?? 0,
        counts?.rag.green ?? 0,
        counts?.rag.none ?? 0,
        counts?.complete ?? 0,
      ],
    }
  })
  const summary: DocumentSection = {
    number: '1',
    heading: 'Summary',
    blocks: [
      {
        kind: 'paragraph',
        text: `Performance against the baseline for each priority is monitored monthly by the chairs of the sub-groups, or the Community Safety Team where a sub-group does not exist, recorded on a highlight report and reported quarterly to the Steering Group. This paper gathers the highlight reports for ${monthLabel(first!)} to ${monthLabel(last!)}: ${rollUp.submitted} of the ${rollUp.expected} due so far have been submitted.`,
      },
      {
        kind: 'table',
        caption: `Highlight reports and actions by RAG status, ${pack.quarterLabel}`,
        size: 'small',
        rowHeaders: true,
        columns: [
          { header: 'Priority', width: 4 },
          { header: 'Reported by', width: 2.4 },
          { header: 'Reports submitted', width: 1.3, numeric: true },
          { header: 'Red', width: 0.8, numeric: true },
          { header: 'Amber', width: 0.9, numeric: true },
          { header: 'Green', width: 0.9, numeric: true },
          { header: 'No update', width: 1, numeric: true },
          { header: 'Complete', width: 1, numeric: true },
        ],
        rows: summaryRows,
      },
      {
        kind: 'paragraph',
        text: `Actions are counted by the RAG status of their latest update, as at ${formatDate(pack.actionsOn)}.`,
        small: true,
      },
    ],
  }
  if (rollUp.outstanding.length) {
    summary.blocks.push({ kind: 'heading', level: 3, text: 'Highlight reports not yet submitted' })
    summary.blocks.push({
      kind: 'bullets',
      items: rollUp.outstanding.map(
        o => `${o.reporterName}, ${monthLabel(o.month)} (${MONTH_STATE_LABELS[o.state].toLowerCase()})`,
      ),
    })
  }
  const asksNumber = String(rollUp.priorities.length + 2)
  const asks: DocumentSection = {
    number: asksNumber,
    heading: 'Asks of the Steering Group',
    blocks: rollUp.asks.length
      ? [
          {
            kind: 'table',
            caption: `Asks of the Steering Group, ${pack.quarterLabel}`,
            columns: [
              { header: 'Priority', width: 3 },
              { header: 'From', width: 2 },
              { header: 'Month', width: 1.3 },
              { header: 'Ask', width: 5 },
            ],
            rows: rollUp.asks.map(ask => ({
              cells: [ask.priority.title, ask.reporterName, monthLabel(ask.month), { lines: linesOf(ask.text) }],
            })),
          },
        ]
      : [{ kind: 'paragraph', text: 'The highlight reports of the quarter ask nothing of the Steering Group.' }],
  }
  const policeData = [...pack.figures.values()].some(list => list.some(f => f.fromPoliceData))
  return {
    title: `Highlight reports to the Steering Group: ${pack.quarterLabel}`,
    subtitle: pack.partnershipName,
    metadata: [
      { label: 'Plan', value: pack.planTitle },
      { label: 'Reports submitted', value: `${rollUp.submitted} of ${rollUp.expected} due so far` },
      { label: 'Indicator figures', value: `to the end of ${monthLabel(pack.figuresTo)}` },
      { label: 'Figures taken from the records', value: formatDate(pack.generatedAt, 'datetime') },
    ],
    sections: [summary, ...rollUp.priorities.map((item, index) => prioritySection(pack, item, index)), asks],
    ...(policeData ? { attribution: [OGL_ATTRIBUTION] } : {}),
    footer: `${pack.partnershipName}: highlight reports, ${pack.quarterLabel}`,
    author: pack.partnershipName,
    generatedAt: pack.generatedAt,
  }
}
