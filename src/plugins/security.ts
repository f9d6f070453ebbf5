/**
 * Transport hardening: security headers, CORS only for the origins configured, load
 * shedding, and problem-shaped 503s while overloaded or shutting down.
 */
import cors from '@fastify/cors'
import underPressure, { TYPE_EVENT_LOOP_DELAY, type FastifyUnderPressureOptions } from '@fastify/under-pressure'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { PROBLEM_CONTENT_TYPE, problem, type Problem } from '../contract/index.js'
import type { Config } from '../config.js'
import { sendProblem } from './errors.js'
import { helmetHeaders } from './security-headers.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** when the graceful shutdown began (ms since the epoch), or null while serving */
    closingSince(): number | null
  }
}

export type SecuritySettings = Pick<
  Config,
  'corsOrigins' | 'maxEventLoopDelayMs' | 'maxHeapUsedBytes' | 'maxRssBytes' | 'retryAfterSeconds'
>

/** How often @fastify/under-pressure samples the event-loop delay and memory. */
const SAMPLE_INTERVAL_MS = 1_000

/** Liveness answers even while overloaded: an overloaded process is alive, not dead. */
const NEVER_SHED: ReadonlySet<string> = new Set(['getHealth'])

/**
 * helmet's defaults, but plain-HTTP deployments (behind a TLS proxy, or local) must still load
 * /docs assets; /docs loads only its own scripts and styles ('self'), so the default policy fits it.
 */
export const HELMET_OPTIONS = {
  contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
} as const

/** Call on the root instance (not via register) so the hooks cover every route. */
export function useSecurity(app: FastifyInstance, settings: SecuritySettings): void {
  const securityHeaders = helmetHeaders(HELMET_OPTIONS)
  if (settings.corsOrigins.length > 0) {
    const any = settings.corsOrigins.includes('*')
    app.register(cors, {
      origin: any ? '*' : [...settings.corsOrigins],
      methods: ['GET', 'HEAD', 'POST'],
      exposedHeaders: ['x-request-id', 'retry-after', 'www-authenticate'],
      maxAge: 600,
      strictPreflight: false,
    })
  }
  const retryAfter = settings.retryAfterSeconds
  // The first event-loop sample also measures start-up (compiling routes and schemas), and a
  // loop busy for a whole interval reads as an infinite delay: judge the delay only from the
  // second sample after the app is ready, not to shed the first requests of a fresh process.
  let delayCountsFrom = Number.POSITIVE_INFINITY
  app.addHook('onReady', async () => {
    // From when the loop is free again (after every other start-up step), one sample and a bit.
    setTimeout(() => (delayCountsFrom = Date.now() + SAMPLE_INTERVAL_MS + 100), 0).unref()
  })
  // Returns the problem to send (the plugin sends a returned value, see handlePressure in
  // @fastify/under-pressure; its types say void), or undefined to let the request through.
  const shed = (
    request: FastifyRequest,
    reply: FastifyReply,
    type: string,
    value: number | undefined,
  ): Problem | undefined => {
    if (NEVER_SHED.has(request.routeOptions.config.operationId ?? '')) return undefined
    if (type === TYPE_EVENT_LOOP_DELAY && Date.now() < delayCountsFrom) return undefined
    request.log.warn({ pressure: type, value }, 'overloaded: request shed')
    request.server.metrics?.shed.inc({ reason: type })
    // under-pressure answers from its own onRequest hook, which runs before the one below.
    reply.headers(securityHeaders)
    reply.code(503).header('retry-after', String(retryAfter)).type(PROBLEM_CONTENT_TYPE)
    return problem('service-unavailable', `The service is overloaded (${type}); retry after ${retryAfter} s.`)
  }
  app.register(underPressure, {
    maxEventLoopDelay: settings.maxEventLoopDelayMs,
    maxHeapUsedBytes: settings.maxHeapUsedBytes,
    maxRssBytes: settings.maxRssBytes,
    retryAfter,
    sampleInterval: SAMPLE_INTERVAL_MS,
    pressureHandler: shed as unknown as NonNullable<FastifyUnderPressureOptions['pressureHandler']>,
  })

  // Fastify's own 503 while closing is not a problem document; answer it here instead.
  let closingSince: number | null = null
  app.decorate('closingSince', () => closingSince)
  app.addHook('preClose', async () => {
    closingSince = Date.now()
  })
  // Callback style, not async: this runs on every request, and a promise per hook shows in the profile.
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(securityHeaders)
    if (closingSince === null) return done()
    sendProblem(reply, problem('service-unavailable', 'The service is shutting down; retry later.'), {
      connection: 'close',
      'retry-after': '1',
    })
  })
}
