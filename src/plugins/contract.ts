/**
 * Installs the contract on the root instance: shared schemas for the serializer, the Ajv
 * validator compiler, and JSON as the only request body type, read strictly.
 */
import { isUtf8 } from 'node:buffer'
import { errorCodes, type FastifyInstance, type FastifyRequest } from 'fastify'
import { validationFor, ProblemError, type Contract } from '../contract/index.js'
import { checkJsonShape, shapeLimitsFor, type JsonShapeIssue } from '../contract/json-shape.js'


/** The charset parameter of a Content-Type, lowercased, or undefined when there is none. */
function charsetOf(contentType: string | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(contentType ?? '')
  return m === null ? undefined : (m[1] ?? m[2] ?? '').toLowerCase()
}

function shapeProblem(issue: JsonShapeIssue, bodyLimit: number): ProblemError {
  switch (issue.kind) {
    case 'duplicate-member':
      return new ProblemError({
        status: 400,
        type: 'malformed-body',
        detail: 'The request body names a member twice in one object; send each once.',
        errors: [{ pointer: issue.pointer, detail: 'appears more than once in its object' }],
      })
    case 'too-many-containers':
      return new ProblemError({ status: 413, detail: `The request body holds more than ${issue.limit} objects and arrays, the most a body of up to ${bodyLimit} bytes may hold.` })
    case 'too-many-values':
      return new ProblemError({ status: 413, detail: `The request body holds more than ${issue.limit} values, the most a body of up to ${bodyLimit} bytes may hold.` })
  }
}

/**
 * application/json, strictly: UTF-8 only (another charset is 415, bytes that are not UTF-8 a
 * 400, where Fastify's own parser would read any charset as UTF-8 and replace what does not
 * decode with U+FFFD), no content coding, each member named once, and no more values than the
 * route's body limit allows memory for (src/contract/json-shape.ts).
 */
function parseJsonBody(request: FastifyRequest, body: Buffer, done: (error: Error | null, body?: unknown) => void): void {
  const charset = charsetOf(request.headers['content-type'])
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') return done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(request.headers['content-type']))
  const coding = request.headers['content-encoding']
  if (coding !== undefined && coding.toLowerCase() !== 'identity') {
    return done(new ProblemError({ status: 415, detail: `Content-Encoding "${coding.slice(0, 40)}" is not supported; send the body uncompressed.` }))
  }
  if (body.length === 0) return done(new errorCodes.FST_ERR_CTP_EMPTY_JSON_BODY())
  // Checked without decoding, then decoded as Buffer does (a one-byte string when the text is
  // ASCII; TextDecoder's fatal mode makes a two-byte one, twice the memory for a batch). A BOM
  // stays, and JSON.parse rejects it.
  if (!isUtf8(body)) return done(new ProblemError({ status: 400, type: 'malformed-body', detail: 'The request body is not valid UTF-8.' }))
  const text = body.toString('utf8')
  const bodyLimit = request.routeOptions.bodyLimit ?? body.length
  const issue = checkJsonShape(text, shapeLimitsFor(bodyLimit))
  if (issue !== null) return done(shapeProblem(issue, bodyLimit))
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return done(new errorCodes.FST_ERR_CTP_INVALID_JSON_BODY())
  }
  done(null, parsed)
}

export function useContract(app: FastifyInstance, contract: Contract): void {
  app.decorate('contract', contract)
  for (const schema of contract.schemas.values()) app.addSchema(schema)
  app.setValidatorCompiler(validationFor(contract).compiler)
  // Fastify also parses text/plain; the API takes JSON only, so anything else is 415.
  app.removeContentTypeParser('text/plain')
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, parseJsonBody)
}
