import type { ReportDocument } from './model.ts'

/**
 * A document kept as it was generated (a final report's): the model as JSON, with a version so that a later
 * change to the model can still read what was stored. Dates go out as ISO strings and come back as Dates.
 */
const STORED_DOCUMENT_VERSION = 1

export interface StoredDocument {
  version: typeof STORED_DOCUMENT_VERSION
  document: Omit<ReportDocument, 'generatedAt'> & { generatedAt: string }
}

export function storeDocument(document: ReportDocument): string {
  const stored: StoredDocument = { version: STORED_DOCUMENT_VERSION, document: { ...document, generatedAt: document.generatedAt.toISOString() } }
  return JSON.stringify(stored)
}

/** The document as it was stored; throws when the value is not a stored document this version can read. */
export function readStoredDocument(value: unknown): ReportDocument {
  const stored = (typeof value === 'string' ? JSON.parse(value) : value) as Partial<StoredDocument> | null
  if (!stored || stored.version !== STORED_DOCUMENT_VERSION || !stored.document || typeof stored.document.generatedAt !== 'string' || !Array.isArray(stored.document.sections)) {
    throw new Error('The stored document of this final report cannot be read')
  }
  return { ...stored.document, generatedAt: new Date(stored.document.generatedAt) }
}
