import type { OpenApiPart } from '../../web/capability.ts'

/** The OpenAPI 3.1 document of /api/v1, assembled from each capability's part. */
export function openApiDocument(baseUrl: string, parts: OpenApiPart[]) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'CSP Hub API',
      version: '1',
      description:
        'Read the records of the Community Safety Partnerships you belong to: partnerships, plans, indicators and police data analyses. ' +
        'Authenticate with a personal API token (from “Your account”, or `csp-hub token create`) sent as `Authorization: Bearer <token>`. ' +
        'Without a token, only published partnerships can be read. A partnership you may not see answers 404. ' +
        'Police and ONS figures: Contains public sector information licensed under the Open Government Licence v3.0.',
      license: { name: 'Data: Open Government Licence v3.0 where stated', url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/' },
    },
    servers: [{ url: baseUrl }],
    security: [{ bearerToken: [] }, {}],
    tags: parts.flatMap(part => part.tags ?? []),
    paths: Object.assign({}, ...parts.map(part => part.paths)) as Record<string, unknown>,
    components: {
      securitySchemes: { bearerToken: { type: 'http', scheme: 'bearer', description: 'A personal API token, starting csp_' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: { error: { type: 'string' }, message: { type: 'string' }, requestId: { type: 'string' } },
        },
        ...Object.assign({}, ...parts.map(part => part.schemas ?? {})),
      },
      responses: {
        NotFound: { description: 'No such record, or not one you may see', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        Unauthenticated: { description: 'A token is needed, or the one sent is not valid', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
    },
  }
}
