import { z } from 'zod'

import { choice, optionalId, optionalText, requiredId, requiredText } from '../../../shared/form-fields.ts'
import { parseFinancialYearInput } from '../../../core/calendar/index.ts'
import { ALLOCATION_KINDS, BID_STATUSES, NATURES, SPEND_STATUSES, STREAM_STATUSES, type DistrictShare } from '../domain/funding.ts'
import { moneyMessage, parseMoney } from '../domain/money.ts'
import { ALWAYS, checkDate, dateOf, dateParts, money, optionalMoney, wholeNumber } from '../funding-forms.ts'

/** The forms of a funding year and of its entries: streams, roll-overs, reserves, contributions, bids, allocations and spend. */

/** Capital or revenue; the forms tick Revenue to start with, so a form without the field means revenue. */
const nature = choice(NATURES, 'Select whether the money is capital or revenue')
  .optional()
  .transform(value => value ?? 'revenue')

/** The amount per district of a stream, typed in boxes named share-{district id}; empty boxes are left out. */
function readShares(value: Record<string, unknown>, ctx: { addIssue(issue: { code: 'custom'; path: string[]; message: string }): void }): DistrictShare[] {
  const shares: DistrictShare[] = []
  for (const [key, raw] of Object.entries(value)) {
    const match = /^share-(\d+)$/.exec(key)
    if (!match || typeof raw !== 'string' || raw.trim() === '') continue
    const result = parseMoney(raw)
    if (!result.ok) ctx.addIssue({ code: 'custom', path: [key], message: moneyMessage(result.problem, 'the district’s share') })
    else shares.push({ areaId: Number(match[1]), amountPence: result.pence })
  }
  return shares.sort((a, b) => a.areaId - b.areaId)
}

export const yearForm = z.object({
  startYear: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const result = parseFinancialYearInput(value)
      if (!result.ok) {
        ctx.addIssue({ code: 'custom', message: result.message })
        return z.NEVER
      }
      return result.startYear
    }),
  accountableOrganisationId: optionalId,
  notes: optionalText(5000),
})
export type YearInput = z.output<typeof yearForm>

export const yearDetailsForm = yearForm.omit({ startYear: true })
export type YearDetailsInput = z.output<typeof yearDetailsForm>

export const streamForm = z
  .looseObject({
    name: requiredText('Enter the name of the funding stream'),
    funder: requiredText('Enter who provides the money'),
    amount: optionalMoney('the amount'),
    status: choice(STREAM_STATUSES, 'Select whether the amount is confirmed, to be confirmed or withdrawn'),
    nature,
    whose: choice(['own', 'others'] as const, 'Select whose money it is')
      .optional()
      .transform(value => value ?? 'own'),
    areaId: optionalId,
    automaticPercent: wholeNumber({
      empty: 100,
      min: 0,
      max: 100,
      message: 'Share paid automatically must be a whole number from 0 to 100',
    }),
    conditions: optionalText(2000),
    notes: optionalText(5000),
  })
  .superRefine((value, ctx) => {
    if (typeof value.automaticPercent === 'number' && value.automaticPercent < 100 && !value.conditions) {
      ctx.addIssue({
        code: 'custom',
        path: ['conditions'],
        message: 'Enter the conditions for the part paid against the action plan',
      })
    }
    readShares(value, ctx)
  }, ALWAYS)
  .transform(value => ({
    name: value.name,
    funder: value.funder,
    amountPence: value.amount,
    status: value.status,
    nature: value.nature,
    administeredForOthers: value.whose === 'others',
    areaId: value.areaId,
    districtShares: readShares(value, { addIssue: () => undefined }),
    automaticPercent: value.automaticPercent,
    conditions: value.conditions,
    notes: value.notes,
  }))
export type StreamInput = z.output<typeof streamForm>

export const rollOverForm = z
  .object({
    amount: money('the amount rolled over'),
    ...dateParts('approvedOn'),
    approvedBy: optionalText(200),
    reason: optionalText(2000),
    nature,
  })
  .superRefine((value, ctx) => checkDate(value, 'approvedOn', 'Date approved', null, ctx), ALWAYS)
  .transform(value => ({
    amountPence: value.amount,
    approvedOn: dateOf(value, 'approvedOn'),
    approvedBy: value.approvedBy,
    reason: value.reason,
    nature: value.nature,
  }))
export type RollOverInput = z.output<typeof rollOverForm>

/** Reserves drawn into the year: a source of their own, not an approved underspend. */
export const reserveForm = z
  .object({
    description: requiredText('Enter what the reserves are, for example Community safety reserve', 300),
    amount: money('the amount drawn from reserves'),
    nature,
    heldByOrganisationId: optionalId,
    ...dateParts('approvedOn'),
    notes: optionalText(5000),
  })
  .superRefine((value, ctx) => checkDate(value, 'approvedOn', 'Date approved', null, ctx), ALWAYS)
  .transform(value => ({
    description: value.description,
    amountPence: value.amount,
    nature: value.nature,
    heldByOrganisationId: value.heldByOrganisationId,
    approvedOn: dateOf(value, 'approvedOn'),
    notes: value.notes,
  }))
export type ReserveInput = z.output<typeof reserveForm>

export const contributionForm = z
  .object({
    organisationId: requiredId('Select the organisation making the contribution'),
    amount: optionalMoney('the amount'),
    status: choice(STREAM_STATUSES, 'Select whether the contribution is confirmed, to be confirmed or withdrawn'),
    nature: choice(NATURES, 'Select whether the contribution is capital or revenue'),
    notes: optionalText(5000),
  })
  .transform(({ amount, ...rest }) => ({ ...rest, amountPence: amount }))
export type ContributionInput = z.output<typeof contributionForm>

export const bidForm = z
  .object({
    fund: requiredText('Enter the name of the fund'),
    funder: optionalText(200),
    purpose: requiredText('Enter what the bid is for', 500),
    projectId: optionalId,
    amountRequested: money('the amount requested'),
    status: choice(BID_STATUSES, 'Select the status of the bid'),
    amountAwarded: optionalMoney('the amount awarded'),
    nature,
    ...dateParts('submittedOn'),
    ...dateParts('decidedOn'),
    notes: optionalText(5000),
  })
  .superRefine((value, ctx) => {
    checkDate(value, 'submittedOn', 'Date submitted', null, ctx)
    checkDate(value, 'decidedOn', 'Date decided', null, ctx)
    if (value.status === 'successful' && value.amountAwarded === null) {
      ctx.addIssue({ code: 'custom', path: ['amountAwarded'], message: 'Enter the amount awarded' })
    }
    if (value.status !== 'successful' && typeof value.amountAwarded === 'number') {
      ctx.addIssue({
        code: 'custom',
        path: ['amountAwarded'],
        message: 'Leave the amount awarded empty unless the bid was successful',
      })
    }
  }, ALWAYS)
  .transform(value => ({
    fund: value.fund,
    funder: value.funder,
    purpose: value.purpose,
    projectId: value.projectId,
    amountRequestedPence: value.amountRequested,
    status: value.status,
    amountAwardedPence: value.status === 'successful' ? value.amountAwarded : null,
    nature: value.nature,
    submittedOn: dateOf(value, 'submittedOn'),
    decidedOn: dateOf(value, 'decidedOn'),
    notes: value.notes,
  }))
export type BidInput = z.output<typeof bidForm>

export const allocationForm = z
  .object({
    purpose: requiredText('Enter what the money is allocated to', 500),
    kind: choice(ALLOCATION_KINDS, 'Select what the money is allocated to'),
    priorityId: optionalId,
    projectId: optionalId,
    amount: money('the amount allocated'),
    expectedSpend: optionalMoney('the expected spend'),
    nature,
    administeredStreamId: optionalId,
    notes: optionalText(5000),
  })
  .superRefine((value, ctx) => {
    if (value.kind === 'project' && value.projectId === null) {
      ctx.addIssue({ code: 'custom', path: ['projectId'], message: 'Select the project' })
    }
  }, ALWAYS)
  .transform(({ amount, expectedSpend, ...rest }) => ({
    ...rest,
    amountPence: amount,
    expectedSpendPence: expectedSpend,
  }))
export type AllocationInput = z.output<typeof allocationForm>

export const spendForm = z
  .object({
    allocationId: requiredId('Select the allocation the money was spent from'),
    description: requiredText('Enter what the money was spent on', 500),
    amount: money('the amount'),
    status: choice(SPEND_STATUSES, 'Select whether the money has been paid or is committed'),
    ...dateParts('spentOn'),
    payee: optionalText(200),
    reference: optionalText(100),
  })
  .superRefine((value, ctx) => checkDate(value, 'spentOn', 'Date', 'Enter the date', ctx), ALWAYS)
  .transform(value => ({
    allocationId: value.allocationId,
    description: value.description,
    amountPence: value.amount,
    status: value.status,
    spentOn: dateOf(value, 'spentOn')!,
    payee: value.payee,
    reference: value.reference,
  }))
export type SpendInput = z.output<typeof spendForm>
