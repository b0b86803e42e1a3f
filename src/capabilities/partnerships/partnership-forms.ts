import { z } from 'zod'

import { checkbox, choice, optionalChoice, optionalEmail, optionalId, optionalText, requiredId, requiredText } from '../../shared/form-fields.ts'

import { AREA_TYPES, AUTHORITY_TYPES, GROUP_TYPES, MEETING_CADENCES, MEMBERSHIP_ROLES, ORGANISATION_KINDS } from './domain/structure.ts'

export const partnershipForm = z.object({
  name: requiredText('Enter the name of the partnership'),
  shortName: optionalText(40),
  vision: optionalText(2000),
  description: optionalText(5000),
  isPublished: checkbox,
})
export type PartnershipInput = z.output<typeof partnershipForm>

export const areaForm = z.object({
  name: requiredText('Enter the name of the area'),
  type: choice(AREA_TYPES, 'Select the type of area'),
  code: optionalText(20),
  parentId: optionalId,
  description: optionalText(2000),
})
export type AreaInput = z.output<typeof areaForm>

export const organisationForm = z
  .object({
    name: requiredText('Enter the name of the organisation'),
    shortName: optionalText(40),
    kind: choice(ORGANISATION_KINDS, 'Select whether the organisation is a responsible authority or a community partner'),
    authorityType: optionalChoice(AUTHORITY_TYPES, 'Select the type of responsible authority'),
    website: optionalText(300),
    notes: optionalText(2000),
  })
  .superRefine((value, ctx) => {
    if (value.kind === 'responsible_authority' && !value.authorityType) {
      ctx.addIssue({ code: 'custom', path: ['authorityType'], message: 'Select the type of responsible authority' })
    }
  })
  .transform(value => ({ ...value, authorityType: value.kind === 'responsible_authority' ? value.authorityType : null }))
export type OrganisationInput = z.output<typeof organisationForm>

export const groupForm = z.object({
  name: requiredText('Enter the name of the group'),
  shortName: optionalText(40),
  type: choice(GROUP_TYPES, 'Select the type of group'),
  purpose: optionalText(5000),
  meetingCadence: optionalChoice(MEETING_CADENCES, 'Select how often the group meets'),
  reportsToGroupId: optionalId,
  notes: optionalText(2000),
})
export type GroupInput = z.output<typeof groupForm>

export const personForm = z.object({
  name: requiredText('Enter the person’s name or role, for example Community Safety Officer'),
  jobTitle: optionalText(200),
  organisationId: optionalId,
  email: optionalEmail,
})
export type PersonInput = z.output<typeof personForm>

export const membershipForm = z.object({
  personId: requiredId('Select a person'),
  role: choice(MEMBERSHIP_ROLES, 'Select their role in the group'),
})
export type MembershipInput = z.output<typeof membershipForm>
