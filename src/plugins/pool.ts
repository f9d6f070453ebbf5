/**
 * The worker pool: costly computations run on worker threads (piscina), so the main thread
 * stays free for probes and small requests; a batch's items are computed on every thread.
 *
 * - Which thread: a request's cost (src/pool/tasks.ts, sub-periods times scenarios) at or
 *   above POOL_MIN_COST goes to the pool; below, it is computed on the main thread, where it
 *   is fastest (no copy to and from a thread). POOL_THREADS=0: everything on the main thread.
 * - The threads run the compiled JavaScript (dist/pool/worker.js) in production; where this
 *   module is the TypeScript source (under tap's loader), they run src/pool/worker.ts, with the
 *   loader's --import flags, which worker threads inherit from the process.
 * - The threads start with the first task sent to the pool, or when src/server.ts starts them
 *   once listening (so that the first costly request does not wait for them).
 * - COMPUTE_TIME_LIMIT_MS: a task running longer (counted from when a thread takes it up, not
 *   while it waits in the queue) has its thread terminated, and replaced, and the request is
 *   answered 503 with a problem. The socket timeout is suspended while a request is computed:
 *   it is for clients that go quiet, not for a server still computing.
 */
import type { Socket } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { Piscina } from 'piscina'
import { problem, ProblemError } from '../contract/index.js'
import type { Config } from '../config.js'
import { TASKS, type TaskName, type TaskPayload, type TaskResult } from '../pool/tasks.js'
import type { TaskMessage, TaskReply } from '../pool/worker.js'
import { ShutdownClock, type Deadline } from './limits.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** the worker pool, or the main thread for requests below POOL_MIN_COST */
    compute: ComputePool
  }
}

export type PoolSettings = Pick<
  Config,
  | 'poolThreads'
  | 'poolMinCost'
  | 'computeTimeLimitMs'
  | 'batchTimeLimitMs'
  | 'shutdownTimeoutMs'
  | 'socketTimeoutMs'
  | 'retryAfterSeconds'
>

/** Tasks waiting for a thread, per thread, beyond which a request is answered 503 (overloaded). */
const QUEUE_PER_THREAD = 64

const WORKER = new URL(`../pool/worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url)

/**
 * Sets a socket's idle timeout (0: none), if it is a real one: light-my-request's (inject) has
 * no timeout, and a destroyed one needs none.
 */
export function idleTimeout(socket: Socket | null | undefined, ms: number): void {
  if (socket && !socket.destroyed && typeof socket.setTimeout === 'function') socket.setTimeout(ms)
}

export interface RunOptions {
  /** the request's cost (scenarioCost, compareCost...): at or above POOL_MIN_COST it goes to the pool */
  cost: number
  /** the request's deadline (batch time limit, shutdown); a new one from now by default */
  deadline?: Deadline
  /** the request's socket: its idle timeout is suspended while the task computes */
  socket?: Socket | null
}

export class ComputePool {
  readonly clock = new ShutdownClock()
  private piscina: Piscina | null = null
  private closed = false

  constructor(readonly settings: PoolSettings) {}

  get threads(): number {
    return this.settings.poolThreads
  }

  /** Whether a request of this cost is computed in the pool. */
  offloads(cost: number): boolean {
    return this.settings.poolThreads > 0 && !this.closed && cost >= this.settings.poolMinCost
  }

  deadline(): Deadline {
    return this.clock.deadline(this.settings)
  }

  /** Starts the threads (at listen, so that the first costly request does not wait for them). */
  start(): Piscina | null {
    if (this.settings.poolThreads === 0 || this.closed) return null
    this.piscina ??= new Piscina({
      filename: WORKER.href,
      minThreads: this.settings.poolThreads,
      maxThreads: this.settings.poolThreads,
      idleTimeout: Number.POSITIVE_INFINITY,
      maxQueue: this.settings.poolThreads * QUEUE_PER_THREAD,
    })
    return this.piscina
  }

  /** Tasks waiting for a thread. */
  get queueSize(): number {
    return this.piscina?.queueSize ?? 0
  }

  /** The share of the threads' time spent running tasks since they started, 0 to 1. */
  get utilization(): number {
    return this.piscina?.utilization ?? 0
  }

  /**
   * Runs a task of src/pool/tasks.ts: in the pool when its cost reaches POOL_MIN_COST, else
   * here. A problem the task throws is thrown here as a ProblemError.
   */
  async run<N extends TaskName>(task: N, payload: TaskPayload<N>, options: RunOptions): Promise<TaskResult<N>> {
    const deadline = options.deadline ?? this.deadline()
    const pool = this.offloads(options.cost) ? this.start() : null
    if (pool === null) {
      return (TASKS[task] as (p: TaskPayload<N>, d: Deadline) => TaskResult<N>)(payload, deadline)
    }
    const socket = options.socket ?? null
    idleTimeout(socket, 0)
    const started = new SharedArrayBuffer(8)
    const controller = new AbortController()
    const timer = this.watch(started, controller)
    let reply: TaskReply
    try {
      const message: TaskMessage = { task, payload, deadline, started }
      reply = (await pool.run(message, { signal: controller.signal })) as TaskReply
    } catch (error) {
      throw this.failure(error, controller.signal.aborted)
    } finally {
      timer.stop()
      idleTimeout(socket, this.settings.socketTimeoutMs)
    }
    if (!reply.ok) throw new ProblemError({ ...reply.problem, headers: reply.headers })
    return reply.value as TaskResult<N>
  }

  /** Aborts the task COMPUTE_TIME_LIMIT_MS after a thread took it up (the worker writes when, in `started`). */
  private watch(started: SharedArrayBuffer, controller: AbortController): { stop(): void } {
    const limit = this.settings.computeTimeLimitMs
    const since = new Float64Array(started)
    let timer: NodeJS.Timeout
    const check = () => {
      const at = since[0]!
      // Still queued: look again in a while (the queue is bounded, so is this wait).
      const left = at === 0 ? limit : at + limit - Date.now()
      if (left <= 0) controller.abort()
      else timer = setTimeout(check, left)
    }
    timer = setTimeout(check, limit)
    return { stop: () => clearTimeout(timer) }
  }

  private failure(error: unknown, timedOut: boolean): Error {
    const retry = { 'retry-after': String(this.settings.retryAfterSeconds) }
    if (timedOut) {
      const limit = this.settings.computeTimeLimitMs
      return new ProblemError({
        ...problem(
          'service-unavailable',
          `The computation was stopped at its time limit of ${limit} ms (COMPUTE_TIME_LIMIT_MS); ` +
            'send a smaller request, or retry when the service is less busy.',
        ),
        headers: retry,
      })
    }
    const message = error instanceof Error ? error.message : ''
    if (/queue is at limit/i.test(message)) {
      return new ProblemError({
        ...problem(
          'service-unavailable',
          `The service is overloaded (pool queue full); retry after ${retry['retry-after']} s.`,
        ),
        headers: retry,
      })
    }
    const code = (error as { code?: unknown } | null)?.code
    if (code === 'ERR_WORKER_OUT_OF_MEMORY') {
      return new ProblemError({
        ...problem('service-unavailable', 'The computation ran out of memory and was stopped; send a smaller request.'),
        headers: retry,
      })
    }
    return error instanceof Error ? error : new Error(String(error))
  }

  /** Stops computations from taking new work for the shutdown (computing ones finish by their deadline). */
  shuttingDown(since: number): void {
    this.clock.closing(since, this.settings.shutdownTimeoutMs)
  }

  async close(): Promise<void> {
    this.closed = true
    const pool = this.piscina
    this.piscina = null
    await pool?.destroy()
  }
}

/** Call on the root instance: `app.compute` for every route, the pool closed with the app. */
export function usePool(app: FastifyInstance, settings: PoolSettings): ComputePool {
  const pool = new ComputePool(settings)
  app.decorate('compute', pool)
  app.addHook('preClose', async () => {
    pool.shuttingDown(Date.now())
  })
  // onClose runs once the requests in flight are answered.
  app.addHook('onClose', async () => {
    await pool.close()
  })
  return pool
}
