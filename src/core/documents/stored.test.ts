import { describe, expect, it } from 'vitest'

import { sampleDocument } from '#test/fixtures/sample-document'

import { readStoredDocument, storeDocument } from './stored.ts'

describe('a stored document', () => {
  it('reads back exactly as it was stored, dates included', () => {
    const document = sampleDocument()
    const read = readStoredDocument(JSON.parse(storeDocument(document)))
    expect(read).toEqual(document)
    expect(read.generatedAt).toBeInstanceOf(Date)
    expect(readStoredDocument(storeDocument(document))).toEqual(document)
  })

  it('is refused when it is not one this version wrote', () => {
    expect(() => readStoredDocument({ version: 2, document: {} })).toThrow(/cannot be read/)
    expect(() => readStoredDocument(null)).toThrow(/cannot be read/)
  })
})
