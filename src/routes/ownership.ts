/** Beneficial ownership (Schedule 13D): thin adapters from HTTP to src/domain/ownership. */
import type { FastifyInstance } from 'fastify'
import { addOperation } from '../contract/index.js'
import {
  computeBeneficialOwnership,
  type BeneficialOwnershipRequest,
} from '../domain/ownership/beneficial-ownership.js'
import { computeFilingDeadline, type FilingDeadlineRequest } from '../domain/ownership/filing-deadline.js'
import { computeTimeline, type TimelineRequest } from '../domain/ownership/timeline.js'

export default async function ownershipRoutes(app: FastifyInstance): Promise<void> {
  addOperation<{ Body: BeneficialOwnershipRequest }>(app, 'computeBeneficialOwnership', async (request) =>
    computeBeneficialOwnership(request.body),
  )
  addOperation<{ Body: FilingDeadlineRequest }>(app, 'computeFilingDeadline', async (request) =>
    computeFilingDeadline(request.body),
  )
  addOperation<{ Body: TimelineRequest }>(app, 'computeBeneficialOwnershipTimeline', async (request) =>
    computeTimeline(request.body),
  )
}
