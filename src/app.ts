/**
 * The application: a Fastify instance with the contract, error handling, transport
 * plugins and routes. Not started and not yet ready, so tests can `inject` into it (or add
 * a route first); src/server.ts listens.
 */
import Fastify, { type FastifyInstance } from 'fastify'
import type { Registry } from 'prom-client'
import { DEFAULT_CONFIG, type Config } from './config.js'
import { loadContract } from './contract/index.js'
import { useContract } from './plugins/contract.js'
import docs from './plugins/docs.js'
import { clientErrorHandler, frameworkErrors, useProblemErrors } from './plugins/errors.js'
import { useAuth } from './plugins/auth.js'
import { loggerOptions, requestIdOptions, useRequestId } from './plugins/logging.js'
import { useMetrics } from './plugins/metrics.js'
import { usePool } from './plugins/pool.js'
import { useSecurity } from './plugins/security.js'
import { useVersion } from './plugins/version.js'
import calendarRoutes from './routes/calendars.js'
import batchRoutes from './routes/batch.js'
import compareRoutes from './routes/compare.js'
import dayCountRoutes from './routes/day-counts.js'
import healthRoutes from './routes/health.js'
import lifecycleRoutes from './routes/lifecycle.js'
import ownershipRoutes from './routes/ownership.js'
import pageRoutes from './routes/page.js'

export interface AppOptions {
  /** where the metrics are kept (GET /metrics, src/server.ts); without one, no metrics are kept */
  metrics?: Registry
}

/** Without an explicit `logLevel` (tests), the app does not log. */
export function buildApp(config: Partial<Config> = {}, options: AppOptions = {}): FastifyInstance {
  const settings: Config = { ...DEFAULT_CONFIG, ...config }
  const app = Fastify({
    logger: loggerOptions(config),
    ...requestIdOptions,
    requestTimeout: settings.requestTimeoutMs,
    // No byte moving for this long while a request is in progress closes the connection: a
    // client that stops reading a batch answer would otherwise hold its memory for ever.
    connectionTimeout: settings.socketTimeoutMs,
    // Node applies requestTimeout only when given at construction, and checks it every 30 s
    // by default; once a second keeps the limit tight.
    http: { requestTimeout: settings.requestTimeoutMs, connectionsCheckingInterval: 1_000 },
    frameworkErrors,
    clientErrorHandler,
    bodyLimit: settings.bodyLimit,
    // The security plugin answers requests during shutdown with a problem document instead.
    return503OnClosing: false,
    // JSON.parse makes `__proto__` / `constructor` plain own keys (no prototype is touched), so
    // let them reach the schemas, which reject them as unknown fields with their pointer.
    onProtoPoisoning: 'ignore',
    onConstructorPoisoning: 'ignore',
  })

  useContract(app, loadContract())
  useVersion(app)
  usePool(app, settings)
  if (options.metrics) useMetrics(app, options.metrics)
  else app.decorate('metrics', null)
  useProblemErrors(app)
  useRequestId(app)
  useSecurity(app, settings)
  useAuth(app, settings.apiKeys)
  app.register(docs)
  app.register(healthRoutes)
  app.register(calendarRoutes)
  app.register(dayCountRoutes)
  app.register(lifecycleRoutes)
  app.register(ownershipRoutes)
  app.register(pageRoutes)
  app.register(batchRoutes, {
    bodyLimit: settings.batchBodyLimit,
    batchMemoryBudgetBytes: settings.batchMemoryBudgetBytes,
    batchConcurrency: settings.batchConcurrency,
    retryAfterSeconds: settings.retryAfterSeconds,
    socketTimeoutMs: settings.socketTimeoutMs,
  })
  app.register(compareRoutes)
  return app
}
