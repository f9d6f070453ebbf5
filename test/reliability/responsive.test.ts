/**
 * The main thread stays free while a costly request computes in the pool: over real HTTP,
 * /health is answered, quickly, before a compare of the costliest scenario is; and the
 * compare, computing far longer than the socket's idle timeout, still gets its answer (the
 * timeout is for clients that go quiet, not for a server still computing). Bounds are
 * generous: the 1 s target is measured by `npm run bench`, not asserted here.
 */
import t from 'tap'
import type { AddressInfo } from 'node:net'
import { buildApp } from '../../src/app.js'
import { send } from './server.js'
import { slowItem } from './items.js'

t.test('/health answers during a costly compare, which still gets its answer past SOCKET_TIMEOUT_MS', async (t) => {
  // SOCKET_TIMEOUT_MS at its lowest, 1 s: the compare below computes for seconds on any machine.
  const app = buildApp({ maxEventLoopDelayMs: 0, poolThreads: 1, socketTimeoutMs: 1_000 })
  t.teardown(() => app.close())
  await app.listen({ port: 0, host: '127.0.0.1' })
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  // A thread ready before the clock starts: under the test's TypeScript loader it compiles for seconds.
  await send(base, '/v1/scenarios/compare', {
    body: JSON.stringify({ scenario: slowItem, variants: [] }),
  })

  // The costliest scenario with 4 holders, under its dozen default readings: some 65 scenarios
  // of tens of ms each at best.
  const holders = Array.from({ length: 4 }, (_, i) => ({ id: `h${i}`, principal: '250000.00' }))
  const order: string[] = []
  const started = Date.now()
  const compare = send(base, '/v1/scenarios/compare', {
    body: JSON.stringify({ scenario: { ...slowItem, holders } }),
  }).then((res) => {
    order.push('compare')
    return { res, ms: Date.now() - started }
  })
  await new Promise((resolve) => setTimeout(resolve, 200))
  const latencies: number[] = []
  for (let i = 0; i < 3; i++) {
    const before = Date.now()
    const health = await send(base, '/health')
    latencies.push(Date.now() - before)
    t.equal(health.status, 200)
    order.push('health')
  }
  const { res, ms } = await compare
  t.equal(res.status, 200, 'the compare is answered')
  t.ok(
    JSON.parse(res.body).variants.every((v: { ok: boolean }) => v.ok),
    'every reading computed',
  )
  t.same(order.slice(0, 3), ['health', 'health', 'health'], 'three health checks answered while the compare computed')
  t.ok(Math.max(...latencies) < 5_000, `health within 5 s (worst ${Math.max(...latencies)} ms)`)
  t.comment(`compare ${ms} ms, over the 1000 ms socket timeout: ${ms > 1_000}`)
})
