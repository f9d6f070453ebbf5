/**
 * POST /v1/scenarios/batch: each item is validated and computed alone, answered in order.
 *
 * Items are computed in chunks (src/pool/tasks.ts, scenarioBatch): in the worker pool, several
 * chunks at once on every thread, when the batch's cost reaches POOL_MIN_COST; else on the main
 * thread, yielding to the event loop between chunks. Either way the answer is the same, byte for
 * byte. It is streamed as chunks complete, in order, so memory holds the chunks in flight, not
 * the batch's answers: as one JSON document (`{"results":[...]}`), or, with
 * `Accept: application/x-ndjson`, one line per item, `{"index":i,"ok":...}`. Items left when the
 * batch runs out of time (src/plugins/limits.ts) are answered with a 503 problem each.
 */
import { Readable } from 'node:stream'
import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify'
import { addOperation, ChunkEncoder, problem, ProblemError, type Problem } from '../contract/index.js'
import type { ScenarioView } from '../domain/summary.js'
import { notComputed, scenarioCost } from '../pool/tasks.js'
import { sendProblem } from '../plugins/errors.js'
import { stopCheck, type Deadline } from '../plugins/limits.js'
import { idleTimeout } from '../plugins/pool.js'

/** The whole answer is sent in chunks of about this many bytes: one write per item would cost a syscall each. */
const CHUNK_BYTES = 64 * 1024

/**
 * Items per task: enough that a task's round trip to a thread is small beside its computing,
 * few enough that the threads share a batch evenly and its first lines come early. A chunk ends
 * at CHUNK_ITEMS items or at CHUNK_COST of cost, whichever comes first.
 */
const CHUNK_ITEMS = 32
const CHUNK_COST = 4_000

/** Chunks in flight per pool thread: each thread has the next one waiting when it finishes one. */
const CHUNKS_PER_THREAD = 3

/** Computing between two yields to the event loop on the main thread, so probes get turns. */
const SLICE_MS = 10

export const NDJSON = 'application/x-ndjson'

export interface BatchOptions {
  bodyLimit: number
  /** bytes of batch bodies read and computed at once (BATCH_MEMORY_BUDGET_BYTES) */
  batchMemoryBudgetBytes: number
  /** batches read and computed at once besides the budget (BATCH_CONCURRENCY); 0: no limit */
  batchConcurrency: number
  retryAfterSeconds: number
  socketTimeoutMs: number
}

/** Whether the client asks for NDJSON: application/x-ndjson accepted, and not less than application/json. */
export function wantsNdjson(accept: string | undefined): boolean {
  if (accept === undefined) return false
  let ndjson = -1
  let json = -1
  for (const part of accept.split(',').slice(0, 50)) {
    const [type = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase())
    const q = params.find((p) => p.startsWith('q='))
    const weight = q === undefined ? 1 : Number(q.slice(2))
    if (!Number.isFinite(weight)) continue
    if (type === NDJSON) ndjson = Math.max(ndjson, weight)
    else if (type === 'application/json') json = Math.max(json, weight)
  }
  return ndjson > 0 && ndjson >= json
}

interface Chunk {
  start: number
  items: unknown[]
}

/** Consecutive items cut into chunks by count and cost. */
function* chunks(items: readonly unknown[], costs: readonly number[], most: number): Generator<Chunk> {
  let start = 0
  while (start < items.length) {
    let end = start
    let cost = 0
    while (end < items.length && end - start < most && (end === start || cost + costs[end]! <= CHUNK_COST)) {
      cost += costs[end]!
      end++
    }
    yield { start, items: items.slice(start, end) }
    start = end
  }
}

export default async function batchRoutes(app: FastifyInstance, options: BatchOptions): Promise<void> {
  /** Each item's answer text, in order, chunk by chunk as each completes. */
  async function* answers(request: FastifyRequest, items: unknown[], view: ScenarioView): AsyncGenerator<string[]> {
    const costs = items.map(scenarioCost)
    const cost = costs.reduce((a, b) => a + b, 0)
    const pool = app.compute
    const offload = pool.offloads(cost)
    const deadline: Deadline = pool.deadline()
    const socket = request.raw.socket
    const stop = stopCheck(deadline)
    const compute = (chunk: Chunk): Promise<string[]> => {
      // Out of time already: the chunk's items say so without a trip to a thread.
      const stopped = stop()
      if (stopped) return Promise.resolve(chunk.items.map(() => notComputed(stopped)))
      return pool.run('scenarioBatch', { items: chunk.items, view }, { cost, deadline }).then(
        ({ answers, failures }) => {
          for (const failure of failures) request.log.error({ err: failure }, 'batch item failed')
          return answers
        },
        (error: unknown) => {
          // The chunk as a whole failed (its time limit, a full queue...): each of its items says so.
          let reason: Problem
          if (error instanceof ProblemError) reason = error.toProblem()
          else {
            request.log.error({ err: error }, 'batch chunk failed')
            reason = problem('internal-error', 'An unexpected error occurred computing this item.')
          }
          return chunk.items.map(() => notComputed(reason))
        },
      )
    }

    const window = offload ? Math.max(1, pool.threads * CHUNKS_PER_THREAD) : 1
    const inFlight: Promise<string[]>[] = []
    // On the main thread one item a chunk, so that it yields to the event loop between items.
    const next = chunks(items, costs, offload ? CHUNK_ITEMS : 1)
    let slice = performance.now()
    for (;;) {
      while (inFlight.length < window) {
        const chunk = next.next()
        if (chunk.done) break
        inFlight.push(compute(chunk.value))
      }
      const first = inFlight.shift()
      if (first === undefined) return
      // The idle timeout is for a client that stops reading; not while the service computes.
      idleTimeout(socket, 0)
      const done = await first
      idleTimeout(socket, options.socketTimeoutMs)
      app.metrics?.itemsComputed.inc(done.length)
      yield done
      if (!offload && performance.now() - slice >= SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve))
        slice = performance.now()
      }
    }
  }

  async function* whole(request: FastifyRequest, items: unknown[], view: ScenarioView): AsyncGenerator<Buffer> {
    const out = new ChunkEncoder(CHUNK_BYTES)
    out.write('{"results":[')
    let index = 0
    for await (const done of answers(request, items, view)) {
      for (const text of done) yield* out.write((index++ === 0 ? '' : ',') + text)
    }
    yield* out.write(']}')
    yield out.end()
  }

  async function* ndjson(request: FastifyRequest, items: unknown[], view: ScenarioView): AsyncGenerator<Buffer> {
    let index = 0
    for await (const done of answers(request, items, view)) {
      // `{"ok":...}` becomes `{"index":i,"ok":...}`; a chunk's lines are written together, as they complete together.
      yield Buffer.from(done.map((text) => `{"index":${index++},${text.slice(1)}\n`).join(''), 'utf8')
    }
  }

  // A batch holds its body, parsed, until its answer is sent: up to about 5 bytes of heap a
  // byte of body (the densest 32 MiB body, small objects, is some 150 MB). Batches are admitted while
  // the bodies in flight stay within BATCH_MEMORY_BUDGET_BYTES, each counted by its
  // Content-Length (the body limit when it is sent chunked, not knowing better), so no number
  // of simultaneous batches can exhaust the heap while many ordinary ones run at once. One
  // batch is always admitted when none is in flight, however large the body limit allows.
  let inFlight = 0
  let bytesInFlight = 0
  const admit: onRequestHookHandler = (request, reply, done) => {
    const length = Number(request.headers['content-length'])
    const bytes = Number.isSafeInteger(length) && length >= 0 ? Math.min(length, options.bodyLimit) : options.bodyLimit
    const overBudget = inFlight > 0 && bytesInFlight + bytes > options.batchMemoryBudgetBytes
    const overCount = options.batchConcurrency > 0 && inFlight >= options.batchConcurrency
    if (overBudget || overCount) {
      const why = overCount
        ? `${inFlight} batches are being computed (BATCH_CONCURRENCY)`
        : `the batches being computed hold ${bytesInFlight} bytes of bodies, and this one's ${bytes} would pass ` +
          `the ${options.batchMemoryBudgetBytes} of BATCH_MEMORY_BUDGET_BYTES`
      // The body is not parsed: Node reads it past and discards it once this answer is sent (not
      // closing the connection, which would reset a client still uploading before it reads this).
      app.metrics?.shed.inc({ reason: 'batch-memory-budget' })
      sendProblem(reply, problem('service-unavailable', `${why}; retry after ${options.retryAfterSeconds} s.`), {
        'retry-after': String(options.retryAfterSeconds),
      })
      return
    }
    inFlight++
    bytesInFlight += bytes
    // 'close' comes once the answer is sent or the connection is lost, whatever happened between.
    reply.raw.once('close', () => {
      inFlight--
      bytesInFlight -= bytes
    })
    done()
  }

  addOperation<{ Body: { items: unknown[] }; Querystring: { view?: ScenarioView } }>(
    app,
    'computeScenarioBatch',
    async (request, reply) => {
      const view: ScenarioView = request.query.view ?? 'full'
      const items = request.body.items
      if (wantsNdjson(request.headers.accept))
        return reply.type(`${NDJSON}; charset=utf-8`).send(Readable.from(ndjson(request, items, view)))
      return reply.type('application/json; charset=utf-8').send(Readable.from(whole(request, items, view)))
    },
    { bodyLimit: options.bodyLimit, onRequest: admit },
  )
}
