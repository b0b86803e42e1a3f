import type { ReceivedMail } from '../../test/helpers/smtp-server.ts'

/** The kinds of e-mail the year's run counts, from the outbox key each e-mail's Message-ID carries. */
export const MAIL_KINDS = [
  'due reminder',
  'overdue reminder',
  'escalation',
  'digest',
  'death-review deadline',
  'police fetch failed',
  'other',
] as const
export type MailKind = (typeof MAIL_KINDS)[number]

export interface LoggedMail {
  day: string
  kind: MailKind
  key: string
  messageId: string
  to: string[]
  subject: string
  /** For reminders: the action, the plan year and the quarter the key names. */
  reminder?: { actionId: number; planYear: number; quarter: number }
}

const KIND_OF_CATEGORY: Record<string, MailKind> = {
  'reminder.due': 'due reminder',
  'reminder.overdue': 'overdue reminder',
  'reminder.escalation': 'escalation',
  'reminder.digest': 'digest',
  'death-review-reminder': 'death-review deadline',
  'police-archive-failed': 'police fetch failed',
}

/** Reads what the SMTP server received: the Message-ID, and the outbox key it is made from. */
export function logMail(mail: ReceivedMail, day: string): LoggedMail {
  const head = mail.raw.split(/\r?\n\r?\n/)[0] ?? ''
  const messageId = /^message-id:\s*(<[^>]*>)/im.exec(head)?.[1] ?? ''
  const key = decodeURIComponent(/^<(.*)@[^@>]*>$/.exec(messageId)?.[1] ?? '')
  const category = key.split(':')[0] ?? ''
  const logged: LoggedMail = {
    day,
    kind: KIND_OF_CATEGORY[category] ?? 'other',
    key,
    messageId,
    to: mail.to,
    subject: mail.subject,
  }
  // reminder.<kind>:<partnership>:<action>:<year>Q<quarter>:<address>
  const reminder = /^reminder\.(?:due|overdue|escalation):\d+:(\d+):(\d{4})Q([1-4]):/.exec(key)
  if (reminder)
    logged.reminder = { actionId: Number(reminder[1]), planYear: Number(reminder[2]), quarter: Number(reminder[3]) }
  return logged
}

/** Message-IDs or keys received more than once. */
export function duplicates(mails: readonly LoggedMail[]): string[] {
  const seen = new Set<string>()
  const twice: string[] = []
  for (const mail of mails) {
    for (const id of [`Message-ID ${mail.messageId}`, `key ${mail.key} to ${mail.to.join(',')}`]) {
      if (seen.has(id)) twice.push(id)
      seen.add(id)
    }
  }
  return twice
}
