/**
 * The lifecycle endpoints: thin adapters from HTTP to the pure domain core. Contradictions
 * raised by the domain (ContradictionError) become 422 problems in the error handler.
 */
import type { FastifyInstance } from 'fastify'
import { addOperation } from '../contract/index.js'
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
import { computeScenarioWithHolders } from '../domain/holders.js'

export default async function lifecycleRoutes(app: FastifyInstance): Promise<void> {
  addOperation<{ Body: CovenantDeadlineRequest }>(app, 'computeCovenantDeadline', async (request) => computeCovenantDeadline(request.body))
  addOperation<{ Body: CurePeriodRequest }>(app, 'computeCurePeriod', async (request) => computeCurePeriod(request.body))
  addOperation<{ Body: DefaultInterestRequest }>(app, 'computeDefaultInterest', async (request) => computeDefaultInterest(request.body))
  addOperation<{ Body: RedemptionRequest }>(app, 'computeRedemption', async (request) => computeRedemption(request.body))
  addOperation<{ Body: ScenarioRequest }>(app, 'computeScenario', async (request) => computeScenarioWithHolders(request.body))
}
