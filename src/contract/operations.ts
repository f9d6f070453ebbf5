/**
 * Fastify route schemas built from OpenAPI operations, so the routes validate and serialize
 * exactly what the document says.
 *
 * - path and query parameters become `params` / `querystring` object schemas (unknown query
 *   parameters rejected); header parameters become `headers`;
 * - `requestBody.content['application/json'].schema` becomes `body`;
 * - each 2xx response with an `application/json` schema becomes `response[status]` (errors
 *   are serialized by the error handler, not through route schemas).
 */
import type { FastifySchema, HTTPMethods } from 'fastify'
import { isObject, mapRefs, toIdRef, type JsonObject } from './json.js'
import { unescapeToken } from './json-pointer.js'

export interface Operation {
  operationId: string
  method: HTTPMethods
  /** the OpenAPI path, `/v1/calendars/{calendar}/holidays` */
  path: string
  /** the Fastify URL, `/v1/calendars/:calendar/holidays` */
  url: string
  schema: FastifySchema
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'] as const

function resolveLocal(document: JsonObject, value: unknown, where: string): JsonObject {
  let current = value
  for (let hops = 0; isObject(current) && typeof current['$ref'] === 'string'; hops++) {
    const ref = current['$ref']
    if (!ref.startsWith('#/') || hops > 8) throw new Error(`${where}: cannot resolve "${ref}"`)
    current = ref
      .slice(2)
      .split('/')
      .map(unescapeToken)
      .reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), document)
  }
  if (!isObject(current)) throw new Error(`${where}: expected an object`)
  return current
}

/** A schema from openapi.yaml with file references in `$id` form. */
const schemaOf = (value: unknown, where: string): JsonObject => {
  if (!isObject(value)) throw new Error(`${where}: missing schema`)
  return mapRefs(value, (ref) => toIdRef(ref, where)) as JsonObject
}

interface Parameter {
  name: string
  in: string
  required: boolean
  schema: JsonObject
}

function parametersOf(document: JsonObject, pathItem: JsonObject, operation: JsonObject, where: string): Parameter[] {
  const byKey = new Map<string, Parameter>()
  const all = [...((pathItem['parameters'] as unknown[]) ?? []), ...((operation['parameters'] as unknown[]) ?? [])]
  for (const raw of all) {
    const p = resolveLocal(document, raw, where)
    const name = String(p['name'])
    const location = String(p['in'])
    const at = `${where} parameter ${name}`
    // Operation-level parameters override path-level ones of the same name and location.
    byKey.set(`${location}:${name}`, {
      name,
      in: location,
      required: p['required'] === true,
      schema: schemaOf(p['schema'], at),
    })
  }
  return [...byKey.values()]
}

function objectOf(params: Parameter[], additional: boolean): JsonObject | undefined {
  if (params.length === 0) return additional ? undefined : { type: 'object', additionalProperties: false }
  return {
    type: 'object',
    properties: Object.fromEntries(params.map((p) => [p.name, p.schema])),
    required: params.filter((p) => p.required).map((p) => p.name),
    additionalProperties: additional,
  }
}

function operationOf(document: JsonObject, path: string, method: string, pathItem: JsonObject): Operation {
  const op = pathItem[method] as JsonObject
  const operationId = op['operationId']
  const where = `${method.toUpperCase()} ${path}`
  if (typeof operationId !== 'string') throw new Error(`${where}: operationId missing`)

  const parameters = parametersOf(document, pathItem, op, where)
  const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!)
  const declared = parameters.filter((p) => p.in === 'path').map((p) => p.name)
  if (templated.sort().join() !== declared.sort().join()) {
    throw new Error(
      `${where}: path parameters {${templated.join(', ')}} do not match those declared (${declared.join(', ')})`,
    )
  }

  const schema: FastifySchema = {}
  const params = objectOf(
    parameters.filter((p) => p.in === 'path'),
    false,
  )
  if (params && templated.length > 0) schema.params = params
  const querystring = objectOf(
    parameters.filter((p) => p.in === 'query'),
    false,
  )
  if (querystring) schema.querystring = querystring
  const headers = objectOf(
    parameters.filter((p) => p.in === 'header').map((p) => ({ ...p, name: p.name.toLowerCase() })),
    true,
  )
  if (headers) schema.headers = headers

  if (op['requestBody'] !== undefined) {
    const body = resolveLocal(document, op['requestBody'], `${where} requestBody`)
    const content = body['content']
    const json = isObject(content) ? content['application/json'] : undefined
    if (!isObject(json)) throw new Error(`${where}: requestBody needs an application/json schema`)
    schema.body = schemaOf(json['schema'], `${where} requestBody`)
  }

  const response: Record<string, unknown> = {}
  for (const [status, raw] of Object.entries((op['responses'] as JsonObject | undefined) ?? {})) {
    if (!/^2[0-9X]{2}$/.test(status)) continue
    const content = resolveLocal(document, raw, `${where} response ${status}`)['content']
    const json = isObject(content) ? content['application/json'] : undefined
    if (isObject(json) && json['schema'] !== undefined) {
      response[status.replace(/X/g, 'x')] = schemaOf(json['schema'], `${where} response ${status}`)
    }
  }
  if (Object.keys(response).length > 0) schema.response = response

  return {
    operationId,
    method: method.toUpperCase(),
    path,
    url: path.replace(/\{([^}]+)\}/g, ':$1'),
    schema,
  }
}

export function buildOperations(document: JsonObject): Map<string, Operation> {
  const operations = new Map<string, Operation>()
  const paths = isObject(document['paths']) ? document['paths'] : {}
  for (const [path, pathItem] of Object.entries(paths)) {
    if (!isObject(pathItem)) continue
    for (const method of METHODS) {
      if (!isObject(pathItem[method])) continue
      const operation = operationOf(document, path, method, pathItem)
      if (operations.has(operation.operationId)) throw new Error(`duplicate operationId ${operation.operationId}`)
      operations.set(operation.operationId, operation)
    }
  }
  return operations
}
