/**
 * Request validation: JSON Schema 2020-12 (OpenAPI 3.1's dialect) with Ajv.
 *
 * Bodies are validated as sent: no coercion, no defaults, nothing removed. Query and path
 * parameters arrive as text, so they are converted first, and only where the schema asks:
 * a strict integer/number/boolean spelling becomes that type, and a single value of an
 * array parameter becomes a one-item array. Anything else stays text and fails validation.
 */
import { Ajv2020, type AnySchema, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import type { FastifySchemaCompiler } from 'fastify'
import type { Contract } from './load.js'
import { isObject, pointerSegment, type JsonObject } from './json.js'
import type { FieldError } from './problem.js'

export interface Validation {
  ajv: Ajv2020
  compiler: FastifySchemaCompiler<AnySchema>
  /** Ajv errors of one request part → one field error per pointer */
  fieldErrors: (errors: readonly ErrorObject[], part: string) => FieldError[]
}

/** Enough to fix a request by; a batch of thousands of bad items would otherwise echo them all. */
const MAX_FIELD_ERRORS = 100

/** "1 invalid field", "3 invalid fields", or, when the list was cut at its maximum, says so. */
export function invalidFields(listed: number): string {
  if (listed >= MAX_FIELD_ERRORS)
    return `${MAX_FIELD_ERRORS} or more invalid fields (the first ${MAX_FIELD_ERRORS} are listed)`
  return `${listed} invalid field${listed === 1 ? '' : 's'}`
}

/** Marks a schema's own error message, used instead of Ajv's for its value keywords. */
export const ERROR_MESSAGE = 'x-error-message'

function createAjv(schemas: Iterable<JsonObject>): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    verbose: true, // errors carry their schema, for messages and union refinement
    strict: true,
    strictTypes: false, // nullable unions (`type: [string, null]`) are normal in OpenAPI 3.1
    strictRequired: false,
    allowUnionTypes: true,
    discriminator: true,
    coerceTypes: false,
    useDefaults: false,
    removeAdditional: false,
  })
  addFormats.default(ajv)
  ajv.addVocabulary(['example', 'xml', 'externalDocs'])
  ajv.addKeyword({ keyword: ERROR_MESSAGE, schemaType: 'string' })
  for (const schema of schemas) ajv.addSchema(schema)
  // Compile now: a broken schema file fails start-up, not the first request.
  for (const schema of schemas) ajv.getSchema(String(schema['$id']))
  return ajv
}

// ---- parameter conversion -------------------------------------------------------------

type Kind = 'integer' | 'number' | 'boolean' | 'text' | { items: Kind }

function resolveRef(ajv: Ajv2020, schema: unknown): unknown {
  for (
    let hops = 0;
    isObject(schema) && typeof schema['$ref'] === 'string' && schema['type'] === undefined && hops < 8;
    hops++
  ) {
    try {
      schema = ajv.getSchema(schema['$ref'])?.schema
    } catch {
      return undefined
    }
  }
  return schema
}

function kindOf(ajv: Ajv2020, raw: unknown): Kind {
  const schema = resolveRef(ajv, raw)
  if (!isObject(schema)) return 'text'
  const type = schema['type']
  if (type === 'array') return { items: kindOf(ajv, schema['items']) }
  if (type === 'integer' || type === 'number' || type === 'boolean') return type
  return 'text'
}

const INTEGER = /^-?[0-9]{1,16}$/
const NUMBER = /^-?[0-9]{1,16}(\.[0-9]{1,16})?$/

function convert(value: unknown, kind: Kind): unknown {
  if (typeof kind === 'object') return (Array.isArray(value) ? value : [value]).map((v) => convert(v, kind.items))
  if (typeof value !== 'string') return value
  if ((kind === 'integer' && INTEGER.test(value)) || (kind === 'number' && NUMBER.test(value))) return Number(value)
  if (kind === 'boolean' && (value === 'true' || value === 'false')) return value === 'true'
  return value
}

function converterFor(ajv: Ajv2020, schema: unknown): (data: unknown) => unknown {
  const properties = isObject(schema) && isObject(schema['properties']) ? schema['properties'] : {}
  const plan = Object.entries(properties)
    .map(([name, s]) => [name, kindOf(ajv, s)] as const)
    .filter(([, kind]) => kind !== 'text')
  return (data) => {
    if (!isObject(data) || plan.length === 0) return data
    const out: JsonObject = { ...data }
    for (const [name, kind] of plan) if (name in out) out[name] = convert(out[name], kind)
    return out
  }
}

// ---- error messages ---------------------------------------------------------------------

const article = (word: string): string => (/^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`)
const typeWords = (type: unknown): string =>
  (Array.isArray(type) ? type : [type]).map((t) => (t === 'null' ? 'null' : article(String(t)))).join(' or ')
const withoutMustBe = (s: string): string => s.replace(/^must be /, '')

/** Keywords about the shape of a collection, where a schema's own message would mislead. */
const STRUCTURAL = new Set([
  'minItems',
  'maxItems',
  'uniqueItems',
  'contains',
  'minContains',
  'maxContains',
  'minProperties',
  'maxProperties',
])

/**
 * A decimal string refused only for its minus sign ("-5.00" where "5.00" passes): the message
 * says so rather than describe the whole format, which would hide what is wrong.
 */
function isNegativeOnly(e: ErrorObject): boolean {
  if (typeof e.data !== 'string' || !e.data.startsWith('-') || typeof e.schema !== 'string') return false
  try {
    return new RegExp(e.schema, 'u').test(e.data.slice(1))
  } catch {
    return false
  }
}

function messageOf(e: ErrorObject): string {
  switch (e.keyword) {
    case 'required':
      return 'is required'
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return 'is not an allowed field'
    case 'dependentRequired':
      return `is required when ${String(e.params['property'])} is present`
  }
  if (e.keyword === 'pattern' && isNegativeOnly(e))
    return 'must not be negative: give the amount or rate without a sign'
  const own: unknown = isObject(e.parentSchema) ? e.parentSchema[ERROR_MESSAGE] : undefined
  if (typeof own === 'string' && !STRUCTURAL.has(e.keyword)) return own
  switch (e.keyword) {
    case 'type':
      return `must be ${typeWords(e.params['type'])}`
    case 'enum':
      return `must be one of: ${(e.params['allowedValues'] as unknown[]).map(String).join(', ')}`
    case 'const':
      return `must be ${JSON.stringify(e.params['allowedValue'])}`
    case 'minimum':
      return `must be at least ${String(e.params['limit'])}`
    case 'maximum':
      return `must be at most ${String(e.params['limit'])}`
    case 'exclusiveMinimum':
      return `must be greater than ${String(e.params['limit'])}`
    default:
      return e.message ?? 'is invalid'
  }
}

function pointerOf(e: ErrorObject): string {
  const field = (name: unknown) => `${e.instancePath}/${pointerSegment(String(name))}`
  switch (e.keyword) {
    case 'required':
    case 'dependentRequired':
      return field(e.params['missingProperty'])
    case 'additionalProperties':
      return field(e.params['additionalProperty'])
    case 'unevaluatedProperties':
      return field(e.params['unevaluatedProperty'])
    case 'propertyNames':
      return field(e.params['propertyName'])
    default:
      return e.instancePath
  }
}

const depth = (path: string): number => (path === '' ? 0 : path.split('/').length)

/** A JSON pointer and its ancestors, shortest first: '', '/a', '/a/b'. */
function prefixes(path: string): string[] {
  const out = ['']
  for (let i = path.indexOf('/', 1); i !== -1; i = path.indexOf('/', i + 1)) out.push(path.slice(0, i))
  if (path !== '') out.push(path)
  return out
}

export function createValidation(contract: Contract): Validation {
  const ajv = createAjv(contract.schemas.values())

  const jsonTypeFits = (type: unknown, data: unknown): boolean => {
    const types = Array.isArray(type) ? type : [type]
    return types.some(
      (t) =>
        (t === 'null' && data === null) ||
        (t === 'array' && Array.isArray(data)) ||
        (t === 'object' && isObject(data)) ||
        (t === 'integer' && Number.isInteger(data)) ||
        (t === typeof data && t !== 'object'),
    )
  }

  /** Whether a union branch is the one the caller plausibly meant (same JSON type, same discriminators). */
  const fits = (raw: unknown, data: unknown): boolean => {
    const schema = resolveRef(ajv, raw)
    if (!isObject(schema)) return true
    if ('const' in schema) return schema['const'] === data
    if (schema['type'] !== undefined && !jsonTypeFits(schema['type'], data)) return false
    if (isObject(data) && isObject(schema['properties'])) {
      for (const [name, p] of Object.entries(schema['properties'])) {
        if (isObject(p) && 'const' in p && name in data && p['const'] !== data[name]) return false
      }
    }
    return true
  }

  const describe = (raw: unknown): string => {
    const schema = resolveRef(ajv, raw)
    if (!isObject(schema)) return 'a valid value'
    const own = schema[ERROR_MESSAGE]
    if (typeof own === 'string') return withoutMustBe(own)
    if ('const' in schema) return JSON.stringify(schema['const'])
    if (Array.isArray(schema['enum'])) return `one of: ${schema['enum'].map(String).join(', ')}`
    if (schema['type'] !== undefined) return typeWords(schema['type'])
    return typeof schema['title'] === 'string' ? article(schema['title']) : 'a valid value'
  }

  const describeWithFields = (raw: unknown): string => {
    const schema = resolveRef(ajv, raw)
    const required = isObject(schema) && Array.isArray(schema['required']) ? schema['required'].map(String) : []
    return required.length > 0 ? `an object with ${required.join(' and ')}` : describe(raw)
  }

  /** An object form whose required fields are all present and that allows every field given. */
  const fieldsFit = (raw: unknown, data: JsonObject): boolean => {
    const schema = resolveRef(ajv, raw)
    if (!isObject(schema)) return true
    const required = Array.isArray(schema['required']) ? schema['required'].map(String) : []
    if (!required.every((name) => name in data)) return false
    const properties = schema['properties']
    if (schema['additionalProperties'] === false && isObject(properties))
      return Object.keys(data).every((name) => name in properties)
    return true
  }

  /** A field every object form fixes to its own constant (a patch's `op`): the forms' tag. */
  const discriminatorOf = (branches: readonly unknown[]): { name: string; values: unknown[] } | undefined => {
    const consts = branches.map((b) => {
      const schema = resolveRef(ajv, b)
      const properties = isObject(schema) && isObject(schema['properties']) ? schema['properties'] : {}
      return new Map(
        Object.entries(properties)
          .map(([name, p]) => [name, resolveRef(ajv, p)] as const)
          .filter(([, p]) => isObject(p) && 'const' in p)
          .map(([name, p]) => [name, (p as JsonObject)['const']] as const),
      )
    })
    if (consts.length === 0) return undefined
    const name = [...consts[0]!.keys()].find((n) => consts.every((c) => c.has(n)))
    return name === undefined ? undefined : { name, values: consts.map((c) => c.get(name)) }
  }

  /** anyOf/oneOf: the errors of the one fitting branch, or one message naming the forms. */
  const unionErrors = (u: ErrorObject, level: number): Array<{ pointer: string; detail: string }> => {
    if (u.keyword === 'oneOf' && u.params['passingSchemas'] != null) {
      return [{ pointer: u.instancePath, detail: 'matches more than one of the allowed forms' }]
    }
    const branches = Array.isArray(u.schema) ? (u.schema as unknown[]) : []
    let fitting = branches.filter((b) => fits(b, u.data))
    // Object forms told apart by their fields: the one whose required fields are all given (and
    // no field it does not allow) is the one meant, so its own errors name the field and the rule.
    if (fitting.length > 1 && isObject(u.data)) {
      const byFields = fitting.filter((b) => fieldsFit(b, u.data as JsonObject))
      if (byFields.length > 0) fitting = byFields
    }
    if (fitting.length === 0 && isObject(u.data)) {
      const tag = discriminatorOf(branches)
      if (tag !== undefined) {
        const at = `${u.instancePath}/${pointerSegment(tag.name)}`
        return [
          tag.name in u.data
            ? { pointer: at, detail: `must be one of: ${tag.values.map(String).join(', ')}` }
            : { pointer: at, detail: 'is required' },
        ]
      }
    }
    if (fitting.length === 1 && level < 8) {
      try {
        const validate: ValidateFunction = ajv.compile(fitting[0] as AnySchema)
        if (!validate(u.data) && validate.errors) {
          const shifted = validate.errors.map((e) => ({ ...e, instancePath: u.instancePath + e.instancePath }))
          return collect(shifted, level + 1)
        }
      } catch {
        // a branch that cannot stand alone (local $ref): fall back to one message
      }
    }
    let forms = branches.map(describe)
    // Forms that read alike ("an object" three times) are told apart by their required fields.
    if (new Set(forms).size < forms.length) forms = branches.map(describeWithFields)
    return [{ pointer: u.instancePath, detail: `must be ${[...new Set(forms)].join(' or ')}` }]
  }

  const collect = (errors: readonly ErrorObject[], level: number): Array<{ pointer: string; detail: string }> => {
    // A failing union reports every branch's errors under its value: that is the noise.
    // Keep only the outermost union per value, and drop everything at or under it.
    const unions = new Map<string, ErrorObject>()
    const outermost = (path: string): ErrorObject | undefined => {
      for (const prefix of prefixes(path)) {
        const u = unions.get(prefix)
        if (u) return u
      }
      return undefined
    }
    const byDepth = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf')
    byDepth.sort((a, b) => depth(a.instancePath) - depth(b.instancePath))
    for (const u of byDepth) if (!outermost(u.instancePath)) unions.set(u.instancePath, u)
    return errors.flatMap((e) => {
      const u = outermost(e.instancePath)
      if (u === undefined) return [{ pointer: pointerOf(e), detail: messageOf(e) }]
      return u === e ? unionErrors(e, level) : []
    })
  }

  const fieldErrors = (errors: readonly ErrorObject[], part: string): FieldError[] => {
    const where =
      part === 'querystring' ? 'query' : part === 'params' ? 'path' : part === 'headers' ? 'header' : undefined
    const seen = new Set<string>()
    const out: FieldError[] = []
    for (const { pointer, detail } of collect(errors, 0)) {
      // A parameter is named by `/<name>`, whatever item of it was wrong.
      const p = where ? `/${pointer.split('/')[1] ?? ''}` : pointer
      if (seen.has(p)) continue
      seen.add(p)
      out.push(where ? { pointer: p, detail, in: where } : { pointer: p, detail })
      if (out.length === MAX_FIELD_ERRORS) break
    }
    return out
  }

  const compiler: FastifySchemaCompiler<AnySchema> = ({ schema, httpPart }) => {
    const validate = ajv.compile(schema)
    if (httpPart !== 'querystring' && httpPart !== 'params') return validate
    const toTyped = converterFor(ajv, schema)
    const validateParams = (data: unknown) => {
      const value = toTyped(data)
      if (validate(value)) return { value }
      validateParams.errors = validate.errors
      return false
    }
    validateParams.errors = null as ValidateFunction['errors']
    return validateParams
  }

  return { ajv, compiler, fieldErrors }
}

const memo = new WeakMap<Contract, Validation>()

/** One Ajv per contract: compiled validators are shared by every app built in the process. */
export function validationFor(contract: Contract): Validation {
  let v = memo.get(contract)
  if (!v) {
    v = createValidation(contract)
    memo.set(contract, v)
  }
  return v
}
