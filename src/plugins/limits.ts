/**
 * Time limits of a batch. A batch is computed item by item; it stops computing when
 *
 * - it has run BATCH_TIME_LIMIT_MS (default 60 s), so that no request runs without end, or
 * - the graceful shutdown began more than 70% of SHUTDOWN_TIMEOUT_MS ago, so that the
 *   answer is complete, and the process exits 0, within SHUTDOWN_TIMEOUT_MS.
 *
 * Items it did not compute are answered, in order, with a 503 problem to resubmit; the
 * answer stays valid JSON with one result per item.
 */
import type { FastifyInstance } from 'fastify'
import { problem, type Problem } from '../contract/index.js'
import type { Config } from '../config.js'

export type BatchLimits = Pick<Config, 'batchTimeLimitMs' | 'shutdownTimeoutMs'>

/** The share of SHUTDOWN_TIMEOUT_MS a batch may keep computing; the rest is to send its answer. */
export const SHUTDOWN_COMPUTE_SHARE = 0.7

/** Computing between two yields to the event loop, so probes and other requests get turns. */
const SLICE_MS = 10

/** A pause to await after each item: a turn of the event loop once SLICE_MS of computing has passed. */
export function sliceYield(): () => Promise<void> {
  let slice = performance.now()
  return async () => {
    if (performance.now() - slice < SLICE_MS) return
    await new Promise((resolve) => setImmediate(resolve))
    slice = performance.now()
  }
}

/** A check to call before each item: null to go on, or the problem for every item left. */
export function batchDeadline(
  app: FastifyInstance,
  limits: BatchLimits,
  startedAt: number = Date.now(),
): () => Problem | null {
  const until = startedAt + limits.batchTimeLimitMs
  return () => {
    const now = Date.now()
    const closing = app.closingSince()
    if (closing !== null && now >= closing + limits.shutdownTimeoutMs * SHUTDOWN_COMPUTE_SHARE) {
      return problem('service-unavailable', 'Not computed: the service is shutting down; resubmit this item.')
    }
    if (now >= until) {
      return problem(
        'service-unavailable',
        `Not computed: the batch reached its time limit of ${limits.batchTimeLimitMs} ms (BATCH_TIME_LIMIT_MS); resubmit this item.`,
      )
    }
    return null
  }
}
