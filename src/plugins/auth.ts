/**
 * API keys: when API_KEYS is set, every `/v1` route (and any unknown path under it) needs
 * `Authorization: Bearer <key>`, else 401 problem with `WWW-Authenticate`. Health, readiness,
 * the contract and /docs stay open. Keys are compared in constant time (SHA-256 digests of
 * equal length, every key checked) and are never logged or echoed.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ProblemError } from '../contract/index.js'
import { sendProblem } from './errors.js'

/** Operations anyone may call: probes and the contract. */
export const OPEN_OPERATIONS: ReadonlySet<string> = new Set([
  'getHealth',
  'getReadiness',
  'getOpenApiJson',
  'getOpenApiYaml',
])

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest()

/** `Bearer <token>`, scheme case-insensitive (RFC 7235); anything else is no token. */
const BEARER = /^Bearer +([\x21-\x7e]{1,4096}) *$/i

/** Whether the request needs a key: /v1 routes, and unknown paths under /v1 (no route probing). */
export function isProtected(request: FastifyRequest): boolean {
  const route = request.routeOptions.url
  if (route !== undefined && OPEN_OPERATIONS.has(request.routeOptions.config.operationId ?? '')) return false
  if (route !== undefined && (route === '/v1' || route.startsWith('/v1/'))) return true
  // No route (404/405), or a wildcard one: judge the path as sent and as decoded.
  const path = (request.raw.url ?? '/').split('?')[0] ?? '/'
  let decoded = path
  try {
    decoded = decodeURIComponent(path)
  } catch {
    // malformed escapes: judge the raw path
  }
  return /^\/+v1(\/|$)/i.test(decoded) || /^\/+v1(\/|$)/i.test(path)
}

export function useAuth(app: FastifyInstance, apiKeys: readonly string[]): void {
  if (apiKeys.length === 0) return
  const keys = apiKeys.map(digest)

  const accepted = (token: string): boolean => {
    const given = digest(token)
    let ok = false
    for (const key of keys) ok = timingSafeEqual(given, key) || ok
    return ok
  }

  app.addHook('onRequest', async (request, reply) => {
    if (!isProtected(request)) return
    const header = request.headers.authorization
    const token = typeof header === 'string' ? BEARER.exec(header)?.[1] : undefined
    if (token !== undefined && accepted(token)) return
    const given = header !== undefined
    request.log.info({ credentials: given ? 'rejected' : 'missing' }, 'unauthorized')
    const error = new ProblemError({
      status: 401,
      type: 'unauthorized',
      title: 'Unauthorized',
      detail: given
        ? 'The Authorization header does not carry a valid API key; send Authorization: Bearer <key>.'
        : 'This endpoint needs an API key; send Authorization: Bearer <key>.',
    })
    const challenge = given
      ? 'Bearer realm="convertible-default", error="invalid_token"'
      : 'Bearer realm="convertible-default"'
    return sendProblem(reply, error.toProblem(), { 'www-authenticate': challenge })
  })
}
