/**
 * The contract: openapi.yaml + schemas/, the routes built from it, and its error shape.
 *
 * To add an endpoint: describe the operation in openapi.yaml (operationId, parameters,
 * `requestBody.content['application/json'].schema: { $ref: './schemas/X.json' }`, 2xx
 * response schemas), put its schemas in schemas/ (no `$id`; refer to others as `Y.json`),
 * then in a route plugin:
 *
 *   addOperation<{ Body: XRequest }>(app, 'operationId', async (request) => compute(request.body))
 *
 * Method, URL, validation and serialization all come from the document. For well-formed
 * but contradictory input, throw `ProblemError.contradiction(detail, [{ pointer, detail }])`.
 */
export { loadContract, REPO_ROOT, type Contract } from './load.js'
export type { Operation } from './operations.js'
export type { JsonObject } from './json.js'
export { addOperation, type OperationHandler } from './route.js'
export { ChunkEncoder, serializerFor, utf8 } from './serialization.js'
export { invalidFields, validationFor, type Validation } from './validation.js'
export {
  anchorToRequest,
  ProblemError,
  problem,
  PROBLEMS,
  PROBLEM_BASE,
  PROBLEM_CONTENT_TYPE,
  type FieldError,
  type Problem,
  type ProblemInit,
  type ProblemKind,
} from './problem.js'
export { TIMELINE_EVENTS, type Schemas, type TimelineEvent } from './types.js'
