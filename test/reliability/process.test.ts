/**
 * The real process: pino JSON logs with the request id and no credentials (even at trace),
 * API keys over real HTTP, and WEB_CONCURRENCY workers with node:cluster (shared port,
 * replaced when one dies, graceful on SIGTERM).
 */
import t from 'tap'
import { fixture } from '../helpers/json.js'
import { send, sleep, startServer } from './server.js'

const theCase = fixture('examples/liquidmetal-2008.request.json')
const KEY = 'live-key-7d1e9a0b5c'
const WRONG = 'wrong-key-3f8c2a'

t.test('logs: one JSON object per line, the request id on every request line, no credentials', async (t) => {
  const server = await startServer(t, { LOG_LEVEL: 'trace', API_KEYS: `${KEY},other-key-1234` })
  const ok = await send(server.base, '/v1/scenarios', {
    body: JSON.stringify(theCase),
    headers: { authorization: `Bearer ${KEY}`, 'x-request-id': 'case-0001' },
  })
  t.equal(ok.status, 200)
  t.equal(ok.headers['x-request-id'], 'case-0001')
  const denied = await send(server.base, '/v1/calendars', {
    headers: { authorization: `Bearer ${WRONG}`, 'x-request-id': 'denied-0002' },
  })
  t.equal(denied.status, 401)
  t.equal(denied.headers['x-request-id'], 'denied-0002')
  t.match(denied.headers['content-type'], /^application\/problem\+json/)
  const basic = await send(server.base, '/v1/calendars', {
    headers: { authorization: `Basic ${Buffer.from(`u:${KEY}`).toString('base64')}` },
  })
  t.equal(basic.status, 401)
  const open = await send(server.base, '/health', { headers: { authorization: `Bearer ${KEY}` } })
  t.equal(open.status, 200)
  const generated = String(open.headers['x-request-id'])
  t.match(generated, /^[0-9a-f-]{36}$/)
  const bad = await send(server.base, '/v1/scenarios', {
    body: '{"note": ',
    headers: { authorization: `Bearer ${KEY}`, 'x-request-id': 'bad-body-0003' },
  })
  t.equal(bad.status, 400)

  server.child.kill('SIGTERM')
  t.equal((await server.exit).code, 0)
  const output = server.output()
  const lines = output.split('\n').filter((l) => l.trim() !== '')
  t.ok(lines.length > 10, `${lines.length} lines`)
  t.ok(
    lines.every((l) => {
      try {
        return typeof JSON.parse(l) === 'object'
      } catch {
        return false
      }
    }),
    'every line is a JSON object',
  )
  for (const secret of [KEY, WRONG, 'other-key-1234', Buffer.from(`u:${KEY}`).toString('base64')])
    t.notMatch(output, secret, 'no key in the logs')

  const logs = server.logs()
  const of = (id: string) => logs.filter((l) => l.reqId === id)
  for (const id of ['case-0001', 'denied-0002', 'bad-body-0003', generated]) {
    const mine = of(id)
    t.ok(
      mine.some((l) => l.msg === 'incoming request'),
      `${id}: logged when it comes in (at debug and trace)`,
    )
    const completed = mine.filter((l) => l.msg === 'request completed')
    t.equal(completed.length, 1, `${id}: one access line`)
    t.equal(completed[0]?.level, 30, 'at info')
    t.ok(
      typeof completed[0]?.method === 'string' &&
        typeof completed[0]?.url === 'string' &&
        typeof completed[0]?.statusCode === 'number' &&
        typeof completed[0]?.responseTime === 'number',
      'with method, url, status and time',
    )
  }
  t.ok(
    of('denied-0002').some((l) => l.msg === 'unauthorized' && l.credentials === 'rejected'),
    'a refused key is logged as refused, not as itself',
  )
  t.ok(
    logs.every((l) => typeof l.level === 'number' && typeof l.time === 'number' && typeof l.msg === 'string'),
    'pino fields',
  )
  t.ok(
    logs.filter((l) => l.url).every((l) => typeof l.reqId === 'string'),
    'every request line has its id',
  )
  t.same(of('case-0001').find((l) => l.msg === 'request completed')?.statusCode, 200)
  t.same(of('denied-0002').find((l) => l.msg === 'request completed')?.statusCode, 401)
})

/**
 * What `--max-old-space-size=512` (npm start) means in V8: 512 MiB of old space plus the young
 * generation, whose size V8 chooses by version (about 48 MiB on Node 20, 192 MiB on Node 24).
 */
const HEAP_LIMIT_RANGE = [512 * 1_048_576, 768 * 1_048_576] as const

t.test(
  'npm start runs the service with a 512 MB old space; ' +
    'load shedding starts at 90% of the heap limit, batches are admitted up to an eighth of it',
  async (t) => {
    const server = await startServer(t)
    const until = Date.now() + 30_000
    const limits = () => server.logs().filter((l) => l.msg === 'memory limits')
    await eventually(() => limits().length > 0, until)
    const [line] = limits()
    t.ok(line, 'logged at start-up')
    const heapLimit = Number(line?.heapLimitBytes)
    t.ok(
      heapLimit >= HEAP_LIMIT_RANGE[0] && heapLimit <= HEAP_LIMIT_RANGE[1],
      `heap limit ${heapLimit} bytes: 512 MiB of old space and the young generation`,
    )
    t.equal(line?.maxHeapUsedBytes, Math.floor(heapLimit * 0.9), 'MAX_HEAP_USED_BYTES defaults to 90% of it')
    // 512 MiB and more of heap: an eighth is at least 64 MiB of bodies, two of the densest 32 MiB batches.
    t.equal(
      line?.batchMemoryBudgetBytes,
      Math.floor(heapLimit / 8),
      'BATCH_MEMORY_BUDGET_BYTES defaults to an eighth of it',
    )
    t.ok(line?.batchMemoryBudgetBytes >= 2 * 32 * 2 ** 20, 'room for two of the densest batches at once')
    server.child.kill('SIGTERM')
    t.equal((await server.exit).code, 0)
  },
)

t.test('WEB_CONCURRENCY=2: two workers share the port, one that dies is replaced, SIGTERM drains both', async (t) => {
  // A shutdown timer far past any machine's time for the batch below: draining is the test, not speed.
  const server = await startServer(t, {
    WEB_CONCURRENCY: '2',
    SHUTDOWN_TIMEOUT_MS: '600000',
    BATCH_TIME_LIMIT_MS: '3600000',
  })
  const until = Date.now() + 60_000
  const listening = () => server.logs().filter((l) => /listening at/.test(l.msg))
  while (listening().length < 2 && Date.now() < until) await sleep(100)
  t.equal(listening().length, 2, 'two workers listening')
  t.equal(new Set(listening().map((l) => l.msg)).size, 1, 'on the same address')
  await eventually(() => server.logs().filter((l) => l.msg === 'memory limits').length >= 2, until)
  const heapLimits = server
    .logs()
    .filter((l) => l.msg === 'memory limits')
    .map((l) => Number(l.heapLimitBytes))
  t.ok(
    heapLimits.length === 2 && heapLimits.every((b) => b >= HEAP_LIMIT_RANGE[0] && b <= HEAP_LIMIT_RANGE[1]),
    'the workers get the heap limit of npm start',
  )

  for (let i = 0; i < 12; i++) t.equal((await send(server.base, '/health')).status, 200)
  // Workers write their logs every 20 ms (log-destination.ts), so the access lines come a little
  // after the answers: wait for all twelve before counting who served them.
  const completed = () => server.logs().filter((l) => l.msg === 'request completed')
  await eventually(() => completed().length >= 12, until)
  t.equal(completed().length, 12, 'one access line per request')
  const served = new Set(completed().map((l) => l.pid))
  t.equal(served.size, 2, 'both workers serve')

  // A worker that dies is replaced.
  const victim = [...served][0] as number
  process.kill(victim, 'SIGKILL')
  while (listening().length < 3 && Date.now() < until) await sleep(100)
  t.equal(listening().length, 3, 'a new worker started')
  await eventually(() => /worker died; starting another/.test(server.output()), until)
  t.match(server.output(), /worker died; starting another/)
  for (let i = 0; i < 6; i++) t.equal((await send(server.base, '/health')).status, 200, 'still serving')

  // SIGTERM to the primary while a batch is in flight: it completes, everything exits 0.
  const batch = JSON.stringify({ items: Array.from({ length: 5_000 }, () => theCase) })
  let started!: () => void
  const streaming = new Promise<void>((resolve) => (started = resolve))
  const answer = send(server.base, '/v1/scenarios/batch', { body: batch, onFirstByte: () => started() })
  await streaming
  server.child.kill('SIGTERM')
  const done = await answer
  t.equal(done.status, 200)
  const results = JSON.parse(done.body).results
  t.equal(results.length, 5_000)
  t.ok(
    results.every((r: { ok: boolean }) => r.ok),
    'every item computed',
  )
  t.equal((await server.exit).code, 0, 'the primary exits 0')
  t.match(server.output(), /"msg":"all workers exited"/)
})

/** Polls until `ready()` holds or the deadline passes; the assertion after it says which. */
async function eventually(ready: () => boolean, deadline: number): Promise<void> {
  while (!ready() && Date.now() < deadline) await sleep(20)
}

t.test('WEB_CONCURRENCY is validated', async (t) => {
  await t.rejects(startServer(t, { WEB_CONCURRENCY: '0' }), /WEB_CONCURRENCY/)
})
