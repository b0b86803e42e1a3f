/**
 * The API's description of importing baselines and targets (OpenAPI paths), beside the actuals import in
 * indicator-api.ts. The fields are those of the CSV import's columns (README, "Importing indicators").
 */
const errorsResponse = {
  description: 'Nothing imported: the problems, by row (its position in the list, from 1) and field',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        properties: {
          error: { type: 'string' },
          message: { type: 'string' },
          errors: { type: 'array', items: { type: 'object', properties: { row: { type: 'integer' }, column: { type: 'string' }, message: { type: 'string' } } } },
        },
      },
    },
  },
}

/** The responses of every indicator import: actuals (indicator-api.ts), baselines and targets. */
export const importResponses = {
  '200': {
    description: 'Imported',
    content: { 'application/json': { schema: { type: 'object', properties: { imported: { type: 'integer' }, created: { type: 'integer' }, updated: { type: 'integer' }, unchanged: { type: 'integer' } } } } },
  },
  '400': errorsResponse,
  '401': { $ref: '#/components/responses/Unauthenticated' },
  '403': { description: 'Your role does not allow changing records', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
  '404': { $ref: '#/components/responses/NotFound' },
}

const indicatorParameter = { name: 'indicatorId', in: 'path', required: true, description: 'The indicator’s number', schema: { type: 'integer' } }
const numberOrText = { type: ['number', 'string'] }

export const importApiPaths = {
  '/api/v1/indicators/{indicatorId}/baselines': {
    post: {
      tags: ['Indicators'],
      summary: 'Import baselines, all or nothing',
      description:
        'Several baselines of one year are told apart by their label ("Local", "National"); a baseline with the same year and label is replaced. ' +
        'For an indicator measured as a rate (rate_per_1000, rate_per_100000) give the rate as value (with its denominator if you have it), or a count and denominator instead: ' +
        '980 over 65,000 is stored as 15.08 per 1,000. judged marks the one baseline RAG is judged against when a target names none (marking one unmarks the others). ' +
        'Needs a token of someone who may edit the partnership’s records.',
      parameters: [indicatorParameter],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['baselines'],
              properties: {
                baselines: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['year'],
                    properties: {
                      year: { type: 'string', example: '2023/24' },
                      label: { type: 'string', example: 'Local' },
                      value: { ...numberOrText, example: 12.4 },
                      count: { ...numberOrText, example: 980 },
                      denominator: { ...numberOrText, example: 65000 },
                      judged: { type: ['boolean', 'string'], example: true },
                      note: { type: 'string' },
                    },
                  },
                },
              },
            },
          },
        },
      },
      responses: importResponses,
    },
  },
  '/api/v1/indicators/{indicatorId}/targets': {
    post: {
      tags: ['Indicators'],
      summary: 'Import targets, all or nothing',
      description:
        'One target a year (a target for a year already set is replaced). kind is percent (change: signed %, −5 for a 5% reduction; perYear: true for "−5% a year" from the baseline’s year), ' +
        'points (for a percentage indicator; change: signed percentage points), absolute (value: the figure to reach), direction, or "to be agreed" (TBA). ' +
        'printed keeps the figure the plan printed beside the one the rule gives, and a difference is flagged. baseline names the baseline by its label and year ("Local 2023/24", or "2023/24"); ' +
        'without one the target is measured from the baseline RAG is judged against. Needs a token of someone who may edit the partnership’s records.',
      parameters: [indicatorParameter],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['targets'],
              properties: {
                targets: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['year', 'kind'],
                    properties: {
                      year: { type: 'string', example: '2025/26' },
                      kind: { type: 'string', enum: ['percent', 'points', 'absolute', 'direction', 'to be agreed', 'percent_change', 'point_change', 'to_be_agreed', 'tba'] },
                      change: { ...numberOrText, example: -5 },
                      perYear: { type: ['boolean', 'string'] },
                      value: numberOrText,
                      printed: numberOrText,
                      baseline: { type: 'string', example: 'Local 2023/24' },
                      statement: { type: 'string' },
                    },
                  },
                },
              },
            },
          },
        },
      },
      responses: importResponses,
    },
  },
}
