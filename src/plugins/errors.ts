/**
 * Every error becomes an RFC 9457 problem (`application/problem+json`): validation (400,
 * or 404 for an unknown path identifier such as a calendar), malformed JSON (400), unknown
 * route (404), wrong method (405 with Allow), body too large (413), unsupported media type
 * (415), ProblemError (e.g. 422), and anything unexpected (500, no internals).
 */
import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ErrorObject } from 'ajv'
import {
  anchorToRequest,
  invalidFields,
  PROBLEM_CONTENT_TYPE,
  ProblemError,
  problem,
  validationFor,
  type Problem,
} from '../contract/index.js'
import { ContradictionError } from '../domain/explain.js'
import { BODY_READ_WHOLE } from './contract.js'
import { SERVICE_VERSION, VERSION_HEADER } from './version.js'

const ROUTABLE_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const

export function sendProblem(reply: FastifyReply, body: Problem, headers: Record<string, string> = {}): FastifyReply {
  return reply.code(body.status).headers(headers).type(PROBLEM_CONTENT_TYPE).send(body)
}

const shown = (text: string): string => (text.length > 200 ? `${text.slice(0, 200)}...` : text)

export function useProblemErrors(app: FastifyInstance): void {
  const { fieldErrors } = validationFor(app.contract)

  function validationProblem(error: FastifyError, request: FastifyRequest): Problem {
    const errors = fieldErrors(error.validation as ErrorObject[], error.validationContext ?? 'body')
    if (error.validationContext === 'params') {
      // Path parameters name resources (a calendar, a convention): a bad one is "no such resource".
      // Fastify's path parameters are the URL's decoded segments: strings.
      const params = (request.params ?? {}) as Record<string, string | undefined>
      const names = errors.map((e) => `${e.pointer.slice(1)} "${shown(params[e.pointer.slice(1)] ?? '')}"`)
      return problem('not-found', `No such ${names.join(', ')}.`, errors)
    }
    return problem('validation', `The request does not match the contract: ${invalidFields(errors.length)}.`, errors)
  }

  function toProblem(error: FastifyError, request: FastifyRequest): Problem {
    if (error instanceof ProblemError) return error.toProblem()
    if (error instanceof ContradictionError) {
      return ProblemError.contradiction(
        'The request is well-formed but contradicts itself.',
        anchorToRequest(error.errors, request.body),
      ).toProblem()
    }
    if (Array.isArray(error.validation)) return validationProblem(error, request)
    switch (error.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return problem('malformed-body', 'The request body is not valid JSON.')
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return problem('malformed-body', 'The request body is empty; send a JSON document.')
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return problem('payload-too-large', `The request body is larger than ${request.routeOptions.bodyLimit} bytes.`)
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return problem(
          'unsupported-media-type',
          `Content-Type "${shown(request.headers['content-type'] ?? '')}" is not supported; send application/json.`,
        )
    }
    const status = error.statusCode ?? 500
    if (status === 503) return problem('service-unavailable', 'The service is overloaded; retry later.')
    if (status >= 400 && status < 500) {
      // Fastify's own client errors (bad URL, bad Content-Length...) carry safe messages.
      return {
        type: 'about:blank',
        title: STATUS_CODES[status] ?? 'Client error',
        status,
        detail: error.message,
        errors: [],
      }
    }
    return {
      ...problem('internal-error', 'An unexpected error occurred. It has been logged; please report the instance.'),
      instance: `urn:request:${request.id}`,
    }
  }

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const body = toProblem(error, request)
    // Fastify closes the connection after any body error, in case more data follows; a body
    // that was read whole and is just not JSON leaves the connection usable, so keep it (a
    // client sending bad JSON in a loop would otherwise reconnect for every request).
    if (
      error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      error.code === BODY_READ_WHOLE
    )
      reply.removeHeader('connection')
    if (body.status >= 500) request.log.error({ err: error }, 'request failed')
    return sendProblem(reply, body, error instanceof ProblemError ? error.headers : {})
  })

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/'
    const allow = ROUTABLE_METHODS.filter((method) => app.findRoute({ method, url: path }) !== null)
    // A route for this very method that found nothing (a file missing under /docs/static/*) is a 404.
    if (allow.length > 0 && !(allow as readonly string[]).includes(request.method)) {
      const detail = `${request.method} is not allowed on ${shown(path)}; use ${allow.join(', ')}.`
      return sendProblem(reply, problem('method-not-allowed', detail), { allow: allow.join(', ') })
    }
    return sendProblem(reply, problem('not-found', `No resource at ${shown(path)}.`))
  })
}

/**
 * Errors Fastify raises before routing (a malformed percent-escape, a path parameter longer
 * than maxParamLength): problems too. Pass as the `frameworkErrors` option; no hook runs for
 * these, so the request id and nosniff are set here.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const body: Problem =
    error.code === 'FST_ERR_BAD_URL'
      ? problem('bad-request', 'The URL is not valid: it has a malformed percent-escape.')
      : error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? problem('not-found', 'No resource at this URL: a path segment is too long.')
        : {
            ...problem('internal-error', 'An unexpected error occurred routing the request.'),
            instance: `urn:request:${request.id}`,
          }
  if (body.status >= 500) request.log.error({ err: error }, 'routing failed')
  sendProblem(reply, body, {
    'x-request-id': request.id,
    'x-content-type-options': 'nosniff',
    [VERSION_HEADER]: SERVICE_VERSION,
  })
}

/**
 * Errors of the HTTP parser (malformed request line or headers, headers too large, a request
 * not received within REQUEST_TIMEOUT_MS): a problem written on the socket, which then closes.
 * Pass as the `clientErrorHandler` option.
 */
export function clientErrorHandler(this: FastifyInstance, error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400
  const detail =
    status === 408
      ? 'The request was not received in time (REQUEST_TIMEOUT_MS).'
      : status === 431
        ? 'The request headers are too large.'
        : 'The request is not valid HTTP.'
  const title = STATUS_CODES[status] ?? 'Bad Request'
  const body = JSON.stringify({ type: 'about:blank', title, status, detail, errors: [] } satisfies Problem)
  this.log.debug({ err: error }, 'client error')
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${title}\r\nConnection: close\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nX-Content-Type-Options: nosniff\r\n` +
        `Convertible-Default-Version: ${SERVICE_VERSION}\r\n\r\n${body}`,
    )
  }
  socket.destroy()
}
