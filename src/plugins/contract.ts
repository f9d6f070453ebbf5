/**
 * Installs the contract on the root instance: shared schemas for the serializer, the Ajv
 * validator compiler, and JSON as the only request body type, read strictly.
 */
import { isUtf8 } from 'node:buffer'
import { errorCodes, type FastifyInstance, type FastifyRequest } from 'fastify'
import { validationFor, ProblemError, type Contract, type FieldError, type ProblemKind } from '../contract/index.js'
import { checkJsonShape, shapeLimitsFor, type JsonShapeIssue } from '../contract/json-shape.js'

/** Set on the errors of a body read whole: the connection stays usable (src/plugins/errors.ts). */
export const BODY_READ_WHOLE = 'BODY_READ_WHOLE'

function bodyProblem(kind: ProblemKind, detail: string, errors: FieldError[] = []): ProblemError {
  return Object.assign(ProblemError.of(kind, detail, errors), { code: BODY_READ_WHOLE })
}

/**
 * The parameters of a Content-Type (RFC 9110 5.6.6): `;`-separated `name=value`, the value a
 * token or a quoted string, names lowercased, empty parameters (`;;`) allowed. Parsed, not
 * searched: `profile="x;charset=a"` names no charset. Null when the parameters do not parse
 * (`charset = latin1`, `charset=utf-8, charset=latin1`): a charset could hide in what is not
 * understood, so such a body is not read.
 */
export function mediaTypeParameters(contentType: string): Map<string, string> | null {
  const parameters = new Map<string, string>()
  const start = contentType.indexOf(';')
  if (start < 0) return parameters
  const pattern = /[ \t]*;[ \t]*(?:([!#$%&'*+.^_`|~0-9A-Za-z-]+)=("(?:[^"\\]|\\.)*"|[!#$%&'*+.^_`|~0-9A-Za-z-]+))?/y
  pattern.lastIndex = start
  while (pattern.lastIndex < contentType.length) {
    const at = pattern.lastIndex // a failed exec resets lastIndex to 0
    const m = pattern.exec(contentType)
    if (m === null) return contentType.slice(at).trim() === '' ? parameters : null
    if (m[1] === undefined) continue
    const value = m[2]!.startsWith('"') ? m[2]!.slice(1, -1).replace(/\\(.)/g, '$1') : m[2]!
    parameters.set(m[1].toLowerCase(), value)
  }
  return parameters
}

/** UTF-8 and its subset ASCII; RFC 8259 defines no charset parameter, so these change nothing. */
const UTF8_CHARSETS = new Set(['utf-8', 'utf8', 'us-ascii', 'ascii'])

function shapeProblem(issue: JsonShapeIssue, bodyLimit: number): ProblemError {
  switch (issue.kind) {
    case 'duplicate-member':
      return bodyProblem('malformed-body', 'The request body names a member twice in one object; send each once.', [
        { pointer: issue.pointer, detail: 'appears more than once in its object' },
      ])
    case 'too-many-containers':
      return bodyProblem(
        'payload-too-large',
        `The request body holds more than ${issue.limit} objects and arrays, the most a body of up to ${bodyLimit} ` +
          `bytes may hold.`,
      )
    case 'too-many-values':
      return bodyProblem(
        'payload-too-large',
        `The request body holds more than ${issue.limit} values, the most a body of up to ${bodyLimit} bytes may hold.`,
      )
  }
}

/**
 * application/json, strictly: UTF-8 only (another charset is 415, bytes that are not UTF-8 a
 * 400, where Fastify's own parser would read any charset as UTF-8 and replace what does not
 * decode with U+FFFD), no content coding, each member named once, and no more values than the
 * route's body limit allows memory for (src/contract/json-shape.ts). A leading byte order mark
 * is ignored, as RFC 8259 (8.1) allows and Fastify's own parser does.
 */
function parseJsonBody(
  request: FastifyRequest,
  body: Buffer,
  done: (error: Error | null, body?: unknown) => void,
): void {
  const contentType = request.headers['content-type'] ?? ''
  const parameters = mediaTypeParameters(contentType)
  const charset = parameters?.get('charset')
  if (parameters === null || (charset !== undefined && !UTF8_CHARSETS.has(charset.toLowerCase()))) {
    return done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(contentType))
  }
  const codings = (request.headers['content-encoding'] ?? '').split(',').map((c) => c.trim().toLowerCase())
  if (codings.some((c) => c !== '' && c !== 'identity')) {
    return done(
      bodyProblem(
        'unsupported-media-type',
        `Content-Encoding "${String(request.headers['content-encoding']).slice(0, 40)}" is not supported; send the ` +
          `body uncompressed.`,
      ),
    )
  }
  if (body.length === 0) return done(new errorCodes.FST_ERR_CTP_EMPTY_JSON_BODY())
  // Checked without decoding, then decoded as Buffer does (a one-byte string when the text is
  // ASCII; TextDecoder's fatal mode makes a two-byte one, twice the memory for a batch).
  if (!isUtf8(body)) return done(bodyProblem('malformed-body', 'The request body is not valid UTF-8.'))
  const bom = body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf ? 3 : 0
  const text = body.toString('utf8', bom)
  // Fastify sets it on every route: the route's limit, else the server's.
  const bodyLimit = request.routeOptions.bodyLimit
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
