/**
 * Bounds everywhere: every request schema is bounded, bodies and batches have limits, a batch
 * has a time limit and yields to other requests, a batch whose client went away stops, and
 * the errors Fastify and Node raise before routing are problems too.
 */
import t from 'tap'
import { connect } from 'node:net'
import { request } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { loadContract } from '../../src/contract/index.js'
import { assertProblem, testApp } from '../helpers/http.js'
import { slowItem, theCase, warmPool } from './items.js'
import { unbounded } from './bounds.js'

const json = { 'content-type': 'application/json' }

/**
 * Asks `probe` again (every 50 ms) until `done` holds of its answer or a minute passes, and returns
 * the last answer: the tests below wait for a state, not for a time, so a busy machine only
 * makes them slower. The minute bounds a failing test. (Only where the probe cannot change the
 * state it waits for: a probe batch could itself take the slot a test wants another to hold.)
 */
/**
 * Waits until the server has accepted `count` connections, then a little more for it to read the
 * headers they sent at once: what a batch sent by hand needs before the test asks for another.
 */
async function accepted(app: FastifyInstance, count = 1): Promise<void> {
  const open = () => new Promise<number>((resolve) => app.server.getConnections((_, n) => resolve(n)))
  while ((await open()) < count) await new Promise((resolve) => setTimeout(resolve, 20))
  await new Promise((resolve) => setTimeout(resolve, 200))
}

async function until<T>(probe: () => Promise<T>, done: (answer: T) => boolean): Promise<T> {
  const deadline = Date.now() + 60_000
  for (;;) {
    const answer = await probe()
    if (done(answer) || Date.now() > deadline) return answer
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

t.test('every request schema is bounded: strings, arrays, numbers, objects', async (t) => {
  const contract = loadContract()
  const problems: string[] = []
  for (const op of contract.operations.values()) {
    for (const part of ['body', 'querystring', 'params'] as const) {
      const schema = (op.schema as Record<string, unknown>)[part]
      if (schema) problems.push(...unbounded(contract, schema, `${op.operationId} ${part}`))
    }
  }
  // The batch's items are validated one by one as ScenarioRequest (checked above).
  const batchItems = 'computeScenarioBatch body → ScenarioBatchRequest.json/items/items'
  t.same(
    problems.filter((p) => !p.startsWith(batchItems)),
    [],
  )
  const batch = contract.schemas.get('ScenarioBatchRequest.json') as any
  t.equal(batch.properties.items.maxItems, 10_000, 'a batch has at most 10,000 items')
})

t.test('uniqueItems with objects as items is a 400, not a crash (fast-deep-equal calls a "valueOf" key)', async (t) => {
  const app = testApp(t)
  for (const key of ['valueOf', 'toString', 'constructor']) {
    const methods = [{ [key]: 1 }, { [key]: 1 }]
    const res = await app.inject({
      method: 'POST',
      url: '/v1/cure-period',
      payload: { noticeOfDefault: { sentAt: '2008-09-29', methods } },
    })
    assertProblem(t, res, {
      status: 400,
      type: 'validation',
      errors: [{ pointer: '/noticeOfDefault/methods/0' }, { pointer: '/noticeOfDefault/methods/1' }],
    })
  }
  const duplicate = await app.inject({
    method: 'POST',
    url: '/v1/cure-period',
    payload: { noticeOfDefault: { sentAt: '2008-09-29', methods: ['mail', 'mail'] } },
  })
  assertProblem(t, duplicate, { status: 400, errors: [{ pointer: '/noticeOfDefault/methods' }] })
})

t.test('strings are capped before their pattern is tried', async (t) => {
  const app = testApp(t)
  const huge = '2008-09-29'.repeat(50_000)
  const res = await app.inject({ method: 'POST', url: '/v1/scenarios', payload: { ...theCase, asOf: huge } })
  assertProblem(t, res, { status: 400, errors: [{ pointer: '/asOf' }] })
  t.ok(res.body.length < 2_000, 'the answer does not echo the value')
})

t.test('BODY_LIMIT: a body over 1 MiB is 413 (the setting is honoured)', async (t) => {
  const app = testApp(t)
  const pad = 'x'.repeat(1_048_576)
  const res = await app.inject({
    method: 'POST',
    url: '/v1/scenarios',
    payload: JSON.stringify({ ...theCase, note: { ...theCase.note, id: pad } }),
    headers: json,
  })
  assertProblem(t, res, { status: 413, type: 'payload-too-large', errors: [] })
  const small = testApp(t, { bodyLimit: 1_000 })
  const over = await small.inject({
    method: 'POST',
    url: '/v1/scenarios',
    payload: JSON.stringify({ ...theCase, pad: 'x'.repeat(1_000) }),
    headers: json,
  })
  assertProblem(t, over, { status: 413, type: 'payload-too-large' })
  t.match(over.json().detail, /1000 bytes/)
})

t.test('BATCH_BODY_LIMIT bounds the batch body; 10,000 items are accepted, 10,001 are not', async (t) => {
  const app = testApp(t, { batchBodyLimit: 100_000 })
  const big = JSON.stringify({ items: Array.from({ length: 200 }, () => theCase) })
  assertProblem(t, await app.inject({ method: 'POST', url: '/v1/scenarios/batch', payload: big, headers: json }), {
    status: 413,
    type: 'payload-too-large',
  })

  const full = testApp(t)
  const tenThousand = await full.inject({
    method: 'POST',
    url: '/v1/scenarios/batch',
    payload: { items: Array.from({ length: 10_000 }, () => ({})) },
  })
  t.equal(tenThousand.statusCode, 200)
  t.equal(tenThousand.json().results.length, 10_000)
  const over = await full.inject({
    method: 'POST',
    url: '/v1/scenarios/batch',
    payload: { items: Array.from({ length: 10_001 }, () => ({})) },
  })
  assertProblem(t, over, { status: 400, errors: [{ pointer: '/items' }] })
})

t.test('BATCH_TIME_LIMIT_MS: items left when a batch runs out of time are 503 problems, in order', async (t) => {
  const app = testApp(t, { batchTimeLimitMs: 300, poolThreads: 1 })
  await warmPool(app)
  const res = await app.inject({
    method: 'POST',
    url: '/v1/scenarios/batch',
    payload: { items: Array.from({ length: 300 }, () => slowItem) },
  })
  t.equal(res.statusCode, 200)
  const { results } = res.json()
  t.equal(results.length, 300, 'one result per item')
  // 300 items of ~60 ms each against 300 ms: cut off on any machine; how many made it is its speed.
  const computed = results.findIndex((r: { ok: boolean }) => !r.ok)
  t.ok(computed >= 0 && computed < 300, `${computed} computed before the limit`)
  t.ok(results.slice(0, computed).every((r: { ok: boolean }) => r.ok))
  for (const r of results.slice(computed)) {
    t.equal(r.problem.status, 503)
    t.equal(r.problem.type, 'https://convertible-default.example/problems/service-unavailable')
  }
  t.match(results[computed].problem.detail, /BATCH_TIME_LIMIT_MS/)
})

t.test('a long batch does not starve health checks', async (t) => {
  const app = testApp(t, { batchTimeLimitMs: 5_000 })
  await app.ready()
  let done = false
  const batch = app
    .inject({
      method: 'POST',
      url: '/v1/scenarios/batch',
      payload: { items: Array.from({ length: 1_000 }, () => slowItem) },
    })
    .finally(() => (done = true))
  const latencies: number[] = []
  await new Promise((resolve) => setTimeout(resolve, 200))
  while (!done) {
    const started = performance.now()
    const health = await app.inject({ url: '/health' })
    latencies.push(performance.now() - started)
    t.equal(health.statusCode, 200)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  await batch
  // Two answered before the batch ended is the property (a batch that held the event loop would let
  // none through until it was done); how quickly is the machine's, so it is reported, not asserted.
  t.ok(latencies.length >= 2, `${latencies.length} health checks during the batch`)
  t.comment(`worst health check ${Math.round(Math.max(...latencies))} ms`)
})

t.test('a batch whose client goes away stops computing', async (t) => {
  const app = testApp(t)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = app.server.address() as AddressInfo
  const body = JSON.stringify({ items: Array.from({ length: 2_000 }, () => slowItem) })
  await new Promise<void>((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port,
      path: '/v1/scenarios/batch',
      method: 'POST',
      headers: { ...json, 'content-length': Buffer.byteLength(body) },
    })
    req.on('response', (res) => {
      res.once('data', () => {
        req.destroy()
        resolve()
      })
    })
    req.on('error', () => {})
    req.end(body)
    setTimeout(() => reject(new Error('no answer')), 120_000).unref()
  })
  // Computing the other ~2,000 items would keep this process busy for minutes. Seconds after the
  // client left, a second of wall time must see little CPU; on a busy machine it may take a few
  // seconds to notice, so the seconds are measured until one is idle (30 at most).
  let ms = Infinity
  for (let window = 0; window < 30 && ms >= 150; window++) {
    const before = process.cpuUsage()
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    const used = process.cpuUsage(before)
    ms = (used.user + used.system) / 1_000
  }
  t.ok(ms < 150, `idle after the client left (${Math.round(ms)} ms of CPU in 1 s; computing would be ~1000)`)
})

t.test('errors before routing are problems: bad URL, over-long path segment, malformed HTTP', async (t) => {
  const app = testApp(t)
  const badUrl = await app.inject({ url: '/v1/calendars/%E0%A4%A/holidays', headers: { 'x-request-id': 'bad-url-1' } })
  assertProblem(t, badUrl, { status: 400, errors: [] })
  t.equal(badUrl.headers['x-request-id'], 'bad-url-1')
  assertProblem(
    t,
    await app.inject({ url: `/v1/calendars/${'x'.repeat(500)}/holidays?from=2008-01-01&to=2008-01-02` }),
    { status: 404, errors: [] },
  )

  await app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = app.server.address() as AddressInfo
  const raw = (text: string) =>
    new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(text))
      let answer = ''
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString()))
      socket.on('close', () => resolve(answer))
      socket.on('error', reject)
    })
  const malformed = await raw('GET /health HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n')
  t.match(malformed, /^HTTP\/1\.1 400 /)
  t.match(malformed, /content-type: application\/problem\+json/i)
  t.match(JSON.parse(malformed.split('\r\n\r\n')[1]!), { status: 400, title: 'Bad Request', errors: [] })
  const huge = await raw(`GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'y'.repeat(20_000)}\r\n\r\n`)
  t.match(huge, /^HTTP\/1\.1 431 /)
  t.match(JSON.parse(huge.split('\r\n\r\n')[1]!), { status: 431 })
})

t.test('REQUEST_TIMEOUT_MS: a request that is not sent in time gets a 408 problem (no slow-upload hold)', async (t) => {
  const app = testApp(t, { requestTimeoutMs: 1_000 })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = app.server.address() as AddressInfo
  const answer = await new Promise<string>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      // Headers, then a body that never comes.
      socket.write(
        'POST /v1/scenarios HTTP/1.1\r\nHost: x\r\n' +
          'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"note":',
      )
    })
    let text = ''
    socket.on('data', (chunk: Buffer) => (text += chunk.toString()))
    socket.on('close', () => resolve(text))
    socket.on('error', reject)
  })
  // The socket closing with a 408 is the property; a server that held it would time the test out.
  t.match(answer, /^HTTP\/1\.1 408 /)
  t.match(JSON.parse(answer.split('\r\n\r\n')[1]!), { status: 408, errors: [] })
})

t.test(
  'BATCH_CONCURRENCY: a batch past the limit gets a 503 before its body is read; the slot frees when the first ends',
  async (t) => {
    const app = testApp(t, { batchConcurrency: 1, retryAfterSeconds: 7 })
    await app.listen({ port: 0, host: '127.0.0.1' })
    const { port } = app.server.address() as AddressInfo
    // The first batch: headers and part of a body, so it is in flight until its socket closes.
    const first = connect(port, '127.0.0.1')
    first.on('error', () => {})
    await new Promise<void>((resolve) => first.once('connect', () => resolve()))
    first.write(
      'POST /v1/scenarios/batch HTTP/1.1\r\nHost: x\r\n' +
        'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"items":[',
    )
    await accepted(app)
    const one = { method: 'POST' as const, url: '/v1/scenarios/batch', payload: { items: [theCase] } }
    const turnedAway = await app.inject(one)
    const body = assertProblem(t, turnedAway, { status: 503, type: 'service-unavailable', errors: [] })
    t.match(body.detail, /BATCH_CONCURRENCY/)
    t.equal(turnedAway.headers['retry-after'], '7')
    // Other routes are not limited.
    t.equal((await app.inject({ method: 'POST', url: '/v1/scenarios', payload: theCase })).statusCode, 200)

    first.destroy()
    const admitted = await until(
      () => app.inject(one),
      (res) => res.statusCode !== 503,
    )
    t.equal(admitted.statusCode, 200, 'the slot is free once the first batch is gone')
    // A batch that ends normally frees its slot too.
    t.equal(
      (await app.inject({ method: 'POST', url: '/v1/scenarios/batch', payload: { items: [theCase] } })).statusCode,
      200,
    )
  },
)

t.test('BATCH_MEMORY_BUDGET_BYTES: batches are admitted while their bodies in flight fit the budget', async (t) => {
  const app = testApp(t, { batchMemoryBudgetBytes: 3_000, retryAfterSeconds: 7 })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = app.server.address() as AddressInfo
  const small = { items: [theCase] }
  const smallBytes = Buffer.byteLength(JSON.stringify(small))
  t.ok(smallBytes < 1_000, `a one-item batch is ${smallBytes} bytes`)
  // A batch of 2,000 bytes in flight: headers and part of its body.
  const first = connect(port, '127.0.0.1')
  first.on('error', () => {})
  await new Promise<void>((resolve) => first.once('connect', () => resolve()))
  first.write(
    'POST /v1/scenarios/batch HTTP/1.1\r\nHost: x\r\n' +
      'Content-Type: application/json\r\nContent-Length: 2000\r\n\r\n{"items":[',
  )
  await accepted(app)

  // 2,000 + under 1,000 fits 3,000: admitted, however many such come one after another.
  for (let i = 0; i < 3; i++)
    t.equal(
      (await app.inject({ method: 'POST', url: '/v1/scenarios/batch', payload: small })).statusCode,
      200,
      `small batch ${i + 1} admitted`,
    )
  // 2,000 + 1,500 does not.
  const larger = { items: [theCase], pad: 'x'.repeat(1_500 - smallBytes - 9) } // 1,500 bytes (an unknown field)
  t.equal(Buffer.byteLength(JSON.stringify(larger)), 1_500)
  const turnedAway = await app.inject({ method: 'POST', url: '/v1/scenarios/batch', payload: larger })
  const body = assertProblem(t, turnedAway, { status: 503, type: 'service-unavailable', errors: [] })
  t.match(
    body.detail,
    /hold 2000 bytes of bodies, and this one's 1500 would pass the 3000 of BATCH_MEMORY_BUDGET_BYTES/,
  )
  t.equal(turnedAway.headers['retry-after'], '7')

  first.destroy()
  // With nothing in flight, a body larger than the whole budget is admitted alone (then read: 400 for its
  // unknown field).
  const alone = await until(
    () => app.inject({ method: 'POST', url: '/v1/scenarios/batch', payload: { ...larger, pad: 'x'.repeat(5_000) } }),
    (res) => res.statusCode !== 503,
  )
  assertProblem(t, alone, { status: 400, errors: [{ pointer: '/pad' }] })
})

t.test('SOCKET_TIMEOUT_MS: a client that stops reading a batch answer is disconnected, freeing its slot', async (t) => {
  const app = testApp(t, { batchConcurrency: 1, socketTimeoutMs: 1_000, poolThreads: 1 })
  await warmPool(app)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = app.server.address() as AddressInfo
  // About 9.5 KB of answer an item: 1,000 items are far more than the socket buffers hold.
  const body = JSON.stringify({ items: Array.from({ length: 1_000 }, () => theCase) })
  const stalled = connect(port, '127.0.0.1')
  stalled.on('error', () => {})
  stalled.pause() // never reads
  await new Promise<void>((resolve) => stalled.once('connect', () => resolve()))
  stalled.write(
    `POST /v1/scenarios/batch HTTP/1.1\r\nHost: x\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  )
  await accepted(app)
  const small = { method: 'POST' as const, url: '/v1/scenarios/batch', payload: { items: [theCase] } }
  t.equal((await app.inject(small)).statusCode, 503, 'the stalled batch holds the only slot')
  const freed = await until(
    () => app.inject(small),
    (res) => res.statusCode !== 503,
  )
  t.equal(freed.statusCode, 200, 'the slot is freed once the stalled client is disconnected')
  stalled.destroy()
})
