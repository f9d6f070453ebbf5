/**
 * The worker pool (src/plugins/pool.ts): answers computed on the pool's threads are the same,
 * byte for byte, as on the main thread; a batch streamed as NDJSON is the whole answer line by
 * line; a computation past COMPUTE_TIME_LIMIT_MS ends with its problem and the next request is
 * served. POOL_MIN_COST=0 sends every request to the pool, POOL_THREADS=0 none.
 */
import t from 'tap'
import type { LightMyRequestResponse } from 'fastify'
import { variedNotes } from '../../bench/notes.js'
import { testApp } from '../helpers/http.js'
import { exampleValue } from '../helpers/json.js'
import { slowItem, theCase } from './items.js'

// The contract's worked example of the ownership timeline (examples/, an OpenAPI example object).
const timeline2007 = exampleValue<Record<string, unknown>>('ownership-timeline-2007.request.json')

const contradictory = { ...theCase, note: { ...theCase.note, maturityDate: '2006-01-03' } }
const invalid = { ...theCase, note: { ...theCase.note, principal: 'a million' } }
// Enough items for several chunks on both threads, with failures among them.
const items = [
  ...variedNotes(70, 22),
  invalid,
  theCase,
  contradictory,
  { note: {} },
  ...variedNotes(30, 23),
  { ...theCase, holders: [{ principal: '400000.00' }, { principal: '600000.00' }] },
]

const inPool = { poolThreads: 2, poolMinCost: 0 }
const onMain = { poolThreads: 0 }

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST' as const,
  url,
  payload: payload as Record<string, unknown>,
  headers,
})

t.test('a batch: the same bytes from the pool (several chunks on two threads) as from the main thread', async (t) => {
  const pool = testApp(t, inPool)
  const main = testApp(t, onMain)
  for (const view of ['full', 'summary']) {
    const url = `/v1/scenarios/batch?view=${view}`
    const [a, b] = await Promise.all([pool.inject(post(url, { items })), main.inject(post(url, { items }))])
    t.equal(a.statusCode, 200)
    t.equal(b.statusCode, 200)
    t.equal(a.body, b.body, `${view}: byte-identical`)
    const results = a.json().results as Array<{ ok: boolean; problem?: { status: number } }>
    t.equal(results.length, items.length, 'one answer per item, in order')
    t.same(
      [70, 71, 72, 73].map((i) => results[i]!.ok),
      [false, true, false, false],
      'the failing items fail alone, where they are',
    )
    t.same(
      [70, 72, 73].map((i) => results[i]!.problem!.status),
      [400, 422, 400],
    )
  }
})

t.test(
  'a scenario, a compare and an ownership timeline: the same bytes from the pool as from the main thread',
  async (t) => {
    const pool = testApp(t, inPool)
    const main = testApp(t, onMain)
    const requests = [
      post('/v1/scenarios', theCase),
      post('/v1/scenarios?view=summary', theCase),
      post('/v1/scenarios', contradictory),
      post('/v1/scenarios/compare', { scenario: theCase }),
      post('/v1/scenarios/compare', {
        scenario: theCase,
        variants: [
          { id: 'act-360', patch: [{ op: 'replace', path: '/note/interest/dayCount', value: 'act-360' }] },
          { id: 'backwards', patch: [{ op: 'replace', path: '/note/maturityDate', value: '2006-01-03' }] },
        ],
      }),
      post('/v1/scenarios/compare', { scenario: contradictory }),
      post('/v1/beneficial-ownership/timeline', timeline2007),
      post('/v1/beneficial-ownership/timeline', { ...timeline2007, to: '2006-01-01' }),
    ]
    for (const request of requests) {
      const [a, b] = await Promise.all([pool.inject(request), main.inject(request)])
      const strip = (res: LightMyRequestResponse) => ({
        status: res.statusCode,
        type: res.headers['content-type'],
        body: res.body,
      })
      t.same(strip(a), strip(b), `${request.url} ${JSON.stringify(request.payload).slice(0, 60)}...`)
    }
  },
)

t.test('NDJSON: one line per item, in order, each equal to the whole answer at its index', async (t) => {
  const app = testApp(t, inPool)
  const url = '/v1/scenarios/batch?view=summary'
  const whole = await app.inject(post(url, { items }))
  const streamed = await app.inject(post(url, { items }, { accept: 'application/x-ndjson' }))
  t.equal(streamed.statusCode, 200)
  t.match(streamed.headers['content-type'], /^application\/x-ndjson/)
  t.ok(streamed.body.endsWith('\n'), 'each line ends with a newline')
  const lines = streamed.body.split('\n').slice(0, -1)
  t.equal(lines.length, items.length, 'one line per item')
  const results = whole.json().results as Array<Record<string, unknown>>
  lines.forEach((line, i) => {
    const { index, ...rest } = JSON.parse(line) as { index: number }
    if (index !== i) t.fail(`line ${i} has index ${index}`)
    if (JSON.stringify(rest) !== JSON.stringify(results[i])) t.fail(`line ${i} differs from results[${i}]`)
  })
  t.pass('every line parsed and equal to the whole answer')

  // On the main thread too, and application/json preferred over it gets the whole answer.
  const main = testApp(t, onMain)
  const mainLines = await main.inject(post(url, { items }, { accept: 'application/x-ndjson' }))
  t.equal(mainLines.body, streamed.body, 'the same lines from the main thread')
  const preferJson = await app.inject(
    post(url, { items: [theCase] }, { accept: 'application/x-ndjson;q=0.5, application/json' }),
  )
  t.match(preferJson.headers['content-type'], /^application\/json/)
})

t.test('COMPUTE_TIME_LIMIT_MS: a runaway computation ends with its problem, the next request is served', async (t) => {
  const app = testApp(t, { ...inPool, computeTimeLimitMs: 1_000 })
  // The costliest scenario with 10 holders under its default readings: over a hundred scenarios
  // of tens of ms each at best, seconds on any machine; the case takes milliseconds.
  const holders = Array.from({ length: 10 }, (_, i) => ({ id: `h${i}`, principal: '100000.00' }))
  const runaway = await app.inject(post('/v1/scenarios/compare', { scenario: { ...slowItem, holders } }))
  t.equal(runaway.statusCode, 503)
  t.match(runaway.headers['content-type'], /^application\/problem\+json/)
  t.ok(runaway.headers['retry-after'], 'with Retry-After')
  t.match(runaway.json(), {
    type: 'https://convertible-default.example/problems/service-unavailable',
    status: 503,
    detail: /time limit of 1000 ms \(COMPUTE_TIME_LIMIT_MS\)/,
  })
  // The thread was replaced: the next requests, in the pool, are computed.
  const next = await app.inject(post('/v1/scenarios', theCase))
  t.equal(next.statusCode, 200)
  const main = await testApp(t, onMain).inject(post('/v1/scenarios', theCase))
  t.equal(next.body, main.body, 'the case, computed as on the main thread')
  const batch = await app.inject(post('/v1/scenarios/batch?view=summary', { items: [theCase, theCase] }))
  t.same(
    batch.json().results.map((r: { ok: boolean }) => r.ok),
    [true, true],
  )
})
