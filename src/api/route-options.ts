import type { StaffRole } from '../modules/shops/index.js'
import { problemResponses } from './schemas.js'
import { jsonBodyOnly, staffOnly } from './strict-input.js'

// The options most API routes repeat, in one place: who may call, what body they take, what they may answer.

/** How a signed-in caller is documented: the session cookie (the OpenAPI security requirement). */
export const security = [{ session: [] }]

interface RouteSchema {
  response: Record<number, unknown>
}

/** A route's schema with the problems any route may answer (RFC 9457), after its own responses. */
export function withProblems<S extends RouteSchema>(schema: S) {
  return { ...schema, response: { ...schema.response, ...problemResponses } }
}

/**
 * A staff member's read of the shop in the path (`roles`: only those): authorised from the session before anything
 * is read. The handler still calls requireStaffOf, which hands it the branded ShopId.
 */
export function staffRead<S extends RouteSchema>(schema: S, roles?: readonly StaffRole[]) {
  return { onRequest: [staffOnly(roles)], schema: { ...withProblems(schema), security } }
}

/** A staff member's write to the shop in the path: authorised before the body is read, which must be JSON. */
export function staffWrite<S extends RouteSchema>(schema: S, roles?: readonly StaffRole[]) {
  return { onRequest: [staffOnly(roles), jsonBodyOnly], schema: { ...withProblems(schema), security } }
}
