/**
 * The lifecycle endpoints: thin adapters from HTTP to the pure domain core. Contradictions
 * raised by the domain (ContradictionError) become 422 problems in the error handler.
 */
import type { FastifyInstance } from 'fastify'
import { addOperation, utf8 } from '../contract/index.js'
import type { ScenarioRequest } from '../domain/inputs.js'
import {
  computeCovenantDeadline,
  computeCurePeriod,
  computeDefaultInterest,
  computeRedemption,
  type CovenantDeadlineRequest,
  type CurePeriodRequest,
  type DefaultInterestRequest,
  type RedemptionRequest,
} from '../domain/operations.js'
import type { ScenarioView } from '../domain/summary.js'
import { scenarioCost } from '../pool/tasks.js'

export default async function lifecycleRoutes(app: FastifyInstance): Promise<void> {
  addOperation<{ Body: CovenantDeadlineRequest }>(app, 'computeCovenantDeadline', async (request) =>
    computeCovenantDeadline(request.body),
  )
  addOperation<{ Body: CurePeriodRequest }>(app, 'computeCurePeriod', async (request) =>
    computeCurePeriod(request.body),
  )
  addOperation<{ Body: DefaultInterestRequest }>(app, 'computeDefaultInterest', async (request) =>
    computeDefaultInterest(request.body),
  )
  addOperation<{ Body: RedemptionRequest }>(app, 'computeRedemption', async (request) =>
    computeRedemption(request.body),
  )
  // The 200 schema is either view (anyOf), which fast-json-stringify would serialize by first
  // validating the answer against each; the task serializes the view asked for instead. A costly
  // scenario (many sub-periods, many holders) is computed in the worker pool.
  addOperation<{ Body: ScenarioRequest; Querystring: { view?: ScenarioView } }>(
    app,
    'computeScenario',
    async (request, reply) => {
      const text = await app.compute.run(
        'scenario',
        { body: request.body, view: request.query.view ?? 'full' },
        { cost: scenarioCost(request.body), socket: request.raw.socket },
      )
      return reply.type('application/json; charset=utf-8').send(utf8(text))
    },
  )
}
