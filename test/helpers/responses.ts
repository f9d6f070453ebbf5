/**
 * Responses checked against the contract: for a method, URL and status, the response the
 * bundled document declares (its status, else a `4XX`-style range, else for 5xx `default`),
 * its media type, and its schema, validated with Ajv over the bundled document (`/openapi.json`).
 * A 4xx the operation does not declare fails: `default` is only for 500 and 503.
 *
 * Stricter than a client would be, on purpose: an object schema that does not say whether
 * other fields are allowed (Problem, open per RFC 9457) is checked as closed, so a field the
 * document does not declare fails. Responses of routes the document does not describe
 * (the /docs page's assets) are checked only when they are errors (against Problem).
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { loadContract, type Contract } from '../../src/contract/index.js'
import { escapeToken, unescapeToken } from '../../src/contract/json-pointer.js'

type Json = { [key: string]: unknown }
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

const DOCUMENT_ID = 'urn:contract:openapi.json'
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'] as const
const escape = escapeToken

/** Subschema keywords: [keyword, holds a map of schemas | an array of schemas | one schema]. */
const MAPS = ['properties', 'patternProperties', '$defs', 'dependentSchemas']
const LISTS = ['anyOf', 'oneOf', 'allOf', 'prefixItems']
const SINGLE = [
  'items',
  'additionalProperties',
  'unevaluatedProperties',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
]

/** A copy of a schema where every object schema with `properties` and no word on other fields is closed. */
export function closed(schema: unknown): unknown {
  if (!isObject(schema)) return schema
  const out: Json = { ...schema }
  for (const k of MAPS) {
    if (isObject(out[k])) out[k] = Object.fromEntries(Object.entries(out[k]).map(([name, s]) => [name, closed(s)]))
  }
  for (const k of LISTS) if (Array.isArray(out[k])) out[k] = (out[k] as unknown[]).map(closed)
  for (const k of SINGLE) if (k in out) out[k] = closed(out[k])
  if (isObject(out['properties']) && !('additionalProperties' in out) && !('unevaluatedProperties' in out)) {
    out['additionalProperties'] = false
  }
  return out
}

export interface Operation {
  operationId: string
  method: string
  path: string
  pattern: RegExp
  /** JSON pointer of the operation in the bundle */
  pointer: string
}

export interface ResponseCheck {
  /** the operation answered, or undefined for a route the document does not describe */
  operationId: string | undefined
  /** what does not match; empty when the response is as documented */
  errors: string[]
}

export class ResponseValidator {
  readonly operations: Operation[] = []
  private readonly ajv: Ajv2020
  private readonly bundle: Json
  private readonly compiled = new Map<string, ValidateFunction>()

  constructor(contract: Contract) {
    this.bundle = contract.bundle
    const components = this.bundle['components'] as Json
    const schemas = Object.fromEntries(
      Object.entries(components['schemas'] as Json).map(([name, s]) => [name, closed(s)]),
    )
    this.ajv = new Ajv2020({ strict: false, allErrors: true, allowUnionTypes: true, discriminator: true })
    addFormats.default(this.ajv)
    this.ajv.addSchema({ ...this.bundle, components: { ...components, schemas }, $id: DOCUMENT_ID })

    for (const [path, item] of Object.entries(this.bundle['paths'] as Json)) {
      if (!isObject(item)) continue
      const pattern = new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`)
      for (const method of METHODS) {
        const op = item[method]
        if (!isObject(op)) continue
        this.operations.push({
          operationId: String(op['operationId']),
          method: method.toUpperCase(),
          path,
          pattern,
          pointer: `/paths/${escape(path)}/${method}`,
        })
      }
    }
  }

  /** The node at a JSON pointer of the bundle, following `$ref`s to components; returns it and its pointer. */
  private resolve(pointer: string): { node: unknown; pointer: string } {
    let node: unknown = this.bundle
    for (const segment of pointer.slice(1).split('/')) {
      node = isObject(node) ? node[unescapeToken(segment)] : undefined
    }
    if (isObject(node) && typeof node['$ref'] === 'string' && node['$ref'].startsWith('#/'))
      return this.resolve(node['$ref'].slice(1))
    return { node, pointer }
  }

  private validator(pointer: string): ValidateFunction {
    let v = this.compiled.get(pointer)
    if (!v) {
      v = this.ajv.compile({ $ref: `${DOCUMENT_ID}#${pointer}` })
      this.compiled.set(pointer, v)
    }
    return v
  }

  /**
   * Compiles every response schema now. Compiling takes a while; done lazily inside a test it
   * would block the event loop of the app under test, whose load shedding would then answer 503.
   */
  warm(): this {
    for (const op of this.operations) {
      const responses = this.resolve(`${op.pointer}/responses`).node
      for (const key of isObject(responses) ? Object.keys(responses) : []) {
        const { node, pointer } = this.resolve(`${op.pointer}/responses/${key}`)
        const content = isObject(node) && isObject(node['content']) ? node['content'] : {}
        for (const [mediaType, media] of Object.entries(content)) {
          if (isObject(media) && media['schema'] !== undefined)
            this.validator(`${pointer}/content/${escape(mediaType)}/schema`)
        }
      }
    }
    return this
  }

  /** The operation of the document a request goes to. */
  operationFor(method: string, url: string): Operation | undefined {
    const path = url.split('?')[0] ?? '/'
    const m = method.toUpperCase()
    return this.operations.find((op) => op.method === m && op.pattern.test(path))
  }

  check(method: string, url: string, status: number, contentType: string | undefined, body: string): ResponseCheck {
    const m = method.toUpperCase()
    const operation = this.operationFor(m === 'HEAD' ? 'GET' : m, url)
    const errors: string[] = []
    if (m === 'HEAD' || m === 'OPTIONS') return { operationId: operation?.operationId, errors }

    let responsePointer: string
    if (operation) {
      const responses = this.resolve(`${operation.pointer}/responses`).node
      const keys = isObject(responses) ? Object.keys(responses) : []
      // `default` is for the errors no request can be blamed for (500, 503): a 4xx must be declared.
      const candidates = [String(status), `${String(status)[0]}XX`, ...(status >= 500 ? ['default'] : [])]
      const key = candidates.find((k) => keys.includes(k))
      if (!key)
        return {
          operationId: operation.operationId,
          errors: [`status ${status} is not declared for ${operation.operationId}`],
        }
      responsePointer = this.resolve(`${operation.pointer}/responses/${key}`).pointer
    } else if (status >= 400) {
      responsePointer = '/components/responses/Problem'
    } else {
      return { operationId: undefined, errors }
    }

    const response = this.resolve(responsePointer).node
    const content = isObject(response) && isObject(response['content']) ? response['content'] : undefined
    if (!content) {
      if (body.length > 0) errors.push(`a body is sent but the response declares no content`)
      return { operationId: operation?.operationId, errors }
    }
    const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase()
    if (!(mediaType in content)) {
      errors.push(`content-type "${contentType ?? ''}" is not one of the declared ${Object.keys(content).join(', ')}`)
      return { operationId: operation?.operationId, errors }
    }
    const media = content[mediaType]
    if (!isObject(media) || media['schema'] === undefined) return { operationId: operation?.operationId, errors }

    let data: unknown = body
    if (/[/+]json$/.test(mediaType)) {
      try {
        data = JSON.parse(body)
      } catch {
        errors.push('the body is not JSON')
        return { operationId: operation?.operationId, errors }
      }
    }
    const validate = this.validator(`${responsePointer}/content/${escape(mediaType)}/schema`)
    if (mediaType === 'application/x-ndjson') {
      // Newline-delimited JSON: the schema is each line's.
      const lines = body.split('\n')
      if (lines.pop() !== '') errors.push('the body does not end with a newline')
      lines.forEach((line, i) => {
        let value: unknown
        try {
          value = JSON.parse(line)
        } catch {
          errors.push(`line ${i + 1} is not JSON`)
          return
        }
        if (!validate(value)) errors.push(`line ${i + 1}: ${(validate.errors ?? []).map((e) => e.message).join('; ')}`)
      })
      return { operationId: operation?.operationId, errors }
    }
    if (!validate(data)) {
      for (const e of validate.errors ?? []) {
        const extra = e.keyword === 'additionalProperties' ? ` (${String(e.params['additionalProperty'])})` : ''
        errors.push(`${e.instancePath || '/'} ${e.message ?? e.keyword}${extra} [${e.schemaPath}]`)
      }
    }
    return { operationId: operation?.operationId, errors }
  }
}

let shared: ResponseValidator | undefined

/** One validator per process, over the repository's contract, compiled. */
export function responseValidator(): ResponseValidator {
  shared ??= new ResponseValidator(loadContract()).warm()
  return shared
}
