import { daysBetween, financialYearLabel, quarterLabel, type IsoDate, type Quarter } from '../../../core/calendar/index.ts'
import { formatDate, plural } from '../../../shared/format.ts'

import type { ReminderKind } from './reminder-rules.ts'

/**
 * The words of the reminder e-mails: plain text, short lines, the facts first (the action, the
 * partnership, the quarter, the due date) and the link to act on; the link to stop them last.
 */

export interface ReminderFacts {
  kind: ReminderKind
  partnershipName: string
  planTitle: string
  planYear: number
  priorityTitle: string
  groupName: string | null
  actionTitle: string
  quarter: Quarter
  dueDate: IsoDate
  today: IsoDate
  recipientName: string | null
  /** The leads named on the action (for the chair's escalation). */
  leadNames: string[]
  /** The update form (for a lead), or the action's page (for the chair). */
  link: string
  stopLink: string
}

export interface EmailWords {
  subject: string
  text: string
}

const short = (text: string, max = 80) => (text.length > max ? `${text.slice(0, max - 1)}…` : text)

export function reminderEmail(facts: ReminderFacts): EmailWords {
  const due = formatDate(facts.dueDate)
  const late = daysBetween(facts.dueDate, facts.today)
  const greeting = facts.recipientName ? `Dear ${facts.recipientName},` : 'Hello,'
  const details = [
    `Action: ${facts.actionTitle}`,
    `Priority: ${facts.priorityTitle}`,
    ...(facts.groupName ? [`Delivered by: ${facts.groupName}`] : []),
    `Partnership: ${facts.partnershipName}`,
    `Plan: ${facts.planTitle} (${financialYearLabel(facts.planYear)})`,
    `Quarter: ${quarterLabel(facts.planYear, facts.quarter)}`,
    `Update due by: ${due}`,
  ]
  let subject: string
  let opening: string
  let ask: string
  let why: string
  switch (facts.kind) {
    case 'due':
      subject = `Q${facts.quarter} update due by ${due}: ${short(facts.actionTitle)}`
      opening = `The quarterly update on an action you lead is due by ${due}.`
      ask = 'Post your update (what has been done, what is next, and its RAG status) here:'
      why = `You get this because you lead this action in ${facts.partnershipName}'s plan.`
      break
    case 'overdue':
      subject = `Q${facts.quarter} update overdue: ${short(facts.actionTitle)}`
      opening = `The quarterly update on an action you lead was due by ${due} and has not been posted (${plural(late, 'day')} late).`
      ask = 'Please post it now here:'
      why = `You get this because you lead this action in ${facts.partnershipName}'s plan.`
      break
    case 'escalation':
      subject = `Escalation: Q${facts.quarter} update ${plural(late, 'day')} overdue: ${short(facts.actionTitle)}`
      opening = `The quarterly update on this action of ${facts.groupName ? `a priority ${facts.groupName} delivers` : 'the partnership’s plan'} was due by ${due} and is ${plural(late, 'day')} overdue. Its leads have been reminded.`
      ask = 'The action and its updates:'
      why = facts.groupName ? `You get this as the chair of ${facts.groupName}.` : `You get this as a coordinator of ${facts.partnershipName}, because the priority has no delivering group with a chair.`
      break
  }
  const leads = facts.kind === 'escalation' ? [`Leads: ${facts.leadNames.length ? facts.leadNames.join(', ') : 'none named'}`] : []
  const text = [greeting, '', opening, '', ...details, ...leads, '', ask, facts.link, '', '-- ', why, `To stop these reminders: ${facts.stopLink}`, ''].join('\n')
  return { subject, text }
}

export interface DigestLine {
  leadName: string
  priorityTitle: string
  actionTitle: string
  quarter: Quarter
  dueDate: IsoDate
  link: string
}

export interface DigestFacts {
  partnershipName: string
  recipientName: string | null
  today: IsoDate
  overdue: DigestLine[]
  dueSoon: DigestLine[]
  /** Dates of the statutory calendar due in the coming weeks or overdue, as lines. */
  calendar: string[]
  remindersLink: string
  stopLink: string
}

/** Lines grouped by lead, then priority: "who needs a nudge about what". */
function byLeadAndPriority(lines: DigestLine[], today: IsoDate): string[] {
  const out: string[] = []
  const leads = [...new Set(lines.map(line => line.leadName))].sort((a, b) => a.localeCompare(b))
  for (const lead of leads) {
    out.push('', lead)
    const mine = lines.filter(line => line.leadName === lead)
    for (const priority of [...new Set(mine.map(line => line.priorityTitle))]) {
      out.push(`  ${priority}`)
      for (const line of mine.filter(l => l.priorityTitle === priority)) {
        const days = daysBetween(line.dueDate, today)
        const when = days > 0 ? `${plural(days, 'day')} overdue` : days === 0 ? 'due today' : `due in ${plural(-days, 'day')}`
        out.push(`  - ${line.actionTitle}: Q${line.quarter} update, due ${formatDate(line.dueDate)} (${when})`, `    ${line.link}`)
      }
    }
  }
  return out
}

/** Actions, not lines: an action with two leads is one update. */
const actionCount = (lines: DigestLine[]) => new Set(lines.map(line => line.link)).size

export function digestEmail(facts: DigestFacts): EmailWords {
  const overdue = actionCount(facts.overdue)
  const dueSoon = actionCount(facts.dueSoon)
  const dates = facts.calendar.length ? `, ${plural(facts.calendar.length, 'calendar date')} to watch` : ''
  const subject = `${facts.partnershipName}: ${plural(overdue, 'update')} overdue, ${dueSoon} due soon${dates} (week of ${formatDate(facts.today)})`
  const text = [
    facts.recipientName ? `Dear ${facts.recipientName},` : 'Hello,',
    '',
    `This is the weekly summary of the quarterly updates of ${facts.partnershipName}'s plan, on ${formatDate(facts.today)}.`,
    '',
    `OVERDUE (${overdue})`,
    ...(facts.overdue.length ? byLeadAndPriority(facts.overdue, facts.today) : ['', 'None.']),
    '',
    `DUE IN THE NEXT TWO WEEKS (${dueSoon})`,
    ...(facts.dueSoon.length ? byLeadAndPriority(facts.dueSoon, facts.today) : ['', 'None.']),
    ...(facts.calendar.length ? ['', 'STATUTORY CALENDAR', '', ...facts.calendar.map(line => `- ${line}`)] : []),
    '',
    'The reminders sent and to be sent:',
    facts.remindersLink,
    '',
    '-- ',
    `You get this as a coordinator of ${facts.partnershipName}.`,
    `To stop these e-mails: ${facts.stopLink}`,
    '',
  ].join('\n')
  return { subject, text }
}
