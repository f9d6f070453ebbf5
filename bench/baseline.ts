/**
 * The baseline: a bare Fastify server (no logger, no plugins) that validates the same
 * request with the contract's own validator (same Ajv, same schemas, same parameter
 * conversion) and answers the response bytes the real service gave, precomputed.
 *
 * Started by run.ts with PORT and an IPC channel; run.ts sends the bytes to answer, and the
 * baseline answers "listening" once it listens.
 */
import Fastify from 'fastify'
import { fileURLToPath } from 'node:url'
import { loadContract, validationFor } from '../src/contract/index.js'

export interface BaselineAnswers {
  contentType: string
  scenario: string
  addBusinessDays: string
}

/** dist/bench/bench/baseline.js → the repository root. */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

function start(answers: BaselineAnswers): void {
  const contract = loadContract(ROOT)
  const app = Fastify({ bodyLimit: 1_048_576 })
  for (const schema of contract.schemas.values()) app.addSchema(schema)
  app.setValidatorCompiler(validationFor(contract).compiler)

  const route = (operationId: string, bytes: Buffer): void => {
    const op = contract.operations.get(operationId)!
    // the request parts of the contract's schema; no response schema: the bytes are precomputed
    const { response: _response, ...schema } = op.schema
    app.route({ method: op.method, url: op.url, schema, handler: (_request, reply) => reply.type(answers.contentType).send(bytes) })
  }
  route('computeScenario', Buffer.from(answers.scenario))
  route('addBusinessDays', Buffer.from(answers.addBusinessDays))

  app.listen({ port: Number(process.env['PORT']), host: '127.0.0.1' }).then(
    () => process.send?.('listening'),
    (error: unknown) => {
      console.error(error)
      process.exit(1)
    },
  )
}

process.once('message', (answers: BaselineAnswers) => start(answers))
process.on('SIGTERM', () => process.exit(0))
