/**
 * No input breaks it: FUZZ_RUNS (default 300) fuzzed requests per POST endpoint (fixed seed, see
 * fuzz.ts) get no 5xx, only problem documents as errors, and 200s that match the contract.
 * `npm run fuzz` runs the same property with 100,000 requests per endpoint.
 */
import t from 'tap'
import { buildApp } from '../../src/app.js'
import fc from 'fast-check'
import { checkUrl, FUZZ_SEED, fuzzEndpoint, fuzzUrl, postEndpoints } from './fuzz.js'

// FUZZ_RUNS sizes the run (e.g. FUZZ_RUNS=2000); the default fits the suite's time on a slow, busy
// machine. `npm run fuzz` is the long run.
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 300)

for (const endpoint of postEndpoints()) {
  t.test(`POST ${endpoint.url}: ${RUNS} fuzzed requests, seed ${FUZZ_SEED}`, async (t) => {
    const app = buildApp({ maxEventLoopDelayMs: 0 })
    t.teardown(() => app.close())
    await app.ready()
    const started = Date.now()
    const statuses = await fuzzEndpoint(app, endpoint, RUNS)
    t.comment(`${endpoint.url}: ${JSON.stringify(statuses)} in ${Date.now() - started} ms`)
    t.ok(
      Object.keys(statuses).every((s) => Number(s) < 500),
      'no 5xx',
    )
    t.ok((statuses[200] ?? 0) > 0 && (statuses[400] ?? 0) > 0, 'reaches both the computation and the edge')
  })
}

t.test(`query endpoints and other methods: ${RUNS} fuzzed URLs`, async (t) => {
  const app = buildApp({ maxEventLoopDelayMs: 0 })
  t.teardown(() => app.close())
  await app.ready()
  const statuses: Record<number, number> = {}
  await fc.assert(
    fc.asyncProperty(fuzzUrl, async (request) => {
      const status = await checkUrl(app, request)
      statuses[status] = (statuses[status] ?? 0) + 1
    }),
    { seed: FUZZ_SEED, numRuns: RUNS, endOnFailure: true },
  )
  t.comment(JSON.stringify(statuses))
  t.ok((statuses[200] ?? 0) > 0 && (statuses[400] ?? 0) > 0 && (statuses[404] ?? 0) > 0, 'reaches answers and errors')
})

t.test('prototype keys never reach Object.prototype', async (t) => {
  const app = buildApp({ maxEventLoopDelayMs: 0 })
  t.teardown(() => app.close())
  const bodies = [
    '{"__proto__": {"polluted": true}}',
    '{"constructor": {"prototype": {"polluted": true}}}',
    '{"note": {"__proto__": {"polluted": true}}}',
  ]
  for (const url of ['/v1/scenarios', '/v1/scenarios/batch', '/v1/redemption']) {
    for (const payload of [...bodies, `{"items": [${bodies.join(',')}]}`]) {
      const res = await app.inject({ method: 'POST', url, payload, headers: { 'content-type': 'application/json' } })
      t.equal(res.statusCode === 200 ? 200 : 400, res.statusCode, `${url} ${payload}`)
      t.notOk(
        res.body.includes('"polluted":true') && res.statusCode === 200 && !url.endsWith('batch'),
        'not echoed as a result',
      )
    }
  }
  const query = await app.inject({
    url:
      '/v1/calendars/us-fed/holidays?from=2008-01-01&to=2008-12-31' +
      '&__proto__[polluted]=1&constructor[prototype][polluted]=1',
  })
  t.equal(query.statusCode, 400)
  t.equal(({} as any).polluted, undefined, 'Object.prototype untouched')
  t.same(Object.keys(Object.prototype), [])
})
