/**
 * The floor server for `POST /v1/scenarios`: the least a service of this contract can do per
 * request. A bare Fastify server (no logger, no plugins, no security headers, no request ids,
 * no load shedding) that validates the request with the contract's own validator (same Ajv,
 * same schemas), computes it with the same engine and answers `JSON.stringify` of the result
 * (the same bytes the service's serializer writes; run.ts checks).
 *
 * Started by run.ts with PORT and an IPC channel; says "listening" once it listens.
 */
import Fastify from 'fastify'
import { fileURLToPath } from 'node:url'
import { loadContract, validationFor } from '../src/contract/index.js'
import type { ScenarioRequest } from '../src/domain/inputs.js'
import { computeScenario } from '../src/domain/scenario.js'

/** dist/bench/bench/floor.js → the repository root. */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

const contract = loadContract(ROOT)
const app = Fastify({ bodyLimit: 1_048_576 })
for (const schema of contract.schemas.values()) app.addSchema(schema)
app.setValidatorCompiler(validationFor(contract).compiler)
const op = contract.operations.get('computeScenario')!
// The request parts of the contract's schema; the answer is JSON.stringify's.
const { response: _response, ...schema } = op.schema
app.route<{ Body: ScenarioRequest }>({
  method: op.method,
  url: op.url,
  schema,
  handler: (request, reply) =>
    reply.type('application/json; charset=utf-8').send(JSON.stringify(computeScenario(request.body))),
})
app.listen({ port: Number(process.env['PORT']), host: '127.0.0.1' }).then(
  () => process.send?.('listening'),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
process.on('SIGTERM', () => process.exit(0))
