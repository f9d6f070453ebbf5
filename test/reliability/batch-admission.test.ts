/**
 * Batches are admitted by the bytes of their bodies, not by count (BATCH_MEMORY_BUDGET_BYTES,
 * by default an eighth of the heap limit): six clients each sending a 3,000-item batch at once
 * are all computed together, with the real server started as `npm start` starts it (its
 * 512 MB heap, so its default budget), and a SIGTERM while they run drains all six (every
 * item computed) before the process exits 0.
 */
import t from 'tap'
import { theCase } from './items.js'
import { send, sleep, startServer } from './server.js'

t.test('six 3,000-item batches at once all complete, and SIGTERM while they run drains them, exit 0', async (t) => {
  // Long enough for six batches on a busy machine: the test is that they are drained, not how fast.
  const server = await startServer(t, { SHUTDOWN_TIMEOUT_MS: '300000' })
  const body = JSON.stringify({ items: Array.from({ length: 3_000 }, () => theCase) })
  t.ok(Buffer.byteLength(body) * 6 < 40 * 2 ** 20, `six bodies of ${Buffer.byteLength(body)} bytes, far under the default budget`)
  let streaming = 0
  const batches = Array.from({ length: 6 }, () => send(server.base, '/v1/scenarios/batch', { body, onFirstByte: () => streaming++ }))
  // Every one admitted and answering (a 503 would end at once, and fail below).
  while (streaming < 6) await sleep(20)
  server.child.kill('SIGTERM')

  const answers = await Promise.all(batches)
  for (const [i, answer] of answers.entries()) {
    t.equal(answer.status, 200, `batch ${i + 1}: 200`)
    const results = (JSON.parse(answer.body) as { results: Array<{ ok: boolean }> }).results
    t.equal(results.length, 3_000, `batch ${i + 1}: one result per item`)
    t.equal(results.filter((r) => r.ok).length, 3_000, `batch ${i + 1}: every item computed, none cut off by the shutdown`)
  }
  const exit = await server.exit
  t.equal(exit.code, 0, 'drained, then exits 0')
  t.match(server.output(), /"signal":"SIGTERM".*"msg":"shutting down"/)
})
