/**
 * Time limits of a computation (a batch's items, a compare's variants), checked before each
 * item on whichever thread computes it. It stops computing when
 *
 * - it has run BATCH_TIME_LIMIT_MS (default 60 s), so that no request runs without end, or
 * - the graceful shutdown began more than 70% of SHUTDOWN_TIMEOUT_MS ago, so that the
 *   answer is complete, and the process exits 0, within SHUTDOWN_TIMEOUT_MS.
 *
 * Items it did not compute are answered, in order, with a 503 problem to resubmit; the
 * answer stays valid JSON with one result per item. A worker thread cannot see the app, so the
 * moment the shutdown stops computations is kept in a SharedArrayBuffer every thread reads.
 */
import { problem, type Problem } from '../contract/index.js'
import type { Config } from '../config.js'

export type BatchLimits = Pick<Config, 'batchTimeLimitMs' | 'shutdownTimeoutMs'>

/** The share of SHUTDOWN_TIMEOUT_MS a batch may keep computing; the rest is to send its answer. */
export const SHUTDOWN_COMPUTE_SHARE = 0.7

/** What a thread needs to check a computation's limits: plain data, sent with each pool task. */
export interface Deadline {
  /** ms since the epoch at which the computation stops (its start + BATCH_TIME_LIMIT_MS) */
  until: number
  /** BATCH_TIME_LIMIT_MS, for the problem's text */
  limitMs: number
  /** one Float64: when computations stop for the shutdown (ms since the epoch), +Infinity while serving */
  stopAt: SharedArrayBuffer
}

/** The shared moment computations stop for the shutdown; set once, at the start of the shutdown. */
export class ShutdownClock {
  readonly buffer = new SharedArrayBuffer(8)
  private readonly cell = new Float64Array(this.buffer)

  constructor() {
    this.cell[0] = Number.POSITIVE_INFINITY
  }

  /** The shutdown began at `since`: computations stop SHUTDOWN_COMPUTE_SHARE of the timeout later. */
  closing(since: number, shutdownTimeoutMs: number): void {
    this.cell[0] = since + shutdownTimeoutMs * SHUTDOWN_COMPUTE_SHARE
  }

  deadline(limits: BatchLimits, startedAt: number = Date.now()): Deadline {
    return { until: startedAt + limits.batchTimeLimitMs, limitMs: limits.batchTimeLimitMs, stopAt: this.buffer }
  }
}

/** A check to call before each item: null to go on, or the problem for every item left. */
export function stopCheck(deadline: Deadline): () => Problem | null {
  const stopAt = new Float64Array(deadline.stopAt)
  return () => {
    const now = Date.now()
    if (now >= stopAt[0]!) {
      return problem('service-unavailable', 'Not computed: the service is shutting down; resubmit this item.')
    }
    if (now >= deadline.until) {
      return problem(
        'service-unavailable',
        `Not computed: the batch reached its time limit of ${deadline.limitMs} ms (BATCH_TIME_LIMIT_MS); ` +
          'resubmit this item.',
      )
    }
    return null
  }
}
