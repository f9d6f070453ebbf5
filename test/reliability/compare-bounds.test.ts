/**
 * Bounds of POST /v1/scenarios/compare: the patched request stays within BODY_LIMIT, the
 * variants stop at the batch time limit (each left is a 503 problem to resubmit), and a
 * compare of 50 of the costliest scenarios yields to health checks.
 */
import t from 'tap'
import { testApp } from '../helpers/http.js'
import { slowItem, theCase, warmPool } from './items.js'

const URL = '/v1/scenarios/compare'

t.test('BODY_LIMIT bounds the patched request, not only the request', async (t) => {
  const app = testApp(t, { bodyLimit: 6_000 })
  const id = 'x'.repeat(190)
  // The request: the case (about 1.2 KB with the id) and 30 copy operations, about 3 KB; patched, the
  // 192-byte id would be copied 30 times, 5.8 KB more: past 6,000 bytes at about the 25th copy.
  const copies = Array.from({ length: 30 }, (_, i) => ({ op: 'copy', from: '/note/id', path: `/events/x${i}` }))
  const payload = {
    scenario: { ...theCase, note: { ...theCase.note, id } },
    variants: [
      { id: 'copies', patch: copies },
      { id: 'same', patch: [] },
    ],
  }
  t.ok(JSON.stringify(payload).length < 6_000, 'the request itself is within the limit')
  const res = await app.inject({ method: 'POST', url: URL, payload })
  t.equal(res.statusCode, 200)
  const [copied, same] = res.json().variants
  t.match(copied.problem, { status: 413, type: 'https://convertible-default.example/problems/payload-too-large' })
  t.match(copied.problem.detail, /larger than 6000 bytes/)
  t.equal(same.ok, true, 'the other variant is computed')
})

t.test('BATCH_TIME_LIMIT_MS: variants left when the compare runs out of time are 503 problems, in order', async (t) => {
  const app = testApp(t, { batchTimeLimitMs: 200, poolThreads: 1 })
  await warmPool(app)
  const variants = Array.from({ length: 50 }, (_, i) => ({ id: `v${i}`, patch: [] }))
  const res = await app.inject({ method: 'POST', url: URL, payload: { scenario: slowItem, variants } })
  t.equal(res.statusCode, 200)
  const got = res.json().variants
  t.equal(got.length, 50, 'one answer per variant')
  const first = got.findIndex((v: { ok: boolean }) => !v.ok)
  // 50 costly variants against 200 ms: cut off on any machine; how many made it is its speed.
  t.ok(first >= 0 && first < 50, `${first} computed before the limit`)
  for (const v of got.slice(first))
    t.match(v.problem, { status: 503, type: 'https://convertible-default.example/problems/service-unavailable' })
  t.match(got[first].problem.detail, /BATCH_TIME_LIMIT_MS/)
})

t.test('a compare of 50 costly variants yields to health checks', async (t) => {
  const app = testApp(t)
  await app.ready()
  let done = false
  const variants = Array.from({ length: 50 }, (_, i) => ({
    id: `v${i}`,
    patch: [{ op: 'replace', path: '/asOf', value: `2199-12-${String((i % 28) + 1).padStart(2, '0')}` }],
  }))
  const started = performance.now()
  const compare = app
    .inject({ method: 'POST', url: URL, payload: { scenario: slowItem, variants } })
    .finally(() => (done = true))
  const latencies: number[] = []
  await new Promise((resolve) => setTimeout(resolve, 50))
  while (!done) {
    const before = performance.now()
    t.equal((await app.inject({ url: '/health' })).statusCode, 200)
    latencies.push(performance.now() - before)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  const res = await compare
  t.equal(res.statusCode, 200)
  t.ok(
    res.json().variants.every((v: { ok: boolean }) => v.ok),
    'all 50 computed',
  )
  t.comment(
    `51 costly scenarios compared in ${Math.round(performance.now() - started)} ms; ` +
      `${latencies.length} health checks meanwhile, worst ${Math.round(Math.max(0, ...latencies))} ms`,
  )
  // Measured, not asserted: that health checks are answered at all while it computes is the property.
  t.ok(latencies.length >= 1, `${latencies.length} health checks answered during the compare`)
})
