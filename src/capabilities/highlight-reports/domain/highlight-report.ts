/**
 * A highlight report: for each priority its reporter delivers, the progress made, issues, risks, and what
 * is asked of the steering group. It is written as a draft, then submitted; a submitted report cannot be
 * changed until a coordinator reopens it.
 */

export const REPORT_STATUSES = ['draft', 'submitted'] as const
export type ReportStatus = (typeof REPORT_STATUSES)[number]
export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = { draft: 'Draft', submitted: 'Submitted' }

export const ENTRY_FIELDS = ['progress', 'issues', 'risks', 'asks'] as const
export type EntryField = (typeof ENTRY_FIELDS)[number]

export const ENTRY_FIELD_LABELS: Record<EntryField, string> = {
  progress: 'Progress',
  issues: 'Issues',
  risks: 'Risks',
  asks: 'Asks of the steering group',
}

export const ENTRY_FIELD_HINTS: Record<EntryField, string> = {
  progress: 'What has been done this month against the priority’s actions and milestones',
  issues: 'Anything that is holding the work back. Leave empty if there are none.',
  risks:
    'Risks to achieving the priority, new or changed, and what is being done about them. Leave empty if there are none.',
  asks: 'Decisions, help or resources the sub-group needs from the steering group. Leave empty if there are none.',
}

export interface EntryContent {
  progress: string | null
  issues: string | null
  risks: string | null
  asks: string | null
}

export const EMPTY_ENTRY: EntryContent = { progress: null, issues: null, risks: null, asks: null }

/** A form field of one priority's entry: "progress-12". The element id is the same, so error links land on it. */
export function entryFieldName(field: EntryField, priorityId: number): string {
  return `${field}-${priorityId}`
}

/** Why the report cannot be submitted, field by field (none when it can). */
export function submitProblems(
  priorities: readonly { id: number; title: string }[],
  entries: ReadonlyMap<number, EntryContent>,
): Record<string, string> {
  const problems: Record<string, string> = {}
  for (const priority of priorities) {
    if (!entries.get(priority.id)?.progress)
      problems[entryFieldName('progress', priority.id)] =
        `Enter the progress on “${priority.title}” before you submit the report`
  }
  return problems
}

/** Who is writing: what their role allows and the groups they chair. */
export interface Writer {
  /** A coordinator or admin: writes for every group and for the community safety team. */
  editsRecords: boolean
  /** A lead: writes for the groups they chair. */
  postsOwnUpdates: boolean
  chairedGroupIds: readonly number[]
}

/** Whether the writer may write (and change the drafts of) the reports of a group (null: the community safety team). */
export function mayWriteFor(writer: Writer, groupId: number | null): boolean {
  if (writer.editsRecords) return true
  return writer.postsOwnUpdates && groupId !== null && writer.chairedGroupIds.includes(groupId)
}

/** Why a report cannot be changed (or deleted) as it stands, or null when it can. */
export function editProblem(status: ReportStatus): string | null {
  return status === 'submitted'
    ? 'This report has been submitted, so it cannot be changed. A coordinator can reopen it.'
    : null
}

export function submitProblem(status: ReportStatus): string | null {
  return status === 'submitted' ? 'This report has already been submitted' : null
}

export function reopenProblem(status: ReportStatus): string | null {
  return status === 'draft' ? 'This report is a draft: only a submitted report can be reopened' : null
}
