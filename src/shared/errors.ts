/** Errors that mean something to users; web/error-handler.ts maps them to pages and status codes. */

export class NotFoundError extends Error {
  constructor(what = 'Page') {
    super(`${what} not found`)
    this.name = 'NotFoundError'
  }
}

/** The user is signed in but their role does not allow this. (A record of another partnership is a 404.) */
export class ForbiddenError extends Error {
  constructor(message = 'You do not have permission to do that') {
    super(message)
    this.name = 'ForbiddenError'
  }
}

/** The request needs a signed-in user. */
export class UnauthenticatedError extends Error {
  constructor() {
    super('Sign in to continue')
    this.name = 'UnauthenticatedError'
  }
}

/** Someone else changed the record first, or the change would break a rule between records. */
export class ConflictError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ConflictError'
  }
}

/** A domain rule broken by user input: field name → message, shown in the GOV.UK error summary. */
export class ValidationError extends Error {
  constructor(readonly fieldErrors: Record<string, string>) {
    super(Object.values(fieldErrors).join('; '))
    this.name = 'ValidationError'
  }
}
