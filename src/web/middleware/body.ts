import querystring from 'node:querystring'

import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express'

/**
 * The one place where what a visitor sends is read into fields: form bodies, JSON bodies, the query
 * string, and the fields of a file upload (web/upload.ts). A NUL character (U+0000) means nothing in a
 * form and PostgreSQL cannot store it in text ("invalid byte sequence for encoding UTF8"), so it is taken
 * out here, in keys and values alike, before any route or schema sees it.
 */
export function withoutNul<T>(value: T): T {
  if (typeof value === 'string') return (value.includes('\u0000') ? value.replaceAll('\u0000', '') : value) as T
  if (Array.isArray(value)) return value.map(item => withoutNul(item as unknown)) as T
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) !== null && Object.getPrototypeOf(value) !== Object.prototype) {
    return value // a Buffer, a Date: not text
  }
  if (value && typeof value === 'object') {
    const clean: Record<string, unknown> = Object.create(Object.getPrototypeOf(value) as object | null) as Record<string, unknown>
    // defineProperty, so that a key named __proto__ (JSON.parse makes it an own key) stays a plain key.
    for (const [key, item] of Object.entries(value)) Object.defineProperty(clean, withoutNul(key), { value: withoutNul(item as unknown), enumerable: true, writable: true, configurable: true })
    return clean as T
  }
  return value
}

/** The query string, parsed as Express's 'simple' parser does, without NUL characters. */
export function parseQuery(text: string): Record<string, unknown> {
  return withoutNul(querystring.parse(text)) as Record<string, unknown>
}

function cleanBody(req: Request, _res: Response, next: NextFunction) {
  if (req.body !== undefined) req.body = withoutNul(req.body as unknown)
  next()
}

/** Form (url-encoded) and JSON bodies, with NUL characters taken out. File uploads are read by their routes. */
export function bodyParsers(): RequestHandler[] {
  return [express.urlencoded({ extended: false, limit: '2mb', parameterLimit: 5000 }), express.json({ limit: '10mb' }), cleanBody]
}
