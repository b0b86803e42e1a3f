/**
 * Record ids are PostgreSQL `integer`s (serial): 1 to 2,147,483,647. A number outside that range names no
 * record, and handing it to the database would fail ("value out of range for type integer"), so it is
 * refused where it is read: a URL id is then a 404, a form's id a validation message.
 */
export const MAX_ROW_ID = 2_147_483_647

/** A record id written in decimal digits (as in URLs and form fields), or undefined. */
export function parseRowId(value: unknown): number | undefined {
  const text = typeof value === 'number' ? String(value) : value
  if (typeof text !== 'string' || !/^\d{1,10}$/.test(text)) return undefined
  const id = Number(text)
  return id >= 1 && id <= MAX_ROW_ID ? id : undefined
}
