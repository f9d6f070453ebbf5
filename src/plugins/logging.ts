/**
 * Observability: pino JSON logs (one object per line) at LOG_LEVEL, every line of a request
 * carrying its id. A caller's `x-request-id` is used when it is a sane token (else a UUID
 * is generated) and is echoed on every response. Credentials are redacted wherever they
 * could appear in a log object.
 */
import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { FastifyInstance, FastifyServerOptions } from 'fastify'
import type { Config } from '../config.js'

export const REQUEST_ID_HEADER = 'x-request-id'

/** Letters, digits and `._:-/+=`, up to 128: safe to log and to echo. */
const SANE_ID = /^[A-Za-z0-9._:\-/+=]{1,128}$/

export function requestIdOf(raw: IncomingMessage): string {
  const given = raw.headers[REQUEST_ID_HEADER]
  return typeof given === 'string' && SANE_ID.test(given) ? given : randomUUID()
}

/** Paths pino censors: headers that carry credentials, in requests and in errors. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'request.headers.authorization',
  'headers.authorization',
  'authorization',
  'err.headers.authorization',
]

/** Fastify logger options; without an explicit level (tests) the app does not log. */
export function loggerOptions(config: Partial<Config>): FastifyServerOptions['logger'] {
  if (config.logLevel === undefined || config.logLevel === 'silent') return false
  return {
    level: config.logLevel,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  }
}

/** Fastify options for request ids: taken from `x-request-id` when sane, logged as `reqId`. */
export const requestIdOptions = {
  requestIdHeader: false,
  genReqId: requestIdOf,
} as const satisfies FastifyServerOptions

/** Call first on the root instance, so every response (401, 503, 404...) echoes the id. */
export function useRequestId(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id)
  })
}
