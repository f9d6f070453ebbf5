/**
 * Every error becomes an RFC 9457 problem (`application/problem+json`): validation (400,
 * or 404 for an unknown path identifier such as a calendar), malformed JSON (400), unknown
 * route (404), wrong method (405 with Allow), body too large (413), unsupported media type
 * (415), ProblemError (e.g. 422), and anything unexpected (500, no internals).
 */
import { STATUS_CODES } from 'node:http'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ErrorObject } from 'ajv'
import { PROBLEM_CONTENT_TYPE, ProblemError, problem, validationFor, type Problem } from '../contract/index.js'
import { ContradictionError } from '../domain/explain.js'

const ROUTABLE_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const

export function sendProblem(reply: FastifyReply, body: Problem, headers: Record<string, string> = {}): FastifyReply {
  return reply.code(body.status).headers(headers).type(PROBLEM_CONTENT_TYPE).send(body)
}

const shown = (text: string): string => (text.length > 200 ? `${text.slice(0, 200)}...` : text)
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`

export function useProblemErrors(app: FastifyInstance): void {
  const { fieldErrors } = validationFor(app.contract)

  function validationProblem(error: FastifyError, request: FastifyRequest): Problem {
    const errors = fieldErrors(error.validation as ErrorObject[], error.validationContext ?? 'body')
    if (error.validationContext === 'params') {
      // Path parameters name resources (a calendar, a convention): a bad one is "no such resource".
      const params = (request.params ?? {}) as Record<string, unknown>
      const names = errors.map((e) => `${e.pointer.slice(1)} "${shown(String(params[e.pointer.slice(1)] ?? ''))}"`)
      return problem('not-found', `No such ${names.join(', ')}.`, errors)
    }
    return problem('validation', `The request does not match the contract: ${plural(errors.length, 'invalid field')}.`, errors)
  }

  function toProblem(error: FastifyError, request: FastifyRequest): Problem {
    if (error instanceof ProblemError) return error.toProblem()
    if (error instanceof ContradictionError) return ProblemError.contradiction('The request is well-formed but contradicts itself.', error.errors).toProblem()
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
      return { type: 'about:blank', title: STATUS_CODES[status] ?? 'Client error', status, detail: error.message, errors: [] }
    }
    return {
      ...problem('internal-error', 'An unexpected error occurred. It has been logged; please report the instance.'),
      instance: `urn:request:${request.id}`,
    }
  }

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const body = toProblem(error, request)
    if (body.status >= 500) request.log.error({ err: error }, 'request failed')
    return sendProblem(reply, body, error instanceof ProblemError ? error.headers : {})
  })

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/'
    const allow = ROUTABLE_METHODS.filter((method) => app.findRoute({ method, url: path }) !== null)
    if (allow.length > 0) {
      const detail = `${request.method} is not allowed on ${shown(path)}; use ${allow.join(', ')}.`
      return sendProblem(reply, problem('method-not-allowed', detail), { allow: allow.join(', ') })
    }
    return sendProblem(reply, problem('not-found', `No resource at ${shown(path)}.`))
  })
}
