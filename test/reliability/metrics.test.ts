/**
 * GET /metrics: the Prometheus series the service exposes, a request counted, served on its
 * own port (METRICS_PORT) by the real process, and absent from the API's port.
 */
import t from 'tap'
import type { AddressInfo } from 'node:net'
import { Registry } from 'prom-client'
import { buildApp } from '../../src/app.js'
import { metricsServer } from '../../src/plugins/metrics.js'
import { send, startServer } from './server.js'
import { theCase } from './items.js'

const SERIES = [
  'http_request_duration_seconds',
  'http_requests_in_flight',
  'batch_items_computed_total',
  'http_requests_shed_total',
  'pool_queue_length',
  'pool_utilization_ratio',
  'pool_threads',
  // prom-client's default metrics: event-loop delay, heap, resident memory
  'nodejs_eventloop_lag_seconds',
  'nodejs_heap_size_used_bytes',
  'process_resident_memory_bytes',
]

/** The value of a sample line `name{labels} value` whose labels include every one given. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue
    const m = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line)
    if (!m || m[1] !== name) continue
    const has = Object.entries(labels).every(([k, v]) => (m[2] ?? '').includes(`${k}="${v}"`))
    if (has) return Number(m[3])
  }
  return undefined
}

t.test('the series, and requests counted by route and status', async (t) => {
  const registry = new Registry()
  const app = buildApp({ maxEventLoopDelayMs: 0, poolThreads: 1, poolMinCost: 0 }, { metrics: registry })
  t.teardown(() => app.close())
  const before = await registry.metrics()
  for (const name of SERIES) t.match(before, new RegExp(`^# TYPE ${name} `, 'm'), name)

  t.equal((await app.inject({ method: 'POST', url: '/v1/scenarios', payload: theCase })).statusCode, 200)
  const batch = await app.inject({
    method: 'POST',
    url: '/v1/scenarios/batch?view=summary',
    payload: { items: [theCase, theCase, { note: {} }] },
  })
  t.equal(batch.statusCode, 200)
  t.equal((await app.inject({ url: '/no/such/path' })).statusCode, 404)
  const text = await registry.metrics()
  t.equal(
    sample(text, 'http_request_duration_seconds_count', { route: 'computeScenario', status: '200', method: 'POST' }),
    1,
    'the scenario counted once',
  )
  t.equal(sample(text, 'http_request_duration_seconds_count', { route: 'computeScenarioBatch', status: '200' }), 1)
  t.equal(sample(text, 'http_request_duration_seconds_count', { route: 'not-found', status: '404' }), 1)
  t.equal(sample(text, 'batch_items_computed_total'), 3, 'three items answered')
  t.equal(sample(text, 'http_requests_in_flight'), 0, 'none in flight once answered')
  t.equal(sample(text, 'pool_threads'), 1)
  const utilization = sample(text, 'pool_utilization_ratio')!
  t.ok(utilization >= 0 && utilization <= 1, `utilization ${utilization} in 0..1`)
})

t.test('a batch refused by the memory budget is counted as shed', async (t) => {
  const registry = new Registry()
  const app = buildApp(
    { maxEventLoopDelayMs: 0, poolThreads: 0, batchConcurrency: 1, retryAfterSeconds: 1 },
    { metrics: registry },
  )
  t.teardown(() => app.close())
  await app.listen({ port: 0, host: '127.0.0.1' })
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  // Two batches at once with BATCH_CONCURRENCY=1: the second one to arrive, if the first is still
  // in flight, is refused. The first is made long enough (many items) to be in flight.
  const items = Array.from({ length: 400 }, () => theCase)
  const answers = await Promise.all([
    send(base, '/v1/scenarios/batch?view=summary', { body: JSON.stringify({ items }) }),
    new Promise((resolve) => setTimeout(resolve, 50)).then(() =>
      send(base, '/v1/scenarios/batch?view=summary', { body: JSON.stringify({ items: [theCase] }) }),
    ),
  ])
  const refused = answers.filter((a) => a.status === 503).length
  t.equal(sample(await registry.metrics(), 'http_requests_shed_total', { reason: 'batch-memory-budget' }) ?? 0, refused)
})

t.test('the metrics server answers GET /metrics, and nothing else', async (t) => {
  const registry = new Registry()
  const server = metricsServer(async () => ({ text: await registry.metrics(), contentType: registry.contentType }))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => server.close())
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const ok = await send(base, '/metrics')
  t.equal(ok.status, 200)
  t.match(ok.headers['content-type'], /^text\/plain/)
  t.equal((await send(base, '/')).status, 404)
  t.equal((await send(base, '/metrics', { method: 'POST', body: '{}' })).status, 404)
})

t.test('the process serves /metrics on METRICS_PORT, not on PORT', async (t) => {
  const server = await startServer(t, { METRICS_PORT: '0' })
  const deadline = Date.now() + 30_000
  let url: string | undefined
  while (url === undefined && Date.now() < deadline) {
    url = /metrics listening at (http:\/\/\S+?)\/metrics/.exec(server.output())?.[1]
    if (url === undefined) await new Promise((resolve) => setTimeout(resolve, 100))
  }
  t.ok(url, 'the metrics address is logged')
  t.equal((await send(server.base, '/health')).status, 200)
  const metrics = await send(url!, '/metrics')
  t.equal(metrics.status, 200)
  t.equal(sample(metrics.body, 'http_request_duration_seconds_count', { route: 'getHealth', status: '200' }), 1)
  t.equal((await send(server.base, '/metrics')).status, 404, 'not on the API port')
  server.child.kill('SIGTERM')
  t.equal((await server.exit).code, 0, 'and it shuts down cleanly')
})
