/**
 * Overload: past MAX_EVENT_LOOP_DELAY_MS or MAX_HEAP_USED_BYTES (or MAX_RSS_BYTES) requests
 * get a 503 problem with Retry-After instead of queueing without end; liveness still answers,
 * readiness says 503; the service recovers when the pressure is gone.
 */
import t from 'tap'
import { DEFAULT_CONFIG, loadConfig } from '../../src/config.js'
import { assertProblem, testApp } from '../helpers/http.js'
import { fixture } from '../helpers/json.js'

const theCase = fixture('examples/liquidmetal-2008.request.json')
/** Heavy, valid requests: monthly interest in cash from 1901 to 2199 (tens of ms of computing each). */
const heavy = {
  note: {
    ...theCase.note,
    issueDate: '1901-01-01',
    maturityDate: '2199-12-31',
    interest: {
      ...theCase.note.interest,
      paymentForm: 'cash',
      interestDates: { frequency: 'monthly', firstDate: '1901-02-01' },
    },
  },
  eventOfDefaultDate: '1902-01-02',
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

t.test('event-loop delay: heavy traffic drives it over the limit; 503 + Retry-After, then recovery', async (t) => {
  const app = testApp(t, { maxEventLoopDelayMs: 40, retryAfterSeconds: 7 })
  await app.ready()
  // Real traffic: waves of heavy requests until the sampler (once a second) sees the delay
  // and requests start being shed.
  const statuses: number[] = []
  const until = Date.now() + 120_000
  while (!statuses.includes(503) && Date.now() < until) {
    const wave = await Promise.all(
      Array.from({ length: 8 }, () => app.inject({ method: 'POST', url: '/v1/default-interest', payload: heavy })),
    )
    statuses.push(...wave.map((r) => r.statusCode))
  }
  t.ok(app.isUnderPressure(), `over the limit (event-loop delay ${Math.round(app.memoryUsage().eventLoopDelay)} ms)`)
  t.ok(
    statuses.includes(503),
    `heavy requests shed once over it (${statuses.filter((s) => s === 200).length} answered first)`,
  )
  t.ok(
    statuses.every((s) => s === 200 || s === 503),
    'the heavy requests were answered or shed, never failed',
  )

  const shed = await app.inject({ method: 'POST', url: '/v1/scenarios', payload: theCase })
  const body = assertProblem(t, shed, { status: 503, type: 'service-unavailable', errors: [] })
  t.equal(shed.headers['retry-after'], '7', 'Retry-After from RETRY_AFTER_SECONDS')
  t.match(body.detail, /overloaded/)
  t.ok(shed.headers['x-request-id'], 'still carries its request id')
  t.equal((await app.inject({ url: '/health' })).statusCode, 200, 'liveness still answers')
  assertProblem(t, await app.inject({ url: '/ready' }), { status: 503 })

  // Idle for a couple of samples: answers again. (The deadlines here are only a bound on a failing
  // test: the loops end as soon as the state is reached, on a quick machine or a busy one.)
  const calm = Date.now() + 120_000
  while (app.isUnderPressure() && Date.now() < calm) await sleep(250)
  t.notOk(app.isUnderPressure(), 'recovers')
  t.equal((await app.inject({ method: 'POST', url: '/v1/scenarios', payload: theCase })).statusCode, 200)
  t.equal((await app.inject({ url: '/ready' })).statusCode, 200)
})

t.test('a start-up that kept the event loop busy does not shed the first requests', async (t) => {
  // A limit that a busy machine's idle event loop stays far under, and a start-up far over it.
  const app = testApp(t, { maxEventLoopDelayMs: 1_000 })
  // A slow start: the loop is busy for longer than a whole sample interval.
  app.addHook('onReady', async () => {
    const end = Date.now() + 3_000
    while (Date.now() < end);
  })
  await app.ready()
  for (let i = 0; i < 4; i++) {
    t.equal((await app.inject({ url: '/v1/calendars' })).statusCode, 200, `request ${i + 1} after start-up`)
    await sleep(250)
  }
})

t.test('heap: past MAX_HEAP_USED_BYTES every request but liveness is shed', async (t) => {
  const app = testApp(t, { maxHeapUsedBytes: 1 })
  await app.ready()
  const until = Date.now() + 60_000
  while (!app.isUnderPressure() && Date.now() < until) await sleep(100)
  const res = await app.inject({ url: '/v1/calendars' })
  assertProblem(t, res, { status: 503, type: 'service-unavailable' })
  t.equal(res.headers['retry-after'], String(DEFAULT_CONFIG.retryAfterSeconds))
  t.match(res.json().detail, /heapUsedBytes/)
  // Like every response, a shed one carries the security headers.
  t.equal(res.headers['x-content-type-options'], 'nosniff')
  t.match(res.headers['content-security-policy'], /default-src 'self'/)
  t.equal((await app.inject({ url: '/health' })).statusCode, 200)
})

t.test('resident memory: past MAX_RSS_BYTES requests are shed', async (t) => {
  const app = testApp(t, { maxRssBytes: 1 })
  await app.ready()
  const until = Date.now() + 60_000
  while (!app.isUnderPressure() && Date.now() < until) await sleep(100)
  assertProblem(t, await app.inject({ method: 'POST', url: '/v1/scenarios', payload: theCase }), { status: 503 })
})

t.test('the limits are settings with defaults; 0 turns one off', async (t) => {
  const defaults = loadConfig({})
  t.equal(defaults.maxEventLoopDelayMs, 1000)
  t.ok(defaults.maxHeapUsedBytes > 0, 'heap limit on by default (90% of the V8 heap limit)')
  t.equal(defaults.maxRssBytes, 0)
  t.equal(defaults.retryAfterSeconds, 5)
  const set = loadConfig({
    MAX_EVENT_LOOP_DELAY_MS: '0',
    MAX_HEAP_USED_BYTES: '536870912',
    MAX_RSS_BYTES: '1073741824',
    RETRY_AFTER_SECONDS: '2',
  })
  t.same(
    [set.maxEventLoopDelayMs, set.maxHeapUsedBytes, set.maxRssBytes, set.retryAfterSeconds],
    [0, 536870912, 1073741824, 2],
  )
  t.throws(() => loadConfig({ RETRY_AFTER_SECONDS: '0' }), /RETRY_AFTER_SECONDS/)

  const off = testApp(t, { maxEventLoopDelayMs: 0, maxHeapUsedBytes: 0 })
  await off.ready()
  await sleep(1_200)
  t.notOk(off.isUnderPressure())
})
