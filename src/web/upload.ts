import { promises as fs } from 'node:fs'

import type { Request, RequestHandler, Response } from 'express'
import multer from 'multer'

import { SpreadsheetFileError } from '../shared/spreadsheet-file.ts'

import { withoutNul } from './middleware/body.ts'
import { CsrfError, hasValidCsrfToken } from './middleware/csrf.ts'

/**
 * Read a file upload (multipart/form-data) with the route's own multer settings, then check its CSRF
 * token from the parsed form, never from the address. Only routes listed in their capability's
 * `uploadRoutes` get this far with a multipart body (see csrf.ts). When the token is wrong the files
 * already written to disk are removed and a CsrfError is thrown (403 page), before the route reads
 * anything. The form's other fields get the same cleaning as every other form (body.ts).
 */
export async function receiveUpload(req: Request, res: Response, parse: RequestHandler): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    void parse(req, res, (error?: unknown) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve()))
  })
  req.body = withoutNul((req.body ?? {}) as unknown)
  if (req.authenticatedBy === 'api_token' || hasValidCsrfToken(req)) return
  const files = [req.file, ...(Array.isArray(req.files) ? req.files : Object.values(req.files ?? {}).flat())]
  await Promise.all(files.map(file => (file?.path ? fs.rm(file.path, { force: true }) : undefined)))
  req.file = undefined
  req.files = undefined
  throw new CsrfError()
}

/**
 * Read the one spreadsheet file of an import form (field `file`) into memory, within `maxBytes`, its CSRF
 * token checked (receiveUpload). Problems a user can fix are SpreadsheetFileError, for the file field.
 */
export async function receiveSpreadsheetUpload(req: Request, res: Response, maxBytes: number): Promise<Express.Multer.File | undefined> {
  const parse = multer({ storage: multer.memoryStorage(), limits: { fileSize: maxBytes, files: 1, fields: 20 } }).single('file')
  try {
    await receiveUpload(req, res, parse)
  } catch (error) {
    if (error instanceof multer.MulterError) {
      if (error.code === 'LIMIT_FILE_SIZE') throw new SpreadsheetFileError(`The selected file must be smaller than ${Math.round(maxBytes / 1024 / 1024)}MB`)
      throw new SpreadsheetFileError('Select one file to upload')
    }
    throw error
  }
  return req.file
}
