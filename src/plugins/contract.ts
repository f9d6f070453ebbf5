/**
 * Installs the contract on the root instance: shared schemas for the serializer, the Ajv
 * validator compiler, and JSON as the only request body type.
 */
import type { FastifyInstance } from 'fastify'
import { validationFor, type Contract } from '../contract/index.js'

export function useContract(app: FastifyInstance, contract: Contract): void {
  app.decorate('contract', contract)
  for (const schema of contract.schemas.values()) app.addSchema(schema)
  app.setValidatorCompiler(validationFor(contract).compiler)
  // Fastify also parses text/plain; the API takes JSON only, so anything else is 415.
  app.removeContentTypeParser('text/plain')
}
