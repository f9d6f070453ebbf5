/**
 * The baseline: a bare Fastify server (no logger, no plugins) that validates the same
 * request with the contract's own validator (same Ajv, same schemas, same parameter
 * conversion) and answers the response bytes the real service gave, precomputed: the same
 * body and, unless `bodyOnly`, the same headers (security headers and a request id of the
 * same length included; Node adds date, connection and content-length to both alike).
 *
 * Started by run.ts with PORT and an IPC channel; run.ts sends the bytes to answer, and the
 * baseline answers "listening" once it listens.
 */
import Fastify from 'fastify'
import { fileURLToPath } from 'node:url'
import { loadContract, validationFor } from '../src/contract/index.js'

export interface Answer {
  /** the service's response headers but date, connection, keep-alive and content-length */
  headers: Record<string, string>
  body: string
}

export interface BaselineAnswers {
  scenario: Answer
  addBusinessDays: Answer
  /** answer the body with its content type only, as the bare minimum */
  bodyOnly: boolean
}

/** dist/bench/bench/baseline.js → the repository root. */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

function start(answers: BaselineAnswers): void {
  const contract = loadContract(ROOT)
  const app = Fastify({ bodyLimit: 1_048_576 })
  for (const schema of contract.schemas.values()) app.addSchema(schema)
  app.setValidatorCompiler(validationFor(contract).compiler)

  const route = (operationId: string, answer: Answer): void => {
    const op = contract.operations.get(operationId)!
    // the request parts of the contract's schema; no response schema: the bytes are precomputed
    const { response: _response, ...schema } = op.schema
    const bytes = Buffer.from(answer.body)
    const contentType = answer.headers['content-type']!
    const headers = answers.bodyOnly ? { 'content-type': contentType } : answer.headers
    app.route({ method: op.method, url: op.url, schema, handler: (_request, reply) => reply.headers(headers).send(bytes) })
  }
  route('computeScenario', answers.scenario)
  route('addBusinessDays', answers.addBusinessDays)

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
