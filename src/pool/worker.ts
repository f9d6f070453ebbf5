/**
 * A worker thread of the pool (src/plugins/pool.ts): runs a task of src/pool/tasks.ts by name.
 * A ProblemError cannot cross the thread boundary as itself, so it comes back as its problem
 * document and headers, and the main thread throws it again.
 */
import { ProblemError } from '../contract/index.js'
import type { Deadline } from '../plugins/limits.js'
import { TASKS, warm, type TaskName } from './tasks.js'

// A thread compiles the contract's validators and serializers as it starts, not in its first
// task: a task's time limit counts from when the thread takes it up.
warm()

export interface TaskMessage {
  task: TaskName
  payload: unknown
  deadline: Deadline
  /** one Float64 the thread sets to the moment it takes the task up */
  started?: SharedArrayBuffer
}

export type TaskReply =
  | { ok: true; value: unknown }
  | { ok: false; problem: ReturnType<ProblemError['toProblem']>; headers: Record<string, string> }

export default function runTask({ task, payload, deadline, started }: TaskMessage): TaskReply {
  // When this thread took the task up: its time limit counts from here (src/plugins/pool.ts).
  if (started) new Float64Array(started)[0] = Date.now()
  const run = TASKS[task] as (payload: unknown, deadline: Deadline) => unknown
  if (typeof run !== 'function') throw new Error(`no task "${String(task)}"`)
  try {
    return { ok: true, value: run(payload, deadline) }
  } catch (error) {
    if (error instanceof ProblemError) return { ok: false, problem: error.toProblem(), headers: error.headers }
    throw error
  }
}
