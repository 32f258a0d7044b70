import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { AppError, type ErrorKind } from '../lib/app-error.js'

const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  // Load shed on purpose (a drop's rush): answered at once with Retry-After, never left to time out.
  unavailable: 503,
}

/** The HTTP status of an expected failure: the API's problem and the page's form again answer with the same one. */
export const httpStatusOf = (error: AppError): number => STATUS[error.kind]

/** RFC 9457 problem details, with our stable code and the offending field(s). */
export interface Problem {
  type: string
  title: string
  status: number
  detail?: string
  instance: string
  code: string
  field?: string
  errors?: Array<{ field: string; code: string }>
  [extra: string]: unknown
}

/** A code → the words people read (the web layer's catalogue); problems carry both. */
export type Translate = (key: string, fallback?: string) => string

export type ErrorPageRenderer = (req: FastifyRequest, problem: Problem) => string

/** Turns any thrown error into a problem: expected ones keep their code, the rest become a bare 500. */
export function toProblem(error: unknown, instance: string, t: Translate): Problem {
  // The details come first: an error's details can never overwrite the problem's own members (status…).
  const base = (
    status: number,
    code: string,
    detail?: string,
    extra: Record<string, unknown> = {},
  ): Problem => ({
    ...extra,
    type: `/problems/${code}`,
    title: t(code),
    status,
    instance,
    code,
    ...(detail ? { detail } : {}),
  })
  if (error instanceof AppError)
    return base(httpStatusOf(error), error.code, error.message, { ...error.details })
  const fastifyError = error as FastifyError & { validationContext?: string }
  if (fastifyError.validation) {
    const errors = fastifyError.validation.map((v) => {
      const missing =
        (v.params as { missingProperty?: string; additionalProperty?: string } | undefined) ?? {}
      const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.')
      const field =
        missing.missingProperty ??
        missing.additionalProperty ??
        (path || fastifyError.validationContext || 'request')
      return { field, code: v.keyword === 'required' ? 'required' : 'invalid_format' }
    })
    return base(400, 'http.invalid_request', fastifyError.message, { field: errors[0]?.field, errors })
  }
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return base(415, 'http.unsupported_media_type')
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return base(413, 'http.payload_too_large')
    case 'FST_CSRF_INVALID_TOKEN':
    case 'FST_CSRF_MISSING_SECRET':
      return base(403, 'http.csrf')
  }
  const status = fastifyError.statusCode
  if (status === 429) return base(429, 'http.rate_limited')
  if (status && status >= 400 && status < 500)
    return base(status, status === 404 ? 'http.not_found' : 'http.invalid_request')
  return base(500, 'http.internal')
}

const wantsHtml = (req: FastifyRequest) =>
  !req.url.startsWith('/api/') && (req.headers.accept ?? '').includes('text/html')

export function sendProblem(
  req: FastifyRequest,
  reply: FastifyReply,
  problem: Problem,
  renderPage: ErrorPageRenderer,
) {
  if (wantsHtml(req))
    return reply.code(problem.status).type('text/html; charset=utf-8').send(renderPage(req, problem))
  return reply.code(problem.status).type('application/problem+json').send(problem)
}

export function registerProblemDetails(
  app: FastifyInstance,
  t: Translate,
  renderPage: ErrorPageRenderer,
): void {
  app.setErrorHandler((error, req, reply) => {
    const problem = toProblem(error, req.url.split('?')[0] ?? '/', t)
    // Only unexpected errors are logged in full; the request id ties the log line to the user's report.
    if (problem.status >= 500 && !(error instanceof AppError))
      req.log.error({ err: error, reqId: req.id }, 'unexpected error')
    if (problem.status === 503)
      void reply.header(
        'retry-after',
        String(typeof problem.retryAfter === 'number' ? problem.retryAfter : 1),
      )
    return sendProblem(req, reply, problem, renderPage)
  })
  app.setNotFoundHandler((req, reply) => {
    const problem: Problem = {
      type: '/problems/http.not_found',
      title: t('http.not_found'),
      status: 404,
      instance: req.url.split('?')[0] ?? '/',
      code: 'http.not_found',
    }
    return sendProblem(req, reply, problem, renderPage)
  })
}
