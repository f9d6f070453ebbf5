/**
 * POST /v1/scenarios/batch: each item is validated and computed alone, in order.
 *
 * The answer is streamed item by item, so a 10,000-item batch never holds all its results in
 * memory and the event loop stays free for health checks between items (a yield every
 * SLICE_MS of computing). Items left when the batch runs out of time (src/plugins/limits.ts)
 * are answered with a 503 problem each.
 */
import { Readable } from 'node:stream'
import type { FastifyInstance, onRequestHookHandler } from 'fastify'
import {
  addOperation,
  anchorToRequest,
  ChunkEncoder,
  invalidFields,
  problem,
  ProblemError,
  serializerFor,
  validationFor,
  type Problem,
} from '../contract/index.js'
import { ContradictionError } from '../domain/explain.js'
import type { ScenarioRequest } from '../domain/inputs.js'
import { computeScenarioWithHolders } from '../domain/holders.js'
import { scenarioSummary, type ScenarioView } from '../domain/summary.js'
import { batchDeadline, sliceYield, type BatchLimits } from '../plugins/limits.js'
import { sendProblem } from '../plugins/errors.js'

/** Items are sent in chunks of about this many bytes: one write per item would cost a syscall each. */
const CHUNK_BYTES = 64 * 1024

export interface BatchOptions extends BatchLimits {
  bodyLimit: number
  /** bytes of batch bodies read and computed at once (BATCH_MEMORY_BUDGET_BYTES) */
  batchMemoryBudgetBytes: number
  /** batches read and computed at once besides the budget (BATCH_CONCURRENCY); 0: no limit */
  batchConcurrency: number
  retryAfterSeconds: number
}

export default async function batchRoutes(app: FastifyInstance, options: BatchOptions): Promise<void> {
  const { ajv, fieldErrors } = validationFor(app.contract)
  const validate = ajv.getSchema('ScenarioRequest.json')!
  const resultSchema = { $ref: 'ScenarioResult.json#' }
  const summarySchema = { $ref: 'ScenarioSummary.json#' }
  const problemSchema = { $ref: 'Problem.json#' }

  function itemProblem(item: unknown): Problem | null {
    if (!validate(item)) {
      const errors = fieldErrors(validate.errors ?? [], 'body')
      return problem('validation', `The item does not match ScenarioRequest: ${invalidFields(errors.length)}.`, errors)
    }
    return null
  }

  function answer(
    item: unknown,
    view: ScenarioView,
    serialize: { result: (v: unknown) => string; problem: (v: unknown) => string },
  ): string {
    const invalid = itemProblem(item)
    if (invalid) return `{"ok":false,"problem":${serialize.problem(invalid)}}`
    try {
      const result = computeScenarioWithHolders(item as ScenarioRequest)
      return `{"ok":true,"result":${serialize.result(view === 'summary' ? scenarioSummary(result) : result)}}`
    } catch (error) {
      if (error instanceof ContradictionError) {
        return `{"ok":false,"problem":${serialize.problem(ProblemError.contradiction('The item is contradictory.', anchorToRequest(error.errors, item)).toProblem())}}`
      }
      app.log.error({ err: error }, 'batch item failed')
      return `{"ok":false,"problem":${serialize.problem(problem('internal-error', 'An unexpected error occurred computing this item.'))}}`
    }
  }

  async function* stream(items: unknown[], view: ScenarioView): AsyncGenerator<Buffer> {
    const stop = batchDeadline(app, options)
    const serialize = {
      result: serializerFor(app.contract, view === 'summary' ? summarySchema : resultSchema),
      problem: serializerFor(app.contract, problemSchema),
    }
    const out = new ChunkEncoder(CHUNK_BYTES)
    out.write('{"results":[')
    const pause = sliceYield()
    for (let i = 0; i < items.length; i++) {
      const stopped = stop()
      if (stopped) {
        // Out of time (BATCH_TIME_LIMIT_MS, or shutting down): the rest are 503s to resubmit.
        const rest = `{"ok":false,"problem":${serialize.problem(stopped)}}`
        for (let j = i; j < items.length; j++) yield* out.write((j === 0 ? '' : ',') + rest)
        break
      }
      yield* out.write((i === 0 ? '' : ',') + answer(items[i], view, serialize))
      await pause()
    }
    yield* out.write(']}')
    yield out.end()
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
        : `the batches being computed hold ${bytesInFlight} bytes of bodies, and this one's ${bytes} would pass the ${options.batchMemoryBudgetBytes} of BATCH_MEMORY_BUDGET_BYTES`
      // The body is not parsed: Node reads it past and discards it once this answer is sent (not
      // closing the connection, which would reset a client still uploading before it reads this).
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
      return reply.type('application/json; charset=utf-8').send(Readable.from(stream(request.body.items, view)))
    },
    { bodyLimit: options.bodyLimit, onRequest: admit },
  )
}
