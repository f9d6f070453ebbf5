/** Beneficial ownership (Schedule 13D): thin adapters from HTTP to src/domain/ownership. */
import type { FastifyInstance } from 'fastify'
import { addOperation } from '../contract/index.js'
import {
  computeBeneficialOwnership,
  type BeneficialOwnershipRequest,
} from '../domain/ownership/beneficial-ownership.js'
import { computeFilingDeadline, type FilingDeadlineRequest } from '../domain/ownership/filing-deadline.js'
import type { TimelineRequest } from '../domain/ownership/timeline.js'
import { ownershipTimelineCost } from '../pool/tasks.js'

export default async function ownershipRoutes(app: FastifyInstance): Promise<void> {
  addOperation<{ Body: BeneficialOwnershipRequest }>(app, 'computeBeneficialOwnership', async (request) =>
    computeBeneficialOwnership(request.body),
  )
  addOperation<{ Body: FilingDeadlineRequest }>(app, 'computeFilingDeadline', async (request) =>
    computeFilingDeadline(request.body),
  )
  // A long window over many holders and a monthly note series is costly: the worker pool takes it.
  addOperation<{ Body: TimelineRequest }>(app, 'computeBeneficialOwnershipTimeline', async (request) =>
    app.compute.run(
      'ownershipTimeline',
      { body: request.body },
      {
        cost: ownershipTimelineCost(request.body),
        socket: request.raw.socket,
      },
    ),
  )
}
