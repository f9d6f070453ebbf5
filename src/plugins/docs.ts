/** The contract, served: `/openapi.json`, `/openapi.yaml` and a browsable page at `/docs`. */
import swagger, { type StaticDocumentSpec } from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import { addOperation } from '../contract/index.js'

export default async function docs(app: FastifyInstance): Promise<void> {
  const { bundle, bundleJson, bundleYaml } = app.contract
  await app.register(swagger, {
    mode: 'static',
    specification: { document: bundle as unknown as StaticDocumentSpec['document'] },
  })
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { deepLinking: true, tryItOutEnabled: true, validatorUrl: null },
  })
  addOperation(app, 'getOpenApiJson', async (_request, reply) =>
    reply.type('application/json; charset=utf-8').send(bundleJson),
  )
  addOperation(app, 'getOpenApiYaml', async (_request, reply) =>
    reply.type('application/yaml; charset=utf-8').send(bundleYaml),
  )
}
