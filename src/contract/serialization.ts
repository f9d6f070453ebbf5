/**
 * Response serialization: fast-json-stringify over the contract's response schemas, each
 * compiled once per process (every app built from the same contract shares them).
 *
 * The schemas are the contract's, with one change of shape that keeps every byte: a nullable
 * reference, `anyOf: [{ $ref: 'X.json' }, { type: 'null' }]`, is serialized through a copy of X
 * marked `nullable: true`. fast-json-stringify serializes an `anyOf` by first validating the
 * value against each branch with Ajv (a whole RedemptionResult, ledger rows and all, per
 * response); a nullable schema is a null check. A value that is not null is written with X's
 * serializer either way.
 */
import fastJson from 'fast-json-stringify'
import type { FastifySerializerCompiler } from 'fastify'
import { isObject, type JsonObject } from './json.js'
import type { Contract } from './load.js'

const NULLABLE_SUFFIX = '.nullable.json'

/** The file referenced by `anyOf: [{ $ref: 'X.json' }, { type: 'null' }]` (either order), or undefined. */
function nullableReference(schema: JsonObject, schemas: ReadonlyMap<string, JsonObject>): string | undefined {
  const branches = schema['anyOf']
  if (!Array.isArray(branches) || branches.length !== 2 || Object.keys(schema).length !== 1) return undefined
  const single = (branches as unknown[]).filter((b): b is JsonObject => isObject(b) && Object.keys(b).length === 1)
  const ref = single.map((b) => b['$ref']).find((r): r is string => typeof r === 'string')
  const isNull = single.some((b) => b['type'] === 'null')
  const file = ref?.replace(/#$/, '')
  return isNull && file !== undefined && schemas.has(file) ? file : undefined
}

/** A deep copy of `value` with every nullable reference pointing at a nullable copy (noted in `wanted`). */
function reshape(value: unknown, schemas: ReadonlyMap<string, JsonObject>, wanted: Set<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => reshape(v, schemas, wanted))
  if (!isObject(value)) return value
  const file = nullableReference(value, schemas)
  if (file !== undefined) {
    wanted.add(file)
    return { $ref: file.replace(/\.json$/, NULLABLE_SUFFIX) }
  }
  const out: JsonObject = {}
  for (const [k, v] of Object.entries(value)) out[k] = reshape(v, schemas, wanted)
  return out
}

/** The external schemas for fast-json-stringify: every contract schema reshaped, plus the nullable copies used. */
function externalSchemas(contract: Contract, wanted: Set<string>): Record<string, JsonObject> {
  const external: Record<string, JsonObject> = {}
  for (const [id, schema] of contract.schemas) external[id] = reshape(schema, contract.schemas, wanted) as JsonObject
  for (const file of wanted) {
    const id = file.replace(/\.json$/, NULLABLE_SUFFIX)
    external[id] = { ...external[file]!, $id: id, nullable: true }
  }
  return external
}

type Serialize = (data: unknown) => string

const compiled = new WeakMap<Contract, Map<string, Serialize>>()

/** The serializer of a response schema from the contract (`{ $ref: 'ScenarioResult.json' }`), compiled once. */
export function serializerFor(contract: Contract, schema: unknown): Serialize {
  let cache = compiled.get(contract)
  if (cache === undefined) {
    cache = new Map()
    compiled.set(contract, cache)
  }
  const key = JSON.stringify(schema)
  let serialize = cache.get(key)
  if (serialize === undefined) {
    const wanted = new Set<string>()
    const root = reshape(schema, contract.schemas, wanted) as JsonObject
    // fast-json-stringify may annotate the schemas it is given: each build gets its own copies.
    const external = externalSchemas(contract, wanted) as unknown as fastJson.Options['schema']
    serialize = fastJson(root as fastJson.AnySchema, { schema: external }) as Serialize
    cache.set(key, serialize)
  }
  return serialize
}

/**
 * A Fastify serializer compiler for the routes of the contract (see addOperation): the
 * answer's UTF-8 bytes, not its text. fast-json-stringify builds the text by concatenation;
 * handed to Fastify as a string it is measured for Content-Length, then encoded again by the
 * socket, each pass walking the whole concatenation. A Buffer is measured by its length and
 * written as it is (measured on the case's 9.6 KB answer: 233 against 240 µs of server CPU a
 * request; Buffer.from, which measures first, 241).
 */
export function serializerCompilerFor(contract: Contract): FastifySerializerCompiler<unknown> {
  return ({ schema }) => {
    const serialize = serializerFor(contract, schema)
    return (data: unknown) => utf8(serialize(data)) as unknown as string
  }
}

const encoder = new TextEncoder()

/**
 * The UTF-8 bytes of a text, in one pass: encoded into room for the worst case (3 bytes a
 * UTF-16 unit) rather than measured first. The batch uses ChunkEncoder instead.
 */
export function utf8(text: string): Buffer {
  const bytes = Buffer.allocUnsafe(text.length * 3)
  return bytes.subarray(0, encoder.encodeInto(text, bytes).written)
}

/**
 * Texts encoded one after another into chunks of `size` bytes, straight into the chunk: no
 * buffer per text and no copy to join them (a 10,000-note batch encodes about 100 MB).
 * Encode each text as soon as it is made: fast-json-stringify builds its text by
 * concatenation, and encoding a concatenation of many such texts (one deep rope) cost about
 * three times as much as encoding each on its own (measured on the benchmark's notes).
 */
export class ChunkEncoder {
  private chunk: Buffer
  private used = 0

  constructor(private readonly size: number) {
    this.chunk = Buffer.allocUnsafe(size)
  }

  /** Encodes `text`; returns the chunks it filled, to send (usually none). */
  write(text: string): Buffer[] {
    const full: Buffer[] = []
    let rest = text
    for (;;) {
      const { read, written } = encoder.encodeInto(rest, this.chunk.subarray(this.used))
      this.used += written
      if (read === rest.length) return full
      // Full (encodeInto stops before a character that does not fit whole): hand it over.
      full.push(this.chunk.subarray(0, this.used))
      this.chunk = Buffer.allocUnsafe(this.size)
      this.used = 0
      rest = rest.slice(read)
    }
  }

  /** What is encoded and not yet handed over. */
  end(): Buffer {
    const last = this.chunk.subarray(0, this.used)
    this.chunk = Buffer.allocUnsafe(0)
    this.used = 0
    return last
  }
}
