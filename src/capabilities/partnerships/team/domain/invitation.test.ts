import { describe, expect, it } from 'vitest'

import { invitationEmail, type InvitationInput } from './invitation.ts'

const base: InvitationInput = {
  to: { email: 'jo@essex.police.uk', name: 'Jo Bloggs' },
  inviter: { name: 'Sam Coordinator', email: 'sam@rochford.gov.uk' },
  partnershipName: 'Rochford District Community Safety Partnership',
  roleLabel: 'Lead',
  roleDescription: 'Reads everything and updates the actions they lead',
  message: 'You lead the ASB actions in our 2026/27 plan.\nPlease post your first update by 10 July.',
  link: { url: 'https://csp.example.org/reset-password/abc', days: 7 },
  signInUrl: 'https://csp.example.org/sign-in',
  providers: [],
  existingAccount: false,
}

describe('the invitation e-mail', () => {
  it('says who invited them, to which partnership, with what role and why, and gives the one-time link', () => {
    const mail = invitationEmail(base)
    expect(mail.subject).toBe('You have been given access to Rochford District Community Safety Partnership on CSP Hub')
    expect(mail.text).toContain('Sam Coordinator (sam@rochford.gov.uk) has given you access to Rochford District Community Safety Partnership')
    expect(mail.text).toContain('Your role: Lead. Reads everything and updates the actions they lead.')
    expect(mail.text).toContain('Why you have been given access, in Sam Coordinator’s words:\n\n  You lead the ASB actions in our 2026/27 plan.\n  Please post your first update by 10 July.')
    expect(mail.text).toContain('open this link within 7 days (it works once):\n\nhttps://csp.example.org/reset-password/abc')
  })

  it('with single sign-on, offers it beside the link, or alone when passwords are off', () => {
    expect(invitationEmail({ ...base, providers: ['Essex Police'] }).text).toContain('Or sign in with Essex Police at https://csp.example.org/sign-in, with the address jo@essex.police.uk.')
    const ssoOnly = invitationEmail({ ...base, link: null, providers: ['Essex Police'], message: null }).text
    expect(ssoOnly).toContain('To sign in, go to https://csp.example.org/sign-in and sign in with Essex Police with the address jo@essex.police.uk.')
    expect(ssoOnly).not.toContain('Why you have been given access')
  })

  it('to someone who has an account already, says to sign in as they do now', () => {
    const text = invitationEmail({ ...base, existingAccount: true, link: null }).text
    expect(text).toContain('Sign in as you do now (jo@essex.police.uk) at https://csp.example.org/sign-in')
    expect(text).not.toContain('reset-password')
  })
})
