/**
 * Prometheus metrics (prom-client), served on their own port (METRICS_PORT, src/server.ts) so
 * that the API's port never exposes them: request durations by route and status, requests in
 * flight, batch items computed, requests shed, the worker pool's queue and utilization, and
 * node's own (event-loop delay, heap, resident memory) from prom-client's default metrics.
 */
import { createServer, type Server } from 'node:http'
import type { FastifyInstance } from 'fastify'
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'

declare module 'fastify' {
  interface FastifyInstance {
    /** the metrics, or null when the service runs without them */
    metrics: Metrics | null
  }
  interface FastifyRequest {
    /** when the request came in (performance.now()), for its duration */
    metricsStart?: number
  }
}

export interface Metrics {
  registry: Registry
  itemsComputed: Counter
  shed: Counter<'reason'>
}

/** Durations from a millisecond (a probe) to two minutes (a batch of 10,000 near its time limit). */
const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120]

/** Call on the root instance, after usePool, so the hooks see every route. */
export function useMetrics(app: FastifyInstance, registry: Registry): Metrics {
  collectDefaultMetrics({ register: registry })
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from a request coming in to its answer being sent, by route (the operation) and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: DURATION_BUCKETS,
    registers: [registry],
  })
  const inFlight = new Gauge({
    name: 'http_requests_in_flight',
    help: 'Requests received and not yet answered.',
    registers: [registry],
  })
  const itemsComputed = new Counter({
    name: 'batch_items_computed_total',
    help: 'Items of POST /v1/scenarios/batch answered (computed, or answered with their problem).',
    registers: [registry],
  })
  const shed = new Counter({
    name: 'http_requests_shed_total',
    help: 'Requests answered 503 before being computed, to protect the service: load, memory, batch budget.',
    labelNames: ['reason'] as const,
    registers: [registry],
  })
  const pool = app.compute
  new Gauge({
    name: 'pool_queue_length',
    help: 'Tasks waiting for a thread of the worker pool.',
    registers: [registry],
    collect() {
      this.set(pool.queueSize)
    },
  })
  new Gauge({
    name: 'pool_utilization_ratio',
    help: "Share of the worker pool's thread time spent computing since it started, 0 to 1.",
    registers: [registry],
    collect() {
      this.set(pool.utilization)
    },
  })
  new Gauge({
    name: 'pool_threads',
    help: 'Worker threads of the pool (POOL_THREADS); 0: everything is computed on the main thread.',
    registers: [registry],
    collect() {
      this.set(pool.threads)
    },
  })
  const metrics: Metrics = { registry, itemsComputed, shed }
  app.decorate('metrics', metrics)

  // Callback style: these run on every request.
  app.addHook('onRequest', (request, _reply, done) => {
    request.metricsStart = performance.now()
    inFlight.inc()
    done()
  })
  app.addHook('onResponse', (request, reply, done) => {
    inFlight.dec()
    const route = request.routeOptions.config.operationId ?? (reply.statusCode === 404 ? 'not-found' : 'other')
    const seconds = (performance.now() - (request.metricsStart ?? performance.now())) / 1000
    duration.observe({ method: request.method, route, status: String(reply.statusCode) }, seconds)
    done()
  })
  return metrics
}

/** GET /metrics in the Prometheus text format on its own HTTP server; anything else is 404. */
export function metricsServer(metrics: () => Promise<{ text: string; contentType: string }>): Server {
  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found: GET /metrics\n')
      return
    }
    metrics().then(
      ({ text, contentType }) => {
        res.writeHead(200, { 'content-type': contentType })
        res.end(req.method === 'HEAD' ? undefined : text)
      },
      (error: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
        res.end(`metrics failed: ${error instanceof Error ? error.message : String(error)}\n`)
      },
    )
  })
}
