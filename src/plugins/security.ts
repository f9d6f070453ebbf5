/**
 * Transport hardening: security headers, CORS for browser clients generated from the
 * contract, load shedding, and problem-shaped 503s while overloaded or shutting down.
 */
import cors from '@fastify/cors'
import helmet from '@fastify/helmet'
import underPressure from '@fastify/under-pressure'
import type { FastifyInstance } from 'fastify'
import { problem } from '../contract/index.js'
import { sendProblem } from './errors.js'

/** Call on the root instance (not via register) so the hooks cover every route. */
export function useSecurity(app: FastifyInstance): void {
  app.register(helmet, {
    global: true,
    // Plain-HTTP deployments (behind a TLS proxy, or local) must still load /docs assets.
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
  })
  app.register(cors, { origin: '*', methods: ['GET', 'HEAD', 'POST'], strictPreflight: false })
  app.register(underPressure, {
    maxEventLoopDelay: 1000,
    retryAfter: 5, // its 503 error reaches the error handler, which makes it a problem
  })

  // Fastify's own 503 while closing is not a problem document; answer it here instead.
  let closing = false
  app.addHook('preClose', async () => {
    closing = true
  })
  app.addHook('onRequest', async (_request, reply) => {
    if (closing) {
      return sendProblem(reply, problem('service-unavailable', 'The service is shutting down; retry later.'), {
        connection: 'close',
        'retry-after': '1',
      })
    }
  })
}
