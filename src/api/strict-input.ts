import {
  errorCodes,
  type FastifyRequest,
  type FastifySchemaCompiler,
  type FastifySchemaValidationError,
} from 'fastify'
import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox'
import type { TSchema } from 'typebox'
import type { StaffRole } from '../modules/shops/index.js'
import { requireStaffOf } from '../http/auth.js'

/**
 * How the shop and catalog routes read input. Fastify's default Ajv settings drop unknown body
 * properties and coerce JSON types (null → 0, true → 1, "5" → 5), so a misspelt field or a wrong type
 * would "succeed" with a value nobody sent. TypeBox's own validator refuses both; querystrings and
 * params are still converted from text ("20" → 20).
 */
export const strictValidator: FastifySchemaCompiler<TSchema> = (route) => {
  const validate = TypeBoxValidatorCompiler(route)
  return (value) => {
    const nulAt = findNul(value, '')
    if (nulAt !== undefined)
      return {
        error: [
          {
            keyword: 'pattern',
            instancePath: nulAt,
            schemaPath: '#',
            params: {},
            message: 'must not contain the NUL character',
          },
        ],
      }
    const looseAt = route.httpPart === 'body' ? undefined : looseInteger(route.schema, value)
    if (looseAt !== undefined)
      return {
        error: [
          {
            keyword: 'type',
            instancePath: looseAt,
            schemaPath: '#',
            params: { type: 'integer' },
            message: 'must be integer',
          },
        ],
      }
    const result = validate(value) as { value: unknown } | { error: FastifySchemaValidationError[] }
    return 'error' in result ? { error: toAjvShape(result.error) } : result
  }
}

/**
 * Multipart bodies (attachFieldsToBody: 'keyValues'): each file field must hold a file (a Buffer, never
 * a text field, which sharp would read as a path on disk); the other fields are checked strictly.
 */
export function withFileFields(fileFields: readonly string[]): FastifySchemaCompiler<TSchema> {
  return (route) => {
    const validate = strictValidator(route)
    if (route.httpPart !== 'body') return validate
    return (value) => {
      if (typeof value !== 'object' || value === null) return validate(value)
      const stand = { ...(value as Record<string, unknown>) }
      for (const field of fileFields) {
        if (Buffer.isBuffer(stand[field])) stand[field] = ''
        else if (stand[field] !== undefined)
          return {
            error: [
              {
                keyword: 'type',
                instancePath: `/${field}`,
                schemaPath: '#',
                params: {},
                message: 'must be a file',
              },
            ],
          }
      }
      const result = validate(stand) as { value: unknown } | { error: FastifySchemaValidationError[] }
      return 'error' in result ? result : { value }
    }
  }
}

// PostgreSQL cannot store U+0000 in text and answers with an error (a 500); refused here on both engines.
function findNul(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined
  if (depth > 32 || typeof value !== 'object' || value === null || Buffer.isBuffer(value)) return undefined
  for (const [key, item] of Object.entries(value)) {
    const found = findNul(item, `${path}/${key}`, depth + 1)
    if (found !== undefined) return found
  }
  return undefined
}

// TypeBox's conversion reads "1.5" as 1 and "0x10" as 16; a number in a URL must be plain digits.
function looseInteger(schema: TSchema, value: unknown): string | undefined {
  const properties = (schema as { properties?: Record<string, { type?: unknown }> }).properties ?? {}
  if (typeof value !== 'object' || value === null) return undefined
  for (const [name, property] of Object.entries(properties)) {
    const text = (value as Record<string, unknown>)[name]
    if (property.type === 'integer' && typeof text === 'string' && !/^-?[0-9]+$/.test(text)) return `/${name}`
  }
  return undefined
}

// problem-details.ts reads Ajv's params (missingProperty, additionalProperty); TypeBox lists names in arrays
// and repeats a union's failure once per branch. One error per field, with its full dotted path.
function toAjvShape(errors: readonly FastifySchemaValidationError[]): FastifySchemaValidationError[] {
  const seen = new Set<string>()
  const shaped: FastifySchemaValidationError[] = []
  const push = (error: FastifySchemaValidationError, key: string) => {
    if (seen.has(key)) return
    seen.add(key)
    shaped.push(error)
  }
  for (const error of errors) {
    const params = error.params as { requiredProperties?: string[]; additionalProperties?: string[] }
    const at = error.instancePath.replace(/^\//, '').replace(/\//g, '.')
    const under = (name: string) => (at ? `${at}.${name}` : name)
    if (error.keyword === 'required' && params.requiredProperties) {
      for (const name of params.requiredProperties)
        push({ ...error, params: { missingProperty: under(name) } }, `required:${under(name)}`)
    } else if (error.keyword === 'additionalProperties' && params.additionalProperties) {
      for (const name of params.additionalProperties)
        push(
          { ...error, keyword: 'additionalProperties', params: { additionalProperty: under(name) } },
          `extra:${under(name)}`,
        )
    } else if (error.keyword === 'boolean') {
      push(
        {
          ...error,
          keyword: 'additionalProperties',
          params: { additionalProperty: at },
          message: 'is not an accepted property',
        },
        `extra:${at}`,
      )
    } else {
      push(error, `value:${at}`)
    }
  }
  return shaped
}

/** JSON routes take JSON only: a form post or a multipart upload is refused (415) before it is read. */
export async function jsonBodyOnly(req: FastifyRequest): Promise<void> {
  const type = req.headers['content-type']
  if (type !== undefined && !/^application\/json\s*(;|$)/i.test(type))
    throw new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(type.slice(0, 100))
}

/**
 * Authorises from the session before the body is read, so a stranger's upload is never parsed. Handlers
 * still call requireStaffOf themselves: it is what hands them the branded ShopId.
 */
export function staffOnly(roles?: readonly StaffRole[]) {
  return async (req: FastifyRequest): Promise<void> => {
    requireStaffOf(req, String((req.params as { shopId?: unknown }).shopId ?? ''), roles)
  }
}
