/**
 * POST /v1/scenarios/batch: each item is validated and computed alone, in order.
 *
 * The answer is streamed item by item, so a 10,000-item batch never holds all its results in
 * memory and the event loop stays free for health checks between items.
 */
import { Readable } from 'node:stream'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { addOperation, problem, ProblemError, validationFor, type Problem } from '../contract/index.js'
import { ContradictionError } from '../domain/explain.js'
import type { ScenarioRequest } from '../domain/inputs.js'
import { computeScenario } from '../domain/scenario.js'

/** Items computed between two yields to the event loop. */
const ITEMS_PER_TICK = 50

export default async function batchRoutes(app: FastifyInstance, options: { bodyLimit: number }): Promise<void> {
  const { ajv, fieldErrors } = validationFor(app.contract)
  const validate = ajv.getSchema('ScenarioRequest.json')!
  const resultSchema = { $ref: 'ScenarioResult.json#' }
  const problemSchema = { $ref: 'Problem.json#' }

  function itemProblem(item: unknown): Problem | null {
    if (!validate(item)) {
      const errors = fieldErrors(validate.errors ?? [], 'body')
      return problem('validation', `The item does not match ScenarioRequest: ${errors.length} invalid field(s).`, errors)
    }
    return null
  }

  function answer(item: unknown, serialize: { result: (v: unknown) => string; problem: (v: unknown) => string }): string {
    const invalid = itemProblem(item)
    if (invalid) return `{"ok":false,"problem":${serialize.problem(invalid)}}`
    try {
      return `{"ok":true,"result":${serialize.result(computeScenario(item as ScenarioRequest))}}`
    } catch (error) {
      if (error instanceof ContradictionError) {
        return `{"ok":false,"problem":${serialize.problem(ProblemError.contradiction('The item is contradictory.', error.errors).toProblem())}}`
      }
      app.log.error({ err: error }, 'batch item failed')
      return `{"ok":false,"problem":${serialize.problem(problem('internal-error', 'An unexpected error occurred computing this item.'))}}`
    }
  }

  async function* stream(items: unknown[], reply: FastifyReply): AsyncGenerator<string> {
    const serialize = {
      result: reply.compileSerializationSchema(resultSchema) as (v: unknown) => string,
      problem: reply.compileSerializationSchema(problemSchema) as (v: unknown) => string,
    }
    yield '{"results":['
    for (let i = 0; i < items.length; i++) {
      yield (i === 0 ? '' : ',') + answer(items[i], serialize)
      if (i % ITEMS_PER_TICK === ITEMS_PER_TICK - 1) await new Promise((resolve) => setImmediate(resolve))
    }
    yield ']}'
  }

  addOperation<{ Body: { items: unknown[] } }>(
    app,
    'computeScenarioBatch',
    async (request, reply) => reply.type('application/json; charset=utf-8').send(Readable.from(stream(request.body.items, reply))),
    { bodyLimit: options.bodyLimit },
  )
}
