/** Password rules, as the NCSC advises: length over complexity, no forced composition rules. */
export const MIN_PASSWORD_LENGTH = 12
const MAX_PASSWORD_LENGTH = 256

const COMMON = new Set([
  'password1234',
  'passwordpassword',
  '123456789012',
  'qwertyuiopas',
  'letmeinletmein',
  'communitysafety',
  'changemechangeme',
])

/** Why a proposed password is not acceptable, or null when it is. */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Password must be ${MIN_PASSWORD_LENGTH} characters or more`
  if (password.length > MAX_PASSWORD_LENGTH) return `Password must be ${MAX_PASSWORD_LENGTH} characters or fewer`
  if (COMMON.has(password.toLowerCase())) return 'Choose a password that is harder to guess'
  if (new Set(password).size < 4) return 'Choose a password that is harder to guess'
  if (email && password.toLowerCase().includes(email.toLowerCase().split('@')[0] ?? '\u0000'))
    return 'Password must not contain your email address'
  return null
}
