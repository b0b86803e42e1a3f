/** Pieces of the OpenAPI document every capability's API part uses (see Capability.openapi). */

/** A path parameter that is a record's number. */
export const idParameter = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'integer', minimum: 1 },
})

/** The usual JSON responses of a read endpoint. */
export const jsonResponses = (description: string, schemaRef: string) => ({
  '200': { description, content: { 'application/json': { schema: { $ref: `#/components/schemas/${schemaRef}` } } } },
  '401': { $ref: '#/components/responses/Unauthenticated' },
  '404': { $ref: '#/components/responses/NotFound' },
})
