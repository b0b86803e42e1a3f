import { z } from 'zod'

import { withDates } from '../../shared/date-input.ts'
import { choice, optionalId, optionalText, requiredText } from '../../shared/form-fields.ts'

import { ACTION_STATUSES, RAGS } from './domain/action-plan.ts'

/**
 * The death review forms, one per step of the review so that each page asks only what that step needs. Dates
 * use the GOV.UK date input (src/shared/date-input.ts).
 */

export const notificationForm = withDates(
  {
    caseReference: requiredText('Enter the case reference', 60),
    notifiedBy: optionalText(200),
    circumstances: optionalText(2000),
    namedAs: optionalText(200),
    priorityId: optionalId,
  },
  [{ name: 'notifiedOn', label: 'Date notified', required: 'Enter the date the partnership was notified of the death' }],
)
export type NotificationInput = z.output<typeof notificationForm>

export const decisionForm = withDates(
  {
    decision: choice(['review', 'no_review'] as const, 'Select whether the partnership will hold a review'),
    decisionReasons: requiredText('Enter the reasons for the decision', 5000),
  },
  [
    { name: 'decisionOn', label: 'Date of the decision', required: 'Enter the date of the decision' },
    { name: 'homeOfficeNotifiedOn', label: 'Date the Home Office was told' },
  ],
)
export type DecisionInput = z.output<typeof decisionForm>

export const chairForm = withDates(
  {
    chairName: optionalText(200),
    termsOfReference: optionalText(10000),
  },
  [
    { name: 'chairAppointedOn', label: 'Date the chair was appointed' },
    { name: 'termsOfReferenceAgreedOn', label: 'Date the terms of reference were agreed' },
  ],
)
export type ChairInput = z.output<typeof chairForm>

export const reportForm = withDates({ homeOfficeFeedback: optionalText(10000) }, [
  { name: 'reportSentOn', label: 'Date the report was sent' },
  { name: 'homeOfficeFeedbackOn', label: 'Date of the Home Office feedback' },
  { name: 'publishedOn', label: 'Date published' },
])
export type ReportInput = z.output<typeof reportForm>

export const panelMemberForm = z
  .object({
    organisationId: optionalId,
    organisationName: optionalText(200),
    representedBy: optionalText(200),
  })
  .superRefine((value, ctx) => {
    if (value.organisationId === null && value.organisationName === null) {
      ctx.addIssue({ code: 'custom', path: ['organisationId'], message: 'Select the organisation, or enter its name if it is not a partner' })
    }
  })
export type PanelMemberInput = z.output<typeof panelMemberForm>

export const meetingForm = withDates(
  {
    purpose: requiredText('Enter what the meeting was for', 200),
    notes: optionalText(10000),
  },
  [{ name: 'heldOn', label: 'Date of the meeting', required: 'Enter the date of the meeting' }],
)
export type MeetingInput = z.output<typeof meetingForm>

export const extensionForm = withDates(
  {
    reason: requiredText('Enter the reason for the extension', 5000),
    agreedWith: optionalText(200),
  },
  [
    { name: 'agreedOn', label: 'Date agreed', required: 'Enter the date the extension was agreed' },
    { name: 'extendedTo', label: 'New date', required: 'Enter the date the report is now due' },
  ],
)
export type ExtensionInput = z.output<typeof extensionForm>

export const actionForm = withDates(
  {
    recommendation: optionalText(2000),
    action: requiredText('Enter the action', 2000),
    lead: optionalText(200),
    status: choice(ACTION_STATUSES, 'Select the action’s status'),
  },
  [
    { name: 'dueOn', label: 'Due date' },
    { name: 'completedOn', label: 'Date completed' },
  ],
).superRefine((value, ctx) => {
  if (value.status === 'complete' && !value.completedOn) ctx.addIssue({ code: 'custom', path: ['completedOn-day'], message: 'Enter the date the action was completed' })
  if (value.status !== 'complete' && value.completedOn) ctx.addIssue({ code: 'custom', path: ['completedOn-day'], message: 'Leave the date completed empty unless the action is complete' })
})
export type ActionInput = z.output<typeof actionForm>

export const actionUpdateForm = z.object({
  rag: choice(RAGS, 'Select a RAG status'),
  body: requiredText('Enter the update', 5000),
})
export type ActionUpdateInput = z.output<typeof actionUpdateForm>

export const accessForm = z.object({
  change: choice(['give', 'take'] as const, 'Select whether to give or take away access'),
})
