/**
 * POST /v1/scenarios/compare: one scenario under several readings, side by side. The
 * computation (src/pool/compare.ts) runs in the worker pool when the scenario times its
 * readings is costly, else on the main thread (src/plugins/pool.ts).
 */
import type { FastifyInstance } from 'fastify'
import { addOperation } from '../contract/index.js'
import { todayInNewYork } from '../domain/time/dates.js'
import type { CompareRequest } from '../pool/compare.js'
import { compareCost } from '../pool/tasks.js'

export default async function compareRoutes(app: FastifyInstance): Promise<void> {
  addOperation<{ Body: CompareRequest }>(app, 'compareScenarios', async (request) => {
    // Today is read once, here: the base and every variant are computed as of the same day.
    const payload = { body: request.body, day: todayInNewYork(), maxBytes: request.routeOptions.bodyLimit }
    const { answer, failures } = await app.compute.run('compare', payload, {
      cost: compareCost(request.body),
      socket: request.raw.socket,
    })
    for (const failure of failures) request.log.error({ err: failure }, 'compare variant failed')
    return answer
  })
}
