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
import { addOperation, anchorToRequest, ChunkEncoder, invalidFields, problem, ProblemError, serializerFor, validationFor, type Problem } from '../contract/index.js'
import { ContradictionError } from '../domain/explain.js'
import type { ScenarioRequest } from '../domain/inputs.js'
import { computeScenarioWithHolders } from '../domain/holders.js'
import { batchDeadline, SLICE_MS, type BatchLimits } from '../plugins/limits.js'
import { sendProblem } from '../plugins/errors.js'

/** Items are sent in chunks of about this many bytes: one write per item would cost a syscall each. */
const CHUNK_BYTES = 64 * 1024

export interface BatchOptions extends BatchLimits {
  bodyLimit: number
  /** batches read and computed at once (BATCH_CONCURRENCY) */
  batchConcurrency: number
  retryAfterSeconds: number
}

export default async function batchRoutes(app: FastifyInstance, options: BatchOptions): Promise<void> {
  const { ajv, fieldErrors } = validationFor(app.contract)
  const validate = ajv.getSchema('ScenarioRequest.json')!
  const resultSchema = { $ref: 'ScenarioResult.json#' }
  const problemSchema = { $ref: 'Problem.json#' }

  function itemProblem(item: unknown): Problem | null {
    if (!validate(item)) {
      const errors = fieldErrors(validate.errors ?? [], 'body')
      return problem('validation', `The item does not match ScenarioRequest: ${invalidFields(errors.length)}.`, errors)
    }
    return null
  }

  function answer(item: unknown, serialize: { result: (v: unknown) => string; problem: (v: unknown) => string }): string {
    const invalid = itemProblem(item)
    if (invalid) return `{"ok":false,"problem":${serialize.problem(invalid)}}`
    try {
      return `{"ok":true,"result":${serialize.result(computeScenarioWithHolders(item as ScenarioRequest))}}`
    } catch (error) {
      if (error instanceof ContradictionError) {
        return `{"ok":false,"problem":${serialize.problem(ProblemError.contradiction('The item is contradictory.', anchorToRequest(error.errors, item)).toProblem())}}`
      }
      app.log.error({ err: error }, 'batch item failed')
      return `{"ok":false,"problem":${serialize.problem(problem('internal-error', 'An unexpected error occurred computing this item.'))}}`
    }
  }

  async function* stream(items: unknown[]): AsyncGenerator<Buffer> {
    const stop = batchDeadline(app, options)
    const serialize = {
      result: serializerFor(app.contract, resultSchema),
      problem: serializerFor(app.contract, problemSchema),
    }
    const out = new ChunkEncoder(CHUNK_BYTES)
    out.write('{"results":[')
    let slice = performance.now()
    for (let i = 0; i < items.length; i++) {
      const stopped = stop()
      if (stopped) {
        // Out of time (BATCH_TIME_LIMIT_MS, or shutting down): the rest are 503s to resubmit.
        const rest = `{"ok":false,"problem":${serialize.problem(stopped)}}`
        for (let j = i; j < items.length; j++) yield* out.write((j === 0 ? '' : ',') + rest)
        break
      }
      yield* out.write((i === 0 ? '' : ',') + answer(items[i], serialize))
      if (performance.now() - slice >= SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve))
        slice = performance.now()
      }
    }
    yield* out.write(']}')
    yield out.end()
  }

  // A batch holds its body, parsed, until its answer is sent: a 32 MiB body of small objects
  // is a few hundred MB of heap. Past BATCH_CONCURRENCY at once, a batch is turned away before
  // its body is read, so that no number of simultaneous batches can exhaust the heap.
  let inFlight = 0
  const admit: onRequestHookHandler = (_request, reply, done) => {
    if (inFlight >= options.batchConcurrency) {
      const busy = problem(
        'service-unavailable',
        `${options.batchConcurrency} batches are being computed (BATCH_CONCURRENCY); retry after ${options.retryAfterSeconds} s.`,
      )
      // The body is not parsed: Node reads it past and discards it once this answer is sent (not
      // closing the connection, which would reset a client still uploading before it reads this).
      sendProblem(reply, busy, { 'retry-after': String(options.retryAfterSeconds) })
      return
    }
    inFlight++
    // 'close' comes once the answer is sent or the connection is lost, whatever happened between.
    reply.raw.once('close', () => inFlight--)
    done()
  }

  addOperation<{ Body: { items: unknown[] } }>(
    app,
    'computeScenarioBatch',
    async (request, reply) => reply.type('application/json; charset=utf-8').send(Readable.from(stream(request.body.items))),
    { bodyLimit: options.bodyLimit, onRequest: admit },
  )
}
