/**
 * The computations the worker pool runs (src/plugins/pool.ts), by name: each takes a JSON-able
 * payload and the request's Deadline, returns a JSON-able value, and throws a ProblemError for an
 * answer that is a problem. The same functions run on the main thread for small requests, so an
 * answer is the same, byte for byte, whichever thread computed it.
 *
 * To send another operation to the pool: add its function here, and call
 * `app.compute.run('<name>', payload, { cost })` from its route.
 */
import {
  anchorToRequest,
  invalidFields,
  loadContract,
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
import { stopCheck, type Deadline } from '../plugins/limits.js'
import { computeTimeline, type TimelineRequest } from '../domain/ownership/timeline.js'
import { compareScenarios, warmCompare, type ComparePayload } from './compare.js'

/** Unexpected errors a task answered as internal-error problems, for the main thread to log. */
export interface Logged {
  failures: string[]
}

let compiled: ReturnType<typeof compile> | undefined

function compile() {
  const contract = loadContract()
  const { ajv, fieldErrors } = validationFor(contract)
  return {
    validate: ajv.getSchema('ScenarioRequest.json')!,
    fieldErrors,
    full: serializerFor(contract, { $ref: 'ScenarioResult.json#' }),
    summary: serializerFor(contract, { $ref: 'ScenarioSummary.json#' }),
    problem: serializerFor(contract, { $ref: 'Problem.json#' }),
  }
}

const serializers = () => (compiled ??= compile())

const describeError = (error: unknown): string =>
  error instanceof Error ? (error.stack ?? error.message) : JSON.stringify(error)

/** POST /v1/scenarios: the answer's JSON text, in the view asked for. */
export function scenario(payload: { body: ScenarioRequest; view: ScenarioView }): string {
  const s = serializers()
  let result: ReturnType<typeof computeScenarioWithHolders>
  try {
    result = computeScenarioWithHolders(payload.body)
  } catch (error) {
    if (error instanceof ContradictionError)
      throw ProblemError.contradiction(
        'The request is well-formed but contradicts itself.',
        anchorToRequest(error.errors, payload.body),
      )
    throw error
  }
  return payload.view === 'summary' ? s.summary(scenarioSummary(result)) : s.full(result)
}

/** One batch item's answer, `{"ok":true,"result":...}` or `{"ok":false,"problem":...}`. */
function batchItem(item: unknown, view: ScenarioView, failures: string[]): string {
  const s = serializers()
  if (!s.validate(item)) {
    const errors = s.fieldErrors(s.validate.errors ?? [], 'body')
    const invalid = problem(
      'validation',
      `The item does not match ScenarioRequest: ${invalidFields(errors.length)}.`,
      errors,
    )
    return `{"ok":false,"problem":${s.problem(invalid)}}`
  }
  try {
    const result = computeScenarioWithHolders(item as ScenarioRequest)
    return `{"ok":true,"result":${view === 'summary' ? s.summary(scenarioSummary(result)) : s.full(result)}}`
  } catch (error) {
    if (error instanceof ContradictionError) {
      const contradiction = ProblemError.contradiction(
        'The item is contradictory.',
        anchorToRequest(error.errors, item),
      )
      return `{"ok":false,"problem":${s.problem(contradiction.toProblem())}}`
    }
    failures.push(describeError(error))
    const internal = problem('internal-error', 'An unexpected error occurred computing this item.')
    return `{"ok":false,"problem":${s.problem(internal)}}`
  }
}

/** The answer of an item the batch did not compute (out of time, or shutting down). */
export function notComputed(stopped: Problem): string {
  return `{"ok":false,"problem":${serializers().problem(stopped)}}`
}

/**
 * Consecutive items of POST /v1/scenarios/batch, each answered alone, in order. Once the
 * deadline passes, the items left are answered with its problem.
 */
export function scenarioBatch(
  payload: { items: unknown[]; view: ScenarioView },
  deadline: Deadline,
): Logged & { answers: string[] } {
  const stop = stopCheck(deadline)
  const failures: string[] = []
  const answers: string[] = []
  for (const item of payload.items) {
    const stopped = stop()
    answers.push(stopped ? notComputed(stopped) : batchItem(item, payload.view, failures))
  }
  return { answers, failures }
}

/** POST /v1/scenarios/compare: the answer object (serialized by the route, by its contract schema). */
export function compare(payload: ComparePayload, deadline: Deadline): Logged & { answer: unknown } {
  const failures: string[] = []
  const answer = compareScenarios(payload, deadline, (error) => failures.push(describeError(error)))
  return { answer, failures }
}

/** POST /v1/beneficial-ownership/timeline: the answer object (serialized by the route, by its contract schema). */
export function ownershipTimeline(payload: { body: TimelineRequest }): unknown {
  try {
    return computeTimeline(payload.body)
  } catch (error) {
    if (error instanceof ContradictionError)
      throw ProblemError.contradiction(
        'The request is well-formed but contradicts itself.',
        anchorToRequest(error.errors, payload.body),
      )
    throw error
  }
}

/** Compiles what the tasks use (the contract's validators and serializers) ahead of the first task. */
export function warm(): void {
  serializers()
  warmCompare()
}

export const TASKS = { scenario, scenarioBatch, compare, ownershipTimeline } as const
export type TaskName = keyof typeof TASKS
export type TaskPayload<N extends TaskName> = Parameters<(typeof TASKS)[N]>[0]
export type TaskResult<N extends TaskName> = ReturnType<(typeof TASKS)[N]>

// ---- cost: what decides between the main thread and the pool ----------------------------------

const PER_YEAR: Record<string, number> = { monthly: 12, quarterly: 4, semiannual: 2, annual: 1 }

const year = (date: unknown): number | null =>
  typeof date === 'string' && /^[0-9]{4}-/.test(date) ? Number(date.slice(0, 4)) : null

/**
 * A scenario's cost in sub-period computations: the interest periods it spans (from the issue
 * date to the later of maturity and asOf, at its interest frequency; yearly when it has no
 * interest dates) times the scenarios it computes (the series and each holder). Read from the
 * request as sent (validated), so it costs nothing to estimate; the unit is calibrated in
 * docs/reliability.md.
 */
export function scenarioCost(body: unknown): number {
  if (body === null || typeof body !== 'object') return 1
  const request = body as {
    note?: { issueDate?: unknown; maturityDate?: unknown; interest?: { interestDates?: { frequency?: unknown } } }
    asOf?: unknown
    holders?: unknown
  }
  const from = year(request.note?.issueDate)
  const to = Math.max(year(request.note?.maturityDate) ?? 0, year(request.asOf) ?? 0)
  const years = from === null ? 1 : Math.max(1, to - from + 1)
  const frequency = request.note?.interest?.interestDates?.frequency
  const perYear = typeof frequency === 'string' ? (PER_YEAR[frequency] ?? 1) : 1
  const scenarios = 1 + (Array.isArray(request.holders) ? request.holders.length : 0)
  return years * perYear * scenarios
}

/** The default readings of a compare are about a dozen; given variants are counted. */
const DEFAULT_READINGS = 12

export function compareCost(body: CompareRequest): number {
  const variants = Array.isArray(body.variants) ? body.variants.length : DEFAULT_READINGS
  return scenarioCost(body.scenario) * (1 + variants)
}

type CompareRequest = ComparePayload['body']

/**
 * An ownership timeline's cost, in the same unit: its note series' scenario (when it has one)
 * once per holder part, plus a sub-period's worth for each year of the window per holder, for
 * the positions walked date by date.
 */
export function ownershipTimelineCost(body: TimelineRequest): number {
  const holders = Array.isArray(body.holders) ? body.holders.length : 0
  const from = year(body.from) ?? 0
  const years = Math.max(1, (year(body.to) ?? from) - from + 1)
  const series = body.noteSeries === undefined || body.noteSeries === null ? 0 : scenarioCost(body.noteSeries)
  return series * Math.max(1, holders) + years * Math.max(1, holders)
}
