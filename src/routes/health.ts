/** Liveness and readiness probes. */
import type { FastifyInstance } from 'fastify'
import { addOperation, ProblemError } from '../contract/index.js'
import { listCalendars } from '../domain/time/calendars/index.js'
import { SERVICE_VERSION } from '../plugins/version.js'

export default async function healthRoutes(app: FastifyInstance): Promise<void> {
  // Answered on the main thread, which heavy computations leave free (src/plugins/pool.ts).
  addOperation(app, 'getHealth', async () => ({ status: 'ok', version: SERVICE_VERSION }))

  addOperation(app, 'getReadiness', async () => {
    const notReady = (detail: string) =>
      new ProblemError({ status: 503, type: 'service-unavailable', detail, headers: { 'retry-after': '5' } })
    if (app.isUnderPressure()) throw notReady('The service is overloaded; retry later.')
    try {
      listCalendars()
    } catch {
      throw notReady('The calendars are not available.')
    }
    return { status: 'ready' }
  })
}
