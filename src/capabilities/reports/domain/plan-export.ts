import type { Table } from '../../../shared/spreadsheet.ts'
import { RAG_WORDS } from '../document/model.ts'

import { financialYearLabel, quartersText } from './periods.ts'
import { actionsOf, countRags, currentRag, latestUpdate, type ActionSnapshot, type PlanSnapshot } from './plan-snapshot.ts'

/**
 * The plan as spreadsheet tables (CSV: the actions; XLSX: the actions and a sheet of priorities): every action
 * with its priority and objective, leads, timescales, current RAG and latest update. Text goes out as typed;
 * shared/spreadsheet.ts neutralises anything a spreadsheet could run as a formula.
 */

const STATUS_WORDS = { open: 'Open', complete: 'Complete', cancelled: 'Cancelled' } as const

const ACTION_HEADERS = [
  'Priority number',
  'Priority',
  'Objective number',
  'Strategic objective',
  'Action number',
  'Action',
  'Outcomes / measures',
  'Lead organisations',
  'Lead people',
  'Lead note',
  'Supporting organisations',
  'Timescales',
  'Due date',
  'Timescale note',
  'Dependencies',
  'Action status',
  'Current RAG',
  'Latest update quarter',
  'Latest update',
  'Latest update by',
  'Latest update on',
]

export function planActionsTable(snapshot: PlanSnapshot, notes: string[] = []): Table {
  const rows: Table['rows'] = []
  snapshot.priorities.forEach((priority, p) => {
    const row = (action: ActionSnapshot, objective: { number: number; title: string } | null, a: number) => {
      const rag = currentRag(action)
      const latest = latestUpdate(action)
      rows.push([
        p + 1,
        priority.title,
        objective?.number ?? null,
        objective?.title ?? '',
        a,
        action.title,
        action.outcomes.join('\n'),
        action.leadOrganisations.join('; '),
        action.leadPeople.join('; '),
        action.leadNote ?? '',
        action.supportingOrganisations.join('; '),
        quartersText(action.quarters),
        action.dueDate ?? '',
        action.timescaleNote ?? '',
        action.dependencies ?? '',
        STATUS_WORDS[action.status],
        rag ? RAG_WORDS[rag] : 'No update',
        latest ? `Q${latest.quarter}` : '',
        latest?.body ?? '',
        latest?.authorLabel ?? '',
        latest ? latest.createdAt.toISOString().slice(0, 10) : '',
      ])
    }
    let a = 0
    for (const action of priority.actions) row(action, null, ++a)
    priority.objectives.forEach((objective, o) => {
      for (const action of objective.actions) row(action, { number: o + 1, title: objective.title }, ++a)
    })
  })
  return {
    name: 'Actions',
    headers: ACTION_HEADERS,
    rows,
    notes: [`${snapshot.plan.title} (${financialYearLabel(snapshot.plan.planYear)}). Current RAG: Blue for a complete action, otherwise the status of its latest update.`, ...notes],
  }
}

export function planPrioritiesTable(snapshot: PlanSnapshot): Table {
  return {
    name: 'Priorities',
    headers: ['Priority number', 'Priority', 'Themes', 'Headline target', 'Delivered by', 'Resources', 'Objectives', 'Actions', 'Green', 'Amber', 'Red', 'Blue (complete)', 'No update'],
    rows: snapshot.priorities.map((priority, index) => {
      const counts = countRags(actionsOf(priority).map(currentRag))
      return [
        index + 1,
        priority.title,
        priority.subThemes.join('; '),
        priority.headlineTarget ?? '',
        priority.deliveringGroup ?? '',
        priority.resources ?? '',
        priority.objectives.length,
        counts.total,
        counts.green,
        counts.amber,
        counts.red,
        counts.blue,
        counts.none,
      ]
    }),
  }
}
