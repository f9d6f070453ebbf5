/**
 * Observability: pino JSON logs (one object per line) at LOG_LEVEL, every line of a request
 * carrying its id, and one access line per request ('request completed', at info) rather
 * than Fastify's two (a pino line costs a few µs, as much as a whole calendar query); the
 * 'incoming request' line is kept at debug, for finding a request that never completes. A caller's `x-request-id` is
 * used when it is a sane token (else a UUID
 * is generated) and is echoed on every response. Credentials are redacted wherever they
 * could appear in a log object.
 */
import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import {
  LogController,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify'
import type { Config } from '../config.js'
import { TurnBufferedDestination } from './log-destination.js'

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

let stdout: TurnBufferedDestination | undefined

/** One destination for standard output, however many apps a process builds (tests build many). */
function stdoutDestination(): TurnBufferedDestination {
  return (stdout ??= new TurnBufferedDestination(1))
}

/** Fastify logger options; without an explicit level (tests) the app does not log. */
export function loggerOptions(config: Partial<Config>): FastifyServerOptions['logger'] {
  if (config.logLevel === undefined || config.logLevel === 'silent') return false
  return {
    level: config.logLevel,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    stream: stdoutDestination(),
  }
}

/**
 * Fastify's request lines, through its own extension point: 'incoming request' at debug
 * (not info), and 'request completed' with the method and url so that one line says it all.
 * Errored requests, stream errors and the rest are logged as Fastify logs them.
 */
export class AccessLog extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    request.log.debug({ req: request }, 'incoming request')
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error) return super.requestCompleted(error, request, reply)
    reply.log.info(
      { method: request.method, url: request.url, statusCode: reply.statusCode, responseTime: reply.elapsedTime },
      'request completed',
    )
  }
}

/** Fastify options for request ids (taken from `x-request-id` when sane, logged as `reqId`) and request lines. */
export const requestIdOptions = {
  requestIdHeader: false,
  genReqId: requestIdOf,
  logController: new AccessLog(),
} as const satisfies FastifyServerOptions

/** Call first on the root instance, so every response (401, 503, 404...) echoes the id. */
export function useRequestId(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id)
    done()
  })
}
