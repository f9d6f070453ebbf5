/**
 * Registers a route from an OpenAPI operation: method, URL and schema all come from
 * openapi.yaml, looked up by operationId, so a route cannot drift from the document.
 */
import type {
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
  RouteGenericInterface,
  RouteHandlerMethod,
  onRequestHookHandler,
} from 'fastify'
import type { Contract } from './load.js'
import { serializerCompilerFor } from './serialization.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** the loaded contract (openapi.yaml + schemas/) */
    contract: Contract
  }
  interface FastifyContextConfig {
    /** the OpenAPI operation the route implements */
    operationId?: string
  }
}

export type OperationHandler<RG extends RouteGenericInterface> = RouteHandlerMethod<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  RG
>

/**
 *   addOperation<{ Body: ScenarioRequest }>(app, 'computeScenario', async (request) => compute(request.body))
 */
export function addOperation<RG extends RouteGenericInterface = RouteGenericInterface>(
  app: FastifyInstance,
  operationId: string,
  handler: OperationHandler<RG>,
  options: { bodyLimit?: number; onRequest?: onRequestHookHandler } = {},
): void {
  const operation = app.contract.operations.get(operationId)
  if (!operation) throw new Error(`openapi.yaml has no operation "${operationId}"`)
  app.route<RG>({
    method: operation.method,
    url: operation.url,
    schema: operation.schema,
    // response serializers compiled once per contract, not per app and route (see serialization.ts)
    serializerCompiler: serializerCompilerFor(app.contract),
    config: { operationId },
    handler,
    ...options,
  })
}
