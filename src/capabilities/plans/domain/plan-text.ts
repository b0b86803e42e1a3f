/** Text typed into a form field or a spreadsheet cell, as the plan keeps it. */

/** Line breaks as \n, spaces trimmed at both ends. */
export function cleanText(value: string): string {
  return value.replace(/\r\n?/g, '\n').trim()
}

/** The non-empty lines of a cell, each trimmed. */
export function linesOf(value: string): string[] {
  return cleanText(value)
    .split('\n')
    .map(line => line.trim())
    .filter(Boolean)
}
