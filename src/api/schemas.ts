import { Type } from 'typebox'

/** Shared API schemas: they validate input, shape output (unlisted fields never leak) and document the API. */
const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.String(),
    code: Type.String({ description: 'Stable, namespaced error code, e.g. catalog.product_not_found' }),
    field: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), code: Type.String() }))),
  },
  // Extension members (RFC 9457 §3.2) pass through: shortages, lines, available… say what to fix.
  { $id: 'Problem', description: 'RFC 9457 problem details', additionalProperties: true },
)

export const problemResponses = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  413: Problem,
  415: Problem,
  429: Problem,
} as const

/** Ids in paths: bounded strings; malformed ones answer 404 like unknown ones. */
export const Id = Type.String({ minLength: 1, maxLength: 64 })
