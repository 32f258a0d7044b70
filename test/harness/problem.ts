import { expect } from 'vitest'
import type { Json } from './json.js'

/** An HTTP answer as the API clients of the tests give it (FormClient.api, or a suite's own fetch). */
export interface ApiAnswer {
  status: number
  contentType: string
  json: Json
}

/**
 * A refusal a client can act on (RFC 9457, never a bare 5xx): the status, application/problem+json, a stable code
 * (the given one; without one, some code) and the offending field (the given one; without one, any field the answer
 * names is a field name).
 */
export function expectProblem(res: ApiAnswer, status: number, code?: string, field?: string): void {
  expect({ status: res.status, code: res.json?.code, field: res.json?.field }).toEqual({
    status,
    code: code ?? expect.any(String),
    field: field ?? (res.json?.field === undefined ? undefined : expect.any(String)),
  })
  expect(res.contentType).toContain('application/problem+json')
}
