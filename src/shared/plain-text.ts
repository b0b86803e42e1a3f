/**
 * Text that came from outside (a file's header, a row's values, a file's name) made fit to store and to
 * show: PostgreSQL refuses a NUL character in text and jsonb, and lone UTF-16 surrogates (from bytes that
 * were not UTF-8) and control characters mean nothing on a page. They become '?' (NUL is dropped), and a
 * long text is cut to `max` characters with an ellipsis.
 */
export function plainText(value: string, max = 2000): string {
  // eslint-disable-next-line no-control-regex
  let text = value.replaceAll('\u0000', '').replace(/[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '?')
  text = text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '?').replaceAll('\ufffd', '?')
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

/** Every string in a JSON-like value (an import's outcome: names, messages, rows as read) made plain, keys too. */
export function plainValues<T>(value: T, max = 2000): T {
  if (typeof value === 'string') return plainText(value, max) as T
  if (Array.isArray(value)) return value.map(item => plainValues(item as unknown, max)) as T
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [plainText(key, 200), plainValues(item as unknown, max)])) as T
  }
  return value
}
