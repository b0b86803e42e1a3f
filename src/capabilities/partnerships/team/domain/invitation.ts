/**
 * The e-mail someone gets when they are given access to a partnership: who gave it, to which partnership,
 * with what role and why, and how to sign in (the one-time link to choose a password, the council's
 * single sign-on, or both).
 */
export interface InvitationInput {
  to: { email: string; name: string }
  inviter: { name: string; email: string }
  partnershipName: string
  roleLabel: string
  roleDescription: string
  /** The admin's own words: why they are being given access. */
  message: string | null
  /** A one-time link to choose a password (new accounts with password sign-in on). */
  link: { url: string; days: number } | null
  signInUrl: string
  /** Single sign-on buttons on the sign-in page, by name. */
  providers: string[]
  /** The account existed already (they sign in as they do now). */
  existingAccount: boolean
}

export function invitationEmail(input: InvitationInput): { subject: string; text: string } {
  const inviter = input.inviter.name && input.inviter.name !== input.inviter.email ? `${input.inviter.name} (${input.inviter.email})` : input.inviter.email
  const lines = [
    `Dear ${input.to.name},`,
    '',
    `${inviter} has given you access to ${input.partnershipName} on CSP Hub, the system the partnership uses to run its plan, performance, funding and reports.`,
    '',
    `Your role: ${input.roleLabel}. ${input.roleDescription}.`,
  ]
  if (input.message) lines.push('', `Why you have been given access, in ${input.inviter.name || input.inviter.email}’s words:`, '', ...input.message.split(/\r?\n/).map(line => `  ${line}`))
  lines.push('')
  const sso = input.providers.length ? `sign in with ${input.providers.join(' or with ')}` : null
  if (input.existingAccount) {
    lines.push(`Sign in as you do now (${input.to.email}) at ${input.signInUrl}`)
  } else if (input.link) {
    lines.push(`To choose your password and sign in, open this link within ${input.link.days} days (it works once):`, '', input.link.url)
    if (sso) lines.push('', `Or ${sso} at ${input.signInUrl}, with the address ${input.to.email}.`)
  } else {
    lines.push(`To sign in, go to ${input.signInUrl} and ${sso ?? 'sign in'} with the address ${input.to.email}.`)
  }
  lines.push('', `If you did not expect this e-mail, ask ${input.inviter.email} about it, or ignore it.`)
  return { subject: `You have been given access to ${input.partnershipName} on CSP Hub`, text: lines.join('\n') }
}
